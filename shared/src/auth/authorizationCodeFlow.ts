/**
 * OAuth 2.0 authorization code flow with PKCE for a native app (RFC 8252): start a loopback
 * listener, open the browser on the authorization URL, wait for the redirect, exchange the code.
 * Opening the browser is injected: the extension passes vscode.env.openExternal, tests drive the URL.
 */
import { AuthError } from './errors';
import { startLoopbackListener } from './loopback';
import { createPkcePair, createState } from './pkce';
import { exchangeAuthorizationCode, type OAuthClientConfig, type TokenRequestOptions, type TokenSet } from './tokenEndpoint';

export interface AuthorizationCodeConfig extends OAuthClientConfig {
  authorizationUrl: string;
  /** Extra authorization request parameters, e.g. { prompt: 'consent' } or an AAD `resource`. */
  authorizationParams?: Record<string, string>;
}

/** Opens the URL in the user's browser. Resolves false when the user declined to open it. */
export type OpenBrowser = (url: string) => Promise<boolean | void> | boolean | void;

export interface SignInOptions extends TokenRequestOptions {
  openBrowser: OpenBrowser;
  /** How long to wait for the redirect. Default 5 minutes. */
  timeoutMs?: number;
  /**
   * Map the loopback redirect URI to the one the browser should use (vscode.env.asExternalUri
   * for remote windows). The token request always uses the URI sent in the authorization request.
   */
  externalRedirectUri?: (loopbackUri: string) => Promise<string>;
}

export function buildAuthorizationUrl(
  config: AuthorizationCodeConfig,
  request: { redirectUri: string; state: string; codeChallenge: string },
): string {
  const url = new URL(config.authorizationUrl);
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', config.clientId);
  params.set('redirect_uri', request.redirectUri);
  if (config.scopes.length > 0) params.set('scope', config.scopes.join(' '));
  params.set('state', request.state);
  params.set('code_challenge', request.codeChallenge);
  params.set('code_challenge_method', 'S256');
  if (config.resource) params.set('resource', config.resource);
  for (const [key, value] of Object.entries(config.authorizationParams ?? {})) params.set(key, value);
  return url.toString();
}

export async function signInWithAuthorizationCode(config: AuthorizationCodeConfig, options: SignInOptions): Promise<TokenSet> {
  const state = createState();
  const pkce = createPkcePair();
  const listener = await startLoopbackListener({
    expectedState: state,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  try {
    const redirectUri = options.externalRedirectUri
      ? await options.externalRedirectUri(listener.redirectUri)
      : listener.redirectUri;
    const url = buildAuthorizationUrl(config, { redirectUri, state, codeChallenge: pkce.challenge });
    const opened = await options.openBrowser(url);
    if (opened === false) throw new AuthError('cancelled', 'the browser was not opened');
    const { code } = await listener.response;
    return await exchangeAuthorizationCode(config, { code, redirectUri, codeVerifier: pkce.verifier }, options);
  } finally {
    listener.close();
  }
}
