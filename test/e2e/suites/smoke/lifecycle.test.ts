// The connector lifecycle in the real extension host: New Connector (answers passed as the
// command's argument), the language server's verdict on the result, Check Certification
// Readiness (report + webview), Convert to YAML, Package, and Deploy with a recording stand-in pac
// on PATH, then with no tool on PATH.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Report { folder: string; results: { id: string; status: string; findings: unknown[] }[] }
interface Written { folder: string; zip?: string; files: string[] }
interface Outcome { status: string; command?: string; args?: string[]; exitCode?: number | null }

const TITLE = 'Lifecycle Tasks';

function root(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open a workspace folder');
  return folder.uri.fsPath;
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Connector lifecycle', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lifecycle-e2e-'));
  let folder = '';
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('New Connector scaffolds a folder that the language server finds no error in', async () => {
    const created = await vscode.commands.executeCommand<string>('connectorStudio.newConnector', {
      title: TITLE, description: 'Create and track the tasks of a Lifecycle workspace from flows.', baseUrl: 'https://tasks.lifecycle.io/v1',
      auth: ['oauth2', 'apiKey'], format: 'json', publisher: 'Lifecycle', parent: root(),
    });
    assert.equal(created, path.join(root(), TITLE));
    folder = created;
    assert.deepEqual(fs.readdirSync(folder).sort(), ['apiDefinition.swagger.json', 'apiProperties.json', 'icon.png', 'readme.md', 'settings.json']);
    // The command opens the definition; the server validates it (JSON syntax errors would show at once).
    const uri = vscode.Uri.file(path.join(folder, 'apiDefinition.swagger.json'));
    await until('the definition to open', () => vscode.window.activeTextEditor?.document.uri.fsPath === uri.fsPath);
    // Give the server a moment, then require no error from connector-studio on both files.
    await new Promise((r) => setTimeout(r, 2500));
    for (const f of ['apiDefinition.swagger.json', 'apiProperties.json']) {
      const errors = vscode.languages.getDiagnostics(vscode.Uri.file(path.join(folder, f))).filter((d) => d.source === 'connector-studio' && d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(errors.map((d) => d.message), [], f);
    }
    // Refuses to overwrite an existing folder.
    const again = await vscode.commands.executeCommand<string | undefined>('connectorStudio.newConnector', { title: TITLE, description: 'Create and track the tasks of a Lifecycle workspace from flows.', baseUrl: 'https://tasks.lifecycle.io', auth: ['none'], format: 'json', publisher: 'Lifecycle', parent: root() });
    assert.equal(again, undefined);
  });

  it('Check Certification Readiness passes and shows the report in a webview', async () => {
    const report = await vscode.commands.executeCommand<Report>('connectorStudio.checkReadiness', vscode.Uri.file(folder));
    assert.ok(report && report.results.length >= 13);
    assert.deepEqual(report.results.filter((r) => r.status !== 'pass').map((r) => r.id), []);
    const tab = await until('the readiness tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === `Readiness: ${TITLE}`));
    assert.ok(tab.input instanceof vscode.TabInputWebview);
  });

  it('Check Certification Readiness reports a broken readme as a failing requirement', async () => {
    const readme = path.join(folder, 'readme.md');
    const original = fs.readFileSync(readme, 'utf8');
    fs.writeFileSync(readme, original.replace('## Prerequisites', '## Before you start'));
    try {
      const report = await vscode.commands.executeCommand<Report>('connectorStudio.checkReadiness', vscode.Uri.file(folder));
      assert.equal(report.results.find((r) => r.id === 'readme-sections')?.status, 'fail');
    } finally {
      fs.writeFileSync(readme, original);
    }
  });

  it('Convert to YAML writes a new file next to the definition and leaves the JSON alone', async () => {
    const json = path.join(folder, 'apiDefinition.swagger.json');
    const before = fs.readFileSync(json, 'utf8');
    const target = await vscode.commands.executeCommand<string>('connectorStudio.convertToYaml', vscode.Uri.file(json), { confirm: false });
    assert.equal(target, path.join(folder, 'apiDefinition.swagger.yaml'));
    assert.match(fs.readFileSync(target, 'utf8'), /^swagger: "2\.0"\ninfo:\n {2}title: Lifecycle Tasks/);
    assert.equal(fs.readFileSync(json, 'utf8'), before);
    // A second conversion would overwrite: refused.
    assert.equal(await vscode.commands.executeCommand('connectorStudio.convertToYaml', vscode.Uri.file(json), { confirm: false }), undefined);
    await vscode.workspace.fs.delete(vscode.Uri.file(target));
  });

  it('Package Connector writes the repository layout and a zip', async () => {
    const written = await vscode.commands.executeCommand<Written>('connectorStudio.packageConnector', { folder, outputFolder: scratch, zip: true });
    assert.equal(written.folder, path.join(scratch, 'certified-connectors', TITLE));
    assert.deepEqual(fs.readdirSync(written.folder).sort(), ['apiDefinition.swagger.json', 'apiProperties.json', 'icon.png', 'readme.md', 'settings.json']);
    assert.ok(fs.statSync(written.zip!).size > 1000);
  });

  it('Deploy Connector runs pac from PATH with the folder\'s files, and explains when no tool is there', async () => {
    const bin = path.join(scratch, 'bin');
    fs.mkdirSync(bin);
    const record = path.join(scratch, 'pac-record.json');
    fs.writeFileSync(path.join(bin, 'pac'), `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }));\nconsole.log('Connector created');\n`, { mode: 0o755 });
    const savedPath = process.env.PATH;
    try {
      process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
      const outcome = await vscode.commands.executeCommand<Outcome>('connectorStudio.deployConnector', { folder, tool: 'pac', mode: 'create' });
      assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome));
      const rec = JSON.parse(fs.readFileSync(record, 'utf8')) as { args: string[]; cwd: string };
      assert.deepEqual(rec.args.slice(0, 6), ['connector', 'create', '--api-definition-file', 'apiDefinition.swagger.json', '--api-properties-file', 'apiProperties.json']);
      assert.ok(rec.args.includes('--icon-file'));
      assert.equal(fs.realpathSync(rec.cwd), fs.realpathSync(folder));
      process.env.PATH = path.join(scratch, 'nothing-here');
      const missing = await vscode.commands.executeCommand<Outcome>('connectorStudio.deployConnector', { folder });
      assert.equal(missing.status, 'missing-tool');
    } finally {
      process.env.PATH = savedPath;
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
