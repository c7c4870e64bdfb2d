// Reading an OpenAPI document (and the documents its $refs name) for the CLI and the language
// server: a file, or an http(s) URL fetched with the project's one sender (shared/src/request/send.ts:
// deadline, body cap, redirects, typed network errors). Named errors for DNS, TLS, 404, timeout and
// too large. A document read from a URL may only reference other URLs; a file may reference files
// in its own folder tree and URLs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sendRequest } from '../request/send';

/** Largest document read (the converter reads at most 64 MB of text too). */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;
export const SOURCE_TIMEOUT_MS = 30_000;

export type SourceErrorKind = 'dns' | 'tls' | 'not-found' | 'http' | 'timeout' | 'too-large' | 'connection' | 'invalid-url' | 'file';

export class SourceReadError extends Error {
  override name = 'SourceReadError';
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly location: string,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** Fetches a URL's text; throws SourceReadError with a kind and a message naming the URL. */
export async function fetchSourceText(url: string, options: ReadOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceReadError('invalid-url', `"${url}" is not a URL.`, url);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new SourceReadError('invalid-url', `"${url}" is not an http(s) URL.`, url);
  const result = await sendRequest(
    { method: 'GET', url: parsed.href, baseUrl: parsed.origin, path: `${parsed.pathname}${parsed.search}`, query: [], headers: { Accept: 'application/json, application/yaml, text/yaml, */*' }, pathParams: {}, secrets: { headers: [], query: [] } },
    { timeoutMs: options.timeoutMs ?? SOURCE_TIMEOUT_MS, maxBodyBytes: maxBytes + 1, signal: options.signal },
  );
  if (!result.ok) {
    const e = result.error;
    const kind: SourceErrorKind = e.kind === 'dns' ? 'dns' : e.kind === 'tls' || e.kind === 'self-signed' ? 'tls' : e.kind === 'timeout' ? 'timeout' : e.kind === 'invalid-url' ? 'invalid-url' : 'connection';
    const label = { dns: 'DNS lookup failed', tls: 'TLS error', timeout: 'timed out', 'invalid-url': 'invalid URL', connection: 'connection failed' }[kind as 'dns'];
    throw new SourceReadError(kind, `${label}: ${e.message}`, url);
  }
  const r = result.response;
  if (r.status === 404 || r.status === 410) throw new SourceReadError('not-found', `not found (HTTP ${r.status}) at ${r.url}.`, url);
  if (r.status < 200 || r.status > 299) throw new SourceReadError('http', `the server answered HTTP ${r.status} ${r.statusText} for ${r.url}.`, url);
  if (r.truncated || r.size > maxBytes || (r.declaredSize ?? 0) > maxBytes) throw new SourceReadError('too-large', `the document is larger than ${Math.round(maxBytes / (1024 * 1024))} MB, the import's limit.`, url);
  return new TextDecoder('utf-8').decode(r.body);
}

/** Reads a file's text with the same size cap; throws SourceReadError. */
export function readSourceFile(file: string, options: ReadOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new SourceReadError('file', `cannot read ${file}: no such file.`, file);
  }
  if (!stat.isFile()) throw new SourceReadError('file', `${file} is not a file.`, file);
  if (stat.size > maxBytes) throw new SourceReadError('too-large', `${file} is larger than ${Math.round(maxBytes / (1024 * 1024))} MB, the import's limit.`, file);
  return fs.readFileSync(file, 'utf8');
}

/** The document at `location` (a URL or a file path). */
export function readSource(location: string, options: ReadOptions = {}): Promise<string> {
  return isUrl(location) ? fetchSourceText(location, options) : Promise.resolve().then(() => readSourceFile(location, options));
}

/**
 * The reader the converter uses for external $refs and OpenID discovery documents of a source at
 * `sourceLocation`: URLs always; files only for a file source, and only inside its folder tree.
 * Failures read as "absent" (the converter reports the ref).
 */
export function refReaderFor(sourceLocation: string, options: ReadOptions = {}): (location: string) => Promise<string | undefined> {
  const root = isUrl(sourceLocation) ? undefined : path.dirname(path.resolve(sourceLocation));
  return async (location: string) => {
    try {
      if (isUrl(location)) return await fetchSourceText(location, { ...options, timeoutMs: Math.min(options.timeoutMs ?? SOURCE_TIMEOUT_MS, 10_000) });
      if (!root) return undefined;
      const file = path.resolve(root, location);
      if (file !== root && !file.startsWith(root + path.sep)) return undefined;
      const real = fs.realpathSync(file);
      if (!real.startsWith(fs.realpathSync(root) + path.sep)) return undefined;
      return readSourceFile(real, options);
    } catch {
      return undefined;
    }
  };
}
