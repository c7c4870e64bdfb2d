// What the Test panel reads about a trigger from the definition (shared/src/request/triggers/model.ts):
// the sample's two triggers, and each named misconfiguration on a definition that has it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { triggerInfo } from '../../../shared/src/request/triggers';
import type { SwaggerDocument } from '../../../shared/src/request/types';
import { SAMPLE_FOLDER } from '../../../scripts/sampleApi.mjs';

const sample = JSON.parse(fs.readFileSync(path.join(SAMPLE_FOLDER, 'apiDefinition.swagger.json'), 'utf8')) as SwaggerDocument;

function doc(paths: Record<string, unknown>, definitions: Record<string, unknown> = {}): SwaggerDocument {
  return { swagger: '2.0', host: 'api.example.com', paths: paths as SwaggerDocument['paths'], definitions: definitions as SwaggerDocument['definitions'] };
}

const codes = (d: SwaggerDocument, id: string) => triggerInfo(d, id)!.findings.map((f) => f.code).sort();

describe('trigger model (definition -> what the Test panel emulates)', () => {
  it('the sample polling trigger: batch, items at the body, item schema = Task, no findings', () => {
    const info = triggerInfo(sample, 'OnNewTasks');
    assert.ok(info);
    assert.equal(info.kind, 'polling');
    assert.equal(info.mode, 'batch');
    assert.deepEqual(info.itemPath, []);
    assert.deepEqual(Object.keys((info.itemSchema as { properties: object }).properties).sort(), ['createdAt', 'dueDate', 'id', 'status', 'title']);
    assert.deepEqual(info.findings, []);
  });

  it('the sample webhook trigger: notification URL at body.callbackUrl, DeleteHook, schema from x-ms-notification-content', () => {
    const info = triggerInfo(sample, 'OnTaskCreated');
    assert.ok(info);
    assert.equal(info.kind, 'webhook');
    assert.deepEqual(info.notificationUrl, { in: 'body', path: ['callbackUrl'] });
    assert.equal(info.deleteOperationId, 'DeleteHook');
    assert.equal(info.itemSchemaSource, 'x-ms-notification-content schema');
    assert.deepEqual(info.findings, []);
  });

  it('an operation without x-ms-trigger is not a trigger', () => {
    assert.equal(triggerInfo(sample, 'ListTasks'), undefined);
    assert.equal(triggerInfo(sample, 'NoSuchOperation'), undefined);
  });

  it('a batch whose response is one object without an array: batch-without-array; no hint: trigger-hint-missing', () => {
    const d = doc({ '/t': { get: { operationId: 'T', 'x-ms-trigger': 'batch', responses: { '200': { description: 'x', schema: { type: 'object', properties: { id: { type: 'string' } } } }, '202': { description: 'n' } } } } });
    assert.deepEqual(codes(d, 'T'), ['batch-without-array', 'trigger-hint-missing']);
  });

  it('a batch wrapping its items in `value` splits there', () => {
    const d = doc({ '/t': { get: { operationId: 'T', 'x-ms-trigger': 'batch', 'x-ms-trigger-hint': 'h', responses: { '200': { description: 'x', schema: { $ref: '#/definitions/Page' } }, '202': { description: 'n' } } } } }, {
      Page: { type: 'object', properties: { next: { type: 'string' }, value: { type: 'array', items: { $ref: '#/definitions/Item' } } } },
      Item: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
    });
    const info = triggerInfo(d, 'T')!;
    assert.deepEqual(info.itemPath, ['value']);
    assert.deepEqual((info.itemSchema as { required: string[] }).required, ['id']);
    assert.deepEqual(info.findings, []);
  });

  it('single on an array, an unknown kind, a POST poll, no 202, no schema', () => {
    const single = doc({ '/t': { get: { operationId: 'T', 'x-ms-trigger': 'single', 'x-ms-trigger-hint': 'h', responses: { '200': { description: 'x', schema: { type: 'array', items: {} } } } } } });
    assert.deepEqual(codes(single, 'T'), ['no-202-declared', 'single-is-array']);
    const odd = doc({ '/t': { post: { operationId: 'T', 'x-ms-trigger': 'sometimes', 'x-ms-trigger-hint': 'h', responses: { '200': { description: 'x' } } } } });
    assert.deepEqual(codes(odd, 'T'), ['polling-not-get', 'response-schema-missing', 'trigger-kind-unknown']);
  });

  it('a webhook without a DELETE, a Location or a notification schema says so', () => {
    const d = doc({
      '/hooks': {
        post: { operationId: 'W', 'x-ms-trigger': 'single', 'x-ms-trigger-hint': 'h', parameters: [{ name: 'body', in: 'body', schema: { type: 'object', properties: { cb: { type: 'string', 'x-ms-notification-url': true } } } }], responses: { '200': { description: 'ok' } } },
      },
    });
    const info = triggerInfo(d, 'W')!;
    assert.equal(info.kind, 'webhook');
    assert.deepEqual(info.notificationUrl, { in: 'body', path: ['cb'] });
    assert.deepEqual(codes(d, 'W'), ['delete-operation-missing', 'location-not-declared', 'notification-content-missing']);
  });

  it('hostile: cyclic $refs in the body and the response end in findings, not a hang or a throw', () => {
    const d = doc({
      '/hooks': {
        'x-ms-notification-content': { schema: { $ref: '#/definitions/A' } },
        post: { operationId: 'W', 'x-ms-trigger': 'single', parameters: [{ name: 'body', in: 'body', schema: { $ref: '#/definitions/A' } }], responses: { '201': { $ref: '#/responses/R' } } },
      },
      '/t': { get: { operationId: 'P', 'x-ms-trigger': 'batch', responses: { '200': { description: 'x', schema: { $ref: '#/definitions/C' } } } } },
    }, { A: { type: 'object', properties: { self: { $ref: '#/definitions/A' }, deep: { $ref: '#/definitions/B' } } }, B: { $ref: '#/definitions/B' }, C: { $ref: '#/definitions/C' } });
    (d as { responses: unknown }).responses = { R: { $ref: '#/responses/R' } };
    const t0 = Date.now();
    assert.ok(codes(d, 'W').includes('notification-url-missing'));
    assert.ok(codes(d, 'P').includes('response-schema-missing'));
    assert.ok(Date.now() - t0 < 1000);
  });
});
