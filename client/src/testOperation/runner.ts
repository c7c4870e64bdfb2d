/**
 * One run of Test Operation, the way the connector runtime handles a call: build the request
 * from the definition, add the connection's decorations, apply the request policies, send,
 * apply the response policies, then render and check the response. No vscode import: the
 * connection is resolved by the caller, so this is unit-testable against local servers.
 */
import {
  applyDecorations,
  applyPolicies,
  applyResponsePolicies,
  buildRequest,
  checkContentType,
  checkResponseSchema,
  formatBytes,
  redact,
  renderBody,
  sendRequest,
  type ConnectionDecorations,
  type HttpRequest,
  type OperationRef,
  type PolicyOutcome,
  type PolicyTemplateInstance,
  type SwaggerDocument,
} from '../../../shared/src/request';
import type { FormModel, PolicyLine, RunResult, ShownRequest, ShownResponse } from '../../../shared/src/messages/testOperation';
import { readFormValues } from './formModel';

/** Text beyond this is cut before it is posted to the webview (the response may be 5 MB). */
export const DISPLAY_LIMIT = 1024 * 1024;
const IMAGE_LIMIT = 2 * 1024 * 1024;

export interface RunConnection {
  decorations: ConnectionDecorations;
  /** Non-secret and secret connection parameter values, for policy expressions. */
  parameters: Record<string, string>;
  secretParameterNames: string[];
}

export interface RunInput {
  runId: number;
  document: SwaggerDocument;
  operationRef: OperationRef;
  model: FormModel;
  raw: Record<string, string>;
  bodyText?: string;
  hostOverride?: string;
  policies?: PolicyTemplateInstance[];
  connection?: RunConnection;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBodyBytes?: number;
  allowSelfSigned?: boolean;
}

