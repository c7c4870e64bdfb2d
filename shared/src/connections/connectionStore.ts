/**
 * Connections: the non-secret shape lives in a StateStore, every value (parameters, tokens)
 * only in the SecretStore. Values are also registered with the redacting logger.
 */
import { randomUUID } from 'node:crypto';
import type { TokenSet } from '../auth/tokenEndpoint';
import { registerSecret } from '../log/redactingLogger';
import { effectiveKind } from './deriveModel';
import type { ConnectionKind, ConnectionModel, IdentityProvider } from './model';
import type { SecretStore, StateStore } from './stores';

/**
 * ready: no sign-in needed (none, API key, basic); signedIn: OAuth tokens valid;
 * expired: access token past expiry (a refresh will be tried); needsSignIn: no usable tokens;
 * error: the last sign-in/refresh failed (see lastError).
 */
export type ConnectionStatus = 'ready' | 'signedIn' | 'expired' | 'needsSignIn' | 'error';

/** What is kept in state. Nothing here is secret. */
export interface ConnectionRecord {
  id: string;
  name: string;
  /** Connector folder (workspace-relative or absolute path, as the caller chose). */
  connectorFolder: string;
  kind: ConnectionKind;
  setName?: string;
  identityProvider?: IdentityProvider;
  /** Names of the parameters that have a value in the SecretStore. */
  parameterNames: string[];
  /** Those of them that are secret (securestring, client secrets): registered with the redacting logger. */
  secretParameterNames: string[];
  status: ConnectionStatus;
  /** Access token expiry, epoch ms. */
  expiresAt?: number;
  /** AuthErrorCode of the last failure (never a message from a server). */
  lastError?: string;
  createdAt: number;
}

export interface NewConnection {
  name: string;
  connectorFolder: string;
  model: ConnectionModel;
  values: Record<string, string>;
}

export type ConnectionChangeListener = (records: readonly ConnectionRecord[]) => void;

export const STATE_KEY = 'connectorStudio.connections';
const SECRET_PREFIX = 'connectorStudio.connection';

function needsSignIn(kind: ConnectionKind): boolean {
  return kind === 'oauth2AuthorizationCode' || kind === 'oauth2ClientCredentials';
}

/** Secret prompts, plus any value without a prompt (unknown means secret). */
function secretNames(model: ConnectionModel, values: Record<string, string>): string[] {
  return Object.keys(values)
    .filter((name) => {
      const prompt = model.prompts.find((p) => p.name === name);
      return !prompt || prompt.secret;
    })
    .sort();
}

export class ConnectionStore {
  private readonly listeners = new Set<ConnectionChangeListener>();
  /** Serializes read-modify-write of the record list. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: SecretStore,
    private readonly state: StateStore,
    private readonly stateKey: string = STATE_KEY,
  ) {}

  onDidChange(listener: ConnectionChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  list(connectorFolder?: string): ConnectionRecord[] {
    const all = this.state.get<ConnectionRecord[]>(this.stateKey) ?? [];
    return connectorFolder === undefined ? all : all.filter((r) => r.connectorFolder === connectorFolder);
  }

  get(id: string): ConnectionRecord | undefined {
    return this.list().find((r) => r.id === id);
  }

  async create(input: NewConnection): Promise<ConnectionRecord> {
    const values = this.cleanValues(input.model, input.values);
    const kind = effectiveKind(input.model, values);
    const record: ConnectionRecord = {
      id: randomUUID(),
      name: input.name,
      connectorFolder: input.connectorFolder,
      kind,
      parameterNames: Object.keys(values).sort(),
      secretParameterNames: secretNames(input.model, values),
      status: needsSignIn(kind) ? 'needsSignIn' : 'ready',
      createdAt: Date.now(),
    };
    if (input.model.setName !== undefined) record.setName = input.model.setName;
    if (input.model.oauth) record.identityProvider = input.model.oauth.identityProvider;
    await this.secrets.store(this.parametersKey(record.id), JSON.stringify(values));
    await this.mutate((all) => [...all, record]);
    return record;
  }

  /** Edit: replace the parameter values. OAuth tokens are dropped, as the client or URLs may have changed. */
  async updateValues(id: string, model: ConnectionModel, values: Record<string, string>): Promise<ConnectionRecord> {
    const clean = this.cleanValues(model, values);
    await this.secrets.store(this.parametersKey(id), JSON.stringify(clean));
    await this.secrets.delete(this.tokensKey(id));
    const kind = effectiveKind(model, clean);
    return this.patch(id, {
      kind,
      parameterNames: Object.keys(clean).sort(),
      secretParameterNames: secretNames(model, clean),
      status: needsSignIn(kind) ? 'needsSignIn' : 'ready',
      expiresAt: undefined,
      lastError: undefined,
    });
  }

