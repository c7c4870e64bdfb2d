// Which connector folder a lifecycle command acts on: the argument (a folder or a file in it),
// else the active editor's folder, else the workspace's connector folders (asked when several).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findDefinition } from '../../../shared/src/lifecycle/connectorFolder';

function folderOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  try {
    return fs.statSync(uri.fsPath).isDirectory() ? uri.fsPath : path.dirname(uri.fsPath);
  } catch {
    return undefined;
  }
}

function isConnectorFolder(folder: string): boolean {
  try {
    return !!findDefinition(folder, fs.readdirSync(folder));
  } catch {
    return false;
  }
}

export function argUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return path.isAbsolute(arg) ? vscode.Uri.file(arg) : vscode.Uri.parse(arg);
  return undefined;
}

export async function pickConnectorFolder(arg: unknown, purpose: string): Promise<string | undefined> {
  const given = argUri(arg);
  if (given) {
    const f = folderOf(given);
    if (f && isConnectorFolder(f)) return f;
    void vscode.window.showErrorMessage(`${given.fsPath} is not a connector folder (no apiDefinition.swagger.json or .yaml).`);
    return undefined;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active && folderOf(active);
  if (activeFolder && isConnectorFolder(activeFolder)) return activeFolder;
  const found = await vscode.workspace.findFiles('**/*.swagger.{json,yaml,yml}', '**/{node_modules,out,dist}/**', 200);
  const folders = [...new Set(found.map((u) => path.dirname(u.fsPath)))].sort();
  if (!folders.length) {
    void vscode.window.showErrorMessage('No connector folder in the workspace. Run "Connector Studio: New Connector" first.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  const pick = await vscode.window.showQuickPick(
    folders.map((f) => ({ label: path.basename(f), description: vscode.workspace.asRelativePath(f), folder: f })),
    { title: purpose, placeHolder: 'Which connector?' },
  );
  return pick?.folder;
}
