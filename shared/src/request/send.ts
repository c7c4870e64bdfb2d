/**
 * Sends a built request with undici and reports faults as typed errors with a clear message.
 * Never hangs: one deadline covers connect, headers, redirects and body; the body is read in
 * chunks and reading stops at maxBodyBytes (the rest is never buffered). Redirects are
 * followed by hand so each hop is reported.
 */
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isSecretHeader, isSecretQuery } from './redact';
import type { HttpRequest } from './types';

export interface SendOptions {
  /** Overall time limit in ms (connect + redirects + headers + body). Default 30 000. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Accept self-signed / untrusted certificates. An explicit per-connection opt-in. */
  allowSelfSigned?: boolean;
  /** Bytes of body kept; the rest is not read. Default 5 MiB. */
  maxBodyBytes?: number;
  /** Follow 301/302/303/307/308. Default true. */
  followRedirects?: boolean;
  maxRedirects?: number;
}

export interface RedirectHop {
  status: number;
  location: string;
  /** The hop left the request's origin: the connection's headers, query parameters and the body were not sent on. */
  credentialsDropped?: boolean;
}

export interface SendResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** True when the body was longer than maxBodyBytes and reading stopped there. */
  truncated: boolean;
  /** Bytes received (at most maxBodyBytes when truncated). */
  size: number;
  /** Content-Length announced by the server, when there was one. */
  declaredSize?: number;
  timeMs: number;
  redirects: RedirectHop[];
  /** URL of the final hop. */
  url: string;
}

export type SendErrorKind =
  | 'invalid-url'
  | 'connection-refused'
  | 'dns'
  | 'tls'
  | 'self-signed'
  | 'timeout'
  | 'aborted'
  | 'reset'
  | 'incomplete'
  | 'unreachable'
  | 'too-many-redirects'
  | 'unknown';

export interface SendError {
  kind: SendErrorKind;
  message: string;
  /** Low-level code, e.g. ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT. */
  code?: string;
  timeMs: number;
  redirects: RedirectHop[];
  /** What had arrived before an `incomplete` body. */
  partial?: { status: number; headers: Record<string, string>; bytesReceived: number };
}

export type SendResult = { ok: true; response: SendResponse } | { ok: false; error: SendError };

const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect']);
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

class DeadlineExceeded extends Error {}

/**
 * The URL parsed for its origin, and the path to send as written: an encoded dot segment (%2E or
 * %2E%2E, how a path parameter "." or ".." is encoded) is kept, not resolved against the parent.
 */
