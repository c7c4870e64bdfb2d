// "Connector Studio: Deploy Connector": runs `pac connector create|update` or `paconn create|update`
// in the connector folder (or in a packaged copy when the definition is YAML), streaming the
// tool's output into the output channel under a cancellable progress notification.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildDeployCommand, commandLine, INSTALL_HELP, parseDeploySettings, type DeployMode, type DeploySettings, type DeployTool } from '../../../shared/src/lifecycle/deploy';
import type { ExtensionServices } from '../services';
import { availableTools, runDeployCommand } from './deployRunner';
import { requestPackagePlan, writePackage } from './packageWriter';
import { pickConnectorFolder } from './pickFolder';

export interface DeployArgs {
  folder?: string;
  tool?: DeployTool;
  mode?: DeployMode;
}

export interface DeployOutcome {
  status: 'missing-tool' | 'invalid' | 'cancelled' | 'failed' | 'succeeded';
  command?: string;
  args?: string[];
  exitCode?: number | null;
  cwd?: string;
}

function readSettings(folder: string, services: ExtensionServices): DeploySettings {
  const file = path.join(folder, 'settings.json');
  if (!fs.existsSync(file)) return {};
  try {
    return parseDeploySettings(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    services.log.warn(`settings.json is not valid JSON and is ignored: ${e instanceof Error ? e.message : String(e)}`);
    return {};
  }
}

export async function deployConnector(services: ExtensionServices, arg?: unknown): Promise<DeployOutcome | undefined> {
  const given: DeployArgs = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as DeployArgs) : {};
  const folder = await pickConnectorFolder(given.folder ?? arg, 'Deploy Connector');
  if (!folder) return undefined;
  const tools = availableTools();
  if (!tools.length) {
    services.log.warn(INSTALL_HELP);
    services.output.show(true);
    void vscode.window.showErrorMessage('Deploy Connector needs the Power Platform CLI (pac) or paconn on PATH. The output shows how to install them.', 'Open install guide').then((c) => {
      if (c) void vscode.env.openExternal(vscode.Uri.parse('https://learn.microsoft.com/power-platform/developer/cli/introduction'));
    });
    return { status: 'missing-tool' };
  }
  let tool = given.tool ? tools.find((t) => t.tool === given.tool) : tools.length === 1 ? tools[0] : undefined;
  if (!tool) {
    if (given.tool) {
      void vscode.window.showErrorMessage(`${given.tool} is not on PATH.`);
      return { status: 'missing-tool' };
    }
    const pick = await vscode.window.showQuickPick(tools.map((t) => ({ label: t.tool, description: t.path, t })), { title: 'Deploy Connector', placeHolder: 'Which tool?' });
    if (!pick) return undefined;
    tool = pick.t;
  }
  const settings = readSettings(folder, services);
  let mode = given.mode;
  if (!mode) {
    const pick = await vscode.window.showQuickPick([
      { label: 'Update', description: settings.connectorId ? `connector ${settings.connectorId} (from settings.json)` : 'needs "connectorId" in settings.json', mode: 'update' as const },
      { label: 'Create', description: 'a new custom connector in the environment', mode: 'create' as const },
    ].sort((a) => (settings.connectorId ? (a.mode === 'update' ? -1 : 1) : a.mode === 'create' ? -1 : 1)), { title: `Deploy Connector with ${tool.tool}` });
    if (!pick) return undefined;
    mode = pick.mode;
  }

  // The tools read JSON only: a YAML definition (or a BOM) is packaged into a temporary folder first.
  let cwd = folder;
  let files = fs.readdirSync(folder);
  let cleanup: string | undefined;
  if (!files.includes('apiDefinition.swagger.json')) {
    const plan = await requestPackagePlan(services.client, folder);
    if (!plan.ok) {
      const msg = plan.problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' ');
      void vscode.window.showErrorMessage(`Deploy Connector: ${msg}`);
      return { status: 'invalid' };
    }
    cleanup = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-deploy-'));
    const written = writePackage(plan, cleanup, { zip: false, overwrite: true });
    cwd = written.folder;
    files = written.files;
  }
  const cmd = buildDeployCommand({ tool: tool.tool, mode, files, settings });
  if (cmd.problems.length) {
    void vscode.window.showErrorMessage(`Deploy Connector: ${cmd.problems.join(' ')}`);
    if (cleanup) fs.rmSync(cleanup, { recursive: true, force: true });
    return { status: 'invalid', command: cmd.command, args: cmd.args };
  }
  services.output.show(true);
  services.log.info(`Deploy: ${commandLine(cmd)}  (in ${cwd})`);
  const controller = new AbortController();
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${tool.tool} ${mode === 'create' ? 'creating' : 'updating'} ${path.basename(folder)}`, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      return runDeployCommand(tool.path, cmd, {
        cwd,
        signal: controller.signal,
        onLine: (line, stream) => {
          if (!line.trim()) return;
          services.log[stream === 'stderr' ? 'warn' : 'info'](`${tool.tool}: ${line}`);
          progress.report({ message: line.slice(0, 80) });
        },
      });
    });
    const outcome: DeployOutcome = { status: result.cancelled ? 'cancelled' : result.exitCode === 0 ? 'succeeded' : 'failed', command: cmd.command, args: cmd.args, exitCode: result.exitCode, cwd };
    if (outcome.status === 'succeeded') void vscode.window.showInformationMessage(`${tool.tool} ${mode} finished.${mode === 'create' ? ' Put the connector id it printed into settings.json as "connectorId" to update later.' : ''}`);
    else if (outcome.status === 'failed') void vscode.window.showErrorMessage(`${tool.tool} ${mode} failed (${result.error ?? `exit code ${result.exitCode}`}); see the output. If it asks you to sign in, run \`${tool.tool === 'pac' ? 'pac auth create' : 'paconn login'}\` in a terminal.`);
    return outcome;
  } finally {
    if (cleanup) fs.rmSync(cleanup, { recursive: true, force: true });
  }
}
