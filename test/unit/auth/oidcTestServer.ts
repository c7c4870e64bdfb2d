/**
 * A real OAuth 2.0 / OpenID Connect server (oidc-provider) on 127.0.0.1 for the auth and
 * connection tests, plus a headless "browser" that drives the authorization URL with plain
 * fetch, manual redirects and a cookie jar, and a protected API that checks Bearer tokens.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// oidc-provider ships no types; this is the small surface the tests use.
interface OidcGrant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}
interface InteractionDetails {
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId: string };
  grantId?: string;
}
interface OidcToken {
  isExpired: boolean;
}
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, options?: object): Promise<void>;
  Grant: { new (init: { accountId: string; clientId: string }): OidcGrant; find(id: string): Promise<OidcGrant | undefined> };
  AccessToken: { find(value: string): Promise<OidcToken | undefined> };
  ClientCredentials: { find(value: string): Promise<OidcToken | undefined> };
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderCtor = new (issuer: string, config: object) => OidcProvider;

export const CONFIDENTIAL_CLIENT = { clientId: 'studio-test-client', clientSecret: 'c0nfidential-Client-Secret-7f3a' };
export const PUBLIC_CLIENT = { clientId: 'studio-public-client' };
/** The tenant segment of the AAD-style routes, so `aad` connections can run against this server. */
export const TENANT = 'contoso-tenant';

export interface TestOidcServer {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  revocationUrl: string;
  /** Login origin for aad connections: `${loginUri}/${TENANT}/oauth2/v2.0/{authorize,token}`. */
  loginUri: string;
  /** GET returns 200 with a valid Bearer token, 401 otherwise. */
  apiUrl: string;
  /** Everything the API saw in Authorization headers / query api keys, to assert on. */
  apiRequests: { authorization?: string; url: string }[];
  /** Access token lifetime in seconds (applies to new tokens). */
  ttl: { accessToken: number };
  /** 'approve' logs in and consents; 'deny' answers access_denied. */
  interaction: { mode: 'approve' | 'deny' };
  /** Drive an authorization URL like a browser would, ending with the request to the loopback redirect. */
  browse(url: string, options?: { tamperState?: boolean }): Promise<void>;
  revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<void>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function startOidcServer(): Promise<TestOidcServer> {
  // oidc-provider warns about its dev-only defaults (in-memory adapter, keys) and Node 20: expected here.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('oidc-provider WARNING')) warn(...args);
  };
  const { default: Provider } = (await import('oidc-provider')) as unknown as { default: ProviderCtor };
  const httpServer = createServer();
  const port = await listen(httpServer);
  const issuer = `http://127.0.0.1:${port}`;
  const ttl = { accessToken: 300 };
  const interaction = { mode: 'approve' as 'approve' | 'deny' };
  const apiRequests: { authorization?: string; url: string }[] = [];

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CONFIDENTIAL_CLIENT.clientId,
        client_secret: CONFIDENTIAL_CLIENT.clientSecret,
        application_type: 'native',
        // Loopback redirect: oidc-provider ignores the port for native clients (RFC 8252 7.3).
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        scope: 'openid offline_access profile api:read',
      },
      {
        client_id: PUBLIC_CLIENT.clientId,
        application_type: 'native',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        scope: 'openid offline_access profile',
      },
    ],
    // 'admin' is known to the server but not allowed for the clients: requesting it is invalid_scope.
    scopes: ['openid', 'offline_access', 'profile', 'api:read', 'admin'],
    pkce: { required: () => true },
    features: {
      clientCredentials: { enabled: true },
      revocation: { enabled: true, allowedPolicy: async () => true },
      devInteractions: { enabled: false },
    },
    ttl: {
      AccessToken: () => ttl.accessToken,
      ClientCredentials: () => ttl.accessToken,
      AuthorizationCode: 60,
      RefreshToken: 3600,
      Grant: 3600,
      Session: 3600,
      Interaction: 600,
      IdToken: 3600,
    },
    cookies: { keys: ['connector-studio-test-cookie-key'] },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'text';
      ctx.body = `${out.error}: ${out.error_description}`;
    },
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    routes: {
      authorization: `/${TENANT}/oauth2/v2.0/authorize`,
      token: `/${TENANT}/oauth2/v2.0/token`,
      revocation: '/token/revocation',
    },
  });
  console.warn = warn;
  // Keep expected OAuth errors out of the test output.
  provider.on('server_error', () => undefined);
  const callback = provider.callback();

  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (interaction.mode === 'deny') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
      return;
    }
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: 'author-1' } }, { mergeWithLastSubmission: false });
      return;
    }
    const clientId = String(details.params.client_id);
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session?.accountId ?? 'author-1', clientId });
    if (!grant) throw new Error('grant vanished');
    const missing = details.prompt.details;
    if (Array.isArray(missing.missingOIDCScope)) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (Array.isArray(missing.missingOIDCClaims)) grant.addOIDCClaims(missing.missingOIDCClaims as string[]);
    const resourceScopes = missing.missingResourceScopes as Record<string, string[]> | undefined;
    for (const [indicator, scopes] of Object.entries(resourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  async function api(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const authorization = req.headers.authorization;
    apiRequests.push({ authorization, url: req.url ?? '' });
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const found = token ? ((await provider.AccessToken.find(token)) ?? (await provider.ClientCredentials.find(token))) : undefined;
    if (!found || found.isExpired) {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  }

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const handler = path.startsWith('/interaction/') ? interact : path === '/api/me' ? api : undefined;
    if (!handler) {
      callback(req, res);
      return;
    }
    handler(req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });

  async function browse(url: string, options: { tamperState?: boolean } = {}): Promise<void> {
    const jar = new Map<string, string>();
    let next = url;
    for (let hop = 0; hop < 20; hop++) {
      const target = new URL(next);
      if (target.origin !== issuer) {
        // Left the authorization server: this is the redirect to the app's loopback listener.
        if (options.tamperState) target.searchParams.set('state', 'forged-state-value');
        const res = await fetch(target, { redirect: 'manual' });
        await res.text();
        return;
      }
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(target, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair?.indexOf('=') ?? -1;
        if (pair && eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      const location = res.headers.get('location');
      const body = await res.text();
      if (!location) throw new Error(`browser stopped at ${target.pathname} with HTTP ${res.status}: ${body.replace(/<style[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 400)}`);
      next = new URL(location, target).toString();
    }
    throw new Error('too many redirects');
  }

  async function revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<void> {
    const res = await fetch(`${issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token,
        token_type_hint: hint,
        client_id: CONFIDENTIAL_CLIENT.clientId,
        client_secret: CONFIDENTIAL_CLIENT.clientSecret,
      }),
    });
    if (res.status !== 200) throw new Error(`revocation failed: HTTP ${res.status}`);
  }

  return {
    issuer,
    authorizationUrl: `${issuer}/${TENANT}/oauth2/v2.0/authorize`,
    tokenUrl: `${issuer}/${TENANT}/oauth2/v2.0/token`,
    revocationUrl: `${issuer}/token/revocation`,
    loginUri: issuer,
    apiUrl: `${issuer}/api/me`,
    apiRequests,
    ttl,
    interaction,
    browse,
    revoke,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
}
