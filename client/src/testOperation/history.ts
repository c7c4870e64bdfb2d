/**
 * Per-operation run history kept in workspaceState: the last HISTORY_LIMIT runs with the values
 * entered, minus anything secret (secret-looking fields are dropped, connection secrets and
 * known secret values are scrubbed). Pure (no vscode import): unit-tested in node.
 */
import type { FormModel, HistorySummary } from '../../../shared/src/messages/testOperation';
import { REDACTED, scrubSecretValues } from '../../../shared/src/request/redact';

export const HISTORY_LIMIT = 20;
/** Body text kept for compare; bigger bodies are cut. */
export const HISTORY_BODY_LIMIT = 16 * 1024;

export interface HistoryEntry {
  id: string;
  at: number;
  values: Record<string, string>;
  bodyText?: string;
  connectionId?: string;
  connectionName?: string;
  hostOverride?: string;
  ok: boolean;
  outcome: string;
  /** Redacted request line ("GET https://..."), for compare. */
  requestLine?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** Response body text (cut at HISTORY_BODY_LIMIT), for compare. */
  responseBody?: string;
}

export function historyKey(definitionUri: string, operationId: string): string {
  return `connectorStudio.testOperation.history:${definitionUri}#${operationId}`;
}


const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|ocp-apim-subscription-key)$/i;

export interface EntryInput extends HistoryEntry {
  model: FormModel;
  /** Literal secret values (connection decorations, secret parameters) to scrub everywhere. */
  secretValues: readonly string[];
}

/** An entry safe to store: no secret fields, no secret values anywhere in it. */
export function makeHistoryEntry(input: EntryInput): HistoryEntry {
  const secretKeys = new Set(input.model.fields.filter((f) => f.secret).map((f) => f.key));
  const secrets = [...input.secretValues, ...input.model.fields.filter((f) => f.secret).map((f) => input.values[f.key] ?? '')];
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.values)) {
    if (secretKeys.has(key) || value === '') continue;
    values[key] = scrubSecretValues(value, secrets);
  }
  const entry: HistoryEntry = { id: input.id, at: input.at, values, ok: input.ok, outcome: scrubSecretValues(input.outcome, secrets) };
  if (input.bodyText !== undefined) entry.bodyText = scrubSecretValues(input.bodyText, secrets);
  if (input.connectionId) entry.connectionId = input.connectionId;
  if (input.connectionName) entry.connectionName = input.connectionName;
  if (input.hostOverride) entry.hostOverride = input.hostOverride;
  if (input.requestLine) entry.requestLine = scrubSecretValues(input.requestLine, secrets);
  if (input.status !== undefined) entry.status = input.status;
  if (input.responseHeaders) {
    entry.responseHeaders = Object.fromEntries(
      Object.entries(input.responseHeaders).map(([k, v]) => [k, SECRET_HEADER.test(k) ? REDACTED : scrubSecretValues(v, secrets)]),
    );
  }
  if (input.responseBody !== undefined) {
    const cut = input.responseBody.length > HISTORY_BODY_LIMIT;
    entry.responseBody = scrubSecretValues(cut ? input.responseBody.slice(0, HISTORY_BODY_LIMIT) : input.responseBody, secrets) + (cut ? '\n… (cut)' : '');
  }
  return entry;
}

/** Newest first, at most `limit` entries. */
export function pushHistory(entries: readonly HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  return [entry, ...entries.filter((e) => e.id !== entry.id)].slice(0, Math.max(limit, 0));
}

export function summarize(entries: readonly HistoryEntry[]): HistorySummary[] {
  return entries.map((e) => {
    const summary: HistorySummary = { id: e.id, at: e.at, outcome: e.outcome, ok: e.ok };
    if (e.connectionName) summary.connectionName = e.connectionName;
    return summary;
  });
}

/** Text shown on one side of a compare (VS Code diff editor). */
export function compareText(entry: HistoryEntry): string {
  const lines = [`# ${new Date(entry.at).toISOString()} · ${entry.outcome}${entry.connectionName ? ` · ${entry.connectionName}` : ''}`];
  if (entry.requestLine) lines.push(entry.requestLine);
  lines.push('', '## Parameters', JSON.stringify(entry.values, null, 2));
  if (entry.bodyText) lines.push('', '## Request body', entry.bodyText);
  if (entry.status !== undefined) lines.push('', `## Response ${entry.status}`);
  if (entry.responseHeaders) lines.push(...Object.entries(entry.responseHeaders).sort().map(([k, v]) => `${k}: ${v}`));
  if (entry.responseBody !== undefined) lines.push('', entry.responseBody);
  return lines.join('\n') + '\n';
}
