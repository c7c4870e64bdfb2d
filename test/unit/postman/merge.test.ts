// Re-import into an existing connector keeps every author edit, adds what is new, deletes nothing.
import * as assert from 'node:assert/strict';
import { convertPostmanCollection, mergeIntoExisting, serializeJson, type JsonObject } from '../../../engine/src/converters/postman';
import { codes, convertOk, fixture, op, param, projectErrors, swaggerParserValidate } from './postmanTestKit';

type Coll = { item: Array<{ name: string; item?: Coll['item']; request?: { method: string; url: unknown } }> };

function baseCollection(): Coll & Record<string, unknown> {
  return fixture('mapping-v21.postman_collection.json') as Coll & Record<string, unknown>;
}

/** What an author typically does to the generated files. */
function authorEdits(definition: JsonObject, properties: JsonObject) {
  const def = structuredClone(definition);
  const list = op(def, 'get', '/tasks');
  list.summary = 'List my tasks';
  list.description = 'Lists the tasks assigned to you, newest first.';
  list['x-ms-visibility'] = 'important';
  const pageSize = param(list, 'page_size', 'query');
  pageSize['x-ms-summary'] = 'Tasks per page';
  pageSize['x-ms-visibility'] = 'advanced';
  pageSize.default = 25;
  (list.parameters as JsonObject[]).push({ name: 'X-Tenant', in: 'header', required: false, type: 'string', 'x-ms-summary': 'Tenant' });
  ((list.responses as JsonObject)['200'] as JsonObject)['x-ms-summary'] = 'Tasks';
  def.host = 'tasks.contoso.com';
  def['x-ms-connector-metadata'] = [{ propertyName: 'Website', propertyValue: 'https://contoso.com' }];
  (def.paths as JsonObject)['/custom'] = { get: { summary: 'Custom call', description: 'Added by hand.', operationId: 'CustomCall', parameters: [], responses: { '200': { description: 'OK' } } } };
  const props = structuredClone(properties);
  (props.properties as JsonObject).iconBrandColor = '#123456';
  (props.properties as JsonObject).publisher = 'Contoso';
  return { definition: def, properties: props };
}

