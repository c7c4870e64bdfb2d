import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';

describe('rules: operations', () => {
  it('the base connector passes operation-id-required and operation-id-unique', () => {
    const r = validate({ definition: baseDefinition(), properties: baseProperties() });
    assert.deepEqual(only(r.all, 'operation-id-required'), []);
    assert.deepEqual(only(r.all, 'operation-id-unique'), []);
  });

  it('operation-id-required: an operation without operationId is reported on its method key', () => {
    const def = baseDefinition();
    delete def.paths['/tasks'].post.operationId;
    const found = only(validate({ definition: def }).definition, 'operation-id-required');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /POST \/tasks/);
  });

  it('operation-id-unique: the second use of an id is reported at its value', () => {
    const def = baseDefinition();
    def.paths['/tasks'].post.operationId = 'GetTask';
    const found = only(validate({ definition: def }).definition, 'operation-id-unique');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /"GetTask" is already used by GET \/tasks\/\{taskId\}/);
  });
});
