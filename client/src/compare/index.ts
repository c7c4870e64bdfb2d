// "Connector Studio: Compare with Published Version": the connector as the editor shows it
// (unsaved edits count) against a git revision, another folder, or the copy a `pac connector
// download` / `paconn download` brings. The language server compares (connectorStudio/compareReport);
// this shows the report in a webview whose links jump into the file.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sendStudioRequest, type CompareBase, type CompareReportResult } from '../../../shared/src/protocol';
import type { ExtensionServices } from '../services';
import { COMPARE_COMMAND, compareReportHtml, OPEN_LOCATION_COMMAND } from './reportHtml';

let panel: vscode.WebviewPanel | undefined;

export function activateCompare(services: ExtensionServices): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(COMPARE_COMMAND, (arg?: unknown, base?: unknown) => compareWithPublished(services, arg, base)));
}

function uriOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof vscode.Uri) return arg.toString();
  return vscode.window.activeTextEditor?.document.uri.toString();
}

function isBase(v: unknown): v is CompareBase {
  return typeof v === 'object' && v !== null && (((v as CompareBase).kind === 'git') || ((v as CompareBase).kind === 'folder' && typeof (v as { folder?: unknown }).folder === 'string'));
}

/** Asks what to compare with: a git revision (the setting's by default) or a folder. */
async function pickBase(): Promise<CompareBase | undefined> {
  const setting = vscode.workspace.getConfiguration('connectorStudio').get<string>('breakingChanges.base', '').trim();
  const gitDefault = setting && setting.toLowerCase() !== 'off' ? setting : 'merge base with origin/main, else HEAD';
  const pick = await vscode.window.showQuickPick(
    [
      { label: `$(git-commit) Git: ${gitDefault}`, id: 'git' as const },
      { label: '$(git-branch) Another git revision…', id: 'ref' as const },
      { label: '$(folder) A folder: a checkout, or a pac / paconn download…', id: 'folder' as const },
    ],
    { title: 'Compare with Published Version', placeHolder: 'What is the published version?' },
  );
  if (!pick) return undefined;
  if (pick.id === 'git') return { kind: 'git', ...(setting && setting.toLowerCase() !== 'off' ? { ref: setting } : {}) };
  if (pick.id === 'ref') {
    const ref = await vscode.window.showInputBox({ title: 'Compare with Published Version', prompt: 'A branch, tag or commit (for example origin/main or v1.2.0)', value: setting.toLowerCase() === 'off' ? '' : setting });
    return ref?.trim() ? { kind: 'git', ref: ref.trim() } : undefined;
  }
  const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Compare with this folder', title: 'The published connector (apiDefinition.swagger.json, apiProperties.json)' });
  return folder?.[0] ? { kind: 'folder', folder: folder[0].fsPath } : undefined;
}

/** Runs the comparison and shows the report; returns it (tests read it). From the CodeLens: the git base, no question. */
export async function compareWithPublished(services: ExtensionServices, arg?: unknown, baseArg?: unknown): Promise<CompareReportResult | undefined> {
  const uri = uriOf(arg);
  if (!uri) {
    void vscode.window.showInformationMessage('Compare with Published Version: open a connector definition first.');
    return undefined;
  }
  const base = isBase(baseArg) ? baseArg : typeof arg === 'string' ? ({ kind: 'git' } as const) : await pickBase();
  if (!base) return undefined;
  let result: CompareReportResult;
  try {
    result = await sendStudioRequest(services.client, 'connectorStudio/compareReport', { uri, base });
  } catch (e) {
    void vscode.window.showErrorMessage(`Compare with Published Version: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  services.log.info(`Compared ${uri} with ${result.baseLabel || 'its published version'}: ${result.findings.length} finding(s)${result.problem ? ` (${result.problem})` : ''}.`);
  show(services, result, uri);
  return result;
}

function show(services: ExtensionServices, result: CompareReportResult, uri: string): void {
  if (!panel) {
    panel = vscode.window.createWebviewPanel('connectorStudio.breakingChanges', 'Breaking Changes', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: false,
      // Only the two commands the report links to may run from it.
      enableCommandUris: [OPEN_LOCATION_COMMAND, COMPARE_COMMAND],
      localResourceRoots: [],
    });
    panel.onDidDispose(() => { panel = undefined; });
  }
  const fileOf = (u: string) => {
    try {
      const parsed = vscode.Uri.parse(u);
      return parsed.scheme === 'file' ? parsed.fsPath : undefined;
    } catch {
      return undefined;
    }
  };
  panel.title = `Breaking changes since ${result.baseLabel || 'published'}`;
  panel.webview.html = compareReportHtml(result, { cspSource: panel.webview.cspSource, nonce: randomBytes(16).toString('base64'), fileOf, nameOf: (u) => path.basename(fileOf(u) ?? u), uri });
  panel.reveal(undefined, false);
  void services;
}
