// One Test Operation run against real local servers on 127.0.0.1: build, connection decorations,
// policies, send, response rendering and schema check; faults come back as messages.
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { buildFormModel } from '../../../client/src/testOperation/formModel';
import { runOperation, type RunInput } from '../../../client/src/testOperation/runner';
import type { SwaggerDocument } from '../../../shared/src/request';
import { makeSelfSignedCert } from '../request/localServers';

function definition(host: string): SwaggerDocument {
  return {
    swagger: '2.0',
    host,
    schemes: ['http'],
    paths: {
      '/items/{id}': {
        get: {
          operationId: 'GetItem',
          parameters: [
            { name: 'id', in: 'path', required: true, type: 'string' },
            { name: 'api-version', in: 'query', type: 'string', default: '1', 'x-ms-visibility': 'internal' },
          ],
          produces: ['application/json'],
          responses: { '200': { description: 'OK', schema: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } } } },
        },
      },
    },
  };
}

describe('Test Operation run', () => {
  let server: http.Server;
  let host = '';
  let seen: http.IncomingMessage | undefined;
  before(async () => {
    server = http.createServer((req, res) => {
      seen = req;
      if (req.url?.startsWith('/items/slow')) return; // never answers
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 42, extra: true }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  function input(overrides: Partial<RunInput> = {}): RunInput {
    const document = definition(host);
    return {
      runId: 1,
      document,
      operationRef: 'GetItem',
      model: buildFormModel(document, 'GetItem')!,
      raw: { 'path:id': 'a b' },
      timeoutMs: 5000,
      connection: { decorations: { headers: { 'X-Api-Key': 'secret-key-123' } }, parameters: {}, secretParameterNames: [] },
      policies: [{ templateId: 'setheader', title: 'Tag', parameters: { 'x-ms-apimTemplateParameter.name': 'X-Tag', 'x-ms-apimTemplateParameter.value': 'yes', 'x-ms-apimTemplate-policySection': 'Request' } }],
      ...overrides,
    };
  }

  it('sends through the connection and policies, and lists schema mismatches by path', async () => {
    const out = await runOperation(input());
    assert.equal(seen?.headers['x-api-key'], 'secret-key-123');
    assert.equal(seen?.headers['x-tag'], 'yes');
    assert.equal(seen?.url, '/items/a%20b?api-version=1');
    assert.ok(out.result.ok);
    const r = out.result.response;
    assert.equal(r.status, 200);
    assert.equal(r.body.kind, 'json');
    assert.deepEqual(r.schema.mismatches, [
      { path: '$.name', message: 'is required but missing' },
      { path: '$.id', message: 'must be string' },
    ]);
    assert.equal(r.canUpdateSchema, true);
    assert.deepEqual(out.json?.value, { id: 42, extra: true });
    // What the webview sees is redacted.
    assert.equal(out.result.request.headers['X-Api-Key'], '***');
    assert.ok(!JSON.stringify(out.result).includes('secret-key-123'));
    assert.deepEqual(out.result.policies.map((p) => p.status), ['applied']);
  });

  it('reports a missing required value before sending', async () => {
    const out = await runOperation(input({ raw: {} }));
    assert.equal(out.result.ok, false);
    assert.ok(!out.result.ok && out.result.stage === 'build' && /Missing required parameter: id \(path\)/.test(out.result.message));
  });

  it('reports connection refused as a send fault', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const out = await runOperation(input({ hostOverride: `127.0.0.1:${port}` }));
    assert.ok(!out.result.ok);
    assert.equal(out.result.stage, 'send');
    assert.equal(out.result.kind, 'connection-refused');
  });

  it('stops on cancel and on the timeout', async () => {
    const controller = new AbortController();
    const pending = runOperation(input({ raw: { 'path:id': 'slow' }, signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    const cancelled = await pending;
    assert.ok(!cancelled.result.ok && cancelled.result.kind === 'aborted');
    const timedOut = await runOperation(input({ raw: { 'path:id': 'slow' }, timeoutMs: 200 }));
    assert.ok(!timedOut.result.ok && timedOut.result.kind === 'timeout');
  });

  it('rejects a self-signed certificate unless the connection opted in', async () => {
    const tls = https.createServer(makeSelfSignedCert(), (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"id":"1","name":"n"}');
    });
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    try {
      const target = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
      const rejected = await runOperation(input({ hostOverride: target }));
      assert.ok(!rejected.result.ok && rejected.result.kind === 'self-signed', JSON.stringify(rejected.result));
      const accepted = await runOperation(input({ hostOverride: target, allowSelfSigned: true }));
      assert.ok(accepted.result.ok && accepted.result.response.schema.valid);
    } finally {
      tls.closeAllConnections();
      tls.close();
    }
  });
});
