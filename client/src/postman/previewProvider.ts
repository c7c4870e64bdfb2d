// Read-only virtual documents (`connector-studio-preview:`) holding the files an import would
// write, so they can be previewed or diffed before anything touches the disk.
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'connector-studio-preview';

export class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  register(): vscode.Disposable {
    return vscode.Disposable.from(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this), this.changed);
  }

  /**
   * A fresh URI per import (a new segment each time) ending in the real file name, so the
   * editor picks the JSON language and the tab reads like the file it stands for.
   */
  add(folderLabel: string, fileName: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.counter}/${folderLabel}/${fileName}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}

/** Closes every editor tab that shows a preview document (plain or as the right side of a diff). */
export async function closePreviewTabs(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => {
    const input = tab.input;
    if (input instanceof vscode.TabInputText) return input.uri.scheme === PREVIEW_SCHEME;
    if (input instanceof vscode.TabInputTextDiff) return input.modified.scheme === PREVIEW_SCHEME;
    return false;
  });
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}
