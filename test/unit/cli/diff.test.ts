// `connector-studio diff` and `validate --base <git-ref>` (issue 21), run as real processes in a
// temporary git repository: exit codes, findings, and SARIF checked against the official SARIF
// 2.1.0 JSON schema (shipped by @microsoft/jest-sarif) with ajv's draft-04 validator.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { baseDefinition, baseProperties, REPO_ROOT } from '../ruleTestKit';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');
const SARIF_SCHEMA = path.join(REPO_ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

function sarifValidator() {
  if (!fs.existsSync(SARIF_SCHEMA)) throw new Error(`the SARIF 2.1.0 schema is missing: ${SARIF_SCHEMA} (npm install installs @microsoft/jest-sarif)`);
  const schema = JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  return ajv.compile(schema);
}

describe('CLI diff and validate --base (breaking changes)', function () {
  this.timeout(60_000);
  let repo: string;
  const def = () => path.join(repo, 'connector', 'apiDefinition.swagger.json');
  const write = (v: object) => fs.writeFileSync(def(), JSON.stringify(v, null, 2));

  before(() => {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    const probe = spawnSync('git', ['--version']);
    if (probe.status !== 0) throw new Error('git is missing: these tests need it (apt-get install git)');
  });
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-diff-'));
    fs.mkdirSync(path.join(repo, 'connector'));
    write(baseDefinition());
    fs.writeFileSync(path.join(repo, 'connector', 'apiProperties.json'), JSON.stringify(baseProperties(), null, 2));
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'published');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('validate --base HEAD: no change, exit 0; nothing of the comparison reported', () => {
    const r = run(['validate', 'connector', '--base', 'HEAD', '--format', 'json'], repo);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(!out.files.some((f: { diagnostics: { ruleId: string }[] }) => f.diagnostics.some((d) => d.ruleId.startsWith('breaking-'))));
  });

  it('validate --base HEAD: a deleted operation is a breaking-change error, exit 1; the same without --base passes', () => {
    const v = baseDefinition();
    delete v.paths['/tasks'].post;
    write(v);
    const r = run(['validate', 'connector', '--base', 'HEAD', '--format', 'json'], repo);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout);
    const file = out.files.find((f: { path: string }) => f.path === path.join('connector', 'apiDefinition.swagger.json'));
    const found = file.diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'breaking-operation-removed');
    assert.equal(found.length, 1, JSON.stringify(file.diagnostics));
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /CreateTask.*has been deleted.*Fix: Keep the operation and deprecate it/);
    // The finding sits on the path item in the current file.
    const line = fs.readFileSync(def(), 'utf8').split('\n')[found[0].range.start.line];
    assert.match(line, /"\/tasks": \{/);
    assert.equal(run(['validate', 'connector', '--format', 'json'], repo).code, 0);
    // The JSON contract has no pointer; the paconn format prints it, as for every other finding.
    assert.equal('pointer' in found[0], false);
    const paconn = run(['validate', 'connector', '--base', 'HEAD', '--format', 'paconn'], repo);
    assert.equal(paconn.code, 1);
    assert.match(paconn.stdout, /^Error : paths\/~1tasks : The operation "CreateTask" \(POST \/tasks\) has been deleted/m);
  });

  it('validate --base with a revision that does not exist, or an option look-alike: exit 2, git never sees it', () => {
    for (const ref of ['no-such-branch', '--output=/tmp/x', 'HEAD:connector']) {
      const r = run(['validate', 'connector', `--base=${ref}`], repo);
      assert.equal(r.code, 2, `${ref}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /--base/);
    }
  });

  it('validate --base: a connector that is new since the base is not compared (exit 0, said on stderr)', () => {
    fs.mkdirSync(path.join(repo, 'other'));
    fs.writeFileSync(path.join(repo, 'other', 'apiDefinition.swagger.json'), JSON.stringify(baseDefinition(), null, 2));
    fs.writeFileSync(path.join(repo, 'other', 'apiProperties.json'), JSON.stringify(baseProperties(), null, 2));
    const r = run(['validate', 'other', '--base', 'HEAD'], repo);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /new since HEAD/);
  });

  it('diff <old> <new> on two folders (a git export and the work tree): exit 1, SARIF valid against the SARIF 2.1.0 schema', () => {
    // The published version as a plain folder, the way a pac/paconn download or a git export brings it.
    fs.mkdirSync(path.join(repo, 'published'));
    for (const f of ['apiDefinition.swagger.json', 'apiProperties.json']) fs.writeFileSync(path.join(repo, 'published', f), git(repo, 'show', `HEAD:connector/${f}`));
    const v = baseDefinition();
    v.paths['/tasks/{taskId}'].get.parameters[0].type = 'integer';
    v.paths['/tasks/{taskId}'].get.parameters.push({ name: 'tenant', in: 'query', type: 'string', required: true, 'x-ms-summary': 'Tenant', description: 'The tenant.' });
    write(v);
    const r = run(['diff', 'published', 'connector', '--format', 'sarif'], repo);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const sarif: { runs: any[] } = JSON.parse(r.stdout);
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const results = sarif.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    assert.deepEqual(results.map((x) => x.ruleId).sort(), ['breaking-parameter-required-added', 'breaking-parameter-type-changed']);
    assert.ok(results.every((x) => x.level === 'error'));
    assert.ok(results.every((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'connector/apiDefinition.swagger.json'));
    const rules = sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    assert.ok(rules.includes('breaking-parameter-type-changed'));
    // The broken SARIF is refused by the same validator (it can fail).
    assert.equal(validate({ version: '2.1.0', runs: [{ results: [] }] }), false);
  });

  it('diff of a connector with itself (or a reformatted copy): exit 0, no finding; stylish and json', () => {
    fs.mkdirSync(path.join(repo, 'copy'));
    fs.writeFileSync(path.join(repo, 'copy', 'apiDefinition.swagger.json'), JSON.stringify(baseDefinition()));
    const a = run(['diff', 'connector', 'copy'], repo);
    assert.equal(a.code, 0, a.stdout + a.stderr);
    assert.match(a.stdout, /0 errors, 0 warnings/);
    const j = run(['diff', 'connector/apiDefinition.swagger.json', 'connector', '--format', 'json'], repo);
    assert.equal(j.code, 0);
    assert.equal(JSON.parse(j.stdout).summary.errors, 0);
  });

  it('diff: a warning only (host changed) exits 0; bad usage exits 2', () => {
    fs.mkdirSync(path.join(repo, 'moved'));
    const v = baseDefinition();
    v.host = 'new.example.com';
    fs.writeFileSync(path.join(repo, 'moved', 'apiDefinition.swagger.json'), JSON.stringify(v));
    const r = run(['diff', 'connector', 'moved', '--format', 'json'], repo);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.warnings, 1);
    assert.equal(out.files[0].diagnostics[0].ruleId, 'breaking-host-changed');
    assert.equal(run(['diff', 'connector'], repo).code, 2);
    assert.equal(run(['diff', 'connector', 'nowhere'], repo).code, 2);
    assert.equal(run(['diff', 'connector', 'moved', '--format', 'paconn'], repo).code, 2);
  });
});
