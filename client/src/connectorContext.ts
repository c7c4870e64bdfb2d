// Sets the `connectorStudio.isConnectorFile` context key for the active editor. The language server
// decides (`connectorStudio/detect`: by name, and by content such as swagger: "2.0"), so menus and
// keybindings can use it.
import * as vscode from 'vscode';
import { sendStudioRequest, type RequestSender } from '../../shared/src/protocol';

/** Characters of the buffer the server looks at (a definition declares itself near the top). */
const HEAD_CHARS = 200_000;

export async function isConnectorDocument(client: RequestSender, doc: vscode.TextDocument): Promise<boolean> {
  const head = doc.getText(new vscode.Range(0, 0, 400, 0)).slice(0, HEAD_CHARS);
  try {
    return !!(await sendStudioRequest(client, 'connectorStudio/detect', { uri: doc.uri.toString(), head })).kind;
  } catch {
    return false;
  }
}

export function trackConnectorContext(context: vscode.ExtensionContext, client: RequestSender): () => Promise<void> {
  let latest = 0;
  const update = async () => {
    const ticket = ++latest;
    const doc = vscode.window.activeTextEditor?.document;
    const value = !!doc && (await isConnectorDocument(client, doc));
    // A newer editor change answered meanwhile: its value wins.
    if (ticket === latest) await vscode.commands.executeCommand('setContext', 'connectorStudio.isConnectorFile', value);
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => void update()), vscode.workspace.onDidSaveTextDocument(() => void update()));
  return update;
}
