// Activator of the Connections feature: the tree view, its commands and the OAuth UriHandler.
// The ConnectionsService itself is created in extension.ts (services.connections).
import type { ExtensionServices } from '../services';
import { registerConnectionCommands } from './commands';
import { ConnectionsView } from './connectionsView';

export function activateConnections(services: ExtensionServices): void {
  const view = new ConnectionsView(services.connections);
  services.context.subscriptions.push(
    view.register(),
    registerConnectionCommands(services.connections, view),
    services.connections.registerUriHandler(),
  );
}
