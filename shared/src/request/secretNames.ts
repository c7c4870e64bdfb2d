/**
 * The one list of names that mean a credential: headers, query parameters, Postman variables and
 * connector parameters. Request redaction (redact.ts), the Postman importer (which never writes
 * such values as examples) and the certification check for secret-looking examples all use it.
 * Pure: no imports, so the language server can use it too.
 */

/** Header names that carry credentials (lower case). */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'ocp-apim-subscription-key',
  'x-functions-key',
]);

/**
 * Query parameter names that carry credentials (lower case): Azure Functions `code`, SAS `sig`,
 * Google `key`, OAuth tokens.
 */
export const SECRET_QUERY: ReadonlySet<string> = new Set(['key', 'code', 'sig', 'access_token', 'client_secret', 'apikey', 'api_key', 'token']);

/** Words that mark a name as a credential wherever they appear in it ("auth", not "author"). */
export const SECRET_NAME = /(api[-_]?key|secret|passw|token|signature|credential|session|cookie|auth(?!or))/i;

/** True when a header, query parameter, variable or parameter of this name carries a credential. */
export function isSecretName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return SECRET_HEADERS.has(lower) || SECRET_QUERY.has(lower) || SECRET_NAME.test(lower);
}
