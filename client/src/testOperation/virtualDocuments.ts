// Read-only in-memory documents for the schema-update preview and history compare (diff editors).
import * as vscode from 'vscode';

export const SCHEME = 'connector-studio-test';

export class VirtualDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  register(): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  }

  /** Stores `text` under `path` and returns its URI (refreshing an open editor of it). */
  set(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: '/' + path.replace(/^\/+/, '') });
    this.contents.set(uri.path, text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
