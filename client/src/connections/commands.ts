// Commands of the Connections view: New Connection, Edit, Rename, Sign In Again, Test, Delete,
// Copy as cURL Header. Each accepts a tree node, a connection id / folder Uri, or nothing (palette: pick).
import * as vscode from 'vscode';
import { isAuthError } from '../../../shared/src/auth/errors';
import type { ConnectionRecord } from '../../../shared/src/connections/connectionStore';
import { redactedCurlArguments } from '../../../shared/src/connections/curlHeaders';
import { redact } from '../../../shared/src/log/redactingLogger';
import { askName, askValues, pickModel } from './askConnection';
import type { ConnectionsService } from './connectionsService';
import { ConnectionNode, ConnectorNode, type ConnectionsView } from './connectionsView';
import { DEFINITION_FILE, PROPERTIES_FILE } from './connectorFiles';
import { isOAuthKind, KIND_LABELS, uniqueName } from './treeItems';

export const COMMAND_IDS = {
  newConnection: 'connectorStudio.newConnection',
  edit: 'connectorStudio.editConnection',
  rename: 'connectorStudio.renameConnection',
  signIn: 'connectorStudio.signInConnection',
  test: 'connectorStudio.testConnection',
  delete: 'connectorStudio.deleteConnection',
  copyCurl: 'connectorStudio.copyConnectionCurl',
  refresh: 'connectorStudio.refreshConnections',
} as const;

function message(err: unknown): string {
  return redact(err instanceof Error ? err.message : String(err));
}

async function pickConnection(svc: ConnectionsService, arg: unknown, action: string): Promise<ConnectionRecord | undefined> {
  if (arg instanceof ConnectionNode) return svc.get(arg.record.id);
  if (typeof arg === 'string') return svc.get(arg);
  const all = svc.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('There are no connections yet. Use "New Connection" in the Connections view.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    all.map((r) => ({ label: r.name, description: `${r.connectorFolder} · ${KIND_LABELS[r.kind]}`, record: r })),
    // The first step of a multi-step edit: like the steps after it, it survives a focus change (a toast, a webview).
    { title: `${action}: pick a connection`, ignoreFocusOut: true },
  );
  return picked?.record;
}

async function pickFolder(svc: ConnectionsService, arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof ConnectorNode) return arg.folder;
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return svc.folderUri(arg);
  const found = await vscode.workspace.findFiles(`**/{${DEFINITION_FILE},${PROPERTIES_FILE}}`, '**/node_modules/**', 1000);
  const folders = new Map<string, vscode.Uri>();
  for (const uri of found) {
    const folder = vscode.Uri.joinPath(uri, '..');
    folders.set(svc.folderKey(folder), folder);
  }
  if (folders.size === 0) {
    void vscode.window.showWarningMessage(`No connector folder (${DEFINITION_FILE} / ${PROPERTIES_FILE}) in the workspace.`);
    return undefined;
  }
  if (folders.size === 1) return [...folders.values()][0];
  const picked = await vscode.window.showQuickPick(
    [...folders].map(([key, uri]) => ({ label: key, uri })),
    { title: 'New Connection: pick the connector folder' },
  );
  return picked?.uri;
}