export interface RunOutput {
  result: RunResult;
  /** The request as sent (with secrets): kept in memory only, for an explicit unredacted cURL copy. */
  sent?: HttpRequest;
  /** Parsed JSON body after response policies, when it parsed. */
  json?: { value: unknown };
  /** Response body text (for history compare). */
  bodyText?: string;
  secretValues: string[];
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export function showRequest(request: HttpRequest): ShownRequest {
  const safe = redact(request);
  const shown: ShownRequest = { method: safe.method, url: safe.url, headers: safe.headers };
  if (typeof safe.body === 'string') shown.body = cut(safe.body);
  else if (safe.body instanceof Uint8Array) shown.body = `(${formatBytes(safe.body.length)} ${safe.contentType ?? 'binary'} body)`;
  return shown;
}

function cut(text: string): string {
  return text.length > DISPLAY_LIMIT ? text.slice(0, DISPLAY_LIMIT) + `\n… (${formatBytes(text.length - DISPLAY_LIMIT)} more not shown)` : text;
}

function lines(outcomes: PolicyOutcome[]): PolicyLine[] {
  return outcomes.map((o) => {
    const line: PolicyLine = { templateId: o.templateId, status: o.status, message: o.message };
    if (o.title) line.title = o.title;
    return line;
  });
}

function secretValuesOf(request: HttpRequest | undefined, connection: RunConnection | undefined): string[] {
  const values = new Set<string>(request?.secrets.values ?? []);
  for (const v of Object.values(connection?.decorations.headers ?? {})) values.add(v);
  for (const v of Object.values(connection?.decorations.query ?? {})) values.add(v);
  for (const name of connection?.secretParameterNames ?? []) {
    const v = connection?.parameters[name];
    if (v) values.add(v);
  }
  return [...values].filter((v) => v.length > 0);
}

/**
 * The request as the connector runtime would send it (form values, connection decorations,
 * request policies), or the failed run that stopped it. Trigger testing sends it too.
 */
export async function prepareRequest(input: RunInput): Promise<{ ok: true; request: HttpRequest; policies: PolicyLine[]; secretValues: string[] } | { ok: false; output: RunOutput }> {
  const { runId } = input;
  const { values, problems } = readFormValues(input.model, input.raw, input.bodyText);
  if (problems.length) return { ok: false, output: { result: { ok: false, runId, stage: 'form', kind: 'invalid-input', message: problems.join('\n') }, secretValues: [] } };

  let request: HttpRequest;
  try {
    request = buildRequest(input.document, input.operationRef, values, { hostOverride: input.hostOverride });
  } catch (error) {
    return { ok: false, output: { result: { ok: false, runId, stage: 'build', kind: 'build', message: (error as Error).message }, secretValues: [] } };
  }
  if (input.connection) request = applyDecorations(request, input.connection.decorations);
  const policy = await applyPolicies(request, input.policies, {
    operationId: input.model.operationId,
    connectionParameters: input.connection?.parameters ?? {},
    secretConnectionParameters: input.connection?.secretParameterNames ?? [],
  });
  request = policy.request;
  const policies = lines(policy.outcomes);
  const secretValues = secretValuesOf(request, input.connection);
  const failed = policy.outcomes.filter((o) => o.status === 'failed');
  if (failed.length) {
    return {
      ok: false,
      output: {
        result: { ok: false, runId, stage: 'policies', kind: 'policy', message: failed.map((o) => `${o.title ?? o.templateId}: ${o.message}`).join('\n'), request: showRequest(request), policies },
        secretValues,
      },
    };
  }
  return { ok: true, request, policies, secretValues };
}

export async function runOperation(input: RunInput): Promise<RunOutput> {
  const { runId } = input;
  const prepared = await prepareRequest(input);
  if (!prepared.ok) return prepared.output;
  const { request, policies, secretValues } = prepared;

  const sent = await sendRequest(request, {
    timeoutMs: input.timeoutMs,
    signal: input.signal,
    maxBodyBytes: input.maxBodyBytes,
    allowSelfSigned: input.allowSelfSigned,
  });
  const shownRequest = showRequest(request);
  if (!sent.ok) {
    const e = sent.error;
    return {
      result: { ok: false, runId, stage: 'send', kind: e.kind, message: e.message, request: shownRequest, policies, timeMs: e.timeMs, redirects: e.redirects },
      sent: request,
      secretValues,
    };
  }
  const r = sent.response;
  const after = applyResponsePolicies({ status: r.status, headers: r.headers, body: r.body }, input.policies, {
    operationId: input.model.operationId,
    connectionParameters: input.connection?.parameters ?? {},
    secretConnectionParameters: input.connection?.secretParameterNames ?? [],
  }, request);
  const headers = after.response.headers;
  const bodyBytes = typeof after.response.body === 'string' ? new TextEncoder().encode(after.response.body) : (after.response.body ?? new Uint8Array());
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const rendered = renderBody(contentType, bodyBytes, { truncated: r.truncated });
  const displayCut = rendered.text !== undefined && rendered.text.length > DISPLAY_LIMIT;
  const body: ShownResponse['body'] = { kind: rendered.kind, summary: rendered.summary };
  if (rendered.text !== undefined) body.text = cut(rendered.text);
  if (rendered.dataUri && rendered.dataUri.length <= IMAGE_LIMIT) body.dataUri = rendered.dataUri;
  if (rendered.parseError) body.parseError = rendered.parseError;
  if (displayCut) body.displayCut = true;

  const schema = r.truncated
    ? { checked: false, valid: false, mismatches: [], reason: 'the body was truncated, so it was not checked' }
    : checkResponseSchema(input.document, input.operationRef, r.status, bodyBytes);
  let json: RunOutput['json'];
  if (!r.truncated && rendered.kind === 'json' && !rendered.parseError) {
    try {
      json = { value: JSON.parse(decoder.decode(bodyBytes)) as unknown };
    } catch {
      json = undefined;
    }
  }
  const response: ShownResponse = {
    status: r.status,
    statusText: r.statusText,
    timeMs: r.timeMs,
    size: r.size,
    sizeText: formatBytes(r.size) + (r.truncated ? ` (truncated${r.declaredSize !== undefined ? ` of ${formatBytes(r.declaredSize)}` : ''})` : ''),
    truncated: r.truncated,
    headers,
    body,
    redirects: r.redirects,
    schema: { checked: schema.checked, valid: schema.valid, responseKey: schema.responseKey, reason: schema.reason, mismatches: schema.mismatches.map((m) => ({ path: m.path, message: m.message })) },
    canUpdateSchema: json !== undefined && r.status < 400,
  };
  const contentTypeProblem = checkContentType(contentType, input.model.produces, bodyBytes);
  if (contentTypeProblem) response.contentTypeProblem = contentTypeProblem;
  let connectionNote: string | undefined;
  if (after.connectionStatus === 'unauthenticated') connectionNote = 'A policy marks the connection as unauthenticated for this status: users would have to sign in again.';
  const result: RunResult = { ok: true, runId, request: shownRequest, response, policies, responsePolicies: lines(after.outcomes) };
  if (connectionNote) result.connectionNote = connectionNote;
  return {
    result,
    sent: request,
    json,
    bodyText: rendered.text,
    secretValues,
  };
}