function requestTarget(url: string): { parsed: URL; path: string } {
  // %2E followed by %00 cannot come out of encodeURIComponent (a NUL is %00, a dot stays a dot),
  // so the marker is unambiguous; the URL parser then sees no dot segment.
  const guarded = new URL(url.replace(/%2e/gi, '%2E%00'));
  const path = `${guarded.pathname}${guarded.search}`.replace(/%2E%00/g, '%2E');
  return { parsed: new URL(url), path };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export async function sendRequest(request: HttpRequest, options: SendOptions = {}): Promise<SendResult> {
  // undici (~540 KB minified) loads on the first send, not at extension activation: the client
  // build makes it a bundle of its own, dist/client/undici.js (esbuild.mjs).
  const { Agent } = await import('undici');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 10;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const redirects: RedirectHop[] = [];

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded()), timeoutMs);
  const onUserAbort = () => controller.abort(options.signal?.reason ?? new Error('aborted'));
  if (options.signal?.aborted) onUserAbort();
  else options.signal?.addEventListener('abort', onUserAbort, { once: true });

  const agent = new Agent({
    connect: { rejectUnauthorized: !options.allowSelfSigned, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  let url = request.url;
  let method = request.method.toUpperCase();
  let body: string | Uint8Array | undefined = request.body;
  let headers: Record<string, string> = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !FORBIDDEN_HEADERS.has(name.toLowerCase())),
  );
  let partial: SendError['partial'];
  let leftOrigin = false;

  try {
    for (;;) {
      let parsed: URL;
      let targetPath: string;
      try {
        ({ parsed, path: targetPath } = requestTarget(url));
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(parsed.protocol);
      } catch {
        return fail({ kind: 'invalid-url', message: `"${url}" is not an http(s) URL.`, timeMs: elapsed(), redirects });
      }
      // Through the agent with origin and path, not a URL: a URL would resolve an encoded
      // dot segment (%2E%2E, a path parameter "..") into a request on the parent path.
      const response = await agent.request({
        origin: parsed.origin,
        path: targetPath,
        method: method as 'GET',
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
        signal: controller.signal,
      });
      const responseHeaders = flattenHeaders(response.headers);
      const location = responseHeaders['location'];
      if (options.followRedirects !== false && [301, 302, 303, 307, 308].includes(response.statusCode) && location) {
        await response.body.dump().catch(() => undefined);
        const next = new URL(location, parsed);
        redirects.push({ status: response.statusCode, location: next.href });
        if (redirects.length > maxRedirects) {
          return fail({ kind: 'too-many-redirects', message: `Stopped after ${maxRedirects} redirects (last: ${next.href}).`, timeMs: elapsed(), redirects });
        }
        // 303, and 301/302 after POST, turn into GET without a body (what browsers and fetch do).
        if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
          headers = Object.fromEntries(Object.entries(headers).filter(([n]) => !/^content-/i.test(n)));
        }
        // Credentials never follow a redirect to another origin: every header and query parameter
        // the connection added (or named like a credential), and the body (its content may be
        // secret too; a 303 or a POST turned GET has none already).
        if (next.origin !== parsed.origin || leftOrigin) {
          leftOrigin = true;
          redirects[redirects.length - 1]!.credentialsDropped = true;
          headers = Object.fromEntries(Object.entries(headers).filter(([n]) => !CREDENTIAL_HEADERS.has(n.toLowerCase()) && !isSecretHeader(request, n)));
          if (body !== undefined) {
            body = undefined;
            headers = Object.fromEntries(Object.entries(headers).filter(([n]) => !/^content-/i.test(n)));
          }
          const secretValues = new Set((request.secrets.values ?? []).filter((v) => v.length >= 4));
          const kept = [...next.searchParams].filter(([name, value]) => !isSecretQuery(request, name) && !secretValues.has(value));
          if (kept.length !== [...next.searchParams].length) next.search = new URLSearchParams(kept).toString();
        }
        url = next.href;
        continue;
      }

      const declared = Number(responseHeaders['content-length']);
      const declaredSize = Number.isFinite(declared) && responseHeaders['content-length'] !== undefined ? declared : undefined;
      partial = { status: response.statusCode, headers: responseHeaders, bytesReceived: 0 };
      const chunks: Uint8Array[] = [];
      let size = 0;
      let truncated = false;
      if (method !== 'HEAD') {
        for await (const chunk of response.body) {
          const bytes = chunk as Uint8Array;
          const room = maxBodyBytes - size;
          if (bytes.length > room) {
            if (room > 0) chunks.push(bytes.subarray(0, room));
            size += Math.max(room, 0);
            truncated = true;
            break; // ends the iteration, which destroys the stream: the rest is never read
          }
          chunks.push(bytes);
          size += bytes.length;
          partial.bytesReceived = size;
        }
        if (truncated) response.body.destroy();
      }
      const result = new Uint8Array(size);
      let offset = 0;
      for (const c of chunks) {
        result.set(c, offset);
        offset += c.length;
      }
      return {
        ok: true,
        response: {
          status: response.statusCode,
          statusText: STATUS_CODES[response.statusCode] ?? '',
          headers: responseHeaders,
          body: result,
          truncated,
          size,
          declaredSize,
          timeMs: elapsed(),
          redirects,
          url,
        },
      };
    }
  } catch (error) {
    return fail(classify(error, controller.signal, options.signal, timeoutMs, url, elapsed(), redirects, partial));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onUserAbort);
    // Close every socket now so nothing lingers after a timeout or truncation.
    agent.destroy().catch(() => undefined);
  }
}

