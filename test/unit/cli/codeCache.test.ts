// The CLI loads a command's bundle with a V8 code cache beside it (cli/src/loadBundle.ts). The
// output must never depend on the cache: absent, present, damaged, or not a file.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileOf } from '../../../cli/src/loadBundle';
import { baseDefinition, baseProperties, REPO_ROOT } from '../ruleTestKit';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');
const BUNDLE = path.join(REPO_ROOT, 'dist/cli/validateCommand.js');

describe('CLI code cache', function () {
  this.timeout(60_000);
  let dir: string;
  const run = () => spawnSync(process.execPath, [CLI, 'validate', dir, '--format', 'json'], { cwd: dir, encoding: 'utf8' });
  before(() => {
    if (!fs.existsSync(BUNDLE)) throw new Error('dist/cli/validateCommand.js is missing: run `npm run build` first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-cache-'));
    const def = baseDefinition() as { paths: Record<string, Record<string, { summary?: string }>> };
    delete Object.values(Object.values(def.paths)[0]!)[0]!.summary; // one finding at least
    fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), JSON.stringify(def, null, 2));
    fs.writeFileSync(path.join(dir, 'apiProperties.json'), JSON.stringify(baseProperties(), null, 2));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    const cache = cacheFileOf(BUNDLE);
    if (fs.existsSync(cache) && !fs.statSync(cache).isFile()) fs.rmSync(cache, { recursive: true, force: true });
  });

  it('is written beside the bundle by a run, and a run with it prints the same report', () => {
    const cache = cacheFileOf(BUNDLE);
    fs.rmSync(cache, { recursive: true, force: true });
    const first = run();
    assert.ok(first.stdout.includes('"diagnostics"'), first.stderr);
    assert.ok(fs.existsSync(cache), `no cache at ${cache} after a run`);
    const second = run();
    assert.equal(second.status, first.status);
    assert.equal(second.stdout, first.stdout);
  });

  it('a cache written by a validate run is accepted by the next one, not written again (V8 refuses a cache made under other flags: validate sets its flags before loading the bundle)', () => {
    const cache = cacheFileOf(BUNDLE);
    fs.rmSync(cache, { recursive: true, force: true });
    run();
    const written = fs.statSync(cache);
    const second = run();
    assert.ok(second.stdout.includes('"diagnostics"'), second.stderr);
    const after = fs.statSync(cache);
    assert.deepEqual([after.ino, after.mtimeMs, after.size], [written.ino, written.mtimeMs, written.size], 'the second run replaced the cache: it refused the first run\'s');
  });

  it('a damaged cache (garbage, truncated) is ignored and replaced; a directory in its place is ignored', () => {
    const cache = cacheFileOf(BUNDLE);
    const reference = run();
    const good = fs.readFileSync(cache);
    for (const damaged of [Buffer.from('not a V8 code cache'), good.subarray(0, Math.floor(good.length / 2)), Buffer.alloc(good.length, 0xff)]) {
      fs.writeFileSync(cache, damaged);
      const r = run();
      assert.equal(r.status, reference.status);
      assert.equal(r.stdout, reference.stdout);
      assert.ok(!fs.readFileSync(cache).equals(damaged), 'the damaged cache was replaced');
    }
    fs.rmSync(cache, { force: true });
    fs.mkdirSync(cache);
    const r = run();
    assert.equal(r.stdout, reference.stdout);
    assert.equal(r.stderr, reference.stderr);
    fs.rmSync(cache, { recursive: true, force: true });
  });
});
