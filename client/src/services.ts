// What commands and views receive: the long-lived pieces created once in activate().
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ConnectionsService } from './connections/connectionsService';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ExtensionServices {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  /** Redacting logger (shared/src/log/redactingLogger.ts) writing to `output`: log through it, not `output`. */
  log: Logger;
  client: LanguageClient;
  /** Connections: list, resolve (request decorations, refreshing tokens), fetch. Extension host only. */
  connections: ConnectionsService;
  /** Milliseconds activate() took (language client started), set when it returns; the e2e smoke suite reports it. */
  activationMs?: number;
}