function fail(error: SendError): SendResult {
  return { ok: false, error };
}

function errorChain(error: unknown): Array<{ code?: string; name?: string; message?: string }> {
  const chain: Array<{ code?: string; name?: string; message?: string }> = [];
  let current: unknown = error;
  for (let i = 0; i < 6 && current && typeof current === 'object'; i++) {
    const e = current as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    chain.push({ code: typeof e.code === 'string' ? e.code : undefined, name: String(e.name ?? ''), message: String(e.message ?? '') });
    // AggregateError (happy eyeballs) carries the real causes in `errors`.
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return chain;
}

function classify(
  error: unknown,
  internal: AbortSignal,
  user: AbortSignal | undefined,
  timeoutMs: number,
  url: string,
  timeMs: number,
  redirects: RedirectHop[],
  partial: SendError['partial'],
): SendError {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  const base = { timeMs, redirects };
  if (internal.aborted && internal.reason instanceof DeadlineExceeded) {
    return {
      ...base,
      kind: 'timeout',
      message: `No complete response from ${host} within ${timeoutMs} ms${partial ? ` (status ${partial.status} arrived, ${partial.bytesReceived} body bytes)` : ''}.`,
      partial,
    };
  }
  if (user?.aborted) return { ...base, kind: 'aborted', message: 'The request was cancelled.', partial };
  const chain = errorChain(error);
  const codes = chain.map((c) => c.code).filter((c): c is string => !!c);
  const has = (...list: string[]) => codes.find((c) => list.includes(c));
  let code: string | undefined;
  if ((code = has('UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT'))) {
    return { ...base, kind: 'timeout', code, message: `No complete response from ${host} within ${timeoutMs} ms.`, partial };
  }
  if ((code = has('ECONNREFUSED'))) {
    return { ...base, kind: 'connection-refused', code, message: `Connection refused by ${host}: nothing is listening there, or a firewall rejects it.` };
  }
  if ((code = has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'))) {
    return { ...base, kind: 'dns', code, message: `The host name ${new URL(url).hostname} could not be resolved (DNS ${code}). Check the host, or your network/VPN.` };
  }
  if ((code = has('DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN'))) {
    return {
      ...base,
      kind: 'self-signed',
      code,
      message: `${host} presented a self-signed certificate, which is rejected by default. Allow self-signed certificates for this connection only if you trust this server.`,
    };
  }
  if (
    (code =
      has('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO', 'CERT_NOT_YET_VALID') ??
      codes.find((c) => c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS') || c.startsWith('CERT_')))
  ) {
    return { ...base, kind: 'tls', code, message: `TLS handshake with ${host} failed (${code}): ${chain[chain.length - 1]?.message ?? ''}`.trim() };
  }
  if (partial && (code = has('UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'EPIPE', 'UND_ERR_ABORTED') ?? 'closed')) {
    return {
      ...base,
      kind: 'incomplete',
      code,
      message: `${host} closed the connection in the middle of the response (status ${partial.status}, ${partial.bytesReceived} body bytes received).`,
      partial,
    };
  }
  if ((code = has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'))) {
    return { ...base, kind: 'reset', code, message: `${host} closed the connection before sending a response.` };
  }
  if ((code = has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'))) {
    return { ...base, kind: 'unreachable', code, message: `${host} is unreachable from this machine (${code}).` };
  }
  if (chain.some((c) => c.name === 'AbortError')) return { ...base, kind: 'aborted', message: 'The request was cancelled.' };
  const last = chain[0];
  return { ...base, kind: 'unknown', code: codes[0], message: `The request to ${host} failed: ${last?.message || String(error)}` };
}
