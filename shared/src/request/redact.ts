/**
 * Hides secrets of a request for display, history and cURL export: Authorization-like headers,
 * everything a connection added (see decorations.ts), values fed by secret connection
 * parameters (see policies), and query parameters whose names mean a credential.
 */
import type { HttpRequest } from './types';
import { SECRET_HEADERS, SECRET_NAME, SECRET_QUERY } from './secretNames';
import { withUrl } from './url';

export const REDACTED = '***';

export function isSecretHeader(request: HttpRequest, name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.has(lower) || SECRET_NAME.test(lower) || request.secrets.headers.includes(lower);
}

export function isSecretQuery(request: HttpRequest, name: string): boolean {
  return SECRET_QUERY.has(name.toLowerCase()) || SECRET_NAME.test(name) || request.secrets.query.includes(name);
}

/** A copy safe to show: secret values replaced by ***, scheme kept for Authorization ("Bearer ***"). */
/**
 * Replaces every literal secret value (and its URL-encoded form) in text. Values under 4
 * characters are left alone (they would scrub ordinary text); longest first, so a secret that
 * contains another is replaced whole.
 */
export function scrubSecretValues(text: string, secrets: readonly string[]): string {
  const values = secrets.filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  return values.reduce((t, v) => t.split(v).join(REDACTED).split(encodeURIComponent(v)).join(REDACTED), text);
}

export function redact(request: HttpRequest): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!isSecretHeader(request, name)) headers[name] = value;
    else {
      const scheme = /^(Bearer|Basic|Digest|Token)\s+/i.exec(value);
      headers[name] = scheme && name.toLowerCase().endsWith('authorization') ? `${scheme[1]} ${REDACTED}` : REDACTED;
    }
  }
  const query = request.query.map(([n, v]): [string, string] => [n, isSecretQuery(request, n) ? REDACTED : v]);
  // Literal secret values may also sit in the path, the host URL, other headers or a text body.
  const scrub = (text: string) => scrubSecretValues(text, request.secrets.values ?? []);
  for (const name of Object.keys(headers)) headers[name] = scrub(headers[name]);
  return withUrl({
    ...request,
    baseUrl: scrub(request.baseUrl),
    path: scrub(request.path),
    headers,
    query: query.map(([n, v]) => [scrub(n), scrub(v)]),
    body: typeof request.body === 'string' ? scrub(request.body) : request.body,
    pathParams: Object.fromEntries(Object.entries(request.pathParams).map(([k, v]) => [k, scrub(v)])),
    // The copy is for display: it must not carry the secret values themselves.
    secrets: { ...request.secrets, values: [] },
  });
}
