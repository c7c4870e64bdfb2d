// Issue 17, item 4 (acceptance 5): packaging never follows a symbolic link out of the connector
// folder, checks that icon.png is a real PNG, and refuses an output folder that is, or contains,
// the connector folder (before, "Replace" deleted the author's files).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PackageTargetError, targetConflict, writePackage } from '../../../client/src/lifecycle/packageWriter';
import { planFromFolder } from '../../../engine/src/lifecycle/packagePlan';
import { diskFileAccess } from '../../../engine/node/diskFileAccess';
import { planPackage } from '../../../shared/src/lifecycle/packager';
import { readPngHeader } from '../../../shared/src/lifecycle/png';
import { scaffoldConnector } from '../../../shared/src/lifecycle/scaffold';
import { unzipNames } from '../independentReaders';
import { REPO_ROOT } from '../ruleTestKit';
import { BASE_OPTIONS } from '../lifecycle/lifecycleKit';

const made: string[] = [];
function tmp(tag: string): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `cs-hostile-${tag}-`)));
  made.push(d);
  return d;
}

/** A scaffolded connector at <root>/certified-connectors/<title>, the connectors repository layout. */
function connectorInRepository(root: string): string {
  const folder = path.join(root, 'certified-connectors', BASE_OPTIONS.title);
  fs.mkdirSync(folder, { recursive: true });
  for (const f of scaffoldConnector(BASE_OPTIONS)) fs.writeFileSync(path.join(folder, f.name), f.content);
  return folder;
}

/** A secret-looking file outside every connector folder. */
function outsideFile(): string {
  const file = path.join(tmp('outside'), 'passwd');
  fs.writeFileSync(file, 'root:x:0:0:TOP-SECRET-OUTSIDE:/root:/bin/bash\n');
  return file;
}

