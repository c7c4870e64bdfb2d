// The client's lazily loaded features (client/src/features.ts): the stand-ins registered at
// activation must cover every command package.json contributes, each feature's command ids must be
// ones its own folder registers, and the main bundle must not import a feature module statically
// (that would put the feature back into dist/client/extension.js).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FEATURES } from '../../../client/src/features';
import { REPO_ROOT } from '../ruleTestKit';

const CLIENT = path.join(REPO_ROOT, 'client', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Command ids of the eager commands (client/src/commands/*.ts: `id: '…'`). */
function eagerCommandIds(): string[] {
  const dir = path.join(CLIENT, 'commands');
  return fs.readdirSync(dir).flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/\bid:\s*'([^']+)'/g)].map((m) => m[1]!));
}

/** Relative specifiers of static imports and re-exports (type-only imports are erased by the bundler). */
function staticImports(source: string): string[] {
  const text = source.replace(/^import type [^;]+;$/gm, '');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?\bfrom\s*'(\.[^']+)'|^import\s*'(\.[^']+)'/gm)].map((m) => (m[1] ?? m[2])!);
}

/** Files that may sit in a feature folder and still be in the main bundle, and why. */
const SHARED_WITH_MAIN: Record<string, string> = {
  [path.join('connections', 'vscodeStores.ts')]: 'the log sink of the output channel (a few lines, no dependency)',
};

/** Files of the main bundle: what extension.ts reaches through static imports (type-only ones left out). */
function mainBundleFiles(): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(fs.readFileSync(file, 'utf8'))) {
      const base = path.resolve(path.dirname(file), spec);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (target && target.startsWith(CLIENT + path.sep)) visit(target);
    }
  };
  visit(path.join(CLIENT, 'extension.ts'));
  return [...seen];
}

describe('architecture: client features load on first use', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);

  it('every contributed command is registered at activation: eagerly or as a feature stand-in, once', () => {
    const registered = [...eagerCommandIds(), ...FEATURES.flatMap((f) => f.commands)];
    assert.ok(registered.length >= 10, `expected the command ids, found ${registered.length}`);
    assert.deepEqual([...registered].sort(), [...new Set(registered)].sort(), 'a command id is listed twice');
    assert.deepEqual([...registered].sort(), [...contributed].sort());
  });

  it("each feature's commands and views are ones its own folder registers", () => {
    for (const feature of FEATURES) {
      const folder = path.join(CLIENT, feature.name);
      assert.ok(fs.existsSync(path.join(folder, 'index.ts')), `client/src/${feature.name}/index.ts (the bundle's entry) is missing`);
      const text = sources(folder).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      for (const id of [...feature.commands, ...(feature.views ?? [])]) assert.ok(text.includes(`'${id}'`), `${id} is listed for ${feature.name} but not found in client/src/${feature.name}`);
    }
  });

  it('the scan of static imports sees imports and re-exports, not type-only imports or require()', () => {
    const text = ["import { a } from './a';", "import type { B } from './b';", "export { c } from './c';", "import './d';", "const e = require('./e');", "import * as vscode from 'vscode';"].join('\n');
    assert.deepEqual(staticImports(text), ['./a', './c', './d']);
  });

  it('the main bundle imports no feature module (only features.ts requires them, lazily)', () => {
    const main = mainBundleFiles().map((f) => path.relative(CLIENT, f));
    assert.ok(main.includes('lazyFeatures.ts') && main.includes('features.ts'), `the walk did not reach the loader: ${main.join(', ')}`);
    const inFeatures = main.filter((f) => FEATURES.some((feature) => f.startsWith(feature.name + path.sep)) && !SHARED_WITH_MAIN[f]);
    assert.deepEqual(inFeatures, [], 'these feature files would be in dist/client/extension.js');
  });
});
