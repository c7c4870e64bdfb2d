// The pure webhook helpers: the notification URL written where the definition marks it, the
// DELETE (and Location polls) carrying credentials only to the same origin, URLs redacted.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { fillNotificationUrl, redactUrl, requestForUrl, triggerInfo, unsubscribeRequest } from '../../../shared/src/request/triggers';
import type { HttpRequest, SwaggerDocument } from '../../../shared/src/request/types';

const doc: SwaggerDocument = {
  swagger: '2.0',
  paths: {
    '/subs': {
      'x-ms-notification-content': { schema: { type: 'object' } },
      post: {
        operationId: 'Sub', 'x-ms-trigger': 'single', 'x-ms-trigger-hint': 'h',
        parameters: [{ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Req' } }],
        responses: { '201': { description: 'ok', headers: { Location: { type: 'string' } } } },
      },
    },
    '/subs/{id}': { delete: { operationId: 'Unsub', 'x-ms-visibility': 'internal', parameters: [], responses: { '204': { description: 'gone' } } } },
    '/q': { 'x-ms-notification-content': { schema: { type: 'object' } }, post: { operationId: 'Q', 'x-ms-trigger': 'single', parameters: [{ name: 'hook', in: 'query', type: 'string', 'x-ms-notification-url': true }], responses: {} } },
  },
  definitions: { Req: { type: 'object', properties: { target: { type: 'object', properties: { url: { type: 'string', 'x-ms-notification-url': true } } }, name: { type: 'string' } } } },
};

const registration: HttpRequest = {
  method: 'POST',
  url: 'https://api.example.com/v1/subs?code=s3cr3t-code',
  baseUrl: 'https://api.example.com/v1',
  path: '/subs',
  query: [['code', 's3cr3t-code']],
  headers: { 'X-API-Key': 'k3y-value', 'Content-Type': 'application/json', 'X-Trace': 't' },
  body: '{}',
  contentType: 'application/json',
  pathParams: {},
  secrets: { headers: ['x-api-key'], query: ['code'], values: ['k3y-value'] },
};

describe('webhook helpers', () => {
  it('writes the notification URL at the nested body property, keeping the other values', () => {
    const info = triggerInfo(doc, 'Sub')!;
    assert.deepEqual(info.notificationUrl, { in: 'body', path: ['target', 'url'] });
    const out = fillNotificationUrl(info, {}, '{"name":"n","target":{"url":"string","x":1}}', 'https://cb.example/notify/t');
    assert.deepEqual(JSON.parse(out.bodyText!), { name: 'n', target: { url: 'https://cb.example/notify/t', x: 1 } });
    assert.deepEqual(out.findings, []);
    const broken = fillNotificationUrl(info, {}, '[1,2', 'https://cb.example/n');
    assert.deepEqual(JSON.parse(broken.bodyText!), { target: { url: 'https://cb.example/n' } });
    assert.equal(broken.findings[0].code, 'request-not-built');
  });

  it('a query notification URL goes into the form value of that parameter', () => {
    const info = triggerInfo(doc, 'Q')!;
    assert.deepEqual(fillNotificationUrl(info, { 'query:other': 'x' }, undefined, 'https://cb/n').values, { 'query:other': 'x', 'query:hook': 'https://cb/n' });
  });

  it('the DELETE to a same-origin Location carries the connection; to another origin it carries none of it', () => {
    const same = unsubscribeRequest(registration, 'https://api.example.com/v1/subs/42?x=1');
    assert.equal(same.method, 'DELETE');
    assert.equal(same.url, 'https://api.example.com/v1/subs/42?x=1');
    assert.equal(same.headers['X-API-Key'], 'k3y-value');
    assert.equal(same.headers['Content-Type'], undefined);
    assert.equal(same.body, undefined);
    const other = requestForUrl(registration, 'https://elsewhere.example.net/subs/42', 'DELETE');
    assert.equal(other.headers['X-API-Key'], undefined);
    assert.equal(other.headers['X-Trace'], 't');
    assert.ok(!Object.values(other.headers).includes('k3y-value'));
  });

  it('redactUrl hides secret-named query values and known secret values', () => {
    assert.equal(redactUrl('https://a.example/p?after=3&code=abc123&sig=zzz', []), 'https://a.example/p?after=3&code=***&sig=***');
    assert.equal(redactUrl('https://a.example/k3y-value/p', ['k3y-value']), 'https://a.example/***/p');
    assert.equal(redactUrl('not a url k3y-value', ['k3y-value']), 'not a url ***');
  });
});
