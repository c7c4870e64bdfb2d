/**
 * Creates connections of every kind with known secret values, exercises them (sign-in,
 * refresh, requests, failures), then searches state, logs and error messages for those
 * values and for every token the server issued: they may only be in the SecretStore.
 */
import assert from 'node:assert/strict';
import { ConnectionManager } from '../../../shared/src/connections/connectionManager';
import { ConnectionStore } from '../../../shared/src/connections/connectionStore';
import { deriveConnectionModels } from '../../../shared/src/connections/deriveModel';
import { InMemorySecretStore, InMemoryStateStore } from '../../../shared/src/connections/stores';
import { MemoryLogSink, RedactingLogger } from '../../../shared/src/log/redactingLogger';
import { CONFIDENTIAL_CLIENT, startOidcServer, type TestOidcServer } from '../auth/oidcTestServer';
import { connectorFixtures, startEchoServer, type EchoServer } from './fixtures';

describe('connections: no secret outside the SecretStore', function () {
  this.timeout(20_000);
  let server: TestOidcServer;
  let echo: EchoServer;
  before(async () => {
    server = await startOidcServer();
    echo = await startEchoServer();
  });
  after(async () => {
    await server.close();
    await echo.close();
  });

  it('every kind, exercised, leaves secrets only in the SecretStore', async () => {
    const fixtures = connectorFixtures(server, CONFIDENTIAL_CLIENT.clientId);
    const secrets = new InMemorySecretStore();
    const state = new InMemoryStateStore();
    const sink = new MemoryLogSink();
    const logger = new RedactingLogger(sink);
    const store = new ConnectionStore(secrets, state);
    const manager = new ConnectionManager({
      store,
      loadConnector: async (folder) => fixtures[folder]!,
      openBrowser: (url) => server.browse(url),
      logger,
      signInTimeoutMs: 3000,
    });
    const errors: string[] = [];
    const known = new Set<string>([
      'LEAK-hdr-key-9f8e7d',
      'LEAK-qry-key-1a2b3c',
      'LEAK-user-name-77',
      'LEAK-basic-pw-4d5e6f',
      'LEAK-policy-key-8899',
      'LEAK-wrong-secret-5566',
      CONFIDENTIAL_CLIENT.clientSecret,
    ]);
    const cs = CONFIDENTIAL_CLIENT.clientSecret;
    const plan: [string, Record<string, string>][] = [
      ['apikey-header', { api_key: 'LEAK-hdr-key-9f8e7d' }],
      ['apikey-query', { api_key: 'LEAK-qry-key-1a2b3c' }],
      ['basic', { username: 'LEAK-user-name-77', password: 'LEAK-basic-pw-4d5e6f' }],
      ['none', { siteUrl: 'example.org', policyKey: 'LEAK-policy-key-8899' }],
      ['oauth-code', { 'token.clientSecret': cs }],
      ['oauth-cc', { 'token.clientSecret': cs }],
      ['aad', { 'token.clientSecret': cs }],
      ['aad-cc', { 'token.clientSecret': cs }],
      ['oauth-cc', { 'token.clientSecret': 'LEAK-wrong-secret-5566' }],
    ];
    const log = logger.child('test-operation');
    for (const [folder, values] of plan) {
      const files = fixtures[folder]!;
      const model = deriveConnectionModels(files.definition, files.apiProperties).models[0]!;
      const rec = await store.create({ name: `${folder} connection`, connectorFolder: folder, model, values });
      try {
        if (rec.kind === 'oauth2AuthorizationCode') await manager.signIn(rec.id);
        const decorations = await manager.resolveConnection(rec.id);
        // A careless component logging what it sends: the logger must still hide it.
        log.info('sending', decorations, `Authorization: ${decorations.headers.Authorization ?? ''}`);
        const target = rec.kind.startsWith('oauth2') ? server.apiUrl : echo.url;
        const res = await manager.fetchWithConnection(rec.id, target);
        log.info(`status ${res.status} for ${target}`);
        if (rec.kind.startsWith('oauth2')) {
          await manager.resolveConnection(rec.id, { forceRefresh: true });
          const tokens = await store.getTokens(rec.id);
          for (const t of [tokens?.accessToken, tokens?.refreshToken, tokens?.idToken]) if (t) known.add(t);
          log.debug(`token response {"access_token":"${tokens?.accessToken}","refresh_token":"${tokens?.refreshToken ?? ''}"}`);
          if (tokens?.refreshToken) {
            await server.revoke(tokens.refreshToken, 'refresh_token');
            await manager.resolveConnection(rec.id, { forceRefresh: true });
          }
        }
      } catch (err) {
        errors.push(err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err));
      }
    }

    // Every token the server issued is in the SecretStore (or was replaced there); collect them all.
    for (const raw of secrets.entries.values()) {
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value === 'string' && (key !== 'tokenType' && key !== 'scope' && key !== 'siteUrl')) known.add(value);
      }
    }
    known.add(Buffer.from('LEAK-user-name-77:LEAK-basic-pw-4d5e6f').toString('base64'));
    for (const r of server.apiRequests) {
      const token = /^Bearer (.+)$/.exec(r.authorization ?? '')?.[1];
      if (token) known.add(token);
    }

    // The run really did something: sign-ins, errors for the wrong secret and the revoked tokens, logs.
    assert.ok(errors.some((e) => /client ID and client secret/.test(e)), errors.join('\n'));
    assert.ok(errors.some((e) => /revoked/.test(e)), errors.join('\n'));
    assert.ok(server.apiRequests.length >= 4);
    assert.ok(echo.requests.some((r) => r.headers['x-api-key'] === 'LEAK-hdr-key-9f8e7d'), 'the API key was really sent');
    assert.ok(sink.lines.length > 10 && sink.text().includes('***'));
    assert.ok(known.size > 15, `${known.size} secret values`);
    const secretText = [...secrets.entries.values()].join('\n');
    for (const v of ['LEAK-hdr-key-9f8e7d', 'LEAK-basic-pw-4d5e6f', 'LEAK-policy-key-8899', cs]) assert.ok(secretText.includes(v));

    const places: [string, string][] = [
      ['state', state.dump()],
      ['log', sink.text()],
      ['errors', errors.join('\n')],
    ];
    for (const value of known) {
      for (const [where, text] of places) {
        assert.ok(!text.includes(value), `secret value leaked into ${where}: ${value.slice(0, 4)}...`);
      }
    }
  });
});
