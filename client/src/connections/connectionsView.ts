// The "Connections" view: each connector folder of the workspace and, under it, its connections
// with their status. Rows come from treeItems.ts; this file only adapts them to VS Code.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionRecord } from '../../../shared/src/connections/connectionStore';
import type { ConnectionsService } from './connectionsService';
import { DEFINITION_FILE, PROPERTIES_FILE } from './connectorFiles';
import { folderLabel } from './folderKeys';
import { connectionRow } from './treeItems';

export const VIEW_ID = 'connectorStudio.connections';
const CONNECTOR_GLOB = `**/{${DEFINITION_FILE},${PROPERTIES_FILE}}`;

export class ConnectorNode extends vscode.TreeItem {
  constructor(
    readonly folder: vscode.Uri | undefined,
    readonly key: string,
    count: number,
  ) {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, path: f.uri.path }));
    const label = folderLabel(key, folders);
    // Always expandable: a node first shown without children would stay collapsed once it has some.
    super(label, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `connector:${key}`;
    this.contextValue = folder ? 'connectorFolder' : 'connectorFolder.missing';
    this.iconPath = new vscode.ThemeIcon(folder ? 'plug' : 'warning');
    const where = key === '.' || key === label ? '' : `${key} · `;
    this.description = folder ? `${where}${count} connection${count === 1 ? '' : 's'}` : `${key} · folder not found`;
    this.tooltip = folder ? folder.fsPath : `The connector folder "${key}" is not in the workspace any more.`;
    if (folder) this.resourceUri = folder;
  }
}

export class ConnectionNode extends vscode.TreeItem {
  constructor(
    readonly record: ConnectionRecord,
    services: ConnectionsService,
  ) {
    const row = connectionRow(record, services.statusOf(record), Date.now(), services.lastTest(record.id));
    super(row.label, vscode.TreeItemCollapsibleState.None);
    this.id = `connection:${record.id}`;
    this.description = row.description;
    this.contextValue = row.contextValue;
    this.iconPath = new vscode.ThemeIcon(row.icon, row.color ? new vscode.ThemeColor(row.color) : undefined);
    this.tooltip = row.tooltip.join('\n');
    this.accessibilityInformation = { label: `${row.label}, ${row.description}` };
  }
}

export type ConnectionsTreeNode = ConnectorNode | ConnectionNode;

export class ConnectionsView implements vscode.TreeDataProvider<ConnectionsTreeNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly connections: ConnectionsService) {}

  /** Keeps the data fresh. The tree view itself is created at activation (client/src/lazyFeatures.ts), which asks this provider. */
  register(): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(CONNECTOR_GLOB);
    const refresh = (): void => this.refresh();
    return vscode.Disposable.from(
      watcher,
      watcher.onDidCreate(refresh),
      watcher.onDidDelete(refresh),
      this.connections.onDidChange(refresh),
      vscode.workspace.onDidChangeWorkspaceFolders(refresh),
      this.changed,
    );
  }

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(element: ConnectionsTreeNode): vscode.TreeItem {
    return element;
  }

  async getChildren(element?: ConnectionsTreeNode): Promise<ConnectionsTreeNode[]> {
    if (element instanceof ConnectorNode) {
      return this.connections
        .list(element.key)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((r) => new ConnectionNode(r, this.connections));
    }
    if (element) return [];
    const found = await vscode.workspace.findFiles(CONNECTOR_GLOB, '**/node_modules/**', 1000);
    const folders = new Map<string, vscode.Uri>();
    for (const uri of found) {
      const folder = uri.with({ path: path.posix.dirname(uri.path) });
      folders.set(this.connections.folderKey(folder), folder);
    }
    // Connections whose folder is gone stay visible so they can be deleted.
    const keys = new Set([...folders.keys(), ...this.connections.list().map((r) => r.connectorFolder)]);
    return [...keys]
      .sort((a, b) => (a === '.' ? -1 : b === '.' ? 1 : a.localeCompare(b)))
      .map((key) => new ConnectorNode(folders.get(key), key, this.connections.list(key).length));
  }
}
