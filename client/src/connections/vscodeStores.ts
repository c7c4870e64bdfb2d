// SecretStore over context.secrets (VS Code keeps it in the OS keychain) and StateStore over a
// Memento (workspaceState): the only two places connections are kept.
import type * as vscode from 'vscode';
import type { SecretStore, StateStore } from '../../../shared/src/connections/stores';
import type { LogSink } from '../../../shared/src/log/redactingLogger';

export function secretStoreOf(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: async (key) => secrets.get(key),
    store: async (key, value) => secrets.store(key, value),
    delete: async (key) => secrets.delete(key),
  };
}

export function stateStoreOf(memento: vscode.Memento): StateStore {
  return {
    get: <T>(key: string) => memento.get<T>(key),
    update: async (key, value) => memento.update(key, value),
  };
}

/** Sink of the extension's RedactingLogger: lines arrive already redacted. */
export function outputChannelSink(channel: vscode.LogOutputChannel): LogSink {
  return {
    write(level, line) {
      channel[level](line);
    },
  };
}