describe('hostile: packaging', () => {
  after(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a readme.md linked to a file outside the folder is not packaged and is an error', () => {
    const folder = connectorInRepository(tmp('link-out'));
    fs.rmSync(path.join(folder, 'readme.md'));
    fs.symlinkSync(outsideFile(), path.join(folder, 'readme.md'));
    const plan = planFromFolder(folder, diskFileAccess(folder));
    assert.equal(plan.ok, false);
    assert.ok(plan.problems.some((p) => p.severity === 'error' && p.file === 'readme.md' && /symbolic link .*outside the connector folder/.test(p.message)), JSON.stringify(plan.problems));
    for (const f of plan.files) assert.ok(!f.data.toString('latin1').includes('TOP-SECRET-OUTSIDE'), `${f.name} carries the outside file`);
    assert.throws(() => writePackage(plan, tmp('out'), { zip: true, overwrite: false }), /errors/);
  });

  it('a link to another file inside the folder is fine, and a FIFO named readme.md is left out', () => {
    const folder = connectorInRepository(tmp('link-in'));
    fs.renameSync(path.join(folder, 'readme.md'), path.join(folder, 'README.source.md'));
    fs.symlinkSync('README.source.md', path.join(folder, 'readme.md'));
    const plan = planFromFolder(folder, diskFileAccess(folder));
    assert.equal(plan.ok, true, JSON.stringify(plan.problems));
    assert.match(plan.files.find((f) => f.name === 'readme.md')!.data.toString('utf8'), /\S/);

    const fifoFolder = connectorInRepository(tmp('fifo'));
    fs.rmSync(path.join(fifoFolder, 'readme.md'));
    const { status } = spawnSync('mkfifo', [path.join(fifoFolder, 'readme.md')]);
    if (status !== 0) assert.fail('mkfifo is needed for this test and failed');
    const t = performance.now();
    const fifoPlan = planFromFolder(fifoFolder, diskFileAccess(fifoFolder));
    assert.ok(performance.now() - t < 2000, 'reading the folder did not hang on the FIFO');
    assert.ok(!fifoPlan.files.some((f) => f.name === 'readme.md'));
  });

  it('a 3-byte icon.png that is not a PNG is an error; a damaged IHDR too; a real PNG passes', () => {
    const base = (icon: Buffer) => planPackage({ folderName: 'Icon', files: new Map([['apiDefinition.swagger.json', Buffer.from('{"swagger":"2.0"}')], ['apiProperties.json', Buffer.from('{}')], ['icon.png', icon]]) });
    const fake = base(Buffer.from('abc'));
    assert.equal(fake.ok, false);
    assert.match(fake.problems.find((p) => p.file === 'icon.png')?.message ?? '', /not a valid PNG/);

    // The project's own icon, written by an image editor, not by our PNG writer.
    const real = fs.readFileSync(path.join(REPO_ROOT, 'media/icon.png'));
    const header = readPngHeader(real);
    assert.ok(header.width > 0 && header.height > 0);
    const good = base(real);
    assert.ok(!good.problems.some((p) => p.file === 'icon.png' && p.severity === 'error'), JSON.stringify(good.problems));

    const damaged = Buffer.from(real);
    damaged[18] ^= 0xff; // width bytes: the IHDR CRC no longer matches
    assert.equal(base(damaged).ok, false);
    const truncated = real.subarray(0, 40);
    assert.equal(base(truncated).ok, false, 'a PNG cut off before IEND');
  });

  it('refuses an output folder whose package folder IS the connector folder (repository root), before writing anything', () => {
    const root = tmp('repo');
    const folder = connectorInRepository(root);
    fs.writeFileSync(path.join(folder, 'notes-of-the-author.txt'), 'precious');
    const plan = planFromFolder(folder, diskFileAccess(folder));
    assert.equal(plan.ok, true, JSON.stringify(plan.problems));
    const message = targetConflict(plan, root);
    assert.match(message ?? '', /is the connector folder itself/);
    assert.throws(() => writePackage(plan, root, { zip: true, overwrite: true }), PackageTargetError);
    assert.equal(fs.readFileSync(path.join(folder, 'notes-of-the-author.txt'), 'utf8'), 'precious', 'the author\'s file survived');
    assert.ok(!fs.existsSync(path.join(root, `${BASE_OPTIONS.title}.zip`)), 'nothing was written');
  });

  it('refuses a package folder that contains the connector folder, and one reached through a symbolic link', () => {
    const root = tmp('nest');
    // The connector lives in <root>/certified-connectors/<title>/src: the package folder would hold it.
    const outer = path.join(root, 'certified-connectors', BASE_OPTIONS.title);
    const folder = path.join(outer, 'src', BASE_OPTIONS.title);
    fs.mkdirSync(folder, { recursive: true });
    for (const f of scaffoldConnector(BASE_OPTIONS)) fs.writeFileSync(path.join(folder, f.name), f.content);
    // Package folder name comes from the connector folder's name: <out>/certified-connectors/<title>.
    const plan = planFromFolder(folder, diskFileAccess(folder));
    assert.match(targetConflict(plan, root) ?? '', /contains the connector folder/);
    assert.throws(() => writePackage(plan, root, { zip: false, overwrite: true }), PackageTargetError);
    assert.ok(fs.existsSync(path.join(folder, 'apiProperties.json')));

    const repo = tmp('via-link');
    const linked = connectorInRepository(repo);
    const alias = path.join(tmp('alias'), 'repo-link');
    fs.symlinkSync(repo, alias);
    assert.match(targetConflict(planFromFolder(linked, diskFileAccess(linked)), alias) ?? '', /connector folder itself/);
  });

  it('an ordinary output folder still works and the zip holds exactly the packaged files', () => {
    const folder = connectorInRepository(tmp('fine'));
    const out = tmp('fine-out');
    const plan = planFromFolder(folder, diskFileAccess(folder));
    assert.equal(targetConflict(plan, out), undefined);
    const written = writePackage(plan, out, { zip: true, overwrite: false });
    assert.deepEqual(unzipNames(written.zip!).map((name) => path.basename(name)), written.files);
  });
});
