// The CLI contract (README "CLI"): output shapes and exit codes, run as a real process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { baseDefinition, baseProperties, REPO_ROOT } from '../ruleTestKit';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');

function run(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, input: options.input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI validate', function () {
  this.timeout(20_000);
  let dir: string;
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function writeConnector(folder: string, def: object | string, props: object = baseProperties()) {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'apiDefinition.swagger.json'), typeof def === 'string' ? def : JSON.stringify(def, null, 4));
    fs.writeFileSync(path.join(folder, 'apiProperties.json'), JSON.stringify(props, null, 4));
  }

  it('--format json prints exactly one object of the documented shape; exit 0 without errors', () => {
    writeConnector(path.join(dir, 'good'), baseDefinition());
    const r = run(['validate', dir, '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out).sort(), ['files', 'summary']);
    assert.deepEqual(Object.keys(out.summary).sort(), ['errors', 'files', 'warnings']);
    const def = out.files.find((f: { path: string }) => f.path === path.join('good', 'apiDefinition.swagger.json'));
    assert.ok(def, 'the definition is listed even with no findings: ' + r.stdout);
    assert.ok(Array.isArray(def.diagnostics));
    assert.equal(out.summary.errors, 0);
  });

  it('exit 1 with errors; diagnostics carry ruleId, severity, message and a 0-based range', () => {
    writeConnector(path.join(dir, 'bad'), '{\n    "swagger": "2.0",\n    "paths": {,}\n}\n');
    const r = run(['validate', dir, '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    const d = out.files[0].diagnostics.find((x: { ruleId: string }) => x.ruleId === 'json-parse-error');
    assert.ok(d, r.stdout);
    assert.equal(d.severity, 'error');
    assert.equal(d.range.start.line, 2);
    assert.equal(typeof d.message, 'string');
    assert.ok(out.summary.errors >= 1);
  });

  it('finds definitions in folders recursively: apiDefinition.swagger.json, *.swagger.json and YAML declaring swagger 2.0', () => {
    writeConnector(path.join(dir, 'a', 'b'), baseDefinition());
    fs.writeFileSync(path.join(dir, 'a', 'other.swagger.json'), JSON.stringify(baseDefinition()));
    fs.writeFileSync(path.join(dir, 'petstore.yaml'), 'swagger: "2.0"\ninfo:\n  title: Pets\n  version: "1"\npaths: {}\n');
    fs.writeFileSync(path.join(dir, 'unrelated.yaml'), 'name: not a connector\n');
    fs.writeFileSync(path.join(dir, 'openapi3.json'), '{"openapi": "3.0.0"}');
    const out = JSON.parse(run(['validate', '.', '--format', 'json'], { cwd: dir }).stdout);
    const paths = out.files.map((f: { path: string }) => f.path);
    assert.ok(paths.includes(path.join('a', 'b', 'apiDefinition.swagger.json')), paths.join());
    assert.ok(paths.includes(path.join('a', 'other.swagger.json')), paths.join());
    assert.ok(paths.includes('petstore.yaml'), paths.join());
    assert.ok(!paths.includes('unrelated.yaml'));
    assert.ok(!paths.includes('openapi3.json'));
  });

  it('reads a definition from stdin with "-"', () => {
    const r = run(['validate', '-', '--format', 'json', '--stdin-filename', 'piped.swagger.json'], { cwd: dir, input: '{"swagger": "2.0",' });
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.files[0].path, 'piped.swagger.json');
    assert.ok(out.files[0].diagnostics.some((d: { ruleId: string }) => d.ruleId === 'json-parse-error'));
  });

  it('exit 2 for bad usage, with a message on stderr', () => {
    for (const args of [['validate'], ['validate', dir, '--format', 'xml'], ['validate', path.join(dir, 'missing')], ['frobnicate'], ['validate', dir, '--max-warnings', '-3']]) {
      const r = run(args, { cwd: dir });
      assert.equal(r.code, 2, `${args.join(' ')} -> ${r.code}`);
      assert.match(r.stderr, /connector-studio: /);
      assert.equal(r.stdout, '');
    }
  });

  it('--max-warnings turns warnings over the limit into exit 1', () => {
    const def = baseDefinition();
    def.paths['/tasks'].post.summary = '';
    def.paths['/tasks'].post.description = '';
    writeConnector(path.join(dir, 'w'), def);
    const json = JSON.parse(run(['validate', dir, '--format', 'json'], { cwd: dir }).stdout);
    assert.ok(json.summary.warnings > 0, 'fixture must produce warnings: ' + JSON.stringify(json));
    assert.equal(json.summary.errors, 0, JSON.stringify(json));
    assert.equal(run(['validate', dir, '--max-warnings', String(json.summary.warnings)], { cwd: dir }).code, 0);
    assert.equal(run(['validate', dir, '--max-warnings', String(json.summary.warnings - 1)], { cwd: dir }).code, 1);
  });

  it('a finding that mirrors a Microsoft validator code carries it: JSON microsoftCode, SARIF result properties, stylish', () => {
    const def = baseDefinition();
    def.paths['/tasks/{taskId}'].get.parameters.push({ name: 'connectionId', in: 'query', type: 'string' }); // ConnectionIdParameterNotAllowed / ReservedParameterIsUsed
    def.security = [{ undeclared: [] }]; // SecurityRequirementMustBeDefined (a warning by default)
    writeConnector(path.join(dir, 'c'), def);
    const json = JSON.parse(run(['validate', dir, '--format', 'json'], { cwd: dir }).stdout) as { files: { diagnostics: { ruleId: string; severity: string; microsoftCode?: string }[] }[] };
    const all = json.files.flatMap((f) => f.diagnostics);
    const sec = all.find((d) => d.ruleId === 'security-requirement-defined');
    assert.deepEqual([sec?.severity, sec?.microsoftCode], ['warning', 'SecurityRequirementMustBeDefined']);
    // Our own rules (no Microsoft code) carry none.
    assert.ok(all.filter((d) => d.ruleId === 'file-layout' || d.ruleId === 'json-parse-error').every((d) => d.microsoftCode === undefined));
    const sarif = JSON.parse(run(['validate', dir, '--format', 'sarif'], { cwd: dir }).stdout);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'security-requirement-defined');
    assert.equal(result.properties.microsoftCode, 'SecurityRequirementMustBeDefined');
    assert.match(result.properties.microsoftCodeUri, /^https:\/\/learn\.microsoft\.com\/.*certification-swagger-validator-rules#:~:text=SecurityRequirementMustBeDefined$/);
    assert.match(run(['validate', dir], { cwd: dir }).stdout, /security-requirement-defined \(SecurityRequirementMustBeDefined\)/);
  });

  it('--format sarif prints a SARIF 2.1.0 log with rules, levels and 1-based regions', () => {
    writeConnector(path.join(dir, 'bad'), '{\n    "swagger": "2.0",\n    "paths": {,}\n}\n');
    const r = run(['validate', dir, '--format', 'sarif'], { cwd: dir });
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'connector-studio');
    const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'json-parse-error');
    assert.equal(result.level, 'error');
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'json-parse-error');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 3);
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'bad/apiDefinition.swagger.json');
  });

  it('--profile certification enables the certification rules', () => {
    const def = baseDefinition();
    def.info.title = 'A very long connector title that exceeds thirty characters';
    writeConnector(path.join(dir, 'c'), def);
    const dflt = JSON.parse(run(['validate', dir, '--format', 'json'], { cwd: dir }).stdout);
    const cert = JSON.parse(run(['validate', dir, '--format', 'json', '--profile', 'certification'], { cwd: dir }).stdout);
    assert.ok(cert.summary.errors > dflt.summary.errors, `${cert.summary.errors} > ${dflt.summary.errors}`);
  });
});
