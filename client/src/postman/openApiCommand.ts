// "Connector Studio: Import OpenAPI": a file or a URL; the language server fetches, converts and
// plans (`connectorStudio/openApiImportPlan`) under a progress bar; when the API is over the
// platform's limits, a QuickPick of its tags (with their operation counts) cuts it down; the
// report and the files are previewed before anything is written; then ONE WorkspaceEdit.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sendStudioRequest, type OpenApiImportParams, type OpenApiImportResult } from '../../../shared/src/protocol';
import type { ExtensionServices } from '../services';
import { display, previewAndConfirm, statType, toUri, writePlan, type ImportOutcome } from './importCommand';
import { pickTarget } from './pickers';
import type { PreviewProvider } from './previewProvider';

export const IMPORT_OPENAPI_COMMAND = 'connectorStudio.importOpenApi';

/** Optional arguments (tests, other commands): each one given skips its picker. */
export interface OpenApiImportArgs {
  /** A file path/URI or an http(s) URL. */
  source?: string | vscode.Uri;
  target?: string | vscode.Uri;
  includeTags?: string[];
  includePaths?: string[];
  /** true: write without the preview and the question. */
  confirm?: boolean;
}

export async function importOpenApiCommand(services: ExtensionServices, preview: PreviewProvider, rawArgs: unknown): Promise<ImportOutcome> {
  const args = readArgs(rawArgs);
  const fail = (message: string): ImportOutcome => {
    void vscode.window.showErrorMessage(`OpenAPI import failed: ${message} Nothing was written.`);
    services.log.error(`OpenAPI import failed: ${message}`);
    return { status: 'failed', message };
  };
  const source = args.source !== undefined ? sourceOf(args.source) : await pickSource();
  if (!source) return { status: 'cancelled' };

  const ask = (params: OpenApiImportParams, title: string): Thenable<OpenApiImportResult> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
      progress.report({ message: /^https?:/i.test(source) ? `fetching ${source} and converting…` : 'converting…' });
      return sendStudioRequest(services.client, 'connectorStudio/openApiImportPlan', params);
    });
  const readFailure = (r: Extract<OpenApiImportResult, { ok: false }>) => `${r.message} (at ${r.where})`;

  let params: OpenApiImportParams = { source, ...(args.includeTags ? { includeTags: args.includeTags } : {}), ...(args.includePaths ? { includePaths: args.includePaths } : {}) };
  const converted = await ask(params, 'Import OpenAPI');
  if (!converted.ok) return fail(readFailure(converted));

  // Over the platform's limits: offer to import part of the API, by tag.
  if (converted.overBudget && !args.includeTags && !args.includePaths && converted.tags.length > 1 && !args.confirm) {
    const picked = await vscode.window.showQuickPick(
      converted.tags.map((t) => ({ label: t.name, description: `${t.operations} operation(s)` })),
      { canPickMany: true, title: `${converted.title}: ${converted.sourceOperations} operations, over the platform's limits`, placeHolder: 'Pick the tags to import (Escape imports everything)' },
    );
    if (picked?.length) params = { ...params, includeTags: picked.map((p) => p.label) };
  }

  const target = args.target ? toUri(args.target) : await pickTarget(converted.title || 'connector', 'Import OpenAPI');
  if (!target) return { status: 'cancelled' };
  if ((await statType(target)) === vscode.FileType.File) return fail(`the target ${display(target)} is a file, not a folder.`);
  const planned = await ask({ ...params, target: target.fsPath }, 'Import OpenAPI: planning the files');
  if (!planned.ok) return fail(readFailure(planned));
  const plan = planned.plan;
  if (!plan) return fail('the language server returned no plan.');
  if (!plan.ok) return fail(`${plan.message} (at ${plan.where} in ${display(target)})`);

  services.log.info(`OpenAPI import of ${source} into ${display(target)} (${plan.mode === 'merge' ? 'merge into the existing connector' : 'new connector'}):`);
  for (const line of plan.reportText.trimEnd().split('\n')) services.log.info(`  ${line}`);
  const changes = plan.files.filter((f) => f.action !== 'unchanged');
  if (!changes.length) {
    void vscode.window.showInformationMessage(`The connector in ${display(target)} already holds everything in the document: nothing to write.`);
    return { status: 'unchanged', mode: plan.mode, report: plan.reportText };
  }
  if (!args.confirm) {
    // The report first, then the files (previewAndConfirm closes every preview tab afterwards).
    const label = path.posix.basename(target.path) || 'connector';
    const reportUri = preview.add(label, 'OpenAPI import report.txt', plan.reportText);
    try {
      await vscode.window.showTextDocument(reportUri, { preview: false, preserveFocus: true });
      if (!(await previewAndConfirm(services, preview, target, plan, changes, 'Import OpenAPI'))) return { status: 'cancelled', mode: plan.mode, report: plan.reportText };
    } finally {
      preview.remove(reportUri);
    }
  }
  const written = await writePlan(target, changes, 'Import OpenAPI');
  if (typeof written === 'string') return fail(written);
  await vscode.window.showTextDocument(vscode.Uri.joinPath(target, plan.files[0]!.name), { preview: false });
  void vscode.window.showInformationMessage(`${plan.mode === 'merge' ? 'Merged' : 'Imported'} ${plan.report.stats.operations} operation(s) into ${display(target)}. The import report is in the output channel.`);
  return { status: 'written', mode: plan.mode, written: written.map((u) => u.fsPath), report: plan.reportText };
}

async function pickSource(): Promise<string | undefined> {
  const how = await vscode.window.showQuickPick(
    [
      { label: 'From a file…', description: 'OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML', id: 'file' },
      { label: 'From a URL…', description: 'http(s) address of the document', id: 'url' },
    ],
    { title: 'Import OpenAPI' },
  );
  if (!how) return undefined;
  if (how.id === 'url') {
    return vscode.window.showInputBox({
      title: 'Import OpenAPI from a URL',
      prompt: 'Address of the OpenAPI document',
      placeHolder: 'https://example.com/openapi.json',
      validateInput: (v) => (/^https?:\/\/\S+$/i.test(v.trim()) ? undefined : 'Enter an http:// or https:// URL.'),
    }).then((v) => v?.trim() || undefined);
  }
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', title: 'Import OpenAPI', filters: { 'OpenAPI documents': ['json', 'yaml', 'yml'], 'All files': ['*'] } });
  return files?.[0]?.fsPath;
}

function sourceOf(v: string | vscode.Uri): string {
  if (typeof v === 'string' && /^https?:\/\//i.test(v)) return v;
  return toUri(v).fsPath;
}

function readArgs(raw: unknown): OpenApiImportArgs {
  if (typeof raw !== 'object' || raw === null) return {};
  if (raw instanceof vscode.Uri) return { source: raw };
  const r = raw as Record<string, unknown>;
  const pathLike = (v: unknown): string | vscode.Uri | undefined => (typeof v === 'string' || v instanceof vscode.Uri ? v : undefined);
  const list = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') && v.length ? (v as string[]) : undefined);
  return { source: pathLike(r.source), target: pathLike(r.target), includeTags: list(r.includeTags), includePaths: list(r.includePaths), confirm: r.confirm === true };
}
