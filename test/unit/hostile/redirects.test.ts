// Issue 17, item 3 (acceptance 4): a redirect to another origin drops every header and query
// parameter the connection added, and the body, for each kind of auth; the connection comes from
// the real ConnectionManager (OAuth from a real oidc-provider), the request goes to real servers.
// Item 8: a path parameter ".." is encoded, never turned into a request on the parent path.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionManager, type ConnectorFiles } from '../../../shared/src/connections/connectionManager';
import { ConnectionStore } from '../../../shared/src/connections/connectionStore';
import { deriveConnectionModels } from '../../../shared/src/connections/deriveModel';
import { InMemorySecretStore, InMemoryStateStore } from '../../../shared/src/connections/stores';
import { MemoryLogSink, RedactingLogger } from '../../../shared/src/log/redactingLogger';
import { buildRequest } from '../../../shared/src/request/buildRequest';
import { applyDecorations } from '../../../shared/src/request/decorations';
import { sendRequest } from '../../../shared/src/request/send';
import type { SwaggerDocument } from '../../../shared/src/request/types';
import { CONFIDENTIAL_CLIENT, startOidcServer, type TestOidcServer } from '../auth/oidcTestServer';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

interface Origin {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

/** A server that records requests; /redirect?status=N&to=URL answers with that redirect, keeping the query. */
async function startOrigin(): Promise<Origin> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const u = new URL(req.url ?? '/', 'http://x');
      if (u.pathname === '/redirect') {
        const to = new URL(u.searchParams.get('to')!);
        // A careless server copies the whole query string, credentials included, into Location.
        for (const [k, v] of u.searchParams) if (k !== 'to' && k !== 'status') to.searchParams.append(k, v);
        res.writeHead(Number(u.searchParams.get('status')), { Location: to.href }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ path: u.pathname }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const secure = (displayName: string) => ({ type: 'securestring', uiDefinition: { displayName, constraints: { required: 'true' } } });
const text = (displayName: string) => ({ type: 'string', uiDefinition: { displayName, constraints: { required: 'true' } } });
const props = (connectionParameters: object) => ({ properties: { connectionParameters } });

function connectors(oidc: TestOidcServer): Record<string, ConnectorFiles> {
  return {
    // Header names that do not look like credentials: only "the connection added it" protects them.
    'apikey-header': { definition: { securityDefinitions: { k: { type: 'apiKey', in: 'header', name: 'X-Contoso-Key' } } }, apiProperties: props({ api_key: secure('Key') }) },
    'apikey-apim': { definition: { securityDefinitions: { k: { type: 'apiKey', in: 'header', name: 'Ocp-Apim-Subscription-Key' } } }, apiProperties: props({ api_key: secure('Key') }) },
    'apikey-query': { definition: { securityDefinitions: { k: { type: 'apiKey', in: 'query', name: 'subscription' } } }, apiProperties: props({ api_key: secure('Key') }) },
    basic: { definition: { securityDefinitions: { b: { type: 'basic' } } }, apiProperties: props({ username: text('User'), password: secure('Password') }) },
    'oauth-cc': {
      definition: {},
      apiProperties: props({
        token: {
          type: 'oauthSetting',
          oAuthSettings: { identityProvider: 'oauth2', clientId: CONFIDENTIAL_CLIENT.clientId, scopes: ['api:read'], redirectMode: 'GlobalPerConnector', customParameters: { tokenUrl: { value: oidc.tokenUrl }, grantType: { value: 'client_credentials' } } },
          uiDefinition: { displayName: 'Sign in', constraints: { required: 'true' } },
        },
      }),
    },
  };
}

const definition = (host: string): SwaggerDocument => ({
  swagger: '2.0',
  host: 'unused',
  schemes: ['http'],
  paths: {
    '/redirect': {
      post: {
        operationId: 'Go',
        parameters: [
          { name: 'status', in: 'query', type: 'string' },
          { name: 'to', in: 'query', type: 'string' },
          { name: 'body', in: 'body', schema: { type: 'object' } },
        ],
        responses: {},
      },
    },
    '/files/{name}/meta': { get: { operationId: 'Meta', parameters: [{ name: 'name', in: 'path', required: true, type: 'string' }], responses: {} } },
  },
  'x-host': host,
});

describe('hostile: redirects and paths', function () {
  this.timeout(20_000);
  let oidc: TestOidcServer;
  let a: Origin;
  let b: Origin;
  let manager: ConnectionManager;
  let store: ConnectionStore;
  let files: Record<string, ConnectorFiles>;

  before(async () => {
    [oidc, a, b] = await Promise.all([startOidcServer(), startOrigin(), startOrigin()]);
    files = connectors(oidc);
  });
  after(async () => {
    await Promise.all([oidc?.close(), a?.close(), b?.close()]);
  });
  beforeEach(() => {
    store = new ConnectionStore(new InMemorySecretStore(), new InMemoryStateStore());
    manager = new ConnectionManager({ store, loadConnector: async (folder) => files[folder]!, openBrowser: async () => undefined, logger: new RedactingLogger(new MemoryLogSink()) });
  });

  async function decorationsFor(folder: string, values: Record<string, string>) {
    const model = deriveConnectionModels(files[folder]!.definition, files[folder]!.apiProperties).models[0]!;
    const record = await store.create({ name: folder, connectorFolder: folder, model, values });
    return manager.resolveConnection(record.id);
  }

  /** POSTs through the connection to A, which redirects with `status` to B; returns what B received. */
  async function redirectVia(folder: string, values: Record<string, string>, status: number) {
    const decorations = await decorationsFor(folder, values);
    const built = buildRequest(definition(a.url), 'Go', { status: String(status), to: `${b.url}/landed`, body: { card: '4111 1111 1111 1111' } }, { hostOverride: a.url });
    const request = applyDecorations(built, decorations);
    b.seen.length = 0;
    a.seen.length = 0;
    const r = await sendRequest(request, { timeoutMs: 10_000 });
    if (!r.ok) assert.fail(`${r.error.kind}: ${r.error.message}`);
    assert.equal(a.seen.length, 1, 'A got the request');
    assert.equal(b.seen.length, 1, 'B got the redirected request');
    return { decorations, atA: a.seen[0]!, atB: b.seen[0]!, response: r.response };
  }

  function assertNothingOfTheConnection(decorations: { headers: Record<string, string>; query: Record<string, string> }, atA: Seen, atB: Seen) {
    for (const [name, value] of Object.entries(decorations.headers)) {
      assert.equal(atA.headers[name.toLowerCase()], value, `A (same origin) gets ${name}`);
      assert.equal(atB.headers[name.toLowerCase()], undefined, `${name} followed the redirect to another origin`);
    }
    for (const [name, value] of Object.entries(decorations.query)) {
      assert.ok(atA.url.includes(`${name}=`), `A gets ?${name}`);
      assert.ok(!new URL(atB.url, 'http://x').searchParams.has(name), `?${name} followed the redirect: ${atB.url}`);
      assert.ok(!atB.url.includes(encodeURIComponent(value)), `the value of ?${name} followed the redirect`);
    }
    for (const value of [...Object.values(decorations.headers), ...Object.values(decorations.query)]) {
      assert.ok(!JSON.stringify(atB).includes(value), 'a connection value reached the other origin');
    }
  }

  const kinds: { title: string; folder: string; values: () => Record<string, string> }[] = [
    { title: 'API key in a header (X-Contoso-Key)', folder: 'apikey-header', values: () => ({ api_key: 'contoso-key-1234' }) },
    { title: 'API key in a header (Ocp-Apim-Subscription-Key)', folder: 'apikey-apim', values: () => ({ api_key: 'apim-key-5678' }) },
    { title: 'API key in the query', folder: 'apikey-query', values: () => ({ api_key: 'query-key-9012' }) },
    { title: 'basic', folder: 'basic', values: () => ({ username: 'alice', password: 'pw-secret-3456' }) },
    { title: 'OAuth bearer', folder: 'oauth-cc', values: () => ({ 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret }) },
  ];

  for (const kind of kinds) {
    it(`307 to another origin, ${kind.title}: no connection header or query parameter, no body`, async () => {
      const { decorations, atA, atB, response } = await redirectVia(kind.folder, kind.values(), 307);
      assert.ok(Object.keys(decorations.headers).length + Object.keys(decorations.query).length > 0, 'the connection added something');
      assertNothingOfTheConnection(decorations, atA, atB);
      assert.equal(atA.method, 'POST');
      assert.match(atA.body, /4111/);
      assert.equal(atB.body, '', 'the POST body followed a cross-origin 307');
      assert.equal(atB.headers['content-type'], undefined);
      assert.equal(response.redirects[0]?.credentialsDropped, true);
    });
  }

  it('302 to another origin (POST becomes GET): nothing of the connection, no body', async () => {
    const { decorations, atA, atB } = await redirectVia('apikey-query', { api_key: 'query-key-7777' }, 302);
    assertNothingOfTheConnection(decorations, atA, atB);
    assert.equal(atB.method, 'GET');
    assert.equal(atB.body, '');
  });

  it('a redirect on the same origin keeps the connection (the credentials are meant for it)', async () => {
    const decorations = await decorationsFor('apikey-header', { api_key: 'contoso-key-same' });
    const built = buildRequest(definition(a.url), 'Go', { status: '307', to: `${a.url}/landed`, body: { x: 1 } }, { hostOverride: a.url });
    a.seen.length = 0;
    const r = await sendRequest(applyDecorations(built, decorations), { timeoutMs: 10_000 });
    assert.ok(r.ok);
    assert.equal(a.seen.length, 2);
    assert.equal(a.seen[1]!.headers['x-contoso-key'], 'contoso-key-same');
    assert.equal(a.seen[1]!.body, '{"x":1}');
  });

  for (const value of ['..', '.']) {
    it(`a path parameter "${value}" is encoded and sent as a value, not resolved to the parent path`, async () => {
      const built = buildRequest(definition(a.url), 'Meta', { name: value }, { hostOverride: a.url });
      assert.ok(!built.url.includes('/./') && !built.url.includes('/../'), built.url);
      a.seen.length = 0;
      const r = await sendRequest(built, { timeoutMs: 10_000 });
      assert.ok(r.ok);
      assert.equal(a.seen.length, 1);
      assert.match(a.seen[0]!.url, /^\/files\/(%2E)+\/meta$/i, `the server saw ${a.seen[0]!.url}`);
      assert.equal(decodeURIComponent(a.seen[0]!.url.split('/')[2]!), value);
    });
  }
});
