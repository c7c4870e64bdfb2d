// What commands and views receive: the long-lived pieces created once in activate().
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RedactingLogger } from '../../shared/src/log/redactingLogger';
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
  log: RedactingLogger;
  client: LanguageClient;
  /**
   * Connections: list, resolve (request decorations, refreshing tokens), fetch. Extension host only.
   * The first read loads the Connections feature (its bundle, client/src/features.ts).
   */
  readonly connections: ConnectionsService;
  /** Milliseconds activate() took (the language client starts in the background), set when it returns; the e2e smoke suite reports it. */
  activationMs?: number;
  /** CPU milliseconds of the extension host process during activate() (the bench's measure on a shared machine). */
  activationCpuMs?: number;
  /** Resolves when the language client has started (or rejects when it could not). */
  clientReady?: Promise<void>;
  /** Milliseconds from the start of activate() until the language client had started. */
  clientStartMs?: number;
  /** Names of the feature modules loaded so far (client/src/features.ts). */
  loadedFeatures?: () => string[];
}
