// "Connector Studio: Package Connector": writes the deployable files into an output folder (the
// public repository's layout) and optionally a zip. Replacing an existing package needs a yes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { PackageExistsError, packageTargets, requestPackagePlan, targetConflict, writePackage, type WrittenPackage } from './packageWriter';
import { pickConnectorFolder } from './pickFolder';

export interface PackageArgs {
  folder?: string;
  outputFolder?: string;
  zip?: boolean;
  /** Replace an existing package without asking (tests; the UI always asks). */
  overwrite?: boolean;
}

export function defaultOutputRoot(folder: string): string {
  const ws = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folder));
  return path.join(ws?.uri.fsPath ?? path.dirname(folder), 'out', 'connectors');
}

export async function packageConnector(services: ExtensionServices, arg?: unknown): Promise<WrittenPackage | undefined> {
  const given: PackageArgs = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as PackageArgs) : {};
  const folder = await pickConnectorFolder(given.folder ?? arg, 'Package Connector');
  if (!folder) return undefined;
  const plan = await requestPackagePlan(services.client, folder);
  for (const p of plan.problems) services.log[p.severity === 'error' ? 'error' : 'warn'](`Package ${plan.connectorName}: ${p.file ? `${p.file}: ` : ''}${p.message}`);
  if (!plan.ok) {
    const first = plan.problems.find((p) => p.severity === 'error')!;
    void vscode.window.showErrorMessage(`Package Connector: ${first.message}`, 'Show Output').then((c) => c && services.output.show(true));
    return undefined;
  }
  let zip = given.zip;
  if (zip === undefined) {
    const pick = await vscode.window.showQuickPick([
      { label: 'Folder', description: 'apiDefinition.swagger.json, apiProperties.json, icon.png, script.csx, readme.md, settings.json', zip: false },
      { label: 'Folder and zip', description: 'also <name>.zip in the repository layout', zip: true },
    ], { title: 'Package Connector', placeHolder: 'What to write' });
    if (!pick) return undefined;
    zip = pick.zip;
  }
  let outRoot = given.outputFolder;
  if (!outRoot) {
    outRoot = await vscode.window.showInputBox({
      title: 'Package Connector',
      prompt: 'Output folder (the package goes to <output>/<repository folder>/<connector>)',
      value: defaultOutputRoot(folder),
      ignoreFocusOut: true,
      // Says so while typing when the package would land on the connector folder or a folder holding it.
      validateInput: (v) => (path.isAbsolute(v.trim()) ? targetConflict(plan, v.trim(), folder) ?? null : 'Enter an absolute path.'),
    });
    if (!outRoot) return undefined;
    outRoot = outRoot.trim();
  }
  let overwrite = given.overwrite ?? false;
  for (;;) {
    try {
      const written = writePackage(plan, outRoot, { zip, overwrite, source: folder });
      services.log.info(`Packaged ${plan.connectorName} into ${written.folder}${written.zip ? ` and ${written.zip}` : ''}: ${written.files.join(', ')}.`);
      const warn = plan.problems.length ? ` (${plan.problems.length} warning${plan.problems.length > 1 ? 's' : ''} in the output)` : '';
      void vscode.window.showInformationMessage(`Packaged "${plan.connectorName}" into ${vscode.workspace.asRelativePath(written.folder)}${warn}.`, 'Reveal', 'Deploy').then((c) => {
        if (c === 'Reveal') void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(written.folder));
        if (c === 'Deploy') void vscode.commands.executeCommand('connectorStudio.deployConnector', vscode.Uri.file(folder));
      });
      return written;
    } catch (e) {
      if (e instanceof PackageExistsError && !overwrite) {
        const target = packageTargets(plan, outRoot, zip).folder;
        const yes = await vscode.window.showWarningMessage(`${target} already exists. Replace it with the new package?`, { modal: true }, 'Replace');
        if (yes !== 'Replace') return undefined;
        overwrite = true;
        continue;
      }
      void vscode.window.showErrorMessage(`Package Connector: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }
}
