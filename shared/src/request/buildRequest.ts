/**
 * Builds the HTTP request an operation produces for given parameter values, the way the
 * connector runtime does before policies run: scheme/host/basePath, path templating with
 * x-ms-url-encoding, query/header/formData serialization with collection formats, internal
 * parameters sent with their default, and the body.
 */
import { encodeMultipart, type MultipartPart } from './multipart';
import { encodePathValue, scalarToString, serializeValue } from './serialize';
import { findOperation, operationParameters } from './swagger';
import type { HttpRequest, OperationRef, SwaggerDocument, SwaggerParameter } from './types';
import { encodeQuery, withUrl } from './url';

export interface FileValue {
  content: Uint8Array | string;
  filename?: string;
  contentType?: string;
}

export interface BuildOptions {
  /**
   * Replaces the definition's host: either "host[:port]" (scheme and basePath kept) or an
   * absolute URL such as "http://127.0.0.1:8080" (its scheme wins; its path, if any, replaces basePath).
   */
  hostOverride?: string;
}

export class BuildRequestError extends Error {
  override readonly name = 'BuildRequestError';
  constructor(
    message: string,
    /** "name (in)" of each required parameter without a value, when that is the cause. */
    readonly missing: string[] = [],
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

const JSON_TYPE = /^application\/(.+\+)?json\b/i;

export function isJsonContentType(contentType: string | undefined): boolean {
  return !!contentType && JSON_TYPE.test(contentType.trim());
}

function isFileValue(value: unknown): value is FileValue {
  return !!value && typeof value === 'object' && 'content' in (value as object);
}

/** The value to send for a parameter, or undefined when nothing is sent. */
function effectiveValue(param: SwaggerParameter, values: Record<string, unknown>): unknown {
  const given = param.in === 'body' ? (values[param.name] ?? values.body) : values[param.name];
  if (given !== undefined) return given;
  // Internal parameters are never shown to the user: the runtime sends their default.
  // A required parameter with a default behaves the same (the designer pre-fills it).
  if (param.default !== undefined && (param['x-ms-visibility'] === 'internal' || param.required)) return param.default;
  return undefined;
}

function isValidHost(host: string): boolean {
  if (/[\s/?#@\\]/.test(host)) return false;
  try {
    return new URL(`https://${host}`).host !== '';
  } catch {
    return false;
  }
}

function baseUrlOf(document: SwaggerDocument, options: BuildOptions): string {
  const schemes = (document.schemes ?? []).map((s) => s.toLowerCase());
  // Prefer https when the definition offers both.
  let scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'https');
  let host = document.host ?? '';
  let basePath = document.basePath ?? '';
  const override = options.hostOverride?.trim();
  if (override) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(override)) {
      let url: URL;
      try {
        url = new URL(override);
      } catch {
        // e.g. "http://" or "http://[::1": a user typo must surface as a build error, not a TypeError.
        throw new BuildRequestError(`The host override "${override}" is not a valid URL.`);
      }
      scheme = url.protocol.replace(/:$/, '');
      host = url.host;
      if (url.pathname && url.pathname !== '/') basePath = url.pathname;
    } else {
      host = override;
    }
  }
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) throw new BuildRequestError(`"${scheme}" is not a valid URL scheme (schemes).`);
  if (!host) throw new BuildRequestError('The definition has no host; set "host" or give a host override.');
  // A host with a path, spaces or a wrong type would build a URL that cannot be sent (fuzz tier).
  if (typeof host !== 'string' || !isValidHost(host)) throw new BuildRequestError(`"${String(host)}" is not a valid host[:port].`);
  const base = basePath && basePath !== '/' ? '/' + basePath.replace(/^\/+|\/+$/g, '') : '';
  return `${scheme}://${host}${base}`;
}

export function buildRequest(
  document: SwaggerDocument,
  operationRef: OperationRef,
  values: Record<string, unknown>,
  options: BuildOptions = {},
): HttpRequest {
  try {
    return build(document, operationRef, values, options);
  } catch (e) {
    if (e instanceof BuildRequestError) throw e;
    // The document comes from the editor as typed: a wrong type (basePath: 1, parameters: {}) or a
    // circular $ref must reach the caller as a build error it shows, not a crash (fuzz tier).
    throw new BuildRequestError(`The definition cannot be used to build this request: ${e instanceof Error ? e.message : String(e)}`, [], e);
  }
}

