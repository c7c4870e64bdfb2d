/**
 * What a connection row in the Connections view shows: label, status text, icon and the
 * contextValue the menus match on. Pure (no vscode import) so it is unit-tested in node.
 */
import type { ConnectionRecord, ConnectionStatus } from '../../../shared/src/connections/connectionStore';
import type { ConnectionKind } from '../../../shared/src/connections/model';

/** Outcome of the last Test, kept in memory only (never secret: status line and timing). */
export interface TestOutcome {
  ok: boolean;
  /** e.g. "200 OK" or "connection-refused". */
  summary: string;
  at: number;
}

export interface ConnectionRow {
  label: string;
  description: string;
  /** codicon id */
  icon: string;
  /** theme color id for the icon */
  color?: string;
  /** `connection.oauth` or `connection.plain`: Sign In Again is only offered for OAuth. */
  contextValue: string;
  tooltip: string[];
}

export const KIND_LABELS: Record<ConnectionKind, string> = {
  none: 'no authentication',
  apiKey: 'API key',
  basic: 'basic',
  oauth2AuthorizationCode: 'OAuth 2.0 (authorization code)',
  oauth2ClientCredentials: 'OAuth 2.0 (client credentials)',
};

const STATUS: Record<ConnectionStatus, { text: string; icon: string; color?: string }> = {
  ready: { text: 'ready', icon: 'pass', color: 'testing.iconPassed' },
  signedIn: { text: 'signed in', icon: 'pass-filled', color: 'testing.iconPassed' },
  expired: { text: 'expired', icon: 'history', color: 'list.warningForeground' },
  needsSignIn: { text: 'needs sign-in', icon: 'sign-in', color: 'list.warningForeground' },
  error: { text: 'error', icon: 'error', color: 'list.errorForeground' },
};

export function isOAuthKind(kind: ConnectionKind): boolean {
  return kind === 'oauth2AuthorizationCode' || kind === 'oauth2ClientCredentials';
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 1 ? 'less than a minute' : m === 1 ? '1 minute' : `${m} minutes`;
}

export function statusText(record: ConnectionRecord, status: ConnectionStatus): string {
  const base = STATUS[status].text;
  return status === 'error' && record.lastError ? `${base}: ${record.lastError}` : base;
}

export function connectionRow(record: ConnectionRecord, status: ConnectionStatus, now: number, test?: TestOutcome): ConnectionRow {
  const look = STATUS[status];
  const parts = [statusText(record, status), KIND_LABELS[record.kind]];
  if (test) parts.push(`test ${test.ok ? 'passed' : 'failed'} (${test.summary})`);
  const tooltip = [`${record.name}`, `Status: ${statusText(record, status)}`, `Kind: ${KIND_LABELS[record.kind]}`];
  if (record.setName) tooltip.push(`Authentication set: ${record.setName}`);
  if (record.identityProvider) tooltip.push(`Identity provider: ${record.identityProvider}`);
  if (status === 'signedIn' && record.expiresAt !== undefined) {
    tooltip.push(record.expiresAt > now ? `Access token expires in ${minutes(record.expiresAt - now)}` : 'Access token expired');
  }
  if (record.parameterNames.length) tooltip.push(`Parameters: ${record.parameterNames.join(', ')} (values in the OS keychain)`);
  if (test) tooltip.push(`Last test: ${test.ok ? 'passed' : 'failed'}, ${test.summary}`);
  const row: ConnectionRow = {
    label: record.name,
    description: parts.join(' · '),
    icon: test && !test.ok && status !== 'error' ? 'warning' : look.icon,
    contextValue: isOAuthKind(record.kind) ? 'connection.oauth' : 'connection.plain',
    tooltip,
  };
  const color = test && !test.ok && status !== 'error' ? 'list.warningForeground' : look.color;
  if (color) row.color = color;
  return row;
}

/** A default name that is not taken yet: "<base>", "<base> 2", ... */
export function uniqueName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!used.has(`${base} ${i}`.toLowerCase())) return `${base} ${i}`;
}
