import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { expectClean, expectFinding } from './structureKit';

const IDS = ['definition-size', 'schema-count-object', 'schema-count-operation', 'schema-count-total', 'schema-depth', 'operation-count'];

describe('rules: size and counts', () => {
  it('the base connector is clean under the default thresholds', () => {
    const r = validate({ definition: baseDefinition(), properties: baseProperties() }, { profile: 'certification' });
    for (const id of IDS) assert.deepEqual(only(r.all, id), [], id);
  });

  it('definition-size: byte length over maxDefinitionBytes is a warning in both profiles (an accepted certified connector is over 1 MB)', () => {
    const d = expectFinding('definition-size', () => undefined, { severity: 'warning', config: { options: { maxDefinitionBytes: 500 } }, message: /over the 500 bytes limit/, count: 1 });
    assert.deepEqual(d[0].range.start, { line: 0, character: 0 });
    expectFinding('definition-size', () => undefined, { severity: 'warning', config: { profile: 'certification', options: { maxDefinitionBytes: 500 } } });
    expectClean('definition-size', () => undefined);
  });

  it('definition-size counts UTF-8 bytes and also runs when the file does not parse', () => {
    const text = '{"swagger": "2.0", "x": "' + 'é'.repeat(300) + '"'; // 600 bytes of é, 300 characters, broken JSON
    const r = validate({ definition: text }, { options: { maxDefinitionBytes: 500 } });
    assert.equal(only(r.definition, 'definition-size').length, 1);
    assert.ok(only(r.definition, 'json-parse-error').length >= 1);
  });

  it('schema-count-object: a body schema expanding past the limit (through $ref)', () => {
    expectFinding(
      'schema-count-object',
      (d) => {
        d.definitions.Task.properties.sub = { type: 'array', items: { $ref: '#/definitions/Sub' } };
        d.definitions.Sub = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } } };
      },
      { config: { options: { maxSchemasPerObject: 5 } }, message: /expands to \d+ schemas/, at: /"schema"|"Task"|"Sub"/ },
    );
  });

  it('schema-count-operation, schema-count-total and operation-count with small thresholds', () => {
    expectFinding('schema-count-operation', () => undefined, { config: { options: { maxSchemasPerOperation: 4 } }, at: '"post"', message: /POST \/tasks uses \d+ schemas/, count: 1 });
    expectFinding('schema-count-total', () => undefined, { config: { options: { maxSchemasTotal: 2 } }, at: '"definitions"', count: 1 });
    expectFinding('operation-count', () => undefined, { config: { options: { maxOperations: 1 } }, at: '"paths"', message: /2 operations/, count: 1 });
  });

  it('schema-depth counts through $ref and stops at recursion', () => {
    expectFinding(
      'schema-depth',
      (d) => {
        d.definitions.A = { type: 'object', properties: { b: { $ref: '#/definitions/B' } } };
        d.definitions.B = { type: 'object', properties: { c: { type: 'object', properties: { d: { type: 'string' } } } } };
      },
      { config: { options: { maxSchemaDepth: 3 } }, message: /nests 4 levels/, at: '"A"' },
    );
    // A recursive tree is not infinitely deep.
    expectClean('schema-depth', (d) => (d.definitions.Node = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/Node' } } } }));
  });
});