  rename(id: string, name: string): Promise<ConnectionRecord> {
    return this.patch(id, { name });
  }

  async delete(id: string): Promise<void> {
    await this.secrets.delete(this.parametersKey(id));
    await this.secrets.delete(this.tokensKey(id));
    await this.mutate((all) => all.filter((r) => r.id !== id));
  }

  async getValues(id: string): Promise<Record<string, string>> {
    const raw = await this.secrets.get(this.parametersKey(id));
    const values = raw ? (JSON.parse(raw) as Record<string, string>) : {};
    const secretKeys = this.get(id)?.secretParameterNames;
    for (const [k, v] of Object.entries(values)) if (!secretKeys || secretKeys.includes(k)) registerSecret(v);
    return values;
  }

  async getTokens(id: string): Promise<TokenSet | undefined> {
    const raw = await this.secrets.get(this.tokensKey(id));
    if (!raw) return undefined;
    const tokens = JSON.parse(raw) as TokenSet;
    registerSecret(tokens.accessToken);
    registerSecret(tokens.refreshToken);
    registerSecret(tokens.idToken);
    return tokens;
  }

  async setTokens(id: string, tokens: TokenSet): Promise<ConnectionRecord> {
    await this.secrets.store(this.tokensKey(id), JSON.stringify(tokens));
    return this.patch(id, { status: 'signedIn', expiresAt: tokens.expiresAt, lastError: undefined });
  }

  async clearTokens(id: string, status: ConnectionStatus = 'needsSignIn', lastError?: string): Promise<ConnectionRecord> {
    await this.secrets.delete(this.tokensKey(id));
    return this.patch(id, { status, expiresAt: undefined, lastError });
  }

  setStatus(id: string, status: ConnectionStatus, lastError?: string): Promise<ConnectionRecord> {
    return this.patch(id, { status, lastError });
  }

  private cleanValues(model: ConnectionModel, values: Record<string, string>): Record<string, string> {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) if (typeof v === 'string') clean[k] = v;
    for (const k of secretNames(model, clean)) registerSecret(clean[k]);
    return clean;
  }

  private async patch(id: string, changes: Partial<ConnectionRecord>): Promise<ConnectionRecord> {
    let updated: ConnectionRecord | undefined;
    await this.mutate((all) =>
      all.map((r) => {
        if (r.id !== id) return r;
        const next: ConnectionRecord = { ...r, ...changes };
        for (const key of Object.keys(next) as (keyof ConnectionRecord)[]) if (next[key] === undefined) delete next[key];
        updated = next;
        return next;
      }),
    );
    if (!updated) throw new Error(`Unknown connection ${id}`);
    return updated;
  }

  private mutate(change: (all: ConnectionRecord[]) => ConnectionRecord[]): Promise<void> {
    const run = this.queue.then(async () => {
      const next = change(this.list());
      await this.state.update(this.stateKey, next);
      for (const l of this.listeners) l(next);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private parametersKey(id: string): string {
    return `${SECRET_PREFIX}/${id}/parameters`;
  }

  private tokensKey(id: string): string {
    return `${SECRET_PREFIX}/${id}/tokens`;
  }
}
