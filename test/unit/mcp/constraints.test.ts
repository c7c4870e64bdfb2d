// Copilot Studio's tool constraints (no $ref, single types, no anyOf/oneOf, tool count), each named
// with the tool and the JSON pointer; the pointer is checked with an independent reader (jsonpointer).
import * as assert from 'node:assert/strict';
import jsonpointer from 'jsonpointer';
import { checkToolConstraints, readToolArguments, toolFormFields } from '../../../shared/src/mcp';

const clean = { name: 'clean', inputSchema: { type: 'object', properties: { q: { type: 'string' }, n: { type: 'integer' } }, required: ['q'] } };

describe('MCP tool constraints (Copilot Studio)', () => {
  it('a clean tool has no violation', () => {
    assert.deepEqual(checkToolConstraints([clean]), []);
  });

  it('names $ref, type arrays, anyOf and oneOf with the tool and a pointer that resolves', () => {
    const tool = {
      name: 'messy',
      inputSchema: {
        type: 'object',
        properties: {
          a: { $ref: '#/$defs/A' },
          b: { type: ['string', 'null'] },
          c: { anyOf: [{ type: 'string' }, { type: 'number' }] },
          'd/e': { type: 'object', properties: { f: { oneOf: [{ type: 'string' }] } } },
          // Property NAMES that look like keywords are not keywords.
          $ref: { type: 'string' },
          anyOf: { type: 'string', enum: ['$ref'], default: { type: ['x'] } },
        },
        $defs: { A: { type: 'string' } },
      },
      outputSchema: { type: 'object', properties: { r: { type: ['number', 'string'] } } },
    };
    const v = checkToolConstraints([tool]);
    assert.deepEqual(
      v.map((x) => `${x.rule} ${x.pointer}`),
      [
        'mcp-tool-ref /inputSchema/properties/a/$ref',
        'mcp-tool-type-array /inputSchema/properties/b/type',
        'mcp-tool-any-of /inputSchema/properties/c/anyOf',
        'mcp-tool-one-of /inputSchema/properties/d~1e/properties/f/oneOf',
        'mcp-tool-type-array /outputSchema/properties/r/type',
      ],
    );
    for (const x of v) {
      assert.equal(x.tool, 'messy');
      assert.ok(x.message.includes('"messy"') && x.message.includes(x.pointer), x.message);
      assert.notEqual(jsonpointer.get(tool, x.pointer), undefined, `${x.pointer} does not resolve`);
    }
    assert.match(v[1].message, /Use "type": "string" and leave the property out of "required"/);
  });

  it('the tool count: default 128, a setting', () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ ...clean, name: `t${i}` }));
    const v = checkToolConstraints(many);
    assert.deepEqual(v.map((x) => x.rule), ['mcp-tool-count']);
    assert.match(v[0].message, /130 tools; an agent takes at most 128.*so 2 would be left out/);
    assert.deepEqual(checkToolConstraints(many.slice(0, 128)), []);
    assert.equal(checkToolConstraints(many.slice(0, 5), { maxTools: 4 }).length, 1);
  });

  it('hostile: a very deep schema and a huge one end in a budget finding, fast', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 10_000; i++) deep = { type: 'object', properties: { x: deep } };
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`p${i}`, { type: 'string' }])) };
    const started = Date.now();
    const v = checkToolConstraints([{ name: 'deep', inputSchema: deep }, { name: 'wide', inputSchema: wide }]);
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
    assert.deepEqual(v.map((x) => `${x.rule} ${x.tool}`), ['mcp-tool-schema-budget deep', 'mcp-tool-schema-budget wide']);
  });

  it('the tool form: fields from the input schema, arguments parsed by type', () => {
    const fields = toolFormFields({ type: 'object', properties: { q: { type: 'string', description: 'Text' }, n: { type: 'integer' }, on: { type: 'boolean' }, tags: { type: 'array' }, due: { type: ['string', 'null'] } }, required: ['q'] });
    assert.deepEqual(fields.map((f) => `${f.name}:${f.type}:${f.required}`), ['q:string:true', 'n:integer:false', 'on:boolean:false', 'tags:array:false', 'due:string:false']);
    assert.deepEqual(readToolArguments(fields, { q: 'x', n: '3', on: 'true', tags: '["a"]', due: '' }), { args: { q: 'x', n: 3, on: true, tags: ['a'] }, problems: [] });
    assert.deepEqual(readToolArguments(fields, { n: '1.5', on: 'yes', tags: '[' }).problems, ['q is required.', 'n must be an integer.', 'on must be true or false.', 'tags must be JSON (array).']);
    assert.deepEqual(toolFormFields(null), []);
    assert.deepEqual(toolFormFields({ properties: [1, 2] }), []);
  });
});
