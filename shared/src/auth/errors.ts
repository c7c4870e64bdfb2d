/**
 * Typed OAuth errors with messages an author can act on. Messages never contain secret
 * values: server-provided descriptions pass through redact() before they are kept.
 */
import { redact } from '../log/redactingLogger';

export type AuthErrorCode =
  | 'access_denied' // the user (or policy) refused consent
  | 'invalid_client' // wrong client id or client secret
  | 'invalid_scope' // a requested scope is unknown or not allowed for the client
  | 'invalid_grant' // code or refresh token expired, revoked or already used
  | 'timeout' // no redirect arrived at the loopback listener in time
  | 'state_mismatch' // the redirect carried a state we did not send (possible CSRF)
  | 'cancelled' // sign-in aborted by the caller
  | 'invalid_response' // the server answered something that is not an OAuth token response
  | 'network' // the server could not be reached
  | 'not_signed_in' // no tokens stored for an OAuth connection
  | 'server_error'; // any other OAuth error code

const HINTS: Record<AuthErrorCode, string> = {
  access_denied: 'Consent was denied. Sign in again and approve the requested permissions.',
  invalid_client: 'The authorization server rejected the client credentials. Check the client ID and client secret.',
  invalid_scope: 'The authorization server rejected the requested scopes. Check the scopes of the connection.',
  invalid_grant:
    'The authorization grant or refresh token is invalid, expired or revoked. Sign in again to get new tokens.',
  timeout: 'No sign-in redirect arrived before the time limit. Finish the sign-in in the browser, or try again.',
  state_mismatch:
    'The sign-in redirect carried an unexpected state value and was rejected. Start the sign-in again.',
  cancelled: 'Sign-in was cancelled.',
  invalid_response: 'The token endpoint answered with something that is not an OAuth 2.0 token response.',
  network: 'The authorization server could not be reached.',
  not_signed_in: 'This connection is not signed in. Sign in first.',
  server_error: 'The authorization server reported an error.',
};

export class AuthError extends Error {
  override readonly name = 'AuthError';
  /** The OAuth error code as sent by the server, when there was one (e.g. "temporarily_unavailable"). */
  readonly oauthError?: string;
  readonly status?: number;

  constructor(
    readonly code: AuthErrorCode,
    detail?: string,
    options: { oauthError?: string; status?: number; cause?: unknown } = {},
  ) {
    const safeDetail = detail ? redact(detail) : undefined;
    super(safeDetail ? `${HINTS[code]} (${safeDetail})` : HINTS[code]);
    this.oauthError = options.oauthError;
    this.status = options.status;
  }
}

const KNOWN_CODES = new Set<string>(['access_denied', 'invalid_client', 'invalid_scope', 'invalid_grant']);

/** Map an OAuth `error` / `error_description` pair (RFC 6749 4.1.2.1, 5.2) to an AuthError. */
export function authErrorFromOAuth(error: string, description?: string | null, status?: number): AuthError {
  const code: AuthErrorCode = KNOWN_CODES.has(error)
    ? (error as AuthErrorCode)
    : error === 'unauthorized_client'
      ? 'invalid_client'
      : 'server_error';
  const detail = description ? `${error}: ${description}` : error;
  return new AuthError(code, detail, { oauthError: error, status });
}

export function isAuthError(err: unknown, code?: AuthErrorCode): err is AuthError {
  return err instanceof AuthError && (code === undefined || err.code === code);
}
