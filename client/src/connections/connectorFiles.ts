// Reads a connector folder's definition and apiProperties for the connection model: the open
// document's text when it is open (unsaved edits count), the file on disk otherwise.
import * as vscode from 'vscode';
import type { ConnectorFiles } from '../../../shared/src/connections/connectionManager';
import { DEFINITION_FILE, PROPERTIES_FILE } from '../../../shared/src/lifecycle/connectorFolder';
import { loadConnectorValue } from '../../../shared/src/swagger/load';

export { DEFINITION_FILE, PROPERTIES_FILE };

/** The text of a file, from its open document when there is one (unsaved edits included); undefined when unreadable. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export async function readConnectorFiles(folder: vscode.Uri): Promise<ConnectorFiles> {
  const [definition, apiProperties] = await Promise.all([
    readText(vscode.Uri.joinPath(folder, DEFINITION_FILE)),
    readText(vscode.Uri.joinPath(folder, PROPERTIES_FILE)),
  ]);
  return { definition: loadConnectorValue(definition, DEFINITION_FILE), apiProperties: loadConnectorValue(apiProperties, PROPERTIES_FILE) };
}