describe('postman: re-import merge', () => {
  const first = convertOk(baseCollection());
  const edited = authorEdits(first.definition, first.properties);

  function reimport(collection: unknown) {
    const r = convertPostmanCollection(collection, { existing: edited });
    if (!r.ok) assert.fail(r.error.message);
    return r;
  }

  it('re-importing the same collection changes nothing the author wrote', () => {
    const r = reimport(baseCollection());
    assert.deepEqual(r.definition, edited.definition);
    assert.deepEqual(r.properties, edited.properties);
    assert.equal(serializeJson(r.definition), serializeJson(edited.definition), 'key order preserved');
  });

  it('keeps summaries, descriptions, x-ms-* keys, visibility and extra parameters of matched operations', () => {
    const r = reimport(baseCollection());
    const list = op(r.definition, 'get', '/tasks');
    assert.equal(list.summary, 'List my tasks');
    assert.equal(list.description, 'Lists the tasks assigned to you, newest first.');
    assert.equal(list['x-ms-visibility'], 'important');
    assert.equal(param(list, 'page_size', 'query')['x-ms-summary'], 'Tasks per page');
    assert.equal(param(list, 'page_size', 'query').default, 25);
    assert.ok(param(list, 'X-Tenant', 'header'));
    assert.equal(r.definition.host, 'tasks.contoso.com');
    assert.ok(codes(r.report).includes('reimport-kept-root'));
  });

  it('adds new requests and new parameters; requests gone are reported and kept', () => {
    const next = baseCollection();
    // Health check removed; a new request; a new query parameter on "List tasks".
    next.item = next.item.filter((i) => i.name !== 'Health check');
    const tasks = next.item.find((i) => i.name === 'Tasks')!;
    tasks.item!.push({ name: 'Delete task', request: { method: 'DELETE', url: '{{baseUrl}}/tasks/:taskId' } });
    const listReq = tasks.item!.find((i) => i.name === 'List tasks')!.request as unknown as { url: { query: unknown[] } };
    listReq.url.query.push({ key: 'sort', value: 'due' });

    const r = reimport(next);
    const del = op(r.definition, 'delete', '/tasks/{taskId}');
    assert.equal(del.operationId, 'DeleteTask');
    assert.ok(param(op(r.definition, 'get', '/tasks'), 'sort', 'query'));
    assert.ok(op(r.definition, 'get', '/health'), 'removed request kept');
    assert.ok(op(r.definition, 'get', '/custom'), 'hand-written operation kept');
    const kept = r.report.entries.filter((e) => e.code === 'reimport-operation-kept').map((e) => e.where);
    assert.deepEqual(kept.sort(), ['GET /custom', 'GET /health']);
    assert.ok(r.report.entries.some((e) => e.code === 'reimport-operation-added' && e.where === 'DELETE /tasks/{taskId}'));
    assert.ok(r.report.entries.some((e) => e.code === 'reimport-parameters-added' && e.message.includes('sort')));
    // The new path item sits in an existing path: the author's keys come first, in their order.
    const keys = Object.keys(r.definition.paths as object);
    assert.deepEqual(keys.slice(0, Object.keys(edited.definition.paths as object).length), Object.keys(edited.definition.paths as object));
    assert.deepEqual(projectErrors(r), []);
  });

  it('matches by operationId when the author moved an operation to another path', async () => {
    const moved = structuredClone(edited.definition);
    const paths = moved.paths as JsonObject;
    paths['/tasks/{taskId}/details'] = paths['/tasks/{taskId}'];
    delete paths['/tasks/{taskId}'];
    const r = mergeIntoExisting(moved, edited.properties, convertOk(baseCollection()));
    assert.equal(Object.keys(r.definition.paths as object).includes('/tasks/{taskId}'), false);
    assert.ok(op(r.definition, 'get', '/tasks/{taskId}/details'));
    await swaggerParserValidate(r.definition);
  });

  it('never overwrites an author operation whose route another request claims', () => {
    // The author's GET /custom has operationId Special. The collection has Special at a new
    // path (matched by id) and another request at GET /custom: that one must not replace it.
    const def = structuredClone(edited.definition);
    op(def, 'get', '/custom').operationId = 'Special';
    const imported = convertOk(baseCollection());
    const paths = imported.definition.paths as Record<string, JsonObject>;
    const template = op(imported.definition, 'get', '/tasks/{taskId}');
    paths['/new-place'] = { get: { ...template, parameters: [], operationId: 'Special' } };
    paths['/custom'] = { get: { ...template, parameters: [], operationId: 'Other', summary: 'From collection' } };
    const r = mergeIntoExisting(def, edited.properties, imported);
    assert.equal(op(r.definition, 'get', '/custom').summary, 'Custom call');
    assert.equal(op(r.definition, 'get', '/custom').operationId, 'Special');
    assert.equal(r.report.entries.find((e) => e.code === 'reimport-route-taken')?.where, 'GET /custom');
  });

  it('new operations never take an operationId the author already uses', () => {
    const def = structuredClone(edited.definition);
    op(def, 'get', '/custom').operationId = 'DeleteTask';
    const next = baseCollection();
    next.item.find((i) => i.name === 'Tasks')!.item!.push({ name: 'Delete task', request: { method: 'DELETE', url: '{{baseUrl}}/tasks/:taskId' } });
    const r = convertPostmanCollection(next, { existing: { definition: def, properties: edited.properties } });
    assert.ok(r.ok);
    assert.equal(op(r.definition, 'delete', '/tasks/{taskId}').operationId, 'DeleteTask_2');
  });

  it('keeps the author\'s apiProperties and adds connection parameters only when there were none', () => {
    const r = reimport(baseCollection());
    assert.equal((r.properties.properties as JsonObject).iconBrandColor, '#123456');
    assert.equal((r.properties.properties as JsonObject).publisher, 'Contoso');
    const bare = mergeIntoExisting({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} }, { properties: { iconBrandColor: '#000000' } }, convertOk(baseCollection()));
    assert.ok(((bare.properties.properties as JsonObject).connectionParameters as JsonObject).api_key);
    assert.equal((bare.properties.properties as JsonObject).iconBrandColor, '#000000');
    assert.ok((bare.definition.securityDefinitions as JsonObject).api_key);
  });

  it('with only an apiProperties.json, takes the new definition and keeps the properties', () => {
    const imported = convertOk(baseCollection());
    const r = mergeIntoExisting(undefined, { properties: { publisher: 'Contoso', iconBrandColor: '#222222' } }, imported);
    assert.deepEqual(r.definition, imported.definition);
    const props = r.properties.properties as JsonObject;
    assert.equal(props.publisher, 'Contoso');
    assert.equal(props.iconBrandColor, '#222222');
    assert.ok((props.connectionParameters as JsonObject).api_key);
  });

  it('serializes with 4-space indentation and a trailing newline', () => {
    assert.equal(serializeJson({ a: [1] }), '{\n    "a": [\n        1\n    ]\n}\n');
  });
});
