/**
 * Run history of the MCP panel (workspaceState): the last HISTORY_LIMIT runs with their JSON-RPC
 * exchange, redacted again with every secret the run used and bodies cut. Pure (no vscode import).
 */
import type { McpExchange } from '../../../shared/src/mcp/connectorFetch';
import { scrubSecretValues } from '../../../shared/src/request/redact';

export const HISTORY_LIMIT = 20;
export const HISTORY_BODY_LIMIT = 4 * 1024;

export interface McpHistoryEntry {
  at: number;
  connectionName?: string;
  outcome: string;
  ok: boolean;
  exchanges: McpExchange[];
}

/** Redacted again with every secret the run used, bodies cut: what may be stored and shown. */
export function historyEntry(input: McpHistoryEntry, secrets: readonly string[]): McpHistoryEntry {
  const scrub = (t: string) => scrubSecretValues(t, secrets);
  const cut = (t: string | undefined) => (t === undefined ? undefined : scrub(t.length > HISTORY_BODY_LIMIT ? `${t.slice(0, HISTORY_BODY_LIMIT)}…` : t));
  return {
    at: input.at,
    connectionName: input.connectionName,
    ok: input.ok,
    outcome: scrub(input.outcome),
    exchanges: input.exchanges.slice(-50).map((e) => ({
      ...e,
      request: { ...e.request, url: scrub(e.request.url), headers: Object.fromEntries(Object.entries(e.request.headers).map(([k, v]) => [k, scrub(v)])), body: cut(e.request.body) },
      response: e.response && { ...e.response, headers: Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k, scrub(v)])), body: cut(e.response.body) },
      fault: e.fault && { ...e.fault, message: scrub(e.fault.message) },
    })),
  };
}

