// The language server and the CLI give identical findings for the same files: in the corpus
// itself, and in copies of it under folders that LSP clients spell differently in URIs (spaces,
// `+ ( )`, `@`, `#`, `%`, non-ASCII, a symlink), for a client spelling URIs like Node's
// pathToFileURL and one spelling them like vscode-uri.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clientLabel, editorLikeClient, TestLspClient, type UriStyle } from './lspClient';
import { LAYOUTS, makeLayoutRoot, type LayoutRoot } from './pathLayouts';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/connectors');
const CLI = path.resolve(__dirname, '../../dist/cli.js');
// A spread of real connectors: large, with policies, with dynamic values, broken JSON.
const SAMPLES = ['independent-publisher-connectors/HubSpot CRM V2', 'certified-connectors/Encodian', 'certified-connectors/Cireson Service Manager Portal', 'certified-connectors/AgilePoint NX'];
const FILES = ['apiDefinition.swagger.json', 'apiProperties.json'];
const STYLES: UriStyle[] = ['node', 'vscode'];

type Finding = { ruleId: string; line: number; character: number; message: string; severity: string };
type CliReport = { files: { path: string; diagnostics: { ruleId: string; severity: string; message: string; range: { start: { line: number; character: number } } }[] }[] };
const key = (f: Finding) => `${f.ruleId}|${f.line}:${f.character}|${f.severity}|${f.message}`;
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/** Runs the CLI as a shell would after `cd cwd` (which sets $PWD, keeping a symlinked path). */
function runCli(args: string[], cwd: string): CliReport {
  const cli = spawnSync(process.execPath, [CLI, 'validate', ...args, '--format', 'json'], { encoding: 'utf8', cwd, env: { ...process.env, PWD: cwd }, maxBuffer: 64 * 1024 * 1024 });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  return JSON.parse(cli.stdout) as CliReport;
}

/** Opens the connector's files in the client and compares what the server publishes with the CLI's report. */
async function assertSameFindings(client: TestLspClient, dir: string, report: CliReport, reportPathOf: (fileName: string) => string, label: string): Promise<void> {
  const reported = report.files.map((f) => f.path);
  assert.ok(reported.includes(reportPathOf(FILES[0])), `the CLI reports ${reportPathOf(FILES[0])}; it reported ${JSON.stringify(reported)}`);
  for (const fileName of FILES) {
    const filePath = path.join(dir, fileName);
    if (!fs.existsSync(filePath)) continue;
    const fromCli = (report.files.find((f) => f.path === reportPathOf(fileName))?.diagnostics ?? []).map((d) => key({ ruleId: d.ruleId, line: d.range.start.line, character: d.range.start.character, message: d.message, severity: d.severity }));
    const uri = client.open(filePath, fs.readFileSync(filePath, 'utf8'));
    const diags = await client.waitForDiagnostics(uri, (d) => d.length === fromCli.length, 20_000).catch(() => client.lastDiagnostics(uri) ?? []);
    const fromLsp = diags.map((d) => key({ ruleId: String(d.code), line: d.range.start.line, character: d.range.start.character, message: String(d.message), severity: SEVERITY[d.severity ?? 1] }));
    assert.deepEqual([...fromLsp].sort(), [...fromCli].sort(), `${label}/${fileName}`);
    assert.ok(fromCli.length > 0 || fileName === 'apiProperties.json', 'a real connector has at least one finding to compare');
  }
}

describe('language server and CLI parity', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    await client.initialize(CORPUS);
  });
  after(() => client.dispose());

  for (const name of SAMPLES) {
    it(`same findings for ${name}`, async function () {
      const dir = path.join(CORPUS, name);
      assert.ok(fs.existsSync(dir), `the shared corpus is missing: ${dir} does not exist`);
      await assertSameFindings(client, dir, runCli([dir], dir), (fileName) => fileName, name);
    });
  }
});

for (const layout of LAYOUTS) {
  describe(`language server and CLI parity: corpus copies under "${layout.folder}" (${layout.name})`, function () {
    this.timeout(60_000);
    let root: LayoutRoot | undefined;
    let report: CliReport;
    const clients = new Map<UriStyle, TestLspClient>();

    before(async () => {
      for (const name of SAMPLES) assert.ok(fs.existsSync(path.join(CORPUS, name)), `the shared corpus is missing: ${path.join(CORPUS, name)} does not exist`);
      root = makeLayoutRoot(layout, 'cs-parity-');
      for (const name of SAMPLES) fs.cpSync(path.join(CORPUS, name), path.join(root.dir, path.basename(name)), { recursive: true });
      // Half the folders typed relative to the working folder, half absolute: both are reported
      // relative to it, as typed, with the symlink kept.
      const rootDir = root.dir;
      report = runCli(SAMPLES.map((name, i) => (i % 2 ? path.basename(name) : path.join(rootDir, path.basename(name)))), rootDir);
      for (const style of STYLES) {
        const client = editorLikeClient(style);
        clients.set(style, client);
        await client.initialize(root.dir);
      }
    });
    after(async () => {
      for (const c of clients.values()) await c.dispose();
      root?.dispose();
    });

    for (const name of SAMPLES) {
      for (const style of STYLES) {
        it(`same findings for ${path.basename(name)}, ${clientLabel(style)}`, async () => {
          const client = clients.get(style) as TestLspClient;
          const dir = path.join((root as LayoutRoot).dir, path.basename(name));
          await assertSameFindings(client, dir, report, (fileName) => path.join(path.basename(name), fileName), `${layout.name}: ${name}`);
          // Nothing published on a spelling the client does not use.
          const own = new Set(SAMPLES.flatMap((n) => FILES.map((f) => client.uriOf(path.join((root as LayoutRoot).dir, path.basename(n), f)))));
          assert.deepEqual(client.publishedUris().filter((u) => !own.has(u)), []);
        });
      }
    }
  });
}
