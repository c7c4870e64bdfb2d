// The language server and the CLI give identical findings for the same files.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestLspClient } from './lspClient';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/connectors');
const CLI = path.resolve(__dirname, '../../dist/cli.js');
// A spread of real connectors: large, with policies, with dynamic values, broken JSON.
const SAMPLES = ['independent-publisher-connectors/HubSpot CRM V2', 'certified-connectors/Encodian', 'certified-connectors/Cireson Service Manager Portal', 'certified-connectors/AgilePoint NX'];

type Finding = { ruleId: string; line: number; character: number; message: string; severity: string };
const key = (f: Finding) => `${f.ruleId}|${f.line}:${f.character}|${f.severity}|${f.message}`;
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

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
      const cli = spawnSync(process.execPath, [CLI, 'validate', dir, '--format', 'json'], { encoding: 'utf8', cwd: dir, maxBuffer: 64 * 1024 * 1024 });
      assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
      const report = JSON.parse(cli.stdout) as { files: { path: string; diagnostics: { ruleId: string; severity: string; message: string; range: { start: { line: number; character: number } } }[] }[] };
      for (const fileName of ['apiDefinition.swagger.json', 'apiProperties.json']) {
        const filePath = path.join(dir, fileName);
        if (!fs.existsSync(filePath)) continue;
        const fromCli = (report.files.find((f) => f.path === fileName)?.diagnostics ?? []).map((d) => key({ ruleId: d.ruleId, line: d.range.start.line, character: d.range.start.character, message: d.message, severity: d.severity }));
        const uri = client.open(filePath, fs.readFileSync(filePath, 'utf8'));
        const diags = await client.waitForDiagnostics(uri, (d) => d.length === fromCli.length, 20_000).catch(() => client.lastDiagnostics(uri) ?? []);
        const fromLsp = diags.map((d) => key({ ruleId: String(d.code), line: d.range.start.line, character: d.range.start.character, message: String(d.message), severity: SEVERITY[d.severity ?? 1] }));
        assert.deepEqual([...fromLsp].sort(), [...fromCli].sort(), `${name}/${fileName}`);
        assert.ok(fromCli.length > 0 || fileName === 'apiProperties.json', 'a real connector has at least one finding to compare');
      }
    });
  }
});
