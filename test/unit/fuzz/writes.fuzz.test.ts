// Fuzz: the commands that write files (import-postman, Package Connector) on hostile input never
// write outside their target: every file created or changed in a sandbox lies under the target,
// the connector's own folder is untouched, nothing outside the connector folder is read into a
// package, and each case finishes within a bound without an unexpected exception.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { importPostmanCommand } from '../../../cli/src/importPostman';
import { PackageExistsError, PackageTargetError, writePackage } from '../../../client/src/lifecycle/packageWriter';
import { planFromFolder } from '../../../engine/src/lifecycle/packagePlan';
import { diskFileAccess } from '../../../engine/node/diskFileAccess';
import { scaffoldConnector } from '../../../shared/src/lifecycle/scaffold';
import { BASE_OPTIONS } from '../lifecycle/lifecycleKit';
import { checkAsync, mutateJsonText, mutationArb, postmanCollections, type Json } from './fuzzKit';

const BOUND_MS = 30_000;
const OUTSIDE_SECRET = 'OUTSIDE-THE-FOLDER-7c1e';

/** Every file and folder under root with a content hash (symbolic links as their target text). */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isSymbolicLink()) out.set(full, `link:${fs.readlinkSync(full)}`);
      else if (e.isDirectory()) {
        out.set(full, 'dir');
        walk(full);
      } else if (e.isFile()) out.set(full, crypto.createHash('sha1').update(fs.readFileSync(full)).digest('hex'));
      else out.set(full, 'special');
    }
  };
  walk(root);
  return out;
}

/** Paths created, changed or removed between two snapshots. */
function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [p, v] of after) if (before.get(p) !== v) out.push(p);
  for (const p of before.keys()) if (!after.has(p)) out.push(p);
  return out;
}

const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);

const quiet = { stdout: () => undefined, stderr: () => undefined };

/** Segments a hostile or careless user types for an output folder, relative to the sandbox. */
const segment = fc.constantFrom('out', 'a', 'b', '..', '.', 'x y', 'ü', '.hidden', 'apiDefinition.swagger.json', 'con', 'src');

