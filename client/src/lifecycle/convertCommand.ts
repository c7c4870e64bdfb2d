// "Convert to YAML" / "Convert to JSON": writes the definition in the other format as a NEW file
// next to it (key order kept), after a preview and a confirmation. Never overwrites.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConvertError, convertedName, jsonToYaml, yamlToJson, type DefinitionFormat } from '../../../shared/src/lifecycle/convert';
import type { ExtensionServices } from '../services';
import { argUri } from './pickFolder';

export interface ConvertArgs {
  /** Skip the confirmation (tests); the preview is still not written over anything. */
  confirm?: boolean;
}

export async function convertDefinition(services: ExtensionServices, to: DefinitionFormat, arg?: unknown, opts?: unknown): Promise<string | undefined> {
  const uri = argUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Convert to ${to.toUpperCase()}: open a definition file first.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const from = /\.ya?ml$/i.test(uri.fsPath) ? 'yaml' : 'json';
  if (from === to) {
    void vscode.window.showInformationMessage(`${path.basename(uri.fsPath)} is already ${to.toUpperCase()}.`);
    return undefined;
  }
  let text: string;
  try {
    text = to === 'yaml' ? jsonToYaml(doc.getText()) : yamlToJson(doc.getText());
  } catch (e) {
    void vscode.window.showErrorMessage(`Convert to ${to.toUpperCase()}: the file does not parse (${e instanceof ConvertError ? e.message : String(e)}).`);
    return undefined;
  }
  const target = path.join(path.dirname(uri.fsPath), convertedName(path.basename(uri.fsPath), to));
  if (fs.existsSync(target)) {
    void vscode.window.showErrorMessage(`${path.basename(target)} already exists; Convert never overwrites. Rename or delete it first.`);
    return undefined;
  }
  const confirm = !(opts && typeof opts === 'object' && (opts as ConvertArgs).confirm === false);
  if (confirm) {
    const preview = await vscode.workspace.openTextDocument({ language: to, content: text });
    await vscode.window.showTextDocument(preview, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    const ok = await vscode.window.showInformationMessage(`Write this preview as ${path.basename(target)} next to ${path.basename(uri.fsPath)}? (The original stays.)`, { modal: true }, 'Write');
    // Close the untitled preview without a save prompt.
    if (vscode.window.activeTextEditor?.document === preview) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (ok !== 'Write') return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(vscode.Uri.file(target), { contents: Buffer.from(text, 'utf8'), overwrite: false, ignoreIfExists: false });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not write ${target}.`);
    return undefined;
  }
  services.log.info(`Converted ${uri.fsPath} to ${target}.`);
  await vscode.window.showTextDocument(vscode.Uri.file(target), { preview: false });
  return target;
}
