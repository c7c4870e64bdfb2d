/** sendRequest against real local servers: every fault of issue 9 gets a typed error or a clear result. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { buildRequest } from '../../../shared/src/request/buildRequest';
import { checkContentType, renderBody } from '../../../shared/src/request/responseBody';
import { checkResponseSchema } from '../../../shared/src/request/schemaCheck';
import { sendRequest, type SendResult } from '../../../shared/src/request/send';
import type { HttpRequest, SwaggerDocument } from '../../../shared/src/request/types';
import { withUrl } from '../../../shared/src/request/url';
import { BIG_BODY_BYTES, freePort, startServers, type TestServers } from './localServers';

function get(url: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  const u = new URL(url);
  return withUrl({
    method: 'GET',
    baseUrl: u.origin,
    path: u.pathname,
    query: [...u.searchParams.entries()],
    headers: {},
    pathParams: {},
    secrets: { headers: [], query: [] },
    ...extra,
  });
}

function ok(result: SendResult) {
  if (!result.ok) assert.fail(`expected a response, got ${result.error.kind}: ${result.error.message}`);
  return result.response;
}
function err(result: SendResult) {
  if (result.ok) assert.fail(`expected an error, got status ${result.response.status}`);
  return result.error;
}
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('request/send against local servers', function () {
  this.timeout(15_000);
  let servers: TestServers;
  before(async () => {
    servers = await startServers();
  });
  after(async () => {
    await servers?.close();
  });

  it('sends a built request (method, query, headers, JSON body) and measures it', async () => {
    const definition: SwaggerDocument = {
      swagger: '2.0',
      host: 'unused',
      schemes: ['http'],
      paths: {
        '/echo': {
          post: {
            operationId: 'Echo',
            parameters: [
              { name: 'q', in: 'query', type: 'string' },
              { name: 'X-Id', in: 'header', type: 'string' },
              { name: 'body', in: 'body', schema: { type: 'object' } },
            ],
            responses: {},
          },
        },
      },
    };
    const request = buildRequest(definition, 'Echo', { q: 'a b', 'X-Id': '7', body: { hello: 'world' } }, { hostOverride: servers.httpUrl });
    const response = ok(await sendRequest(request, { timeoutMs: 5000 }));
    assert.equal(response.status, 200);
    assert.equal(response.statusText, 'OK');
    const echoed = JSON.parse(text(response.body));
    assert.equal(echoed.method, 'POST');
    assert.equal(echoed.url, '/echo?q=a%20b');
    assert.equal(echoed.headers['x-id'], '7');
    assert.equal(echoed.headers['content-type'], 'application/json');
    assert.equal(echoed.body, '{"hello":"world"}');
    assert.equal(response.size, response.body.length);
    assert.ok(response.timeMs >= 0);
    assert.deepEqual(response.redirects, []);
  });

  it('connection refused', async () => {
    const port = await freePort();
    const error = err(await sendRequest(get(`http://127.0.0.1:${port}/ok`), { timeoutMs: 5000 }));
    assert.equal(error.kind, 'connection-refused');
    assert.equal(error.code, 'ECONNREFUSED');
    assert.match(error.message, /Connection refused by 127\.0\.0\.1:\d+/);
  });

  it('DNS failure (.invalid never resolves)', async () => {
    const error = err(await sendRequest(get('http://connector-studio-test.invalid/ok'), { timeoutMs: 8000 }));
    assert.equal(error.kind, 'dns');
    assert.match(error.message, /connector-studio-test\.invalid could not be resolved/);
  });

  it('TLS with a self-signed certificate: rejected by default', async () => {
    const error = err(await sendRequest(get(`${servers.httpsUrl}/ok`), { timeoutMs: 5000 }));
    assert.equal(error.kind, 'self-signed');
    assert.match(error.message, /self-signed certificate/);
  });

  it('TLS with a self-signed certificate: accepted with the explicit opt-in', async () => {
    const response = ok(await sendRequest(get(`${servers.httpsUrl}/ok`), { timeoutMs: 5000, allowSelfSigned: true }));
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(text(response.body)), { id: 1, name: 'one' });
  });

  it('TLS error other than self-signed (certificate from an unknown CA)', async () => {
    const error = err(await sendRequest(get(`${servers.untrustedUrl}/ok`), { timeoutMs: 5000 }));
    assert.equal(error.kind, 'tls');
    assert.equal(error.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.match(error.message, /TLS handshake with 127\.0\.0\.1:\d+ failed/);
  });

  it('times out when the server never answers', async () => {
    const started = Date.now();
    const error = err(await sendRequest(get(`${servers.httpUrl}/hang`), { timeoutMs: 300 }));
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /within 300 ms/);
    assert.ok(Date.now() - started < 3000, 'returns soon after the deadline');
  });

  it('times out when the body never ends, saying what arrived', async () => {
    const error = err(await sendRequest(get(`${servers.httpUrl}/slow-body`), { timeoutMs: 300 }));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.partial?.status, 200);
    assert.match(error.message, /status 200 arrived/);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = err(await sendRequest(get(`${servers.httpUrl}/hang`), { timeoutMs: 5000, signal: controller.signal }));
    assert.equal(error.kind, 'aborted');
  });

  it('follows redirects and reports each hop', async () => {
    const response = ok(await sendRequest(get(`${servers.httpUrl}/r1`), { timeoutMs: 5000 }));
    assert.equal(response.status, 200);
    assert.deepEqual(
      response.redirects.map((r) => [r.status, new URL(r.location).pathname + new URL(r.location).search]),
      [
        [302, '/r2'],
        [301, '/echo?from=r2'],
      ],
    );
    assert.equal(new URL(response.url).pathname, '/echo');
  });

  it('turns a POST into a GET on 303, and stops redirect loops', async () => {
    const response = ok(await sendRequest(get(`${servers.httpUrl}/see-other`, { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } }), { timeoutMs: 5000 }));
    assert.equal(JSON.parse(text(response.body)).method, 'GET');
    const error = err(await sendRequest(get(`${servers.httpUrl}/loop`), { timeoutMs: 5000, maxRedirects: 3 }));
    assert.equal(error.kind, 'too-many-redirects');
    assert.equal(error.redirects.length, 4);
  });

  it('drops credentials when a redirect leaves the origin, keeps them on the same origin', async () => {
    const headers = { Authorization: 'Bearer t', 'X-Other': 'kept' };
    const away = ok(await sendRequest(get(`${servers.httpUrl}/to?target=${encodeURIComponent(`${servers.httpsUrl}/echo`)}`, { headers }), { timeoutMs: 5000, allowSelfSigned: true }));
    const echoedAway = JSON.parse(text(away.body)).headers;
    assert.equal(echoedAway.authorization, undefined);
    assert.equal(echoedAway['x-other'], 'kept');
    const same = ok(await sendRequest(get(`${servers.httpUrl}/to?target=/echo`, { headers }), { timeoutMs: 5000 }));
    assert.equal(JSON.parse(text(same.body)).headers.authorization, 'Bearer t');
  });

  it('does not follow redirects when asked not to', async () => {
    const response = ok(await sendRequest(get(`${servers.httpUrl}/r1`), { timeoutMs: 5000, followRedirects: false }));
    assert.equal(response.status, 302);
    assert.equal(response.headers.location, '/r2');
  });

  it('returns 4xx and 5xx as responses with their body', async () => {
    const notFound = ok(await sendRequest(get(`${servers.httpUrl}/notfound`), { timeoutMs: 5000 }));
    assert.equal(notFound.status, 404);
    assert.equal(notFound.statusText, 'Not Found');
    assert.equal(JSON.parse(text(notFound.body)).error.code, 'NotFound');
    const failed = ok(await sendRequest(get(`${servers.httpUrl}/fail`), { timeoutMs: 5000 }));
    assert.equal(failed.status, 500);
    assert.equal(text(failed.body), 'Internal failure: database down');
  });

  it('detects a body that is not the declared content type', async () => {
    const response = ok(await sendRequest(get(`${servers.httpUrl}/html`), { timeoutMs: 5000 }));
    const problem = checkContentType(response.headers['content-type'], ['application/json'], response.body);
    assert.match(problem ?? '', /The response is text\/html \(text\), but the operation declares application\/json/);
    const definition: SwaggerDocument = {
      paths: { '/html': { get: { operationId: 'Html', responses: { '200': { description: 'ok', schema: { type: 'object' } } } } } },
    };
    const check = checkResponseSchema(definition, 'Html', response.status, response.body);
    assert.equal(check.valid, false);
    assert.match(check.mismatches[0].message, /not JSON/);
  });

  it('reports a server that closes in the middle of the response', async () => {
    const error = err(await sendRequest(get(`${servers.httpUrl}/cut`), { timeoutMs: 5000 }));
    assert.equal(error.kind, 'incomplete');
    assert.equal(error.partial?.status, 200);
    assert.match(error.message, /closed the connection in the middle of the response/);
  });

  it('streams a 50 MB body and keeps only maxBodyBytes', async () => {
    const max = 1024 * 1024;
    const started = Date.now();
    const response = ok(await sendRequest(get(`${servers.httpUrl}/big`), { timeoutMs: 10_000, maxBodyBytes: max }));
    assert.equal(response.status, 200);
    assert.equal(response.truncated, true);
    assert.equal(response.body.length, max);
    assert.equal(response.size, max);
    assert.equal(response.declaredSize, BIG_BODY_BYTES);
    assert.ok(Date.now() - started < 5000, 'does not wait for the rest of the body');
    const shown = renderBody(response.headers['content-type'], response.body, { truncated: response.truncated });
    assert.equal(shown.kind, 'binary');
    assert.match(shown.summary, /^Binary, 1\.0 MB \(truncated\)/);
  });

  it('reports an invalid URL without throwing', async () => {
    const error = err(await sendRequest({ ...get('http://x/'), url: 'ftp://x/' }, { timeoutMs: 1000 }));
    assert.equal(error.kind, 'invalid-url');
  });
});
