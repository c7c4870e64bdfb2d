// activate(): wires the pieces together, nothing else. It stays cheap: the language client starts
// in the background (requests wait for it), and the feature modules load on first use
// (features.ts, lazyFeatures.ts).
import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import { registerCommands } from './commands/registry';
import { createLanguageClient } from './languageClient';
import { RedactingLogger } from '../../shared/src/log/redactingLogger';
import { outputChannelSink } from './connections/vscodeStores';
import { trackConnectorContext } from './connectorContext';
import type { ExtensionServices } from './services';
import { FEATURES } from './features';
import { LazyFeatures } from './lazyFeatures';

let services: ExtensionServices | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionServices {
  const activateStarted = Date.now();
  const cpuStarted = process.cpuUsage();
  const output = vscode.window.createOutputChannel('Connector Studio', { log: true });
  context.subscriptions.push(output);
  const client = createLanguageClient(context, output);
  // Everything logs through the redacting logger, so known secrets never reach the output channel.
  const log = new RedactingLogger(outputChannelSink(output));
  let features: LazyFeatures | undefined;
  const ready: ExtensionServices = {
    context,
    output,
    log,
    client,
    get connections() {
      const connections = features?.load('connections').connections;
      if (!connections) throw new Error('Connector Studio: the Connections feature did not provide its service');
      return connections;
    },
    loadedFeatures: () => FEATURES.map((f) => f.name).filter((name) => features?.isLoaded(name)),
  };
  services = ready;
  registerCommands(context, ready, COMMANDS);
  features = new LazyFeatures(ready, FEATURES);
  features.register();
  const updateConnectorContext = trackConnectorContext(context, client);
  ready.clientReady = client.start().then(
    () => {
      ready.clientStartMs = Date.now() - activateStarted;
      log.info(`Language server started (${ready.clientStartMs} ms after activation began).`);
      void updateConnectorContext();
    },
    (e: unknown) => {
      log.error(`The language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    },
  );
  // Nobody awaits clientReady during activation: keep a failed start from being an unhandled rejection.
  ready.clientReady.catch(() => undefined);
  ready.activationMs = Date.now() - activateStarted;
  const cpu = process.cpuUsage(cpuStarted);
  ready.activationCpuMs = (cpu.user + cpu.system) / 1000;
  log.info(`Connector Studio is active (activate() took ${ready.activationMs} ms; the language server is starting).`);
  return ready;
}

export async function deactivate(): Promise<void> {
  await services?.client.stop().catch(() => undefined);
  services = undefined;
}
