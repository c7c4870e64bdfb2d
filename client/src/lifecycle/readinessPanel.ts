// "Connector Studio: Check Certification Readiness": runs the checks and shows one report in a
// webview (reused while open). Returns the report so callers (tests, walkthrough) can read it.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { readinessSummary } from '../../../shared/src/lifecycle/readiness';
import { sendStudioRequest, type ReadinessReport } from '../../../shared/src/protocol';
import type { ExtensionServices } from '../services';
import { pickConnectorFolder } from './pickFolder';
import { OPEN_LOCATION_COMMAND, RERUN_COMMAND, reportHtml } from './reportHtml';

let panel: vscode.WebviewPanel | undefined;

export async function checkReadiness(services: ExtensionServices, arg?: unknown): Promise<ReadinessReport | undefined> {
  const folder = await pickConnectorFolder(arg, 'Check Certification Readiness');
  if (!folder) return undefined;
  // The server runs the checks on what the editor shows (unsaved buffers first), with the user's rule settings.
  let report: ReadinessReport;
  try {
    report = await sendStudioRequest(services.client, 'connectorStudio/readiness', { folder });
  } catch (e) {
    void vscode.window.showErrorMessage(`Check Certification Readiness: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const { passed, failed } = readinessSummary(report.results);
  services.log.info(`Certification readiness of ${folder}: ${passed} passed, ${failed} failed.`);
  show(services, report);
  return report;
}

function show(services: ExtensionServices, report: ReadinessReport): void {
  const mediaRoot = vscode.Uri.joinPath(services.context.extensionUri, 'media');
  if (!panel) {
    panel = vscode.window.createWebviewPanel('connectorStudio.readiness', 'Certification Readiness', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: false,
      // Only the two commands the report links to may run from it.
      enableCommandUris: [OPEN_LOCATION_COMMAND, RERUN_COMMAND],
      localResourceRoots: [mediaRoot, vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'webview')],
    });
    panel.onDidDispose(() => { panel = undefined; });
  }
  panel.title = `Readiness: ${report.folderName}`;
  panel.webview.html = reportHtml(report, { cspSource: panel.webview.cspSource, nonce: randomBytes(16).toString('base64') });
  panel.reveal(undefined, false);
}

/** Opens a file of the report at a 0-based line (from the report's command links). */
export async function openReportLocation(file: unknown, line: unknown, character: unknown): Promise<void> {
  if (typeof file !== 'string') return;
  const uri = vscode.Uri.file(file);
  if (/\.png$/i.test(file)) {
    await vscode.commands.executeCommand('vscode.open', uri, vscode.ViewColumn.One);
    return;
  }
  const pos = new vscode.Position(Math.max(0, Number(line) || 0), Math.max(0, Number(character) || 0));
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
}
