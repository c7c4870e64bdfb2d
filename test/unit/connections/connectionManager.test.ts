import assert from 'node:assert/strict';
import { AuthError } from '../../../shared/src/auth/errors';
import { ConnectionManager } from '../../../shared/src/connections/connectionManager';
import { ConnectionStore } from '../../../shared/src/connections/connectionStore';
import { deriveConnectionModels } from '../../../shared/src/connections/deriveModel';
import { InMemorySecretStore, InMemoryStateStore } from '../../../shared/src/connections/stores';
import { MemoryLogSink, RedactingLogger } from '../../../shared/src/log/redactingLogger';
import { CONFIDENTIAL_CLIENT, startOidcServer, type TestOidcServer } from '../auth/oidcTestServer';
import { connectorFixtures, startEchoServer, type EchoServer } from './fixtures';

describe('connections: ConnectionManager against a real oidc-provider', function () {
  this.timeout(15_000);
  let server: TestOidcServer;
  let echo: EchoServer;
  let store: ConnectionStore;
  let manager: ConnectionManager;
  let clock: { offset: number };
  let fixtures: ReturnType<typeof connectorFixtures>;

  async function create(folder: string, values: Record<string, string>, name = folder) {
    const files = fixtures[folder]!;
    const model = deriveConnectionModels(files.definition, files.apiProperties).models[0]!;
    return store.create({ name, connectorFolder: folder, model, values });
  }

  async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
    await assert.rejects(promise, (err: unknown) => err instanceof AuthError && err.code === code);
  }

  before(async () => {
    server = await startOidcServer();
    echo = await startEchoServer();
    fixtures = connectorFixtures(server, CONFIDENTIAL_CLIENT.clientId);
  });
  after(async () => {
    await server.close();
    await echo.close();
  });
  beforeEach(() => {
    server.interaction.mode = 'approve';
    server.ttl.accessToken = 300;
    clock = { offset: 0 };
    store = new ConnectionStore(new InMemorySecretStore(), new InMemoryStateStore());
    manager = new ConnectionManager({
      store,
      loadConnector: async (folder) => fixtures[folder]!,
      openBrowser: (url) => server.browse(url),
      logger: new RedactingLogger(new MemoryLogSink()),
      now: () => Date.now() + clock.offset,
      signInTimeoutMs: 3000,
    });
  });

  it('resolves API key (header and query), basic and none', async () => {
    const h = await create('apikey-header', { api_key: 'hdr-key-1234' });
    const q = await create('apikey-query', { api_key: 'qry-key-1234' });
    const b = await create('basic', { username: 'alice', password: 'pw-1234' });
    const n = await create('none', { siteUrl: 'example.org', policyKey: 'pk-1234' });
    assert.deepEqual(await manager.resolveConnection(h.id), { headers: { 'X-Api-Key': 'hdr-key-1234' }, query: {} });
    assert.deepEqual(await manager.resolveConnection(q.id), { headers: {}, query: { code: 'qry-key-1234' } });
    assert.deepEqual(await manager.resolveConnection(b.id), {
      headers: { Authorization: `Basic ${Buffer.from('alice:pw-1234').toString('base64')}` },
      query: {},
    });
    assert.deepEqual(await manager.resolveConnection(n.id), { headers: {}, query: {} });
    await manager.fetchWithConnection(q.id, `${echo.url}?x=1`);
    assert.equal(echo.requests.at(-1)?.url, '/echo?x=1&code=qry-key-1234');
  });

  it('authorization code + PKCE sign-in, then Bearer decorations that work at the API', async () => {
    const rec = await create('oauth-code', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    assert.equal(rec.status, 'needsSignIn');
    await rejectsWith(manager.resolveConnection(rec.id), 'not_signed_in');
    const signed = await manager.signIn(rec.id);
    assert.equal(signed.status, 'signedIn');
    assert.ok(signed.expiresAt && signed.expiresAt > Date.now());
    const { headers } = await manager.resolveConnection(rec.id);
    assert.match(headers.Authorization ?? '', /^Bearer .+/);
    const res = await manager.fetchWithConnection(rec.id, server.apiUrl);
    assert.equal(res.status, 200);
  });

  it('refreshes shortly (60 s) before expiry', async () => {
    const rec = await create('oauth-code', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    await manager.signIn(rec.id);
    const first = (await manager.resolveConnection(rec.id)).headers.Authorization;
    assert.equal((await manager.resolveConnection(rec.id)).headers.Authorization, first, 'fresh token is reused');
    clock.offset = 300_000 - 59_000; // 59 s left of a 300 s token
    const second = (await manager.resolveConnection(rec.id)).headers.Authorization;
    assert.notEqual(second, first);
    assert.equal((await manager.fetchWithConnection(rec.id, server.apiUrl)).status, 200);
  });

  it('expiry: shows expired, and refreshes after a 401 from the API, retrying once', async () => {
    server.ttl.accessToken = 1;
    const rec = await create('oauth-code', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    await manager.signIn(rec.id);
    server.ttl.accessToken = 300;
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(manager.statusOf(store.get(rec.id)!), 'expired');
    // A clock that lags behind makes the client believe the token is still good: only the 401 tells.
    clock.offset = -120_000;
    const before = server.apiRequests.length;
    const res = await manager.fetchWithConnection(rec.id, server.apiUrl);
    assert.equal(res.status, 200);
    const calls = server.apiRequests.slice(before);
    assert.equal(calls.length, 2);
    assert.notEqual(calls[0]?.authorization, calls[1]?.authorization);
    assert.equal(manager.statusOf(store.get(rec.id)!), 'signedIn');
  });

  it('a revoked refresh token leaves the connection needing sign-in', async () => {
    const rec = await create('oauth-code', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    await manager.signIn(rec.id);
    const tokens = await store.getTokens(rec.id);
    assert.ok(tokens?.refreshToken);
    await server.revoke(tokens.refreshToken, 'refresh_token');
    await rejectsWith(manager.resolveConnection(rec.id, { forceRefresh: true }), 'invalid_grant');
    const after = store.get(rec.id)!;
    assert.equal(after.status, 'needsSignIn');
    assert.equal(after.lastError, 'invalid_grant');
    assert.equal(await store.getTokens(rec.id), undefined);
    // Sign In Again recovers.
    await manager.signIn(rec.id);
    assert.equal((await manager.fetchWithConnection(rec.id, server.apiUrl)).status, 200);
  });

  it('client credentials: a token is fetched on demand and re-fetched before expiry', async () => {
    const rec = await create('oauth-cc', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    assert.equal(rec.kind, 'oauth2ClientCredentials');
    const first = (await manager.resolveConnection(rec.id)).headers.Authorization;
    assert.match(first ?? '', /^Bearer /);
    assert.equal(store.get(rec.id)?.status, 'signedIn');
    clock.offset = 299_000;
    assert.notEqual((await manager.resolveConnection(rec.id)).headers.Authorization, first);
    assert.equal((await manager.fetchWithConnection(rec.id, server.apiUrl)).status, 200);
  });

  it('aad identity provider: builds /{tenant}/oauth2/v2.0 URLs (auth code and client credentials)', async () => {
    const seen: string[] = [];
    const aadManager = new ConnectionManager({
      store,
      loadConnector: async (folder) => fixtures[folder]!,
      openBrowser: (url) => {
        seen.push(url);
        return server.browse(url);
      },
    });
    const code = await create('aad', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    await aadManager.signIn(code.id);
    assert.ok(seen[0]?.startsWith(`${server.loginUri}/contoso-tenant/oauth2/v2.0/authorize?`), seen[0]);
    assert.equal(new URL(seen[0]!).searchParams.get('scope'), 'openid offline_access');
    assert.equal((await aadManager.fetchWithConnection(code.id, server.apiUrl)).status, 200);
    const cc = await create('aad-cc', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    assert.equal((await aadManager.fetchWithConnection(cc.id, server.apiUrl)).status, 200);
  });

  it('reports denied consent, wrong client secret and invalid scope with status error', async () => {
    server.interaction.mode = 'deny';
    const denied = await create('oauth-code', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    await rejectsWith(manager.signIn(denied.id), 'access_denied');
    assert.deepEqual([store.get(denied.id)?.status, store.get(denied.id)?.lastError], ['error', 'access_denied']);
    server.interaction.mode = 'approve';

    const wrong = await create('oauth-cc', { 'token.clientSecret': 'not-the-secret-123' });
    await rejectsWith(manager.resolveConnection(wrong.id), 'invalid_client');
    assert.equal(store.get(wrong.id)?.lastError, 'invalid_client');

    const scope = await create('oauth-code', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret, 'token.scopes': 'openid admin' });
    await rejectsWith(manager.signIn(scope.id), 'invalid_scope');
    assert.equal(store.get(scope.id)?.lastError, 'invalid_scope');
  });

  it('times out when the browser never returns', async () => {
    const quiet = new ConnectionManager({
      store,
      loadConnector: async (folder) => fixtures[folder]!,
      openBrowser: () => undefined,
      signInTimeoutMs: 200,
    });
    const rec = await create('oauth-code', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    await rejectsWith(quiet.signIn(rec.id), 'timeout');
    assert.equal(store.get(rec.id)?.lastError, 'timeout');
  });

  it('shares one refresh between concurrent requests', async () => {
    const rec = await create('oauth-cc', { 'token.clientSecret': CONFIDENTIAL_CLIENT.clientSecret });
    const results = await Promise.all([1, 2, 3].map(() => manager.resolveConnection(rec.id)));
    assert.equal(new Set(results.map((r) => r.headers.Authorization)).size, 1);
  });
});
