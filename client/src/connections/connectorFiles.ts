// Reads a connector folder's definition and apiProperties for the connection model: the open
// document's text when it is open (unsaved edits count), the file on disk otherwise.
import { parse, type ParseError } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { ConnectorFiles } from '../../../shared/src/connections/connectionManager';

export const DEFINITION_FILE = 'apiDefinition.swagger.json';
export const PROPERTIES_FILE = 'apiProperties.json';

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Tolerant parse (comments, trailing commas, BOM): a broken file still yields what it has. */
export function parseJsonText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  return parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
}

export async function readConnectorFiles(folder: vscode.Uri): Promise<ConnectorFiles> {
  const [definition, apiProperties] = await Promise.all([
    readText(vscode.Uri.joinPath(folder, DEFINITION_FILE)),
    readText(vscode.Uri.joinPath(folder, PROPERTIES_FILE)),
  ]);
  return { definition: parseJsonText(definition), apiProperties: parseJsonText(apiProperties) };
}
