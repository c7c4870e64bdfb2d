// "Connector Studio: New Connector": a few quick inputs, then one WorkspaceEdit that creates the
// connector folder (undoable). Answers may also come as an argument (tests, the walkthrough).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AUTH_KINDS, isAuthKind, type AuthKind } from '../../../shared/src/lifecycle/authKinds';
import { checkDescription, checkTitle, folderNameFor, mcpAuthAllowed, parseBaseUrl, scaffoldConnector, ScaffoldError, type ConnectorKind, type ScaffoldOptions } from '../../../shared/src/lifecycle/scaffold';
import type { ExtensionServices } from '../services';

export interface NewConnectorArgs extends Partial<ScaffoldOptions> {
  /** Folder to create the connector folder in (default: the first workspace folder). */
  parent?: string;
}

const TITLE = 'New Connector';
const MULTI = '$multi';

async function ask(step: number, total: number, prompt: string, value: string, validate: (v: string) => string | undefined, placeHolder?: string): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: `${TITLE} (${step}/${total})`, prompt, value, placeHolder, ignoreFocusOut: true, validateInput: (v) => validate(v) ?? null });
}

async function askAnswers(given: NewConnectorArgs): Promise<ScaffoldOptions | undefined> {
  const total = 6;
  const title = given.title ?? (await ask(1, total, 'Connector name (info.title, at most 30 characters)', '', checkTitle, 'Contoso Tasks'));
  if (title === undefined) return undefined;
  const description = given.description ?? (await ask(2, total, 'Description (30 to 500 characters)', '', (v) => checkDescription(v), 'Create, update and track tasks in Contoso from your flows and apps.'));
  if (description === undefined) return undefined;
  const baseUrl = given.baseUrl ?? (await ask(3, total, 'Host or base URL of the service', 'https://', (v) => {
    try { parseBaseUrl(v); return v.trim() === 'https://' ? 'Enter the host, e.g. https://api.contoso.com/v1' : undefined; } catch (e) { return e instanceof Error ? e.message : String(e); }
  }, 'https://api.contoso.com/v1'));
  if (baseUrl === undefined) return undefined;
  let kind: ConnectorKind = given.kind ?? 'rest';
  let auth = given.auth;
  if (!auth) {
    const items = [
      ...(kind === 'mcp' ? [] : AUTH_KINDS.map((k) => ({ label: k.label, detail: k.detail, authKind: k.kind as string, mcp: false }))),
      ...(kind === 'mcp' ? [] : [{ label: 'Several (multi-auth parameter sets)…', detail: 'Let users choose between authentication kinds when they connect.', authKind: MULTI, mcp: false }]),
      // An MCP server for Copilot Studio: one POST /mcp operation with x-ms-agentic-protocol.
      ...AUTH_KINDS.filter((k) => mcpAuthAllowed(k.kind) && (k.kind === 'apiKey' || k.kind === 'oauth2' || kind === 'mcp')).map((k) => ({ label: `MCP server for Copilot Studio: ${k.label}`, detail: 'One POST /mcp operation (x-ms-agentic-protocol: mcp-streamable-1.0) that Copilot Studio agents call.', authKind: k.kind as string, mcp: true })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `${TITLE} (4/${total}): authentication`, placeHolder: 'How does the service authenticate callers? (The last choices make an MCP server for Copilot Studio.)', ignoreFocusOut: true, matchOnDetail: true });
    if (!pick) return undefined;
    if (pick.mcp) kind = 'mcp';
    if (pick.authKind === MULTI) {
      const many = await vscode.window.showQuickPick(items.filter((i) => i.authKind !== MULTI && i.authKind !== 'none' && !i.mcp), { title: `${TITLE}: parameter sets`, placeHolder: 'Choose two or more', canPickMany: true, ignoreFocusOut: true });
      if (!many || many.length < 2) {
        if (many) void vscode.window.showWarningMessage('Multi-auth needs at least two kinds.');
        return undefined;
      }
      auth = many.map((m) => m.authKind).filter(isAuthKind);
    } else if (isAuthKind(pick.authKind)) auth = [pick.authKind];
    else return undefined;
  }
  let format = given.format;
  if (!format) {
    const pick = await vscode.window.showQuickPick([
      { label: 'JSON', description: 'apiDefinition.swagger.json', format: 'json' as const },
      { label: 'YAML', description: 'apiDefinition.swagger.yaml (converted to JSON when packaged)', format: 'yaml' as const },
    ], { title: `${TITLE} (5/${total}): definition format`, ignoreFocusOut: true });
    if (!pick) return undefined;
    format = pick.format;
  }
  const publisher = given.publisher ?? (await ask(6, total, 'Publisher (your company or your name)', '', (v) => (/^[A-Za-z0-9 .,&'-]+$/.test(v.trim()) ? undefined : 'Letters, digits and spaces.'), 'Contoso'));
  if (publisher === undefined) return undefined;
  return { ...given, kind, title: title.trim(), description: description.trim(), baseUrl: baseUrl.trim(), auth: auth as AuthKind[], format, publisher: publisher.trim(), stackOwner: given.stackOwner ?? publisher.trim() };
}

/** Returns the created folder's path, or undefined when cancelled or refused. */
export async function newConnector(services: ExtensionServices, arg?: unknown): Promise<string | undefined> {
  const given: NewConnectorArgs = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as NewConnectorArgs) : {};
  const parentFromUri = arg instanceof vscode.Uri ? arg.fsPath : undefined;
  const parent = given.parent ?? parentFromUri ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!parent) {
    void vscode.window.showErrorMessage('Open a folder first: New Connector creates the connector folder inside it.');
    return undefined;
  }
  const answers = await askAnswers(given);
  if (!answers) return undefined;
  let files;
  try {
    files = scaffoldConnector(answers);
  } catch (e) {
    void vscode.window.showErrorMessage(`New Connector: ${e instanceof ScaffoldError ? e.message : String(e)}`);
    return undefined;
  }
  const folder = path.join(parent, folderNameFor(answers.title));
  if (fs.existsSync(folder)) {
    void vscode.window.showErrorMessage(`${folder} already exists; New Connector never overwrites files. Choose another name.`);
    return undefined;
  }
  // One edit creates every file: a single undo removes the connector again.
  const edit = new vscode.WorkspaceEdit();
  for (const f of files) {
    const content = typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content;
    edit.createFile(vscode.Uri.file(path.join(folder, f.name)), { contents: new Uint8Array(content), ignoreIfExists: false, overwrite: false });
  }
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: false }))) {
    void vscode.window.showErrorMessage(`Could not create ${folder}.`);
    return undefined;
  }
  services.log.info(`New Connector: created ${folder} (${files.map((f) => f.name).join(', ')}; auth ${answers.auth.join('+')}).`);
  const definition = files[0].name;
  await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, definition)), { preview: false });
  void vscode.window.showInformationMessage(`Created connector "${answers.title}" in ${vscode.workspace.asRelativePath(folder)}.`, 'Check Certification Readiness').then((choice) => {
    if (choice) void vscode.commands.executeCommand('connectorStudio.checkReadiness', vscode.Uri.file(folder));
  });
  return folder;
}
