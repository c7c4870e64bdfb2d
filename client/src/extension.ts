// activate(): wires the pieces together, nothing else.
import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import { registerCommands } from './commands/registry';
import { createLanguageClient } from './languageClient';
import { ConnectorFoldersView } from './views/connectorFoldersView';
import { trackConnectorContext } from './connectorContext';
import type { ExtensionServices } from './services';
import { FEATURES } from './features';

let services: ExtensionServices | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionServices> {
  const output = vscode.window.createOutputChannel('Connector Studio', { log: true });
  context.subscriptions.push(output);
  const client = createLanguageClient(context, output);
  services = { context, output, log: output, client };
  registerCommands(context, services, COMMANDS);
  context.subscriptions.push(new ConnectorFoldersView().register());
  trackConnectorContext(context);
  for (const activateFeature of FEATURES) await activateFeature(services);
  await client.start();
  output.info('Connector Studio is active.');
  return services;
}

export async function deactivate(): Promise<void> {
  await services?.client.stop();
  services = undefined;
}
