/**
 * A fetch for the MCP SDK's streamable-HTTP client transport that sends every JSON-RPC message the
 * way the connector runtime would: the MCP operation's URL from the definition (host override,
 * basePath, path), the connection's decorations (API key, OAuth token), the connector's policy
 * templates (request and response sections), then our one sender (shared/src/request/send.ts: one
 * deadline, a body cap, TLS and redirect handling). Each exchange is kept for the run history with
 * secrets redacted, and the first fault is named (unreachable, TLS, 401/403, not JSON-RPC, ...).
 */
import {
  applyDecorations,
  applyPolicies,
  applyResponsePolicies,
  buildRequest,
  redact,
  sendRequest,
  setHeader,
  type ConnectionDecorations,
  type HttpRequest,
  type OperationRef,
  type PolicyTemplateInstance,
  type SendError,
  type SwaggerDocument,
} from '../request';
import { REDACTED, scrubSecretValues } from '../request/redact';
import { findOperation } from '../request/swagger';
import { withUrl } from '../request/url';

export type McpFaultKind =
  | 'unreachable'
  | 'tls'
  | 'auth'
  | 'sse-only'
  | 'not-jsonrpc'
  | 'initialize-timeout'
  | 'timeout'
  | 'oversized'
  | 'http'
  | 'policy'
  | 'build'
  | 'protocol';

export interface McpFault {
  kind: McpFaultKind;
  /** What happened and what to do, without secrets. */
  message: string;
  status?: number;
}

export interface McpConnection {
  decorations: ConnectionDecorations;
  /** Connection parameter values for policy expressions (secret ones listed below). */
  parameters: Record<string, string>;
  secretParameterNames: string[];
}

export interface McpTarget {
  document: SwaggerDocument;
  /** The MCP operation (operationId or path+method). */
  operationRef: OperationRef;
  hostOverride?: string;
  policies?: PolicyTemplateInstance[];
  connection?: McpConnection;
  allowSelfSigned?: boolean;
  signal?: AbortSignal;
  /** Time limit of the `initialize` request (ms). Default 10 000. */
  initializeTimeoutMs?: number;
  /** Time limit of every other request (ms). Default 30 000. */
  requestTimeoutMs?: number;
  /** Bytes of one response kept; a longer one is the `oversized` fault. Default 4 MiB. */
  maxResponseBytes?: number;
}

export interface McpExchangeMessage {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** One HTTP exchange of the session, redacted, for the run history and the CLI's JSON output. */
export interface McpExchange {
  seq: number;
  /** JSON-RPC method(s) of the request, e.g. "initialize", "tools/list". */
  rpc: string;
  request: McpExchangeMessage;
  response?: { status: number; headers: Record<string, string>; body?: string };
  fault?: McpFault;
  timeMs: number;
}

/** Exchange bodies are cut to this many characters in the history. */
export const EXCHANGE_TEXT_LIMIT = 64 * 1024;
const DEFAULT_MAX_RESPONSE = 4 * 1024 * 1024;

export interface ConnectorFetch {
  fetch: (url: string | URL, init?: RequestInit) => Promise<Response>;
  exchanges: McpExchange[];
  /** The first fault met (kept: later errors are its consequences). */
  fault(): McpFault | undefined;
  /** Every literal secret sent so far (for scrubbing error texts); never shown. */
  secretValues(): string[];
  /** The URL the MCP operation resolves to, redacted (for display). */
  endpoint(): string;
  /** Sends one GET (Accept: text/event-stream) through the same pipeline: the SSE-only probe. */
  probeSse(timeoutMs: number): Promise<{ status?: number; contentType?: string; text?: string; error?: SendError }>;
}

const decoder = new TextDecoder('utf-8', { fatal: false });
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function cut(text: string): string {
  return text.length > EXCHANGE_TEXT_LIMIT ? `${text.slice(0, EXCHANGE_TEXT_LIMIT)}\n… (${text.length - EXCHANGE_TEXT_LIMIT} more characters not kept)` : text;
}

function rpcMethods(body: string | undefined): string {
  if (!body) return '';
  try {
    const v = JSON.parse(body) as unknown;
    const list = Array.isArray(v) ? v : [v];
    return list.map((m) => (m && typeof m === 'object' && typeof (m as { method?: unknown }).method === 'string' ? (m as { method: string }).method : 'response')).join(', ');
  } catch {
    return '';
  }
}

function isJsonRpcMessage(v: unknown): boolean {
  const one = (m: unknown) => !!m && typeof m === 'object' && (m as { jsonrpc?: unknown }).jsonrpc === '2.0';
  return Array.isArray(v) ? v.length > 0 && v.every(one) : one(v);
}

/** The SSE events' data lines of a buffered text/event-stream body (bounded by the body cap). */
function sseData(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data = block.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''));
    if (data.length) out.push(data.join('\n'));
  }
  return out;
}

