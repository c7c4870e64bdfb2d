import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectFormat, inferSchema, inferSchemaFromExamples, type SwaggerSchema } from '../../../shared/src/schema/inferSchema';

const TYPES = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array']);

/** Swagger 2.0 rules every inferred schema must keep, checked recursively. */
function assertValidSwagger2(s: SwaggerSchema, at = '#'): void {
  if (s.type !== undefined) assert.ok(typeof s.type === 'string' && TYPES.has(s.type), `${at}: bad type ${JSON.stringify(s.type)}`);
  if (s.type === 'array') {
    assert.ok(s.items, `${at}: array without items`);
    assertValidSwagger2(s.items, `${at}/items`);
  }
  if (s.required !== undefined) {
    assert.equal(s.type, 'object', `${at}: required on a non-object`);
    assert.ok(s.required.length > 0, `${at}: empty required`);
    for (const r of s.required) assert.ok(s.properties && r in s.properties, `${at}: required ${r} not in properties`);
    assert.equal(new Set(s.required).size, s.required.length, `${at}: duplicate required`);
  }
  if (s['x-nullable'] !== undefined) assert.equal(s['x-nullable'], true);
  for (const [k, p] of Object.entries(s.properties ?? {})) assertValidSwagger2(p, `${at}/properties/${k}`);
}

describe('postman: inferSchema', () => {
  it('maps primitive values to Swagger types', () => {
    assert.deepEqual(inferSchema('a'), { type: 'string' });
    assert.deepEqual(inferSchema(3), { type: 'integer' });
    assert.deepEqual(inferSchema(3.5), { type: 'number' });
    assert.deepEqual(inferSchema(true), { type: 'boolean' });
  });

  it('widens integers and numbers to number', () => {
    assert.deepEqual(inferSchemaFromExamples([1, 2.5, 3]), { type: 'number' });
  });

  it('omits the type on a real conflict instead of writing a type array', () => {
    const s = inferSchemaFromExamples(['a', { b: 1 }]);
    assert.equal(s.type, undefined);
    assert.equal(s.properties, undefined);
  });

  it('marks null as x-nullable (Swagger 2.0 has no null type)', () => {
    assert.deepEqual(inferSchemaFromExamples(['a', null]), { type: 'string', 'x-nullable': true });
    assert.deepEqual(inferSchema(null), { type: 'string', 'x-nullable': true });
  });

  it('unions object properties in first-seen order and requires only those in every example', () => {
    const s = inferSchemaFromExamples([
      { id: 1, name: 'a', note: null },
      { id: 2, extra: true, note: 'x', name: 'b' },
    ]);
    assert.deepEqual(Object.keys(s.properties!), ['id', 'name', 'note', 'extra']);
    assert.deepEqual(s.required, ['id', 'name']);
    assert.deepEqual(s.properties!.note, { type: 'string', 'x-nullable': true });
  });

  it('does not guess `required` from a single example', () => {
    const s = inferSchema({ id: 1 });
    assert.equal(s.required, undefined);
    assert.deepEqual(inferSchema({ id: 1 }, { required: 'never' }).required, undefined);
    assert.equal(inferSchemaFromExamples([{ id: 1 }, { id: 2 }], { required: 'never' }).required, undefined);
  });

  it('merges array items across elements and examples; empty arrays get items {}', () => {
    const s = inferSchemaFromExamples([[{ a: 1 }], [{ a: 2, b: 'x' }, { a: 3 }]]);
    assert.equal(s.type, 'array');
    assert.deepEqual(s.items, { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'string' } }, required: ['a'] });
    assert.deepEqual(inferSchema([]), { type: 'array', items: {} });
  });

  it('detects date-time, date, email, uri and uuid formats, and drops a format the examples disagree on', () => {
    assert.equal(detectFormat('2024-05-01T10:00:00Z'), 'date-time');
    assert.equal(detectFormat('2024-05-01T10:00:00.123+02:00'), 'date-time');
    assert.equal(detectFormat('2024-05-01'), 'date');
    assert.equal(detectFormat('ann@contoso.com'), 'email');
    assert.equal(detectFormat('https://contoso.com/a?b=c'), 'uri');
    assert.equal(detectFormat('9b2e4c1a-5d6f-4a7b-8c9d-0e1f2a3b4c5d'), 'uuid');
    assert.equal(detectFormat('hello world'), '');
    assert.equal(detectFormat('2024-13-45'), '');
    assert.deepEqual(inferSchemaFromExamples(['2024-05-01', '2024-06-01']), { type: 'string', format: 'date' });
    assert.deepEqual(inferSchemaFromExamples(['2024-05-01', 'soon']), { type: 'string' });
  });

  it('is deterministic', () => {
    const examples = [{ b: [1, { c: null }], a: 'x' }, { a: 'y', d: 1.5 }];
    assert.equal(JSON.stringify(inferSchemaFromExamples(examples)), JSON.stringify(inferSchemaFromExamples(structuredClone(examples))));
  });

  it('cuts off very deep nesting without throwing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { x: deep };
    const s = inferSchema(deep, { maxDepth: 10 });
    assertValidSwagger2(s);
    let node: SwaggerSchema | undefined = s;
    let depth = 0;
    while (node?.properties?.x) {
      node = node.properties.x;
      depth++;
    }
    assert.ok(depth <= 11, `depth ${depth}`);
  });

  it('always yields a valid Swagger 2.0 schema (property-based)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }), (values) => {
        assertValidSwagger2(inferSchemaFromExamples(values));
      }),
      { numRuns: 300 },
    );
  });
});
