// activate(): wires the pieces together, nothing else.
import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import { registerCommands } from './commands/registry';
import { createLanguageClient } from './languageClient';
import { RedactingLogger } from '../../shared/src/log/redactingLogger';
import { ConnectionsService } from './connections/connectionsService';
import { outputChannelSink } from './connections/vscodeStores';
import { trackConnectorContext } from './connectorContext';
import type { ExtensionServices } from './services';
import { FEATURES } from './features';

let services: ExtensionServices | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionServices> {
  const activateStarted = Date.now();
  const output = vscode.window.createOutputChannel('Connector Studio', { log: true });
  context.subscriptions.push(output);
  const client = createLanguageClient(context, output);
  // Everything logs through the redacting logger, so known secrets never reach the output channel.
  const log = new RedactingLogger(outputChannelSink(output));
  const connections = new ConnectionsService(context, log);
  context.subscriptions.push(connections);
  services = { context, output, log, client, connections };
  registerCommands(context, services, COMMANDS);
  const updateConnectorContext = trackConnectorContext(context, client);
  for (const activateFeature of FEATURES) await activateFeature(services);
  await client.start();
  void updateConnectorContext();
  services.activationMs = Date.now() - activateStarted;
  log.info(`Connector Studio is active (activate() took ${services.activationMs} ms, language server started).`);
  return services;
}

export async function deactivate(): Promise<void> {
  await services?.client.stop();
  services = undefined;
}