function build(
  document: SwaggerDocument,
  operationRef: OperationRef,
  values: Record<string, unknown>,
  options: BuildOptions,
): HttpRequest {
  const located = findOperation(document, operationRef);
  if (!located) {
    const label = typeof operationRef === 'string' ? operationRef : `${operationRef.method.toUpperCase()} ${operationRef.path}`;
    throw new BuildRequestError(`Operation ${label} is not in the definition.`);
  }
  const { operation } = located;
  const params = operationParameters(document, located);

  const missing = params
    .filter((p) => p.required && effectiveValue(p, values) === undefined)
    .map((p) => `${p.name} (${p.in})`);
  if (missing.length) {
    throw new BuildRequestError(`Missing required parameter${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`, missing);
  }

  const pathParams: Record<string, string> = {};
  const query: Array<[string, string]> = [];
  let headers: Record<string, string> = {};
  const formFields: MultipartPart[] = [];
  let bodyParam: SwaggerParameter | undefined;
  let bodyValue: unknown;

  for (const param of params) {
    const value = effectiveValue(param, values);
    if (value === undefined) continue;
    switch (param.in) {
      case 'path':
        pathParams[param.name] = encodePathValue(serializeValue(value, param.collectionFormat, false)[0], param['x-ms-url-encoding']);
        break;
      case 'query':
        for (const v of serializeValue(value, param.collectionFormat, true)) query.push([param.name, v]);
        break;
      case 'header':
        headers[param.name] = serializeValue(value, param.collectionFormat, false)[0];
        break;
      case 'formData':
        if (param.type === 'file' || isFileValue(value) || value instanceof Uint8Array) {
          const file: FileValue = isFileValue(value) ? value : { content: value instanceof Uint8Array ? value : scalarToString(value) };
          formFields.push({
            name: param.name,
            value: file.content,
            filename: file.filename ?? param.name,
            contentType: file.contentType ?? 'application/octet-stream',
          });
        } else {
          for (const v of serializeValue(value, param.collectionFormat, true)) formFields.push({ name: param.name, value: v });
        }
        break;
      case 'body':
        bodyParam = param;
        bodyValue = value;
        break;
    }
  }

  const path = located.path.replace(/\{([^}]+)\}/g, (whole, name: string) => pathParams[name] ?? whole);
  const unresolved = path.match(/\{[^}]+\}/g);
  if (unresolved) {
    throw new BuildRequestError(`Path template ${located.path} has no parameter for ${unresolved.join(', ')}.`);
  }

  const consumes = operation.consumes ?? document.consumes ?? [];
  let body: string | Uint8Array | undefined;
  let contentType: string | undefined;
  const hasFormParams = params.some((p) => p.in === 'formData');
  if (bodyParam !== undefined) {
    contentType = consumes.find(isJsonContentType) ?? consumes[0] ?? 'application/json';
    body = encodeBody(bodyValue, bodyParam, contentType);
  } else if (hasFormParams) {
    const multipart =
      params.some((p) => p.in === 'formData' && p.type === 'file') ||
      formFields.some((f) => f.filename !== undefined) ||
      consumes.some((c) => /multipart\/form-data/i.test(c));
    if (multipart) {
      const encoded = encodeMultipart(formFields);
      body = encoded.body;
      contentType = encoded.contentType;
    } else {
      body = encodeQuery(formFields.map((f) => [f.name, f.value as string]));
      contentType = 'application/x-www-form-urlencoded';
    }
  }
  if (contentType) {
    const declared = Object.keys(headers).find((h) => h.toLowerCase() === 'content-type');
    if (declared) {
      // A declared Content-Type header parameter wins, except over a multipart boundary we generated.
      if (!/^multipart\//i.test(contentType)) contentType = headers[declared];
      else delete headers[declared];
    }
    headers = { ...headers, 'Content-Type': contentType };
    if (declared && declared !== 'Content-Type') delete headers[declared];
  }

  return withUrl({
    method: located.method.toUpperCase(),
    baseUrl: baseUrlOf(document, options),
    path,
    query,
    headers,
    body,
    contentType,
    operationId: operation.operationId,
    pathParams,
    secrets: { headers: [], query: [] },
  });
}

function encodeBody(value: unknown, param: SwaggerParameter, contentType: string): string | Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (isJsonContentType(contentType)) {
    // A string for a non-string schema is JSON text typed by the user: send it as is.
    const schemaType = param.schema && typeof param.schema.type === 'string' ? param.schema.type : undefined;
    if (typeof value === 'string' && schemaType !== 'string') return value;
    return JSON.stringify(value);
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType) && value && typeof value === 'object') {
    return encodeQuery(Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => serializeValue(v, 'multi', true).map((s): [string, string] => [k, s])));
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
