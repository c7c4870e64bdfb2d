// The questions the import asks: which collection, which environment (if any), which folder,
// and whether to write. Each returns undefined when the user backs out.
import * as vscode from 'vscode';
import { checkNewFolderName, folderNameFor, targetChoices, type TargetChoice } from './targets';

const TITLE = 'Import Postman Collection';
const JSON_FILTERS = { 'Postman files (JSON)': ['json'], 'All files': ['*'] };

export async function pickCollection(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: `${TITLE}: choose the collection (v2.0 or v2.1)`,
    openLabel: 'Import',
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: JSON_FILTERS,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

type EnvItem = vscode.QuickPickItem & { uri?: vscode.Uri; choose?: boolean };

/** `{}` means no environment; undefined means the user cancelled. */
export async function pickEnvironment(collection: vscode.Uri): Promise<{ uri?: vscode.Uri } | undefined> {
  const items: EnvItem[] = [{ label: '$(circle-slash) Skip', description: 'variables come from the collection only' }];
  for (const uri of await siblingEnvironments(collection)) items.push({ label: `$(symbol-variable) ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`, description: 'next to the collection', uri });
  items.push({ label: '$(folder-opened) Choose an environment file...', choose: true });
  const picked = await vscode.window.showQuickPick(items, { title: `${TITLE}: use an environment file?`, placeHolder: 'A Postman environment resolves {{baseUrl}} and other variables', ignoreFocusOut: true });
  if (!picked) return undefined;
  if (!picked.choose) return { uri: picked.uri };
  const chosen = await vscode.window.showOpenDialog({
    title: `${TITLE}: choose the environment file`,
    openLabel: 'Use environment',
    canSelectFiles: true,
    canSelectMany: false,
    filters: JSON_FILTERS,
    defaultUri: vscode.Uri.joinPath(collection, '..'),
  });
  return chosen?.[0] ? { uri: chosen[0] } : undefined;
}

async function siblingEnvironments(collection: vscode.Uri): Promise<vscode.Uri[]> {
  const folder = vscode.Uri.joinPath(collection, '..');
  try {
    const entries = await vscode.workspace.fs.readDirectory(folder);
    return entries
      .filter(([name, type]) => type === vscode.FileType.File && /(^|[._-])environment\.json$/i.test(name))
      .map(([name]) => vscode.Uri.joinPath(folder, name))
      .sort((a, b) => a.path.localeCompare(b.path));
  } catch {
    return [];
  }
}

type TargetItem = vscode.QuickPickItem & { choice: TargetChoice };

export async function pickTarget(collectionTitle: string, dialogTitle = TITLE): Promise<vscode.Uri | undefined> {
  const TITLE = dialogTitle;
  const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
  const found = workspaceFolders.length ? await vscode.workspace.findFiles('**/{apiDefinition.swagger.json,apiProperties.json}', '**/node_modules/**', 500) : [];
  const connectorFolders = [...new Set(found.map((uri) => vscode.Uri.joinPath(uri, '..').path))];
  const choices = targetChoices(workspaceFolders.map((f) => ({ name: f.name, path: f.uri.path })), connectorFolders, collectionTitle);
  const items: TargetItem[] = choices.map((choice) => ({ label: choice.label, description: choice.description, choice }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${TITLE}: target folder`,
    placeHolder: 'Where should apiDefinition.swagger.json and apiProperties.json go?',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const choice = picked.choice;
  const base = workspaceFolders[0]?.uri;
  if (choice.kind === 'folder') return (base ?? vscode.Uri.file('/')).with({ path: choice.path });
  if (choice.kind === 'newFolder' && base) {
    const name = await vscode.window.showInputBox({
      title: `${TITLE}: new folder`,
      prompt: `Folder name, relative to ${workspaceFolders[0]!.name}`,
      value: folderNameFor(collectionTitle),
      validateInput: checkNewFolderName,
      ignoreFocusOut: true,
    });
    return name === undefined ? undefined : vscode.Uri.joinPath(base, ...name.trim().split(/[\\/]+/).filter(Boolean));
  }
  const chosen = await vscode.window.showOpenDialog({ title: `${TITLE}: target folder`, openLabel: 'Import here', canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri: base });
  return chosen?.[0];
}

/** Asks before writing; the quick pick stays open while the user reads the preview or diff. */
export async function confirmWrite(question: string, detail: string, dialogTitle = TITLE): Promise<boolean> {
  const TITLE = dialogTitle;
  const write: vscode.QuickPickItem = { label: '$(check) Write files', detail };
  const cancel: vscode.QuickPickItem = { label: '$(close) Cancel', detail: 'Nothing is written.' };
  const picked = await vscode.window.showQuickPick([write, cancel], { title: `${TITLE}: ${question}`, placeHolder: 'Review the preview, then choose', ignoreFocusOut: true });
  return picked === write;
}
