// What commands and views receive: the long-lived pieces created once in activate().
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ExtensionServices {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  log: Logger;
  client: LanguageClient;
}
