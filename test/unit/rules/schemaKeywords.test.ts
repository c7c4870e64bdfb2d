import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { expectClean, expectFinding } from './structureKit';

const IDS = ['type-format-recognized', 'file-type-position', 'string-binary-position', 'array-items-required', 'schema-required-list', 'readonly-required-input', 'enum-valid', 'default-matches-type', 'numeric-keywords-valid', 'bounds-ordered', 'pattern-valid-regex', 'discriminator-required-string', 'allow-empty-value-location', 'collection-format-supported', 'swagger-keyword-unsupported'];

describe('rules: schema keywords', () => {
  it('the base connector is clean for every schema-keyword rule', () => {
    const r = validate({ definition: baseDefinition(), properties: baseProperties() }, { profile: 'certification' });
    for (const id of IDS) assert.deepEqual(only(r.all, id), [], id);
  });

  it('type-format-recognized: unknown formats and formats of another type are warnings', () => {
    expectFinding('type-format-recognized', (d) => (d.definitions.Task.properties.id.format = 'guid'), { severity: 'warning', at: '"guid"', count: 1 });
    expectFinding('type-format-recognized', (d) => (d.definitions.Task.properties.id = { type: 'integer', format: 'date-time' }), { severity: 'warning', message: /does not apply to type "integer"/ });
    expectClean('type-format-recognized', (d) => (d.definitions.Task.properties.due = { type: 'string', format: 'date-no-tz' }));
  });

  it('file-type-position: file outside formData parameters and response roots', () => {
    expectFinding('file-type-position', (d) => (d.definitions.Task.properties.attachment = { type: 'file' }), { at: '"file"', count: 1 });
    expectFinding('file-type-position', (d) => (d.paths['/tasks/{taskId}'].get.parameters[0].type = 'file'), { message: /"in": "formData"/ });
    expectClean('file-type-position', (d) => (d.paths['/tasks/{taskId}'].get.responses['200'].schema = { type: 'file' }));
  });

  it('string-binary-position: a binary string nested inside an inline body schema', () => {
    // Accepted connectors carry it (the platform sends the field as text): warning.
    expectFinding('string-binary-position', (d) => (d.paths['/tasks'].post.parameters[0].schema = { type: 'object', properties: { content: { type: 'string', format: 'binary' } } }), { at: '"binary"', count: 1, severity: 'warning' });
    expectClean('string-binary-position', (d) => (d.paths['/tasks'].post.parameters[0].schema = { type: 'string', format: 'binary' }));
  });

  it('array-items-required: schema, parameter and header arrays without items', () => {
    // Accepted connectors carry arrays without items (untyped elements): warning.
    expectFinding('array-items-required', (d) => (d.definitions.Task.properties.tags = { type: 'array' }), { at: '"array"', message: /without "items"/, count: 1, severity: 'warning' });
    expectFinding('array-items-required', (d) => (d.paths['/tasks/{taskId}'].get.parameters.push({ name: 'ids', in: 'query', type: 'array' })), { message: /Parameter "ids"/, severity: 'warning' });
    expectFinding('array-items-required', (d) => (d.paths['/tasks'].post.responses['201'].headers = { 'X-Ids': { type: 'array' } }), { count: 1, severity: 'warning' });
    expectClean('array-items-required', (d) => (d.definitions.Task.properties.tags = { type: 'array', items: { type: 'string' } }));
  });

  it('schema-required-list: empty, on a non-object, and naming an undefined property', () => {
    // Accepted connectors carry all three (Microsoft lets them through): warning.
    expectFinding('schema-required-list', (d) => (d.definitions.Task.required = []), { at: '[', count: 1, severity: 'warning' });
    expectFinding('schema-required-list', (d) => (d.definitions.Task.properties.title.required = ['x']), { message: /type "string"/, severity: 'warning' });
    expectFinding('schema-required-list', (d) => (d.definitions.Task.required = ['id', 'titel']), { at: '"titel"', count: 1, severity: 'warning' });
    expectClean('schema-required-list', (d) => (d.definitions.Task.required = ['id', 'title']));
  });

  it('readonly-required-input: read-only required properties in request schemas only', () => {
    expectFinding('readonly-required-input', (d) => ((d.definitions.Task.required = ['id']), (d.definitions.Task.properties.id.readOnly = true)), { at: '"readOnly"', message: /"id"/, count: 1 });
    expectClean('readonly-required-input', (d) => {
      d.definitions.Out = { type: 'object', required: ['id'], properties: { id: { type: 'string', readOnly: true } } };
      d.paths['/tasks/{taskId}'].get.responses['200'].schema = { $ref: '#/definitions/Out' };
    });
  });

  it('enum-valid: empty enum and values of another type', () => {
    expectFinding('enum-valid', (d) => (d.definitions.Task.properties.title.enum = []), { at: '[', message: /empty/, count: 1 });
    expectFinding('enum-valid', (d) => (d.definitions.Task.properties.n = { type: 'integer', enum: [1, 'two'] }), { at: '"two"', count: 1 });
    expectClean('enum-valid', (d) => (d.definitions.Task.properties.flag = { type: 'boolean', enum: ['true', false] }));
  });

  it('default-matches-type: default of another type, or outside the enum', () => {
    expectFinding('default-matches-type', (d) => (d.definitions.Task.properties.n = { type: 'integer', default: 'ten' }), { at: '"ten"', count: 1 });
    expectFinding('default-matches-type', (d) => (d.definitions.Task.properties.c = { type: 'string', enum: ['red', 'blue'], default: 'green' }), { message: /not one of the "enum" values/ });
    expectClean('default-matches-type', (d) => (d.definitions.Task.properties.n = { type: 'integer', enum: [0, 1], default: '0' }));
  });

  it('numeric-keywords-valid and bounds-ordered', () => {
    expectFinding('numeric-keywords-valid', (d) => (d.definitions.Task.properties.n = { type: 'number', multipleOf: 0 }), { at: '0', count: 1 });
    expectFinding('numeric-keywords-valid', (d) => (d.definitions.Task.properties.n = { type: 'number', exclusiveMaximum: true }), { message: /needs "maximum"/ });
    // exclusiveMaximum: false is the default ("not exclusive"): accepted without maximum.
    expectClean('numeric-keywords-valid', (d) => (d.definitions.Task.properties.n = { type: 'number', exclusiveMaximum: false, exclusiveMinimum: false }));
    expectFinding('numeric-keywords-valid', (d) => (d.definitions.Task.properties.title.maxLength = -1), { at: '-1' });
    expectFinding('bounds-ordered', (d) => (d.definitions.Task.properties.title.minLength = 5, d.definitions.Task.properties.title.maxLength = 2), { at: '5', message: /"minLength" \(5\) is greater than "maxLength" \(2\)/, count: 1 });
    expectClean('bounds-ordered', (d) => (d.definitions.Task.properties.n = { type: 'number', minimum: 1, maximum: 1 }));
  });

  it('pattern-valid-regex: invalid patterns, .NET inline options tolerated', () => {
    expectFinding('pattern-valid-regex', (d) => (d.definitions.Task.properties.title.pattern = '([a-z]+'), { at: '"([a-z]+"', count: 1 });
    expectClean('pattern-valid-regex', (d) => (d.definitions.Task.properties.title.pattern = '(?i)^[a-z]+\\z'));
  });

  it('discriminator-required-string: undeclared, non-string and not-required discriminators', () => {
    expectFinding('discriminator-required-string', (d) => (d.definitions.Task.discriminator = 'kind'), { at: '"kind"', message: /not declared/, count: 1 });
    expectFinding('discriminator-required-string', (d) => ((d.definitions.Task.discriminator = 'id'), (d.definitions.Task.properties.id.type = 'integer')), { message: /must be a string/ });
    expectFinding('discriminator-required-string', (d) => (d.definitions.Task.discriminator = 'id'), { message: /listed in "required"/ });
    expectClean('discriminator-required-string', (d) => ((d.definitions.Task.discriminator = 'id'), (d.definitions.Task.required = ['id'])));
  });

  it('allow-empty-value-location and collection-format-supported', () => {
    expectFinding('allow-empty-value-location', (d) => (d.paths['/tasks/{taskId}'].get.parameters[0].allowEmptyValue = true), { at: '"allowEmptyValue"', message: /not "path"/, count: 1 });
    expectClean('allow-empty-value-location', (d) => d.paths['/tasks/{taskId}'].get.parameters.push({ name: 'q', in: 'query', type: 'string', allowEmptyValue: true }));
    expectFinding('collection-format-supported', (d) => d.paths['/tasks/{taskId}'].get.parameters.push({ name: 'ids', in: 'header', type: 'array', items: { type: 'string' }, collectionFormat: 'multi' }), { at: '"multi"', count: 1 });
    expectFinding('collection-format-supported', (d) => d.paths['/tasks/{taskId}'].get.parameters.push({ name: 'ids', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'comma' }), { at: '"comma"' });
    expectClean('collection-format-supported', (d) => d.paths['/tasks/{taskId}'].get.parameters.push({ name: 'ids', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'multi' }));
  });

  it('swagger-keyword-unsupported: JSON Schema/OpenAPI 3 keywords in a schema', () => {
    expectFinding('swagger-keyword-unsupported', (d) => (d.definitions.Task.properties.title.nullable = true), { at: '"nullable"', message: /x-nullable/, count: 1 });
    expectFinding('swagger-keyword-unsupported', (d) => (d.definitions.Task.properties.v = { oneOf: [{ type: 'string' }, { type: 'integer' }] }), { at: '"oneOf"' });
    expectClean('swagger-keyword-unsupported', (d) => (d.definitions.Task.properties.title['x-nullable'] = true));
  });

  it('schema walks are depth-capped and survive wrong types everywhere', () => {
    const def = baseDefinition();
    let s: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 800; i++) s = { type: 'object', properties: { a: s } };
    def.definitions.Deep = s;
    def.definitions.Odd = { type: 'array', items: [1, null], properties: 'x', required: [1, {}], enum: 'x', allOf: {} };
    def.paths['/tasks'].post.parameters.push(null, 3, { in: 'query', type: ['array'] });
    const r = validate({ definition: def });
    assert.ok(Array.isArray(r.definition));
  });
});