export function sendFaultOf(error: SendError, initialize: boolean, timeoutMs: number): McpFault {
  switch (error.kind) {
    case 'connection-refused':
    case 'dns':
    case 'unreachable':
    case 'reset':
    case 'invalid-url':
      return { kind: 'unreachable', message: `The MCP server is unreachable: ${error.message}` };
    case 'tls':
    case 'self-signed':
      return { kind: 'tls', message: `TLS failed: ${error.message}` };
    case 'timeout':
      return initialize
        ? { kind: 'initialize-timeout', message: `The server did not answer initialize within ${timeoutMs} ms (${error.message}) Check that the operation's URL is the MCP endpoint and that the server speaks streamable HTTP.` }
        : { kind: 'timeout', message: error.message };
    default:
      return { kind: 'unreachable', message: error.message };
  }
}

export function createConnectorFetch(target: McpTarget): ConnectorFetch {
  const exchanges: McpExchange[] = [];
  const secrets = new Set<string>();
  let fault: McpFault | undefined;
  const note = (f: McpFault) => {
    fault ??= f;
    return f;
  };
  const located = findOperation(target.document, target.operationRef);
  const operationId = located?.operation.operationId;
  const policyContext = {
    operationId,
    connectionParameters: target.connection?.parameters ?? {},
    secretConnectionParameters: target.connection?.secretParameterNames ?? [],
  };
  for (const name of target.connection?.secretParameterNames ?? []) {
    const v = target.connection?.parameters[name];
    if (v) secrets.add(v);
  }

  /** The operation's request with the SDK's method, headers and body, decorated and through the policies. */
  async function prepare(method: string, headers: Headers, body: string | undefined): Promise<HttpRequest> {
    let request: HttpRequest;
    try {
      request = buildRequest(target.document, target.operationRef, {}, { hostOverride: target.hostOverride });
    } catch (error) {
      // A required parameter of the MCP operation (e.g. a body) has no value: the SDK supplies the body.
      const message = (error as Error).message;
      if (!/required|missing/i.test(message)) throw Object.assign(new Error(message), { fault: note({ kind: 'build', message: `The MCP operation's request cannot be built: ${message}` }) });
      const op = located;
      if (!op) throw Object.assign(new Error(message), { fault: note({ kind: 'build', message }) });
      const lenient = JSON.parse(JSON.stringify(target.document)) as SwaggerDocument;
      const opCopy = findOperation(lenient, target.operationRef)!.operation;
      opCopy.parameters = (opCopy.parameters ?? []).map((p) => (p && typeof p === 'object' && (p as { in?: string }).in === 'body' ? { ...p, required: false } : p));
      request = buildRequest(lenient, target.operationRef, {}, { hostOverride: target.hostOverride });
    }
    request = { ...request, method };
    headers.forEach((value, name) => {
      request = { ...request, headers: setHeader(request.headers, name, value) };
    });
    if (body !== undefined) request = { ...request, body, contentType: headers.get('content-type') ?? 'application/json' };
    else request = { ...request, body: undefined, contentType: undefined };
    if (target.connection) request = applyDecorations(request, target.connection.decorations);
    const policy = await applyPolicies(request, target.policies, policyContext);
    const failed = policy.outcomes.filter((o) => o.status === 'failed');
    request = withUrl(policy.request);
    for (const v of request.secrets.values ?? []) secrets.add(v);
    if (failed.length) {
      throw Object.assign(new Error('policy'), { fault: note({ kind: 'policy', message: `A policy template failed: ${failed.map((o) => `${o.title ?? o.templateId}: ${o.message}`).join('; ')}` }), request });
    }
    return request;
  }

  function shown(request: HttpRequest): McpExchangeMessage {
    const safe = redact(request);
    return { method: safe.method, url: safe.url, headers: safe.headers, body: typeof safe.body === 'string' ? cut(safe.body) : undefined };
  }

  function shownHeaders(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) out[k] = /^(set-cookie|authorization)$/i.test(k) ? REDACTED : scrubSecretValues(v, [...secrets]);
    return out;
  }

  async function send(method: string, headers: Headers, body: string | undefined, opts: { timeoutMs: number; maxBytes: number; initialize: boolean; record: boolean }) {
    const started = Date.now();
    const rpc = rpcMethods(body);
    let request: HttpRequest;
    try {
      request = await prepare(method, headers, body);
    } catch (error) {
      const f = (error as { fault?: McpFault }).fault ?? note({ kind: 'build', message: (error as Error).message });
      const req = (error as { request?: HttpRequest }).request;
      if (opts.record) exchanges.push({ seq: exchanges.length + 1, rpc, request: req ? shown(req) : { method, url: '', headers: {} }, fault: f, timeMs: Date.now() - started });
      throw new Error(f.message);
    }
    const result = await sendRequest(request, { timeoutMs: opts.timeoutMs, maxBodyBytes: opts.maxBytes, allowSelfSigned: target.allowSelfSigned, signal: target.signal });
    return { request, result, rpc, started };
  }

  const connectorFetch = async (_url: string | URL, init: RequestInit = {}): Promise<Response> => {
    const method = (init.method ?? 'GET').toUpperCase();
    // A connector operation is one POST: Copilot Studio sends every JSON-RPC message with it. The
    // transport's optional GET stream (server-initiated messages) and DELETE (session end) are not
    // part of a connector call, so they are answered "405 Method Not Allowed" here, as the
    // streamable-HTTP specification lets a server answer them.
    if (method !== 'POST') return new Response(null, { status: 405, statusText: 'Method Not Allowed' });
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? init.body : init.body === undefined || init.body === null ? undefined : String(init.body);
    const initialize = rpcMethods(body).split(', ').includes('initialize');
    const timeoutMs = initialize ? (target.initializeTimeoutMs ?? 10_000) : (target.requestTimeoutMs ?? 30_000);
    const maxBytes = target.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
    const { request, result, rpc, started } = await send(method, headers, body, { timeoutMs, maxBytes, initialize, record: true });
    const exchange: McpExchange = { seq: exchanges.length + 1, rpc, request: shown(request), timeMs: 0 };
    exchanges.push(exchange);
    if (!result.ok) {
      const f = note(sendFaultOf(result.error, initialize, timeoutMs));
      exchange.fault = f;
      exchange.timeMs = Date.now() - started;
      throw new Error(f.message);
    }
    const r = result.response;
    const after = applyResponsePolicies({ status: r.status, headers: r.headers, body: r.body }, target.policies, policyContext, request);
    const status = after.response.status;
    const responseHeaders = after.response.headers;
    const bytes = typeof after.response.body === 'string' ? new TextEncoder().encode(after.response.body) : (after.response.body ?? new Uint8Array());
    const text = decoder.decode(bytes);
    exchange.response = { status, headers: shownHeaders(responseHeaders), body: cut(scrubSecretValues(text, [...secrets])) };
    exchange.timeMs = Date.now() - started;
    const contentType = (Object.entries(responseHeaders).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '').toLowerCase();
    if (r.truncated) {
      const f = note({ kind: 'oversized', message: `The answer to ${rpc || 'a request'} is larger than the cap of ${maxBytes} bytes${r.declaredSize !== undefined ? ` (${r.declaredSize} bytes announced)` : ''}; reading stopped there. Return fewer or smaller items, or raise the cap.`, status });
      exchange.fault = f;
      throw new Error(f.message);
    }
    if (status === 401 || status === 403) {
      const f = note({
        kind: 'auth',
        status,
        message: `${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'} from the MCP server through this connection: ${status === 401 ? 'the credential is missing, wrong or expired (sign in again, or check the API key and where the connector sends it)' : 'the credential is valid but not allowed (check the scopes or the key\'s rights)'}.`,
      });
      exchange.fault = f;
    } else if (status >= 200 && status < 300 && status !== 202 && rpc !== '') {
      // A 2xx to a request must be JSON-RPC: JSON, or an SSE stream of JSON-RPC messages.
      let ok = false;
      try {
        if (contentType.startsWith('application/json')) ok = isJsonRpcMessage(JSON.parse(text));
        else if (contentType.startsWith('text/event-stream')) ok = sseData(text).some((d) => isJsonRpcMessage(JSON.parse(d)));
      } catch {
        ok = false;
      }
      if (!ok) {
        const f = note({ kind: 'not-jsonrpc', status, message: `HTTP ${status} to ${rpc} is not a JSON-RPC 2.0 answer (content type "${contentType || 'none'}", body starts ${JSON.stringify(scrubSecretValues(text.slice(0, 60), [...secrets]))}). The operation's URL may point at a web page or a REST endpoint instead of the MCP server, or a policy rewrote the answer.` });
        exchange.fault = f;
        throw new Error(f.message);
      }
    } else if (status >= 300) {
      exchange.fault = note({ kind: 'http', status, message: `HTTP ${status} from the MCP server to ${rpc || 'a request'}: ${scrubSecretValues(text.slice(0, 200), [...secrets]) || 'no body'}` });
    }
    return new Response(NULL_BODY.has(status) ? null : bytes, { status, headers: responseHeaders });
  };

  return {
    fetch: connectorFetch,
    exchanges,
    fault: () => fault,
    secretValues: () => [...secrets],
    endpoint() {
      try {
        const request = buildRequest(target.document, target.operationRef, {}, { hostOverride: target.hostOverride });
        return redact(request).url;
      } catch {
        return '';
      }
    },
    async probeSse(timeoutMs: number) {
      const headers = new Headers({ accept: 'text/event-stream' });
      try {
        const { result } = await send('GET', headers, undefined, { timeoutMs, maxBytes: 4096, initialize: false, record: false });
        if (result.ok) {
          const ct = Object.entries(result.response.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
          return { status: result.response.status, contentType: ct, text: decoder.decode(result.response.body) };
        }
        // An SSE stream stays open: what arrived before the deadline tells the kind of server.
        const p = result.error.partial;
        if (p) return { status: p.status, contentType: Object.entries(p.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1], error: result.error };
        return { error: result.error };
      } catch {
        return {};
      }
    },
  };
}