/** Sign-in with a cancellable progress notification; errors are shown with what to do next. */
export async function signInWithProgress(svc: ConnectionsService, record: ConnectionRecord): Promise<boolean> {
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Signing in "${record.name}"`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        progress.report({ message: record.kind === 'oauth2AuthorizationCode' ? 'finish the sign-in in your browser…' : 'requesting a token…' });
        try {
          await svc.signIn(record.id, abort.signal);
        } finally {
          sub.dispose();
        }
      },
    );
    void vscode.window.showInformationMessage(`Signed in "${record.name}".`);
    return true;
  } catch (err) {
    if (isAuthError(err, 'cancelled')) {
      void vscode.window.showInformationMessage(`Sign-in of "${record.name}" was cancelled.`);
      return false;
    }
    const choice = await vscode.window.showErrorMessage(`Sign-in of "${record.name}" failed: ${message(err)}`, 'Sign In Again', 'Edit Connection');
    if (choice === 'Sign In Again') return signInWithProgress(svc, svc.get(record.id) ?? record);
    if (choice === 'Edit Connection') await vscode.commands.executeCommand(COMMAND_IDS.edit, record.id);
    return false;
  }
}

async function newConnection(svc: ConnectionsService, arg: unknown): Promise<ConnectionRecord | undefined> {
  const folder = await pickFolder(svc, arg);
  if (!folder) return undefined;
  const key = svc.folderKey(folder);
  const label = key === '.' ? (vscode.workspace.workspaceFolders?.[0]?.name ?? key) : key;
  const model = await pickModel(await svc.modelsFor(folder), label);
  if (!model) return undefined;
  const taken = svc.list(folder).map((r) => r.name);
  const name = await askName(`New connection for ${label} (${model.setLabel ?? model.label})`, uniqueName(`${label} ${KIND_LABELS[model.kind]}`, taken), taken);
  if (!name) return undefined;
  const values = await askValues(model, name);
  if (!values) return undefined;
  const input = { folder, name, values, ...(model.setName !== undefined ? { setName: model.setName } : {}) };
  const record = await svc.create(input);
  if (isOAuthKind(record.kind)) {
    await signInWithProgress(svc, record);
  } else {
    void vscode.window.showInformationMessage(`Created connection "${record.name}" (${KIND_LABELS[record.kind]}).`);
  }
  return svc.get(record.id);
}

async function editConnection(svc: ConnectionsService, arg: unknown): Promise<ConnectionRecord | undefined> {
  const record = await pickConnection(svc, arg, 'Edit');
  if (!record) return undefined;
  const model = await svc.modelOf(record);
  if (!model) {
    void vscode.window.showErrorMessage(`The connector no longer has the authentication set "${record.setName ?? ''}" of "${record.name}". Delete the connection and create a new one.`);
    return undefined;
  }
  const values = await askValues(model, record.name, await svc.store.getValues(record.id));
  if (!values) return undefined;
  const updated = await svc.store.updateValues(record.id, model, values);
  if (isOAuthKind(updated.kind)) await signInWithProgress(svc, updated);
  else void vscode.window.showInformationMessage(`Updated connection "${updated.name}".`);
  return svc.get(record.id);
}

async function renameConnection(svc: ConnectionsService, arg: unknown): Promise<ConnectionRecord | undefined> {
  const record = await pickConnection(svc, arg, 'Rename');
  if (!record) return undefined;
  const taken = svc.list(record.connectorFolder).filter((r) => r.id !== record.id).map((r) => r.name);
  const name = await askName(`Rename "${record.name}"`, record.name, taken);
  if (!name || name === record.name) return undefined;
  return svc.store.rename(record.id, name);
}

async function signInAgain(svc: ConnectionsService, arg: unknown): Promise<boolean> {
  const record = await pickConnection(svc, arg, 'Sign In Again');
  if (!record) return false;
  if (!isOAuthKind(record.kind)) {
    void vscode.window.showInformationMessage(`"${record.name}" uses ${KIND_LABELS[record.kind]}: there is nothing to sign in to.`);
    return false;
  }
  await svc.manager.signOut(record.id);
  return signInWithProgress(svc, svc.get(record.id) ?? record);
}

async function testConnection(svc: ConnectionsService, arg: unknown): Promise<unknown> {
  const record = await pickConnection(svc, arg, 'Test');
  if (!record) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Testing "${record.name}"…` },
    () => svc.test(record.id),
  );
  const what = result.request ? ` ${result.request} →` : '';
  const time = result.timeMs !== undefined ? ` (${result.timeMs} ms)` : '';
  if (result.ok) {
    void vscode.window.showInformationMessage(`Test of "${record.name}" passed:${what} ${result.summary}${time}.`);
  } else {
    const actions = isOAuthKind(record.kind) ? ['Sign In Again'] : [];
    void vscode.window
      .showWarningMessage(`Test of "${record.name}" failed:${what} ${result.summary}${time}.${result.detail ? ` ${result.detail}` : ''}`, ...actions)
      .then((choice) => (choice ? vscode.commands.executeCommand(COMMAND_IDS.signIn, record.id) : undefined));
  }
  return result;
}

async function deleteConnection(svc: ConnectionsService, arg: unknown): Promise<boolean> {
  const record = await pickConnection(svc, arg, 'Delete');
  if (!record) return false;
  const answer = await vscode.window.showWarningMessage(
    `Delete the connection "${record.name}"?`,
    { modal: true, detail: 'Its stored parameter values and tokens are removed from the keychain.' },
    'Delete',
  );
  if (answer !== 'Delete') return false;
  await svc.delete(record.id);
  return true;
}

async function copyCurl(svc: ConnectionsService, arg: unknown): Promise<string | undefined> {
  const record = await pickConnection(svc, arg, 'Copy as cURL Header');
  if (!record) return undefined;
  try {
    const text = redactedCurlArguments(await svc.resolve(record.id));
    if (!text) {
      void vscode.window.showInformationMessage(`"${record.name}" adds no header or query parameter to requests.`);
      return '';
    }
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(`Copied (secrets hidden): ${text}`);
    return text;
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not resolve "${record.name}": ${message(err)}`);
    return undefined;
  }
}

export function registerConnectionCommands(svc: ConnectionsService, view: ConnectionsView): vscode.Disposable {
  const handlers: Record<string, (arg: unknown) => unknown> = {
    [COMMAND_IDS.newConnection]: (arg) => newConnection(svc, arg),
    [COMMAND_IDS.edit]: (arg) => editConnection(svc, arg),
    [COMMAND_IDS.rename]: (arg) => renameConnection(svc, arg),
    [COMMAND_IDS.signIn]: (arg) => signInAgain(svc, arg),
    [COMMAND_IDS.test]: (arg) => testConnection(svc, arg),
    [COMMAND_IDS.delete]: (arg) => deleteConnection(svc, arg),
    [COMMAND_IDS.copyCurl]: (arg) => copyCurl(svc, arg),
    [COMMAND_IDS.refresh]: () => view.refresh(),
  };
  return vscode.Disposable.from(
    ...Object.entries(handlers).map(([id, run]) =>
      vscode.commands.registerCommand(id, async (arg: unknown) => {
        try {
          return await run(arg);
        } catch (err) {
          void vscode.window.showErrorMessage(`Connector Studio: ${message(err)}`);
          return undefined;
        }
      }),
    ),
  );
}
