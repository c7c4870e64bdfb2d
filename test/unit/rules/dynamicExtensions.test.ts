import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { dynDefinition } from './ruleFixtures';


const dv = (def: Record<string, any>) => def.paths['/tasks'].post.parameters[1]['x-ms-dynamic-values'];

describe('rules: dynamic extensions (references)', () => {
  it('a correct x-ms-dynamic-values passes every dynamic rule', () => {
    const r = validate({ definition: dynDefinition(), properties: baseProperties() });
    assert.deepEqual(r.all.filter((d) => /^dynamic|selected-item|file-picker-needs/.test(d.ruleId)), []);
  });

  it('dynamic-operation-exists: a missing operationId is an error on the operationId value', () => {
    const def = dynDefinition();
    dv(def).operationId = 'ListProjectz';
    const found = only(validate({ definition: def }).definition, 'dynamic-operation-exists');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /"ListProjectz"/);
    // The underline sits on the operationId value inside x-ms-dynamic-values.
    const line = JSON.stringify(def, null, 4).split('\n')[found[0].range.start.line];
    assert.match(line, /"operationId": "ListProjectz"/);
    assert.ok(line.indexOf('"ListProjectz"') === found[0].range.start.character);
  });

  it('dynamic-param-names-exist: an unknown target parameter key is reported', () => {
    const def = dynDefinition();
    dv(def).parameters.team = 'x';
    const found = only(validate({ definition: def }).definition, 'dynamic-param-names-exist');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /"team" is not a parameter of ListProjects.*workspace/);
  });

  it('dynamic-param-names-exist: a {parameter} reference to a missing source parameter is reported', () => {
    const def = dynDefinition();
    dv(def).parameters.workspace = { parameter: 'workspaceId' };
    const found = only(validate({ definition: def }).definition, 'dynamic-param-names-exist');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /"workspaceId" is neither a parameter nor a body property of CreateTask/);
  });

  it('dynamic-target-required-params: a required target parameter that is not supplied is reported', () => {
    const def = dynDefinition();
    dv(def).parameters = {};
    const found = only(validate({ definition: def }).definition, 'dynamic-target-required-params');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /required parameter "workspace" of ListProjects/);
  });

  it('dynamic-target-required-params: a target parameter with a default need not be supplied', () => {
    const def = dynDefinition();
    dv(def).parameters = {};
    def.paths['/projects'].get.parameters[0].default = 'main';
    assert.deepEqual(only(validate({ definition: def }).definition, 'dynamic-target-required-params'), []);
  });

  it('dynamic-collection-array: a value-collection not in the response schema is reported', () => {
    const def = dynDefinition();
    dv(def)['value-collection'] = 'items';
    const found = only(validate({ definition: def }).definition, 'dynamic-collection-array');
    assert.equal(found.length, 1);
    // Microsoft's pipeline lets InvokedOperationShouldProduceArray through (accepted connectors have it): warning.
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /"items" is not in the 200 response of ListProjects.*known: value, count/);
  });

  it('dynamic-collection-array: a value-collection that is not an array is reported', () => {
    const def = dynDefinition();
    dv(def)['value-collection'] = 'count';
    assert.match(only(validate({ definition: def }).definition, 'dynamic-collection-array')[0]?.message ?? '', /integer.*not an array/);
  });

  it('dynamic-path-property: value-path must name a property of the items (case-insensitive, as the platform reads)', () => {
    const def = dynDefinition();
    dv(def)['value-title'] = 'Name';
    assert.deepEqual(only(validate({ definition: def }).definition, 'dynamic-path-property'), []);
    dv(def)['value-path'] = 'identifier';
    const found = only(validate({ definition: def }).definition, 'dynamic-path-property');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /value-path "identifier".*known: id, name/);
  });

  it('dynamic-path-property: an x-ms-dynamic-schema value-path that is not in the response is reported', () => {
    const def = dynDefinition();
    def.paths['/tasks'].post.parameters[2].schema = {
      'x-ms-dynamic-schema': { operationId: 'GetProjectSchema', parameters: { projectId: { parameter: 'project' } }, 'value-path': 'schemas' },
    };
    const found = only(validate({ definition: def }).definition, 'dynamic-path-property');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /value-path "schemas" does not resolve in the 200 response of GetProjectSchema/);
    def.paths['/tasks'].post.parameters[2].schema['x-ms-dynamic-schema']['value-path'] = 'schema';
    assert.deepEqual(only(validate({ definition: def }).definition, 'dynamic-path-property'), []);
  });

  it('dynamic-static-type-mismatch and dynamic-param-type-mismatch compare types', () => {
    const def = dynDefinition();
    def.paths['/projects'].get.parameters.push({ name: 'top', in: 'query', type: 'integer', 'x-ms-summary': 'Top', description: 'Max.' });
    dv(def).parameters.top = 'many';
    const r = validate({ definition: def }).definition;
    assert.equal(only(r, 'dynamic-static-type-mismatch').length, 1);
    dv(def).parameters.top = { parameter: 'workspace' };
    assert.match(only(validate({ definition: def }).definition, 'dynamic-param-type-mismatch')[0]?.message ?? '', /type string but feeds "top".*integer/);
  });

  it('dynamic-source-internal: referencing an internal source parameter without default is reported', () => {
    const def = dynDefinition();
    def.paths['/tasks'].post.parameters[0]['x-ms-visibility'] = 'internal';
    assert.equal(only(validate({ definition: def }).definition, 'dynamic-source-internal').length, 1);
  });

  it('dynamic-param-required-mismatch: a required target fed from an optional source is a warning', () => {
    const def = dynDefinition();
    def.paths['/tasks'].post.parameters[0].required = false;
    const found = only(validate({ definition: def }).definition, 'dynamic-param-required-mismatch');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
  });

  it('dynamic-param-ambiguous: a reference naming both a parameter and a body property is an error', () => {
    const def = dynDefinition();
    def.paths['/tasks'].post.parameters[2].schema = { type: 'object', properties: { workspace: { type: 'string' }, title: { type: 'string' } } };
    const found = only(validate({ definition: def }).definition, 'dynamic-param-ambiguous');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /"workspace" names both a parameter and a body property of CreateTask/);
    assert.deepEqual(only(validate({ definition: dynDefinition() }).definition, 'dynamic-param-ambiguous'), []);
  });

  it('never throws on odd values', () => {
    const def = dynDefinition();
    dv(def).parameters = [1, null];
    def.paths['/tasks'].post.parameters[0]['x-ms-dynamic-values'] = null;
    def.paths['/tasks'].post.parameters[0]['x-ms-dynamic-tree'] = { open: 3, browse: [] };
    def.paths['/tasks'].post.parameters[0]['x-ms-dynamic-schema'] = { operationId: 'ListProjects', 'value-path': 7 };
    validate({ definition: def });
  });

  it('10,000-deep nesting does not overflow the stack', () => {
    const def = dynDefinition();
    def.definitions.Deep = '@DEEP@';
    // Built as text: JSON.stringify itself recurses and would overflow first.
    const deep = '{"type":"object","properties":{"p":'.repeat(10_000) + '{"type":"string","x-ms-dynamic-values":{"operationId":"Missing"}}' + '}}'.repeat(10_000);
    const text = JSON.stringify(def).replace('"@DEEP@"', deep);
    const r = validate({ definition: text });
    assert.ok(Array.isArray(r.definition));
  });

  it('cyclic $refs in a response schema do not hang', () => {
    const def = dynDefinition();
    def.definitions.ProjectList = { $ref: '#/definitions/Loop' };
    def.definitions.Loop = { $ref: '#/definitions/ProjectList' };
    validate({ definition: def });
  });
});

