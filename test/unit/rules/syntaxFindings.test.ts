// The parser's own findings (family 1): each reported with its rule id at the right place, and
// the tolerable ones (BOM, duplicate keys) leave the rules running.
import * as assert from 'node:assert/strict';
import { baseDefinition, only, validate } from '../ruleTestKit';

const clean = JSON.stringify(baseDefinition(), null, 4);

describe('rules: JSON syntax findings', () => {
  it('the base definition has none of them', () => {
    const r = validate({ definition: clean });
    for (const id of ['json-bom', 'json-control-character', 'json-trailing-content', 'json-duplicate-key', 'json-parse-error']) assert.deepEqual(only(r.definition, id), [], id);
  });

  it('json-bom: info at the start, and the rest is still validated', () => {
    const def = baseDefinition();
    delete def.paths['/tasks'].post.operationId;
    const r = validate({ definition: '\uFEFF' + JSON.stringify(def, null, 4) });
    const bom = only(r.definition, 'json-bom');
    assert.equal(bom.length, 1);
    assert.equal(bom[0].severity, 'info');
    assert.deepEqual(bom[0].range.start, { line: 0, character: 0 });
    assert.equal(only(r.definition, 'json-parse-error').length, 0);
    assert.equal(only(r.definition, 'operation-id-required').length, 1, 'rules still run');
  });

  it('json-control-character: a raw tab inside a string is an error on its line', () => {
    const text = clean.replace('"Contoso Tasks"', '"Contoso\tTasks"');
    const found = only(validate({ definition: text }).definition, 'json-control-character');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.equal(found[0].range.start.line, text.split('\n').findIndex((l) => l.includes('Contoso\tTasks')));
  });

  it('json-trailing-content: a second object pasted after the root', () => {
    const text = clean + '\n{ "swagger": "2.0" }\n';
    const found = only(validate({ definition: text }).definition, 'json-trailing-content');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.equal(found[0].range.start.line, clean.split('\n').length);
  });

  it('json-duplicate-key: the later key is reported as a warning; validation continues', () => {
    const text = clean.replace('"host": "api.contoso.com",', '"host": "api.contoso.com",\n    "host": "api2.contoso.com",');
    const r = validate({ definition: text });
    const found = only(r.definition, 'json-duplicate-key');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.equal(found[0].range.start.line, text.split('\n').findIndex((l) => l.includes('api2.contoso.com')));
    assert.match(found[0].message, /"host"/);
  });

  it('json-duplicate-key in YAML too', () => {
    const yaml = 'swagger: "2.0"\ninfo:\n  title: T\n  title: U\n  version: "1"\npaths: {}\n';
    const found = only(validate({ definition: yaml, definitionName: 'api.yaml' }).definition, 'json-duplicate-key');
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 3);
  });
});
