// Sets the `connectorStudio.isConnectorFile` context key for the active editor, detected by
// content (swagger: "2.0") as well as by name, so menus and keybindings can use it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isConnectorDefinition, isPropertiesName } from '../../server/src/languageService/connectorFolder';

export function isConnectorDocument(doc: vscode.TextDocument): boolean {
  const name = doc.uri.path;
  return isPropertiesName(name) || isConnectorDefinition(path.posix.basename(name), doc.getText(new vscode.Range(0, 0, 400, 0)));
}

export function trackConnectorContext(context: vscode.ExtensionContext): void {
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', 'connectorStudio.isConnectorFile', !!doc && isConnectorDocument(doc));
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(update), vscode.workspace.onDidSaveTextDocument(update));
  update();
}