describe('rules: dynamic extensions (shapes and positions)', () => {
  it('dynamic-values-shape: two heads and an unknown key are reported', () => {
    const def = dynDefinition();
    dv(def).capability = 'file-picker';
    dv(def)['value-name'] = 'x';
    const found = only(validate({ definition: def }).definition, 'dynamic-values-shape');
    assert.equal(found.length, 2);
    assert.equal(found[0].severity, 'error');
  });

  it('dynamic-list-shape: entries must be {value} or {parameterReference}', () => {
    const def = dynDefinition();
    def.paths['/tasks'].post.parameters[1]['x-ms-dynamic-list'] = { operationId: 'ListProjects', itemsPath: 'value', itemValuePath: 'id', itemTitlePath: 'name', parameters: { workspace: { parameter: 'workspace' } } };
    const found = only(validate({ definition: def }).definition, 'dynamic-list-shape');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /exactly one of "value" or "parameterReference"/);
    def.paths['/tasks'].post.parameters[1]['x-ms-dynamic-list'].parameters.workspace = { parameterReference: 'workspace' };
    assert.deepEqual(only(validate({ definition: def }).definition, 'dynamic-list-shape'), []);
  });

  it('dynamic-list-matches-values: disagreeing paths are a warning', () => {
    const def = dynDefinition();
    def.paths['/tasks'].post.parameters[1]['x-ms-dynamic-list'] = { operationId: 'ListProjects', itemsPath: 'value', itemValuePath: 'name', parameters: { workspace: { parameterReference: 'workspace' } } };
    const found = only(validate({ definition: def }).definition, 'dynamic-list-matches-values');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
  });

  it('dynamic-on-body-parameter: an extension on the body parameter object is reported', () => {
    const def = dynDefinition();
    def.paths['/tasks'].post.parameters[2]['x-ms-dynamic-schema'] = { operationId: 'GetProjectSchema', parameters: { projectId: { parameter: 'project' } }, 'value-path': 'schema' };
    const found = only(validate({ definition: def }).definition, 'dynamic-on-body-parameter');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /body parameter "body"/);
  });

  it('dynamic-schema-value-path-properties and dynamic-properties-item-value-path', () => {
    const def = dynDefinition();
    const schema: Record<string, any> = { 'x-ms-dynamic-schema': { operationId: 'GetProjectSchema', parameters: { projectId: { parameter: 'project' } }, 'value-path': 'schema/properties' } };
    def.paths['/tasks'].post.parameters[2].schema = schema;
    assert.equal(only(validate({ definition: def }).definition, 'dynamic-schema-value-path-properties').length, 1);
    schema['x-ms-dynamic-properties'] = { operationId: 'GetProjectSchema', parameters: { projectId: { parameterReference: 'project' } }, itemValuePath: 'other' };
    const r = validate({ definition: def }).definition;
    assert.equal(only(r, 'dynamic-schema-value-path-properties').length, 0);
    assert.match(only(r, 'dynamic-properties-item-value-path')[0]?.message ?? '', /should be "schema"/);
  });

  it('selected-item-value-path-position and file-picker-needs-dynamic-tree', () => {
    const def = dynDefinition();
    const p = def.paths['/tasks'].post.parameters[1];
    p['x-ms-dynamic-values'] = { capability: 'file-picker', parameters: {}, 'value-path': 'id' };
    assert.equal(only(validate({ definition: def }).definition, 'file-picker-needs-dynamic-tree').length, 1);
    p['x-ms-dynamic-tree'] = {
      settings: { canSelectParentNodes: true, canSelectLeafNodes: true },
      open: { operationId: 'ListProjects', itemsPath: 'value', itemValuePath: 'id', itemTitlePath: 'name', parameters: { workspace: { selectedItemValuePath: 'id' } } },
    };
    const r = validate({ definition: def }).definition;
    assert.equal(only(r, 'file-picker-needs-dynamic-tree').length, 0);
    assert.equal(only(r, 'selected-item-value-path-position').length, 1);
  });

  it('dynamic-path-string-format: a leading slash is a warning', () => {
    const def = dynDefinition();
    dv(def)['value-collection'] = '/value';
    const found = only(validate({ definition: def }).definition, 'dynamic-path-string-format');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
  });
});
