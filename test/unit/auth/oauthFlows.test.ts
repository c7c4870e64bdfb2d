import assert from 'node:assert/strict';
import { buildAuthorizationUrl, signInWithAuthorizationCode, type AuthorizationCodeConfig } from '../../../shared/src/auth/authorizationCodeFlow';
import { AuthError } from '../../../shared/src/auth/errors';
import { startLoopbackListener } from '../../../shared/src/auth/loopback';
import { codeChallengeS256, createPkcePair, createState } from '../../../shared/src/auth/pkce';
import { exchangeAuthorizationCode, refreshTokens, requestClientCredentials } from '../../../shared/src/auth/tokenEndpoint';
import { CONFIDENTIAL_CLIENT, PUBLIC_CLIENT, startOidcServer, type TestOidcServer } from './oidcTestServer';

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<AuthError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AuthError, `expected AuthError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected rejection with ${code}`);
}

describe('auth: PKCE and state', () => {
  it('computes the RFC 7636 appendix B S256 challenge', () => {
    assert.equal(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('creates 43-char verifiers and unique states', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    assert.equal(a.verifier.length, 43);
    assert.match(a.verifier, /^[A-Za-z0-9_-]+$/);
    assert.notEqual(a.verifier, b.verifier);
    assert.equal(a.challenge, codeChallengeS256(a.verifier));
    assert.notEqual(createState(), createState());
  });

  it('builds an authorization URL with PKCE, state and extra params, keeping existing query', () => {
    const url = new URL(
      buildAuthorizationUrl(
        { clientId: 'cid', tokenUrl: 'https://x/token', authorizationUrl: 'https://x/authorize?tenant=a', scopes: ['openid', 'offline_access'], authorizationParams: { prompt: 'consent' } },
        { redirectUri: 'http://127.0.0.1:1234/callback', state: 'st', codeChallenge: 'ch' },
      ),
    );
    assert.equal(url.searchParams.get('tenant'), 'a');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('code_challenge'), 'ch');
    assert.equal(url.searchParams.get('scope'), 'openid offline_access');
    assert.equal(url.searchParams.get('prompt'), 'consent');
    assert.equal(url.searchParams.get('state'), 'st');
  });
});

describe('auth: loopback listener', () => {
  it('listens on 127.0.0.1 with a random port and resolves with the code', async () => {
    const a = await startLoopbackListener({ expectedState: 's1' });
    const b = await startLoopbackListener({ expectedState: 's2' });
    try {
      assert.match(a.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      assert.notEqual(a.redirectUri, b.redirectUri);
      const other = await fetch(new URL('/favicon.ico', a.redirectUri));
      assert.equal(other.status, 404);
      const res = await fetch(`${a.redirectUri}?code=abc&state=s1`);
      assert.equal(res.status, 200);
      assert.equal((await a.response).code, 'abc');
      // The port is closed after the first response.
      await assert.rejects(fetch(`${a.redirectUri}?code=abc&state=s1`));
    } finally {
      a.close();
      b.close();
    }
  });

  it('rejects a wrong state', async () => {
    const l = await startLoopbackListener({ expectedState: 'good' });
    const res = await fetch(`${l.redirectUri}?code=abc&state=bad`);
    assert.equal(res.status, 400);
    assert.doesNotMatch(await res.text(), /abc|bad/);
    await rejectsWith(l.response, 'state_mismatch');
  });

  it('maps error=access_denied', async () => {
    const l = await startLoopbackListener({ expectedState: 's' });
    await fetch(`${l.redirectUri}?error=access_denied&error_description=nope&state=s`);
    const err = await rejectsWith(l.response, 'access_denied');
    assert.match(err.message, /Consent was denied/);
  });

  it('times out with a clear error when no callback arrives', async () => {
    const l = await startLoopbackListener({ expectedState: 's', timeoutMs: 150 });
    const err = await rejectsWith(l.response, 'timeout');
    assert.match(err.message, /No sign-in redirect arrived/);
  });
});

describe('auth: OAuth 2.0 flows against a real oidc-provider', function () {
  this.timeout(15_000);
  let server: TestOidcServer;
  let config: AuthorizationCodeConfig;

  before(async () => {
    server = await startOidcServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.interaction.mode = 'approve';
    server.ttl.accessToken = 300;
    config = {
      ...CONFIDENTIAL_CLIENT,
      authorizationUrl: server.authorizationUrl,
      tokenUrl: server.tokenUrl,
      scopes: ['openid', 'offline_access'],
      authorizationParams: { prompt: 'consent' },
    };
  });

  it('signs in with authorization code + PKCE through the loopback redirect', async () => {
    let seen = '';
    const tokens = await signInWithAuthorizationCode(config, {
      openBrowser: async (url) => {
        seen = url;
        await server.browse(url);
      },
    });
    const sent = new URL(seen);
    assert.equal(sent.searchParams.get('code_challenge_method'), 'S256');
    assert.match(sent.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.ok(tokens.accessToken.length > 10);
    assert.ok(tokens.refreshToken, 'offline_access + consent yields a refresh token');
    assert.ok(tokens.expiresAt && tokens.expiresAt > Date.now());
    assert.equal(tokens.tokenType, 'Bearer');
    const api = await fetch(server.apiUrl, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    assert.equal(api.status, 200);
  });

  it('signs in a public client (no secret, PKCE only)', async () => {
    const tokens = await signInWithAuthorizationCode(
      { ...config, clientId: PUBLIC_CLIENT.clientId, clientSecret: undefined },
      { openBrowser: (url) => server.browse(url) },
    );
    assert.ok(tokens.accessToken);
  });

  it('the server enforces PKCE: a wrong code_verifier is invalid_grant', async () => {
    const state = createState();
    const pkce = createPkcePair();
    const listener = await startLoopbackListener({ expectedState: state });
    try {
      const url = buildAuthorizationUrl(config, { redirectUri: listener.redirectUri, state, codeChallenge: pkce.challenge });
      await server.browse(url);
      const { code } = await listener.response;
      await rejectsWith(
        exchangeAuthorizationCode(config, { code, redirectUri: listener.redirectUri, codeVerifier: createPkcePair().verifier }),
        'invalid_grant',
      );
    } finally {
      listener.close();
    }
  });

  it('refreshes with the refresh token', async () => {
    const first = await signInWithAuthorizationCode(config, { openBrowser: (url) => server.browse(url) });
    assert.ok(first.refreshToken);
    const second = await refreshTokens(config, first.refreshToken);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.ok(second.refreshToken);
    const api = await fetch(server.apiUrl, { headers: { Authorization: `Bearer ${second.accessToken}` } });
    assert.equal(api.status, 200);
  });

  it('access tokens expire after their TTL (expires_in is honoured)', async () => {
    server.ttl.accessToken = 1;
    const tokens = await signInWithAuthorizationCode(config, { openBrowser: (url) => server.browse(url) });
    assert.ok(tokens.expiresAt && tokens.expiresAt <= Date.now() + 1500);
    await new Promise((r) => setTimeout(r, 1100));
    const api = await fetch(server.apiUrl, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    assert.equal(api.status, 401);
  });

  it('a revoked refresh token is invalid_grant', async () => {
    const tokens = await signInWithAuthorizationCode(config, { openBrowser: (url) => server.browse(url) });
    assert.ok(tokens.refreshToken);
    await server.revoke(tokens.refreshToken, 'refresh_token');
    const err = await rejectsWith(refreshTokens(config, tokens.refreshToken), 'invalid_grant');
    assert.match(err.message, /Sign in again/);
    assert.ok(!err.message.includes(tokens.refreshToken));
  });

  it('gets a client credentials token', async () => {
    const tokens = await requestClientCredentials({ ...CONFIDENTIAL_CLIENT, tokenUrl: server.tokenUrl, scopes: ['api:read'] });
    assert.ok(tokens.accessToken);
    assert.equal(tokens.refreshToken, undefined);
    const api = await fetch(server.apiUrl, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    assert.equal(api.status, 200);
  });

  it('wrong client secret is invalid_client (client credentials and code exchange)', async () => {
    const wrong = 'wrong-Secret-value-0000';
    const err = await rejectsWith(
      requestClientCredentials({ clientId: CONFIDENTIAL_CLIENT.clientId, clientSecret: wrong, tokenUrl: server.tokenUrl, scopes: [] }),
      'invalid_client',
    );
    assert.ok(!err.message.includes(wrong));
    await rejectsWith(
      signInWithAuthorizationCode({ ...config, clientSecret: wrong }, { openBrowser: (url) => server.browse(url) }),
      'invalid_client',
    );
  });

  it('invalid scope is reported (authorization and client credentials)', async () => {
    await rejectsWith(
      signInWithAuthorizationCode({ ...config, scopes: ['openid', 'admin'] }, { openBrowser: (url) => server.browse(url) }),
      'invalid_scope',
    );
    await rejectsWith(requestClientCredentials({ ...CONFIDENTIAL_CLIENT, tokenUrl: server.tokenUrl, scopes: ['admin'] }), 'invalid_scope');
  });

  it('denied consent is access_denied', async () => {
    server.interaction.mode = 'deny';
    await rejectsWith(signInWithAuthorizationCode(config, { openBrowser: (url) => server.browse(url) }), 'access_denied');
  });

  it('a redirect with a forged state is rejected', async () => {
    await rejectsWith(
      signInWithAuthorizationCode(config, { openBrowser: (url) => server.browse(url, { tamperState: true }) }),
      'state_mismatch',
    );
  });

  it('times out when the browser never comes back', async () => {
    let opened = false;
    await rejectsWith(
      signInWithAuthorizationCode(config, {
        timeoutMs: 200,
        openBrowser: () => {
          opened = true;
        },
      }),
      'timeout',
    );
    assert.ok(opened);
  });

  it('is cancelled when the user declines to open the browser', async () => {
    await rejectsWith(signInWithAuthorizationCode(config, { openBrowser: async () => false }), 'cancelled');
  });
});
