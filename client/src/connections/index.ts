// Activator of the Connections feature (loaded on first use, see client/src/features.ts): the one
// ConnectionsService (services.connections), the tree view's data, the commands and the OAuth
// UriHandler.
import type * as vscode from 'vscode';
import type { FeatureApi } from '../features';
import type { ExtensionServices } from '../services';
import { registerConnectionCommands } from './commands';
import { ConnectionsService } from './connectionsService';
import { ConnectionsView, VIEW_ID } from './connectionsView';

export function activateConnections(services: ExtensionServices): FeatureApi {
  const connections = new ConnectionsService(services.context, services.log);
  const view = new ConnectionsView(connections);
  services.context.subscriptions.push(connections, view.register(), registerConnectionCommands(connections, view), connections.registerUriHandler());
  return { connections, views: { [VIEW_ID]: view as vscode.TreeDataProvider<unknown> } };
}