describe('fuzz: commands that write files', function () {
  this.timeout(900_000); // bounded by the case count; a loaded 2-core machine is slow
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cs-writes-fuzz-')));
  });
  after(() => root && fs.rmSync(root, { recursive: true, force: true }));

  it('import-postman writes only apiDefinition.swagger.json and apiProperties.json under --out', async () => {
    const collections = postmanCollections();
    let n = 0;
    await checkAsync(
      fc.asyncProperty(
        fc.record({
          which: fc.nat(),
          mutation: mutationArb,
          names: fc.array(fc.constantFrom('../../escape', '/etc/passwd', '..', 'C:\\\\x', '%2e%2e/x', 'con', 'a/b/c', '\u0000'), { maxLength: 3 }),
          out: fc.array(segment, { minLength: 1, maxLength: 4 }),
          existing: fc.constantFrom('none', 'json', 'broken', 'yaml', 'file'),
          force: fc.boolean(),
        }),
        async ({ which, mutation, names, out, existing, force }) => {
          const sandbox = path.join(root, `import-${n++}`, 'level1', 'level2');
          fs.mkdirSync(sandbox, { recursive: true });
          const m = mutation.kind === 'huge-string' ? { ...mutation, size: 10_000 } : mutation.kind === 'deep' ? { ...mutation, depth: Math.min(mutation.depth, 200) } : mutation;
          let text = mutateJsonText(collections[which % collections.length]!.text, m);
          // Item and collection names that look like paths: the importer writes fixed names only.
          try {
            const c = JSON.parse(text) as { info?: { name?: Json }; item?: { name?: Json }[] };
            if (c && typeof c === 'object' && names.length) {
              if (c.info && typeof c.info === 'object') c.info.name = names[0]!;
              if (Array.isArray(c.item)) c.item.forEach((it, i) => it && typeof it === 'object' && (it.name = names[i % names.length]!));
              text = JSON.stringify(c);
            }
          } catch {
            /* mutated beyond JSON: fine as it is */
          }
          const collectionFile = path.join(sandbox, 'collection.json');
          fs.writeFileSync(collectionFile, text);
          const target = path.resolve(sandbox, ...out);
          if (existing !== 'none' && inside(target, root) && !fs.existsSync(target)) {
            if (existing === 'file') {
              fs.mkdirSync(path.dirname(target), { recursive: true });
              fs.writeFileSync(target, 'not a folder');
            }
            else {
              fs.mkdirSync(target, { recursive: true });
              if (existing === 'json') fs.writeFileSync(path.join(target, 'apiDefinition.swagger.json'), '{"swagger":"2.0","info":{"title":"Mine","version":"1"},"paths":{"/mine":{"get":{"responses":{"200":{"description":"ok"}}}}}}');
              if (existing === 'broken') fs.writeFileSync(path.join(target, 'apiDefinition.swagger.json'), '{"swagger": ');
              if (existing === 'yaml') fs.writeFileSync(path.join(target, 'apiDefinition.swagger.yaml'), 'swagger: "2.0"\n');
            }
          }
          // A target that climbs out of the run's sandbox is not what this property is about.
          if (!inside(target, root)) return;
          const watch = path.dirname(path.dirname(sandbox));
          const before = snapshot(watch);
          const t = performance.now();
          const code = await importPostmanCommand([collectionFile, '--out', target, ...(force ? ['--force'] : [])], quiet);
          assert.ok(performance.now() - t < BOUND_MS, 'import took too long');
          assert.ok(code === 0 || code === 1 || code === 2, `exit ${code}`);
          const allowed = new Set([target, path.join(target, 'apiDefinition.swagger.json'), path.join(target, 'apiProperties.json')]);
          // Folders created on the way to a new target are the target's own.
          const stray = changes(before, snapshot(watch)).filter((p) => !allowed.has(p) && !(before.get(p) === undefined && inside(target, p)));
          assert.deepEqual(stray, [], `import-postman (exit ${code}) wrote outside its target ${target}`);
          if (existing === 'yaml' && fs.existsSync(path.join(target, 'apiDefinition.swagger.yaml'))) assert.ok(!fs.existsSync(path.join(target, 'apiDefinition.swagger.json')), 'a second definition beside the YAML one');
        },
      ),
      150,
    );
  });

  it('Package Connector writes only under the output folder, never into or over the connector folder', async () => {
    const outsideFile = path.join(root, 'outside-secret.txt');
    fs.writeFileSync(outsideFile, OUTSIDE_SECRET);
    let n = 0;
    await checkAsync(
      fc.asyncProperty(
        fc.record({
          links: fc.array(fc.record({ name: fc.constantFrom('readme.md', 'icon.png', 'script.csx', 'settings.json', 'apiProperties.json'), to: fc.constantFrom('outside', 'inside', 'missing', 'self') }), { maxLength: 2 }),
          icon: fc.constantFrom('scaffold', 'fake', 'truncated', 'none'),
          outRoot: fc.constantFrom('repo', 'source', 'source-parent', 'elsewhere', 'inside-source', 'link-to-repo'),
          zip: fc.boolean(),
          overwrite: fc.boolean(),
          twice: fc.boolean(),
        }),
        async ({ links, icon, outRoot, zip, overwrite, twice }) => {
          const sandbox = path.join(root, `pkg-${n++}`);
          const repo = path.join(sandbox, 'repo');
          const source = path.join(repo, 'certified-connectors', BASE_OPTIONS.title);
          fs.mkdirSync(source, { recursive: true });
          for (const f of scaffoldConnector(BASE_OPTIONS)) fs.writeFileSync(path.join(source, f.name), f.content);
          fs.writeFileSync(path.join(source, 'notes.txt'), 'the author\'s own file');
          const png = path.join(source, 'icon.png');
          if (icon === 'fake') fs.writeFileSync(png, 'abc');
          if (icon === 'truncated' && fs.existsSync(png)) fs.writeFileSync(png, fs.readFileSync(png).subarray(0, 40));
          if (icon === 'none') fs.rmSync(png, { force: true });
          for (const l of links) {
            const at = path.join(source, l.name);
            fs.rmSync(at, { force: true });
            const to = l.to === 'outside' ? outsideFile : l.to === 'inside' ? 'notes.txt' : l.to === 'missing' ? 'nowhere.txt' : l.name;
            fs.symlinkSync(to, at);
          }
          const out = {
            repo,
            source,
            'source-parent': path.dirname(source),
            elsewhere: path.join(sandbox, 'out'),
            'inside-source': path.join(source, 'out'),
            'link-to-repo': path.join(sandbox, 'repo-link'),
          }[outRoot];
          if (outRoot === 'link-to-repo') fs.symlinkSync(repo, out);
          const sourceBefore = snapshot(source);
          const before = snapshot(sandbox);
          const t = performance.now();
          for (let i = 0; i < (twice ? 2 : 1); i++) {
            let plan;
            try {
              plan = planFromFolder(source, diskFileAccess(source));
            } catch (e) {
              assert.fail(`planFromFolder threw ${String(e)}`);
            }
            for (const f of plan.files) assert.ok(!f.data.toString('latin1').includes(OUTSIDE_SECRET), `${f.name} carries a file from outside the connector folder`);
            try {
              const written = writePackage(plan, out, { zip, overwrite });
              assert.ok(inside(fs.realpathSync(written.folder), fs.realpathSync(out)));
            } catch (e) {
              const expected = e instanceof PackageExistsError || e instanceof PackageTargetError || (e instanceof Error && /^the package has errors/.test(e.message));
              assert.ok(expected, `writePackage threw ${e instanceof Error ? e.stack : String(e)}`);
            }
          }
          assert.ok(performance.now() - t < BOUND_MS, 'packaging took too long');
          const outReal = fs.realpathSync(fs.existsSync(out) ? out : path.dirname(out));
          const stray = changes(before, snapshot(sandbox)).filter((p) => {
            const real = fs.existsSync(p) ? fs.realpathSync(p) : p;
            return !inside(real, outReal) && !inside(p, out);
          });
          assert.deepEqual(stray, [], `packaging into ${outRoot} wrote outside ${out}`);
          // The connector folder keeps every file it had, byte for byte (a package inside it may be added).
          const sourceAfter = snapshot(source);
          for (const [p, v] of sourceBefore) if (!inside(p, path.join(source, 'out'))) assert.equal(sourceAfter.get(p), v, `${p} changed or was deleted`);
          fs.rmSync(sandbox, { recursive: true, force: true });
        },
      ),
      150,
    );
  });
});
