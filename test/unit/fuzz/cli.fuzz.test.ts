// Fuzz: the CLI as a real process (dist/cli.js) on folders of mutated corpus connectors and on
// stdin: it exits 0 or 1, or 2 only when a file was not fully checked (an input-budget finding,
// e.g. nesting to 10,000 levels; nothing here is bad usage), and --format json prints exactly one
// JSON report naming every file.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkAsync, counter, runs, mutatedText, mutationArb, smallConnectors } from './fuzzKit';

/** Exit 2 is right only when the report says a file was not fully checked. */
function assertExit(code: number | null, stdout: string, stderr: string): void {
  if (code === 2) {
    assert.match(stdout, /input-budget|file-not-read/, `exit 2 without a not-checked finding: ${stderr.slice(0, 500)}`);
    assert.match(stderr, /not fully checked/);
    return;
  }
  assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr.slice(0, 500)}`);
}

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const FILES_PER_RUN = 8;

function run(args: string[], cwd: string, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr, ms: Date.now() - t })));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? '');
  });
}

describe('fuzz: CLI', function () {
  this.timeout(600_000); // bounded by the case count; a loaded 2-core machine is slow
  let dir: string;
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-cli-fuzz-'));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('validates folders of mutated connectors: exit 0/1 (2 only when not fully checked), one JSON report with every file', async () => {
    const corpus = smallConnectors();
    const connector = fc.record({ file: fc.nat(), mutation: mutationArb, propsMutation: fc.option(mutationArb, { freq: 3 }), yaml: fc.boolean() });
    let n = 0;
    await checkAsync(
      fc.asyncProperty(fc.array(connector, { minLength: FILES_PER_RUN, maxLength: FILES_PER_RUN }), fc.constantFrom('json', 'sarif'), fc.boolean(), async (connectors, format, certification) => {
        const root = path.join(dir, `run${n++}`);
        connectors.forEach((c, i) => {
          const src = corpus[c.file % corpus.length]!;
          const folder = path.join(root, `c${i}`);
          fs.mkdirSync(folder, { recursive: true });
          fs.writeFileSync(path.join(folder, `apiDefinition.swagger.${c.yaml ? 'yaml' : 'json'}`), mutatedText(src.definition, c.mutation, c.yaml));
          if (src.properties) fs.writeFileSync(path.join(folder, 'apiProperties.json'), c.propsMutation ? mutatedText(src.properties, c.propsMutation, false) : src.properties);
        });
        const r = await run(['validate', root, '--format', format, ...(certification ? ['--profile', 'certification'] : [])], root);
        fs.rmSync(root, { recursive: true, force: true });
        assertExit(r.code, r.stdout, r.stderr);
        const report = JSON.parse(r.stdout) as { files?: { path: string }[]; runs?: unknown[] };
        if (format === 'json') {
          // A YAML definition is found by its content: a mutation that removes `swagger: "2.0"` may hide it.
          assert.ok((report.files ?? []).length >= 1, `no file in the report: ${r.stdout.slice(0, 300)}`);
        } else {
          assert.ok(Array.isArray(report.runs), 'SARIF has runs');
        }
      }),
      12,
    );
    counter.cases += (FILES_PER_RUN - 1) * runs(12); // each run validates FILES_PER_RUN connectors
  });

  it('validates mutated definitions from stdin: exit 0/1 and JSON', async () => {
    const corpus = smallConnectors();
    await checkAsync(
      fc.asyncProperty(fc.nat(), mutationArb, fc.boolean(), async (file, mutation, yaml) => {
        const text = mutatedText(corpus[file % corpus.length]!.definition, mutation, yaml);
        const r = await run(['validate', '-', '--format', 'json', '--stdin-filename', `apiDefinition.swagger.${yaml ? 'yaml' : 'json'}`], dir, text);
        assertExit(r.code, r.stdout, r.stderr);
        const report = JSON.parse(r.stdout) as { files: { diagnostics: unknown[] }[] };
        assert.equal(report.files.length, 1);
      }),
      12,
    );
  });
});
