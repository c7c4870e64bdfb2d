// shared/src/git/gitShow.ts: the one way the CLI and the language server read a connector at a git
// revision. Refs that look like options or paths never reach git; missing files, unknown
// revisions, folders outside a repository and outputs over the byte budget are answers, not throws.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultBaseRef, gitShowFile, isSafeRef, shortRef } from '../../../shared/src/git/gitShow';

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

describe('git show of a connector at a revision (shared/src/git/gitShow.ts)', function () {
  this.timeout(30_000);
  let repo: string;
  let outside: string;
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-gitshow-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-gitshow-out-'));
    fs.mkdirSync(path.join(repo, 'c'));
    fs.writeFileSync(path.join(repo, 'c', 'apiDefinition.swagger.json'), '{"swagger":"2.0","v":1}');
    fs.writeFileSync(path.join(repo, 'c', 'big.json'), 'x'.repeat(200_000));
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    git(repo, 'tag', 'v1');
    fs.writeFileSync(path.join(repo, 'c', 'apiDefinition.swagger.json'), '{"swagger":"2.0","v":2}');
    git(repo, 'commit', '-q', '-am', 'two');
  });
  after(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('refs: names, hashes and ancestry pass; options, paths, ranges, spaces and control characters do not', () => {
    for (const ok of ['HEAD', 'HEAD~1', 'HEAD^', 'origin/main', 'v1.2.0', 'a1b2c3d', 'feature/x-y_z', '@{u}']) assert.ok(isSafeRef(ok), ok);
    for (const bad of ['', '-p', '--output=/tmp/x', 'HEAD:c/file', 'main..dev', 'a b', 'a\nb', '\u0000', 'x'.repeat(300), '.hidden']) assert.ok(!isSafeRef(bad), JSON.stringify(bad));
  });

  it('reads a file at a revision; the working copy is not what it returns', async () => {
    const file = path.join(repo, 'c', 'apiDefinition.swagger.json');
    const at1 = await gitShowFile(file, 'v1');
    assert.deepEqual(at1, { ok: true, text: '{"swagger":"2.0","v":1}' });
    const head = await gitShowFile(file, 'HEAD~1');
    assert.ok(head.ok && head.text.includes('"v":1'));
    assert.equal(await defaultBaseRef(path.join(repo, 'c')), 'HEAD', 'no origin/main: HEAD');
    assert.equal(shortRef('0123456789abcdef0123456789abcdef01234567'), '0123456');
  });

  it('missing file, unknown revision, bad ref, outside a repository, over the byte budget', async () => {
    assert.equal((await gitShowFile(path.join(repo, 'c', 'nope.json'), 'HEAD') as { reason: string }).reason, 'missing');
    assert.equal((await gitShowFile(path.join(repo, 'c', 'apiDefinition.swagger.json'), 'no-such') as { reason: string }).reason, 'bad-ref');
    assert.equal((await gitShowFile(path.join(repo, 'c', 'apiDefinition.swagger.json'), '--output=/tmp/pwned') as { reason: string }).reason, 'bad-ref');
    assert.ok(!fs.existsSync('/tmp/pwned'));
    assert.equal((await gitShowFile(path.join(outside, 'apiDefinition.swagger.json'), 'HEAD') as { reason: string }).reason, 'not-a-repo');
    assert.equal(await defaultBaseRef(outside), undefined);
    const big = await gitShowFile(path.join(repo, 'c', 'big.json'), 'HEAD', 10_000);
    assert.equal((big as { reason: string }).reason, 'too-large');
  });
});
