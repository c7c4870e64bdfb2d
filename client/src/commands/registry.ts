// Every command the extension contributes, in one list (package.json's contributes.commands
// must name the same ids: a unit test checks both directions).
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';

export interface CommandSpec {
  id: string;
  title: string;
  run: (services: ExtensionServices, ...args: unknown[]) => unknown;
}

export function registerCommands(context: vscode.ExtensionContext, services: ExtensionServices, specs: readonly CommandSpec[]): void {
  for (const spec of specs) {
    context.subscriptions.push(vscode.commands.registerCommand(spec.id, (...args: unknown[]) => spec.run(services, ...args)));
  }
}
