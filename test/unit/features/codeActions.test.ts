import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { extractSchemaAction, quickFixes, suggestExtension, type FileEdit } from '../../../engine/src/languageService/features/codeActions';
import { baseDefinition } from '../ruleTestKit';

function apply(text: string, edits: FileEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

function fixOnce(def: object | string, ruleId: string, pointer: string, name = 'apiDefinition.swagger.json') {
  const text = typeof def === 'string' ? def : JSON.stringify(def, null, 4);
  const doc = parseDocument(`/x/${name}`, text);
  const actions = quickFixes({ file: 'definition', definition: doc }, { ruleId, pointer, message: '' });
  assert.ok(actions.length > 0, `no quick fix for ${ruleId}`);
  const after = apply(text, actions[0].edits);
  return { text, after, title: actions[0].title, value: parseDocument(`/x/${name}`, after).value as any };
}

describe('quick fixes', () => {
  it('adds a summary derived from the operationId, keeping 4-space indentation', () => {
    const def = baseDefinition();
    delete def.paths['/tasks'].post.summary;
    const r = fixOnce(def, 'operation-summary-required', '/paths/~1tasks/post');
    assert.equal(r.value.paths['/tasks'].post.summary, 'Create task');
    assert.match(r.after, /\n {16}"summary": "Create task",\n/);
    // Minimal edit: everything else is byte-identical.
    assert.equal(r.after.replace(/\n {16}"summary": "Create task",/, ''), r.text);
  });

  it('generates a valid, unique operationId from the summary', () => {
    const def = baseDefinition();
    delete def.paths['/tasks'].post.operationId;
    def.paths['/tasks'].post.summary = 'Get a task!';
    def.paths['/tasks/{taskId}'].get.operationId = 'GetATask';
    const r = fixOnce(def, 'operation-id-required', '/paths/~1tasks/post');
    assert.equal(r.value.paths['/tasks'].post.operationId, 'GetATask2');
  });

  it('declares a missing path parameter', () => {
    const def = baseDefinition();
    def.paths['/tasks/{taskId}'].get.parameters = [];
    const r = fixOnce(def, 'path-param-declared', '/paths/~1tasks~1{taskId}/get');
    const p = r.value.paths['/tasks/{taskId}'].get.parameters[0];
    assert.deepEqual([p.name, p.in, p.required, p.type], ['taskId', 'path', true, 'string']);
  });

  it('adds required: true to a path parameter', () => {
    const def = baseDefinition();
    delete def.paths['/tasks/{taskId}'].get.parameters[0].required;
    const r = fixOnce(def, 'path-param-required', '/paths/~1tasks~1{taskId}/get/parameters/0');
    assert.equal(r.value.paths['/tasks/{taskId}'].get.parameters[0].required, true);
  });

  it('fixes a misspelled extension key (x-ms-sumamry -> x-ms-summary)', () => {
    const def = baseDefinition();
    const p = def.paths['/tasks/{taskId}'].get.parameters[0];
    delete p['x-ms-summary'];
    p['x-ms-sumamry'] = 'Task ID';
    const r = fixOnce(def, 'x-ms-unknown-extension', '/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-sumamry');
    assert.equal(r.value.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-summary'], 'Task ID');
    assert.equal(suggestExtension('X-MS-Visibility'), 'x-ms-visibility');
    assert.equal(suggestExtension('x-ms-visbility'), 'x-ms-visibility');
    assert.equal(suggestExtension('x-ms-completely-different'), undefined);
  });

  it('adds x-ms-summary in Title Case and removes an unused definition', () => {
    const def = baseDefinition();
    delete def.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-summary'];
    def.definitions.Unused = { type: 'string' };
    const r1 = fixOnce(def, 'x-ms-summary-required', '/paths/~1tasks~1{taskId}/get/parameters/0');
    assert.equal(r1.value.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-summary'], 'Task ID');
    const r2 = fixOnce(def, 'definition-unused', '/definitions/Unused');
    assert.equal(r2.value.definitions.Unused, undefined);
    assert.ok(r2.value.definitions.Task);
  });

  it('x-ms-summary-required on a "$ref" list entry puts the display name on the shared parameter', () => {
    const def = baseDefinition();
    def.parameters = { TaskId: { name: 'taskId', in: 'path', required: true, type: 'string', description: 'The task identifier.', 'x-ms-url-encoding': 'single' } };
    def.paths['/tasks/{taskId}'].get.parameters = [{ $ref: '#/parameters/TaskId' }];
    const r = fixOnce(def, 'x-ms-summary-required', '/paths/~1tasks~1{taskId}/get/parameters/0');
    assert.equal(r.value.parameters.TaskId['x-ms-summary'], 'Task ID');
    assert.deepEqual(r.value.paths['/tasks/{taskId}'].get.parameters[0], { $ref: '#/parameters/TaskId' });
  });

  it('edits YAML with the file own indentation', () => {
    const yaml = 'swagger: "2.0"\ninfo:\n  title: T\n  version: "1"\npaths:\n  /a:\n    get:\n      operationId: GetA\n      responses:\n        "200":\n          description: OK\n';
    const r = fixOnce(yaml, 'operation-summary-required', '/paths/~1a/get', 'api.yaml');
    assert.equal(r.value.paths['/a'].get.summary, 'Get a');
    assert.match(r.after, /\n {6}operationId: GetA\n {6}summary: Get a\n/);
  });

  it('extracts an inline body schema into definitions and points a $ref at it', () => {
    const def = baseDefinition();
    def.paths['/tasks'].post.parameters[0].schema = { type: 'object', properties: { title: { type: 'string' } } };
    const text = JSON.stringify(def, null, 4);
    const doc = parseDocument('/x/apiDefinition.swagger.json', text);
    const action = extractSchemaAction({ file: 'definition', definition: doc }, ['paths', '/tasks', 'post', 'parameters', 0, 'schema', 'properties']);
    assert.ok(action);
    const value = JSON.parse(apply(text, action.edits));
    assert.deepEqual(value.paths['/tasks'].post.parameters[0].schema, { $ref: '#/definitions/CreateTaskBody' });
    assert.deepEqual(value.definitions.CreateTaskBody.properties.title, { type: 'string' });
  });
});
