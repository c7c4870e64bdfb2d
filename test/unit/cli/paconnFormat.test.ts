// `validate --format paconn` prints findings in the shape paconn prints them, checked on a real
// rejection: paconn's HTTP 400 for pull request 683 (2021-02-06) listed
//   Error : info : The 'contact' property is required.
//   Error : The 'x-ms-connector-metadata' property is required.
// The same two defects are seeded into an accepted corpus connector and run through the built CLI.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCorpusConnector, REPO_ROOT, requireCorpus } from '../ruleTestKit';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');
const CONNECTOR = 'certified-connectors/Airmeet';
const LINE = /^(Error|Warning) : (?:(\S+) : )?(.+)$/;

/** Resolves an RFC 6901 pointer written without its leading "/" (paconn's way), independently of our reader. */
function resolvePaconnPointer(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const raw of pointer.split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The output split into one block per file: path line, then its finding lines; blocks separated by a blank line. */
function blocks(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const block of stdout.trimEnd().split('\n\n')) {
    const [file, ...lines] = block.split('\n');
    if (file) out.set(file, lines);
  }
  return out;
}

describe('CLI validate --format paconn', function () {
  this.timeout(30_000);
  let dir: string;
  let definition: Record<string, any>;

  before(() => {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    requireCorpus();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-paconn-'));
    const raw = readCorpusConnector(CONNECTOR);
    definition = JSON.parse(raw.definition.replace(/^\uFEFF/, ''));
    fs.writeFileSync(path.join(dir, 'apiProperties.json'), raw.properties ?? '{}');
    // A complete submission folder: the readme and icon checks have nothing to say.
    fs.writeFileSync(path.join(dir, 'readme.md'), '# Airmeet\n');
    fs.writeFileSync(path.join(dir, 'icon.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(def: object, profile = 'certification') {
    fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), JSON.stringify(def, null, 4));
    const r = spawnSync(process.execPath, [CLI, 'validate', path.join(dir, 'apiDefinition.swagger.json'), '--profile', profile, '--format', 'paconn'], { cwd: dir, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('the corpus connector as accepted gives no Error line', () => {
    assert.ok(definition.info.contact && definition['x-ms-connector-metadata'], `${CONNECTOR} is expected to have contact and x-ms-connector-metadata`);
    const r = run(definition);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.stdout.split('\n').filter((l) => l.startsWith('Error :')), []);
  });

  it("reproduces paconn's lines for the rejection of pull request 683, with our advice after Microsoft's words", () => {
    delete definition.info.contact;
    delete definition['x-ms-connector-metadata'];
    const r = run(definition);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'apiDefinition.swagger.json', 'the file path comes first');
    const errors = lines.filter((l) => l.startsWith('Error :'));
    assert.ok(errors.some((l) => l.startsWith("Error : info : The 'contact' property is required.")), r.stdout);
    assert.ok(errors.some((l) => l.startsWith("Error : The 'x-ms-connector-metadata' property is required.")), r.stdout);
    assert.equal(errors.length, 2, `exactly the two rejected defects are errors:\n${r.stdout}`);
  });

  it('every line after the path has the paconn shape, and every pointer resolves in the file', () => {
    delete definition.info.contact;
    const firstPath = Object.keys(definition.paths)[0];
    const op = Object.values(definition.paths[firstPath]).find((o: any) => o && typeof o === 'object' && o.operationId) as any;
    op.summary = 'Get/list items';
    const r = run(definition);
    const lines = blocks(r.stdout).get('apiDefinition.swagger.json') ?? [];
    assert.ok(lines.length >= 2, r.stdout);
    for (const line of lines) {
      const m = LINE.exec(line);
      assert.ok(m, `not paconn's shape: ${line}`);
      if (m[2] !== undefined) assert.notEqual(resolvePaconnPointer(definition, m[2]), undefined, `pointer ${m[2]} does not resolve`);
    }
    assert.ok(lines.some((l) => /^Error : paths\/\S+\/summary : Summary string contains any of the restricted characters \[\/\\<>\*%&\?\]/.test(l)), r.stdout);
  });

  it('default profile on the accepted connector: warnings only, info findings left out (paconn has no such level)', () => {
    const r = run(definition, 'default');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!/^Info/m.test(r.stdout));
    for (const [file, lines] of blocks(r.stdout)) {
      assert.ok(['apiDefinition.swagger.json', 'apiProperties.json'].includes(file), `unexpected block header ${file}`);
      for (const l of lines) assert.match(l, /^Warning : /, `the accepted connector has no error in the default profile: ${l}`);
    }
  });
});
