// The CLI reports paths as the user gave them: relative stays relative to what was typed, a
// symlinked folder keeps the link (no realpath), and names with `#` or `%` are not mangled.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseDefinition, baseProperties, REPO_ROOT } from '../ruleTestKit';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');

/** Runs the CLI in cwd; `pwd` is what the shell's $PWD says (a `cd` through a link keeps the link). */
function reportedPaths(args: string[], cwd: string, pwd: string = cwd): string[] {
  const r = spawnSync(process.execPath, [CLI, 'validate', ...args, '--format', 'json'], { cwd, env: { ...process.env, PWD: pwd }, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr + r.stdout);
  return (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path).sort();
}

describe('CLI validate: reported paths', function () {
  this.timeout(20_000);
  let tmp: string;
  let real: string;
  let link: string;
  before(function () {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-cli-paths-'));
    real = path.join(tmp, 'real');
    link = path.join(tmp, 'link');
    for (const c of ['c', 'd']) {
      fs.mkdirSync(path.join(real, c), { recursive: true });
      fs.writeFileSync(path.join(real, c, 'apiDefinition.swagger.json'), JSON.stringify(baseDefinition(), null, 4));
      fs.writeFileSync(path.join(real, c, 'apiProperties.json'), JSON.stringify(baseProperties(), null, 4));
    }
    fs.symlinkSync(real, link, 'dir');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('keeps a relative folder relative, normalised as typed', () => {
    assert.deepEqual(reportedPaths(['./real/d/../c'], tmp), ['real/c/apiDefinition.swagger.json', 'real/c/apiProperties.json']);
  });

  it('keeps a symlinked folder typed relative as the link', () => {
    assert.deepEqual(reportedPaths(['link/c'], tmp), ['link/c/apiDefinition.swagger.json', 'link/c/apiProperties.json']);
  });

  it('reports an absolute path through a symlinked working folder relative to it, as `cd link` left it', () => {
    assert.deepEqual(reportedPaths([path.join(link, 'c')], link), ['c/apiDefinition.swagger.json', 'c/apiProperties.json']);
    assert.deepEqual(reportedPaths(['c'], link), ['c/apiDefinition.swagger.json', 'c/apiProperties.json']);
  });

  it('reports an absolute path outside the working folder as typed, not as ../ hops through the real path', () => {
    // $PWD that does not name the working folder is ignored (as `pwd -L` does); the path stays as typed.
    assert.deepEqual(reportedPaths([path.join(link, 'c')], real, '/'), [path.join(link, 'c', 'apiDefinition.swagger.json'), path.join(link, 'c', 'apiProperties.json')]);
    assert.deepEqual(reportedPaths([path.join(link, 'd')], path.join(real, 'c')), [path.join(link, 'd', 'apiDefinition.swagger.json'), path.join(link, 'd', 'apiProperties.json')]);
  });

  it('SARIF: a path typed absolute outside the working folder is a file URI of its own that names the file', () => {
    const r = spawnSync(process.execPath, [CLI, 'validate', path.join(link, 'c'), '--format', 'sarif'], { cwd: path.join(real, 'd'), encoding: 'utf8' });
    const sarif = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] };
    const locations = sarif.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation);
    assert.ok(locations.length > 0, r.stdout);
    for (const loc of locations) {
      assert.equal(loc.uriBaseId, undefined);
      assert.ok(fs.existsSync(fileURLToPath(loc.uri)), loc.uri);
      assert.ok(fileURLToPath(loc.uri).startsWith(path.join(link, 'c') + path.sep), loc.uri);
    }
  });

  it('does not mangle names with # or %: the file-layout finding quotes the real name', () => {
    const folder = path.join(tmp, 'issue#15 100%25');
    fs.mkdirSync(folder);
    const name = 'my#api %20.swagger.json';
    fs.writeFileSync(path.join(folder, name), JSON.stringify(baseDefinition(), null, 4));
    fs.writeFileSync(path.join(folder, 'apiProperties.json'), JSON.stringify(baseProperties(), null, 4));
    const r = spawnSync(process.execPath, [CLI, 'validate', folder, '--format', 'json'], { cwd: tmp, encoding: 'utf8' });
    const out = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { ruleId: string; message: string }[] }[] };
    const def = out.files.find((f) => f.path === path.join('issue#15 100%25', name));
    assert.ok(def, JSON.stringify(out.files.map((f) => f.path)));
    const layout = def.diagnostics.find((d) => d.ruleId === 'file-layout');
    assert.ok(layout, JSON.stringify(def.diagnostics.map((d) => d.ruleId)));
    assert.ok(layout.message.includes(`"${name}"`), layout.message);
  });
});
