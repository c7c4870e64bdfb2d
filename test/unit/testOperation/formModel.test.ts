// The Test Operation form derived from an operation, and typed values read back from it.
import assert from 'node:assert/strict';
import { buildFormModel, dynamicCallValues, dynamicOptions, readFormValues, sampleBody } from '../../../client/src/testOperation/formModel';
import type { SwaggerDocument } from '../../../shared/src/request';

const doc: SwaggerDocument = {
  swagger: '2.0',
  host: 'api.contoso.com',
  basePath: '/v1/',
  schemes: ['http', 'https'],
  parameters: { top: { name: '$top', in: 'query', type: 'integer', default: 10, 'x-ms-visibility': 'advanced', 'x-ms-summary': 'Top' } },
  paths: {
    '/lists/{listId}/items': {
      parameters: [{ name: 'listId', in: 'path', required: true, type: 'string', 'x-ms-summary': 'List', 'x-ms-dynamic-values': { operationId: 'GetLists', 'value-collection': 'value', 'value-path': 'id', 'value-title': 'name', parameters: { kind: { parameter: 'kind' }, fixed: { value: 'x' } } } }],
      post: {
        operationId: 'AddItem',
        summary: 'Add an item',
        parameters: [
          { $ref: '#/parameters/top' },
          { name: 'kind', in: 'query', type: 'string', enum: ['a', 'b'], 'x-ms-visibility': 'important', description: 'Kind of list' },
          { name: 'api-version', in: 'query', type: 'string', default: '2024-01-01', 'x-ms-visibility': 'internal' },
          { name: 'X-Secret-Token', in: 'header', type: 'string' },
          { name: 'tags', in: 'query', type: 'array', items: { type: 'integer' }, collectionFormat: 'csv' },
          { name: 'flag', in: 'query', type: 'boolean' },
          { name: 'item', in: 'body', required: true, schema: { $ref: '#/definitions/Item' } },
        ],
        produces: ['application/json'],
        responses: { '200': { description: 'OK' } },
      },
    },
  },
  definitions: { Item: { type: 'object', required: ['title'], properties: { title: { type: 'string', example: 'Milk' }, count: { type: 'integer', format: 'int32' }, id: { type: 'string', readOnly: true } } } },
};

describe('Test Operation form model', () => {
  const model = buildFormModel(doc, 'AddItem')!;

  it('groups parameters by x-ms-visibility: important first, advanced last, internal hidden', () => {
    assert.deepEqual(model.fields.map((f) => `${f.visibility}:${f.name}`), ['important:kind', 'none:listId', 'none:X-Secret-Token', 'none:tags', 'none:flag', 'advanced:$top']);
    assert.deepEqual(model.internal, [{ name: 'api-version', in: 'query', default: '2024-01-01' }]);
  });

  it('carries labels, required marks, types, enums, defaults, descriptions and secrets', () => {
    const byName = Object.fromEntries(model.fields.map((f) => [f.name, f]));
    assert.equal(byName.listId.label, 'List');
    assert.equal(byName.listId.required, true);
    assert.equal(byName.listId.key, 'path:listId');
    assert.deepEqual(byName.kind.enum, ['a', 'b']);
    assert.equal(byName.kind.description, 'Kind of list');
    assert.equal(byName.$top.label, 'Top');
    assert.equal(byName.$top.default, '10');
    assert.equal(byName.$top.type, 'integer');
    assert.equal(byName.tags.itemsType, 'integer');
    assert.equal(byName['X-Secret-Token'].secret, true);
    assert.equal(byName.kind.secret, false);
  });

  it('reads x-ms-dynamic-values, with literal and field-bound parameters', () => {
    const listId = model.fields.find((f) => f.name === 'listId')!;
    assert.deepEqual(listId.dynamic, { operationId: 'GetLists', parameters: { kind: { field: 'kind' }, fixed: { value: 'x' } }, collection: 'value', valuePath: 'id', titlePath: 'name' });
    assert.deepEqual(dynamicCallValues(listId.dynamic!, model, { 'query:kind': 'b' }), { kind: 'b', fixed: 'x' });
    assert.deepEqual(dynamicOptions(listId.dynamic!, { value: [{ id: '1', name: 'One' }, { id: 2 }] }), [{ value: '1', title: 'One' }, { value: '2', title: '2' }]);
    assert.throws(() => dynamicOptions(listId.dynamic!, { items: [] }), /no array at "value"/);
  });

  it('pre-fills the body with a sample of its schema (readOnly skipped, $ref resolved)', () => {
    assert.equal(model.body?.hasSchema, true);
    assert.deepEqual(JSON.parse(model.body!.sample), { title: 'Milk', count: 0 });
    assert.equal(sampleBody(undefined, doc), '');
  });

  it('shows where the request goes: https preferred, basePath trimmed', () => {
    assert.equal(model.target, 'https://api.contoso.com/v1');
    assert.equal(model.method, 'POST');
  });

  it('reads typed values back, arrays comma-separated or JSON, empty means not sent', () => {
    const { values, problems } = readFormValues(model, { 'query:$top': '5', 'query:tags': '1, 2', 'query:flag': 'true', 'query:kind': '' }, '{"title":"x"}');
    assert.deepEqual(problems, []);
    assert.deepEqual(values, { $top: 5, tags: [1, 2], flag: true, item: { title: 'x' } });
    assert.deepEqual(readFormValues(model, { 'query:tags': '[3,4]' }, undefined).values, { tags: [3, 4] });
  });

  it('reports values that do not fit their type, and a body that is not JSON', () => {
    const { problems } = readFormValues(model, { 'query:$top': 'ten', 'query:flag': 'yes' }, '{oops');
    assert.equal(problems.length, 3);
    // In form order: advanced fields come last.
    assert.match(problems[0], /flag: "yes" is not true or false/);
    assert.match(problems[1], /Top: "ten" is not an integer/);
    assert.match(problems[2], /item: the body is not valid JSON/);
  });

  it('returns undefined for an unknown operation', () => {
    assert.equal(buildFormModel(doc, 'Nope'), undefined);
  });
});
