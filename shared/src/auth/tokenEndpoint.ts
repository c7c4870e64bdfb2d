/**
 * Token endpoint requests (RFC 6749 4.1.3, 4.4, 6): authorization code with PKCE,
 * client credentials and refresh. Errors become typed AuthErrors; secrets never appear in them.
 */
import { AuthError, authErrorFromOAuth } from './errors';
import { registerSecret } from '../log/redactingLogger';

export type ClientAuthMethod = 'client_secret_post' | 'client_secret_basic' | 'none';

export interface OAuthClientConfig {
  clientId: string;
  /** Absent for public clients (PKCE only). */
  clientSecret?: string;
  /** How the client authenticates at the token endpoint. Default: post when there is a secret, else none. */
  clientAuthMethod?: ClientAuthMethod;
  tokenUrl: string;
  /** Defaults to tokenUrl (the connector's refreshUrl is usually the same). */
  refreshUrl?: string;
  scopes: string[];
  /** Azure AD v1 style `resource` parameter, sent when set. */
  resource?: string;
}

export interface TokenSet {
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch milliseconds; undefined when the server did not say. */
  expiresAt?: number;
  scope?: string;
}

export type FetchLike = typeof fetch;

export interface TokenRequestOptions {
  fetch?: FetchLike;
  /** Clock, for tests. */
  now?: () => number;
  signal?: AbortSignal;
}

function clientAuth(config: OAuthClientConfig, body: URLSearchParams, headers: Record<string, string>): void {
  registerSecret(config.clientSecret);
  const method = config.clientAuthMethod ?? (config.clientSecret ? 'client_secret_post' : 'none');
  if (method === 'client_secret_basic' && config.clientSecret !== undefined) {
    // RFC 6749 2.3.1: form-encode both parts before base64.
    const pair = `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`;
    headers.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    return;
  }
  body.set('client_id', config.clientId);
  if (method === 'client_secret_post' && config.clientSecret !== undefined) body.set('client_secret', config.clientSecret);
}

async function postToken(
  url: string,
  config: OAuthClientConfig,
  body: URLSearchParams,
  options: TokenRequestOptions,
): Promise<TokenSet> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  clientAuth(config, body, headers);
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let response: Response;
  try {
    response = await doFetch(url, { method: 'POST', headers, body: body.toString(), signal: options.signal, redirect: 'error' });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AuthError('network', `${new URL(url).origin}: ${reason}`, { cause });
  }
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  if (!response.ok || (json && typeof json.error === 'string')) {
    if (json && typeof json.error === 'string') {
      const description = typeof json.error_description === 'string' ? json.error_description : undefined;
      throw authErrorFromOAuth(json.error, description, response.status);
    }
    if (response.status === 401) throw new AuthError('invalid_client', `HTTP 401`, { status: 401 });
    throw new AuthError('server_error', `HTTP ${response.status}`, { status: response.status });
  }
  if (!json || typeof json.access_token !== 'string') {
    throw new AuthError('invalid_response', `HTTP ${response.status}, no access_token`, { status: response.status });
  }
  const tokens: TokenSet = {
    accessToken: json.access_token,
    tokenType: typeof json.token_type === 'string' ? json.token_type : 'Bearer',
  };
  registerSecret(tokens.accessToken);
  if (typeof json.refresh_token === 'string') {
    tokens.refreshToken = json.refresh_token;
    registerSecret(tokens.refreshToken);
  }
  if (typeof json.id_token === 'string') {
    tokens.idToken = json.id_token;
    registerSecret(tokens.idToken);
  }
  const expiresIn = typeof json.expires_in === 'string' ? Number(json.expires_in) : json.expires_in;
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn)) tokens.expiresAt = now() + expiresIn * 1000;
  if (typeof json.scope === 'string') tokens.scope = json.scope;
  return tokens;
}

export function exchangeAuthorizationCode(
  config: OAuthClientConfig,
  params: { code: string; redirectUri: string; codeVerifier: string },
  options: TokenRequestOptions = {},
): Promise<TokenSet> {
  registerSecret(params.code);
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: params.code,
    redirect_uri: params.redirectUri,
    code_verifier: params.codeVerifier,
  });
  if (config.resource) body.set('resource', config.resource);
  return postToken(config.tokenUrl, config, body, options);
}

export function requestClientCredentials(config: OAuthClientConfig, options: TokenRequestOptions = {}): Promise<TokenSet> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (config.scopes.length > 0) body.set('scope', config.scopes.join(' '));
  if (config.resource) body.set('resource', config.resource);
  return postToken(config.tokenUrl, config, body, options);
}

/** Refresh; keeps the old refresh token when the server does not rotate it (RFC 6749 6). */
export async function refreshTokens(
  config: OAuthClientConfig,
  refreshToken: string,
  options: TokenRequestOptions = {},
): Promise<TokenSet> {
  registerSecret(refreshToken);
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  if (config.scopes.length > 0) body.set('scope', config.scopes.join(' '));
  if (config.resource) body.set('resource', config.resource);
  const tokens = await postToken(config.refreshUrl || config.tokenUrl, config, body, options);
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
}
