// "Connector Studio: Import Postman Collection": pick, ask the language server to convert and plan
// (`connectorStudio/importPlan`: the converter runs there), preview or diff, confirm, then write everything as ONE WorkspaceEdit (undoable). Nothing is written on a
// failure or a cancel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sendStudioRequest, type ImportPlan, type PlannedFile } from '../../../shared/src/protocol';
import type { ExtensionServices } from '../services';
import { confirmWrite, pickCollection, pickEnvironment, pickTarget } from './pickers';
import { closePreviewTabs, type PreviewProvider } from './previewProvider';
import { readText } from '../connections/connectorFiles';

export const IMPORT_POSTMAN_COMMAND = 'connectorStudio.importPostman';

/** Optional arguments (tests, other commands): each one given skips its picker. */
export interface ImportArgs {
  collection?: string | vscode.Uri;
  /** Only read when `collection` is given too; otherwise the environment question is asked. */
  environment?: string | vscode.Uri;
  target?: string | vscode.Uri;
  /** true: write without the preview and the question. */
  confirm?: boolean;
}

export interface ImportOutcome {
  status: 'written' | 'unchanged' | 'cancelled' | 'failed';
  message?: string;
  mode?: 'new' | 'merge';
  /** fs paths of the files written. */
  written?: string[];
  report?: string;
}

type OkPlan = Extract<ImportPlan, { ok: true }>;

export async function importPostman(services: ExtensionServices, preview: PreviewProvider, rawArgs: unknown): Promise<ImportOutcome> {
  const args = readArgs(rawArgs);
  const fail = (message: string): ImportOutcome => {
    void vscode.window.showErrorMessage(`Postman import failed: ${message} Nothing was written.`);
    services.log.error(`Postman import failed: ${message}`);
    return { status: 'failed', message };
  };

  const collection = args.collection ? toUri(args.collection) : await pickCollection();
  if (!collection) return { status: 'cancelled' };
  let environment: vscode.Uri | undefined;
  if (args.collection) environment = args.environment ? toUri(args.environment) : undefined;
  else {
    const env = await pickEnvironment(collection);
    if (!env) return { status: 'cancelled' };
    environment = env.uri;
  }

  const collectionText = await readText(collection);
  if (collectionText === undefined) return fail(`cannot read the collection ${display(collection)}.`);
  const environmentText = environment ? await readText(environment) : undefined;
  if (environment && environmentText === undefined) return fail(`cannot read the environment ${display(environment)}.`);

  const params = { collectionText, ...(environmentText !== undefined ? { environmentText } : {}) };
  const converted = await sendStudioRequest(services.client, 'connectorStudio/importPlan', params);
  if (!converted.ok) return fail(`${converted.message} (at ${converted.where} in ${display(collection)})`);
  const title = converted.title;

  const target = args.target ? toUri(args.target) : await pickTarget(title || path.posix.basename(collection.path, '.json'));
  if (!target) return { status: 'cancelled' };
  if ((await statType(target)) === vscode.FileType.File) return fail(`the target ${display(target)} is a file, not a folder.`);

  // The server reads the target's files (open buffers first) and merges.
  const planned = await sendStudioRequest(services.client, 'connectorStudio/importPlan', { ...params, target: target.fsPath });
  if (!planned.ok) return fail(`${planned.message} (at ${planned.where} in ${display(collection)})`);
  const plan = planned.plan;
  if (!plan) return fail('the language server returned no plan.');
  if (!plan.ok) return fail(`${plan.message} (at ${plan.where} in ${display(target)})`);

  logReport(services, collection, target, plan);
  if (plan.oversize) {
    void vscode.window.showWarningMessage(
      `${plan.files[0]!.name} will be ${plan.definitionBytes.toLocaleString('en-US')} bytes, over the platform's ${plan.definitionSizeLimit.toLocaleString('en-US')}-byte limit: split the connector before you deploy it.`,
    );
  }
  const changes = plan.files.filter((f) => f.action !== 'unchanged');
  if (!changes.length) {
    void vscode.window.showInformationMessage(`The connector in ${display(target)} already holds everything in the collection: nothing to write.`);
    return { status: 'unchanged', mode: plan.mode, report: plan.reportText };
  }

  if (!args.confirm && !(await previewAndConfirm(services, preview, target, plan, changes))) {
    return { status: 'cancelled', mode: plan.mode, report: plan.reportText };
  }

  const written = await writePlan(target, changes);
  if (typeof written === 'string') return fail(written);
  await vscode.window.showTextDocument(vscode.Uri.joinPath(target, plan.files[0]!.name), { preview: false });
  const s = plan.report.stats;
  void vscode.window.showInformationMessage(
    `${plan.mode === 'merge' ? 'Merged' : 'Imported'} ${s.requests} request(s) as ${s.operations} operation(s) into ${display(target)}. The import report is in the output channel.`,
  );
  return { status: 'written', mode: plan.mode, written: written.map((u) => u.fsPath), report: plan.reportText };
}

