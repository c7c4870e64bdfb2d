// The "Connectors" view: each connector folder of the workspace and its files.
import * as path from 'node:path';
import * as vscode from 'vscode';

class ConnectorItem extends vscode.TreeItem {
  constructor(readonly folder: vscode.Uri, files: string[]) {
    super(path.posix.basename(folder.path), vscode.TreeItemCollapsibleState.Collapsed);
    this.contextValue = 'connectorFolder';
    this.iconPath = new vscode.ThemeIcon('plug');
    this.description = vscode.workspace.asRelativePath(folder);
    this.tooltip = files.join('\n');
    this.resourceUri = folder;
  }
}

class FileItem extends vscode.TreeItem {
  constructor(uri: vscode.Uri) {
    super(uri, vscode.TreeItemCollapsibleState.None);
    this.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
  }
}

export class ConnectorFoldersView implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  register(): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{apiDefinition.swagger.json,apiProperties.json}');
    const refresh = () => this.changed.fire();
    return vscode.Disposable.from(
      vscode.window.createTreeView('connectorStudio.connectors', { treeDataProvider: this, showCollapseAll: true }),
      watcher,
      watcher.onDidCreate(refresh),
      watcher.onDidDelete(refresh),
      this.changed,
    );
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  async getChildren(element?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
    if (element instanceof ConnectorItem) {
      const entries = await vscode.workspace.fs.readDirectory(element.folder);
      return entries
        .filter(([, type]) => type === vscode.FileType.File)
        .map(([name]) => new FileItem(vscode.Uri.joinPath(element.folder, name)));
    }
    if (element) return [];
    const found = await vscode.workspace.findFiles('**/{apiDefinition.swagger.json,apiProperties.json}', '**/node_modules/**', 500);
    const folders = new Map<string, { uri: vscode.Uri; files: string[] }>();
    for (const uri of found) {
      const folder = vscode.Uri.joinPath(uri, '..');
      const entry = folders.get(folder.toString()) ?? { uri: folder, files: [] };
      entry.files.push(path.posix.basename(uri.path));
      folders.set(folder.toString(), entry);
    }
    return [...folders.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path)).map((f) => new ConnectorItem(f.uri, f.files));
  }
}
