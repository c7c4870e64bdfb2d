// Smoke suite in the real extension host (code-server): the extension activates, its language
// server reports broken connector files, and its commands run. The workspace is a temp copy of
// test/fixtures/e2e-workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'connector-studio.connector-studio';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'connector-studio');
}

/** Polls until `pick` finds something in our diagnostics for `uri`, or fails after `ms`. */
async function waitForDiagnostic(uri: vscode.Uri, pick: (d: vscode.Diagnostic) => boolean, ms = 10_000): Promise<vscode.Diagnostic> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = ours(uri).find(pick);
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}/${String(codeOf(d))} L${d.range.start.line + 1}: ${d.message}`);
      assert.fail(`no matching connector-studio diagnostic on ${uri.path} after ${ms} ms; seen: ${JSON.stringify(seen)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

async function open(name: string): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return uri;
}

describe('Connector Studio smoke', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    await ext.activate();
  });

  it('is active', () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('reports what activation costs: loading the client bundle and activate() (bench/results.md)', async function () {
    const ext = vscode.extensions.getExtension<{ activationMs?: number }>(EXTENSION_ID);
    assert.ok(ext);
    const services = await ext.activate();
    assert.equal(typeof services.activationMs, 'number', 'activate() must report activationMs');
    // A second, fresh copy of the main bundle, loaded in this extension host: its load time.
    const bundle = path.join(ext.extensionPath, 'dist/client/extension.js');
    const load = createRequire(__filename);
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      delete load.cache[bundle];
      const t0 = performance.now();
      load(bundle);
      loads.push(performance.now() - t0);
    }
    loads.sort((a, b) => a - b);
    const bytes = fs.statSync(bundle).size;
    assert.ok(Number.isFinite(loads[2]) && loads[2] > 0);
    // The figures go into the reported title (the extension host's console is not in the run's output).
    this.test!.title += ` [${vscode.env.appName} ${vscode.version}: activate() ${services.activationMs} ms (the language server starts in the background; bench/activation.mjs measures the production build); dist/client/extension.js ${bytes} bytes loads in ${loads[2].toFixed(1)} ms (median of 5, ${loads[0].toFixed(1)}–${loads[4].toFixed(1)})]`;
  });

  it('reports broken JSON in apiDefinition.swagger.json at the line of the error', async () => {
    const uri = await open('apiDefinition.swagger.json');
    const d = await waitForDiagnostic(uri, (x) => codeOf(x) === 'json-parse-error');
    // Line 8 ("basePath") follows the property that lacks its comma.
    assert.equal(d.range.start.line, 7, `diagnostic at line ${d.range.start.line + 1}: ${d.message}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(d.message.length > 0);
  });

  it('reports a YAML syntax error in a file that declares swagger "2.0" whatever its name', async () => {
    const uri = await open('petstore.yaml');
    const d = await waitForDiagnostic(uri, (x) => codeOf(x) === 'yaml-parse-error');
    // Line 13 holds "summary: List pets: all of them" (a nested mapping in a compact one).
    assert.equal(d.range.start.line, 12, `diagnostic at line ${d.range.start.line + 1}: ${d.message}`);
  });

  it('leaves broken JSON alone when the file is not a connector file', async () => {
    const uri = await open('notes.json');
    // A connector file opened afterwards gets its diagnostics: by then notes.json would have had its own.
    await open('apiDefinition.swagger.json');
    await waitForDiagnostic(workspaceFile('apiDefinition.swagger.json'), (x) => codeOf(x) === 'json-parse-error');
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(ours(uri).map((d) => d.message), []);
  });

  it('runs "Connector Studio: Show Output"', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('connectorStudio.showOutput'), 'connectorStudio.showOutput is not registered');
    await vscode.commands.executeCommand('connectorStudio.showOutput');
  });

  it('restarts the language server with "Connector Studio: Restart Language Server", which then validates edits', async () => {
    await vscode.commands.executeCommand('connectorStudio.restartServer');
    const uri = await open('apiDefinition.swagger.json');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === uri.toString());
    // Add the missing comma after "host" (line 7): the new server must drop the syntax error.
    const host = editor.document.lineAt(6);
    assert.match(host.text, /"host"/);
    assert.ok(await editor.edit((e) => e.insert(host.range.end, ',')));
    const deadline = Date.now() + 10_000;
    while (ours(uri).some((d) => codeOf(d) === 'json-parse-error')) {
      assert.ok(Date.now() < deadline, 'json-parse-error still reported 10 s after the fix');
      await new Promise((r) => setTimeout(r, 100));
    }
    await vscode.commands.executeCommand('undo');
  });
});
