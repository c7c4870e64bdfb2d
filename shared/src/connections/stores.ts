/**
 * The two storage interfaces the connection store sits on. The extension backs SecretStore
 * with context.secrets (OS keychain) and StateStore with workspaceState/globalState.
 */

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Shape of vscode.Memento that we use; values must be JSON-serializable. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Promise<void>;
}

export class InMemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.entries.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}

export class InMemoryStateStore implements StateStore {
  /** Kept serialized, like a real Memento, so callers cannot mutate stored objects. */
  readonly entries = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const raw = this.entries.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.entries.delete(key);
    else this.entries.set(key, JSON.stringify(value));
  }
  /** Everything stored, as text (tests search it for secret values). */
  dump(): string {
    return [...this.entries].map(([k, v]) => `${k}=${v}`).join('\n');
  }
}