export async function previewAndConfirm(services: ExtensionServices, preview: PreviewProvider, target: vscode.Uri, plan: OkPlan, changes: PlannedFile[], dialogTitle?: string): Promise<boolean> {
  const label = path.posix.basename(target.path) || 'connector';
  const shown: vscode.Uri[] = [];
  try {
    for (const file of changes) {
      const uri = preview.add(label, file.name, file.text);
      shown.push(uri);
      const options: vscode.TextDocumentShowOptions = { preview: false, preserveFocus: true };
      if (file.action === 'replace') await vscode.commands.executeCommand('vscode.diff', vscode.Uri.joinPath(target, file.name), uri, `${file.name} (current ↔ after import)`, options);
      else await vscode.window.showTextDocument(uri, options);
    }
    services.output.show(true);
    const names = changes.map((f) => f.name).join(' and ');
    const question = plan.mode === 'merge' ? `merge into ${display(target)}?` : `write the new connector to ${display(target)}?`;
    const detail = plan.mode === 'merge' ? `Update ${names}; your edits are kept (see the diff).` : `Create ${names}.`;
    return await confirmWrite(question, detail, dialogTitle);
  } finally {
    await closePreviewTabs();
    for (const uri of shown) preview.remove(uri);
  }
}

/** One WorkspaceEdit: createFile for new files, a full-range replace for existing ones (the OpenAPI import uses it too). */
export async function writePlan(target: vscode.Uri, changes: PlannedFile[], label = 'Import Postman collection'): Promise<vscode.Uri[] | string> {
  const edit = new vscode.WorkspaceEdit();
  const toSave: vscode.TextDocument[] = [];
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
  for (const file of changes) {
    const uri = vscode.Uri.joinPath(target, file.name);
    if (file.action === 'create') {
      if ((await statType(uri)) !== undefined) return `${display(uri)} appeared since the preview; run the import again.`;
      edit.createFile(uri, { contents: new TextEncoder().encode(file.text) }, metadata);
    } else {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (doc.getText() !== file.currentText) return `${display(uri)} changed since the preview; run the import again.`;
      // A file the author left with unsaved edits stays unsaved: saving is their call.
      if (!doc.isDirty) toSave.push(doc);
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), file.text, metadata);
    }
  }
  if (!(await vscode.workspace.applyEdit(edit))) return `VS Code could not apply the edit to ${display(target)}.`;
  for (const doc of toSave) await doc.save();
  return changes.map((f) => vscode.Uri.joinPath(target, f.name));
}

function logReport(services: ExtensionServices, collection: vscode.Uri, target: vscode.Uri, plan: OkPlan): void {
  services.log.info(`Postman import of ${display(collection)} into ${display(target)} (${plan.mode === 'merge' ? 'merge into the existing connector' : 'new connector'}):`);
  for (const line of plan.reportText.trimEnd().split('\n')) services.log.info(`  ${line}`);
  for (const f of plan.files) services.log.info(`  ${f.name}: ${f.action === 'create' ? 'new file' : f.action === 'replace' ? 'updated' : 'unchanged'}`);
}

export async function statType(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type;
  } catch {
    return undefined;
  }
}

function readArgs(raw: unknown): ImportArgs {
  if (typeof raw !== 'object' || raw === null || raw instanceof vscode.Uri) return {};
  const r = raw as Record<string, unknown>;
  const pathLike = (v: unknown): string | vscode.Uri | undefined => (typeof v === 'string' || v instanceof vscode.Uri ? v : undefined);
  return { collection: pathLike(r.collection), environment: pathLike(r.environment), target: pathLike(r.target), confirm: r.confirm === true };
}

/** A path argument: absolute, or relative to the first workspace folder. */
export function toUri(value: string | vscode.Uri): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  return path.isAbsolute(value) || !base ? vscode.Uri.file(value) : vscode.Uri.joinPath(base, value);
}

export function display(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}
