// Bundles every entry point: the extension host client, the language server, the
// webview (browser), the CLI, and the in-editor test suites. `--watch`, `--production`.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = !production || process.argv.includes('--tests');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// 'module' first: jsonc-parser's UMD build cannot be bundled (dynamic requires).
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'] };

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  // The client's main bundle holds activate(), the language client and the stand-ins of the
  // feature commands; each feature of client/src/features.ts (`require('./<name>')`) is its own
  // bundle dist/client/<name>.js, loaded on first use. undici (the Test Operation sender, ~540 KB)
  // is its own bundle, dist/client/undici.js, loaded on the first send.
  { ...node, entryPoints: { 'client/extension': 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'], plugins: [lazyFeatures(), lazyModule(/^undici$/, './undici.js')] },
  { ...node, entryPoints: Object.fromEntries(clientFeatures().map((name) => [`client/${name}`, `client/src/${name}/index.ts`])), outdir: 'dist', external: ['vscode'], plugins: [lazyModule(/^undici$/, './undici.js')] },
  { ...node, entryPoints: { 'client/undici': 'undici' }, outdir: 'dist' },
  // The Postman converter (postman-collection, faker, iconv-lite: ~1.2 MB) is its own bundle,
  // dist/server/postman.js, loaded by the server on the first import-plan request.
  // The schema-driven language services (yaml-language-server with prettier, vscode-json-languageservice:
  // ~2 MB) are dist/server/schemaLanguage.js, loaded on the first completion, hover or formatting request.
  { ...node, entryPoints: { 'server/server': 'server/src/server.ts' }, outdir: 'dist', plugins: [lazyModule(/converters\/postman\/lazy$/, './postman.js'), lazyModule(/schemaLanguage\/lazy$/, './schemaLanguage.js'), lazyModule(/openApiImport\/lazy$/, './openapi.js'), lazyModule(/lifecycle\/lazy$/, './lifecycle.js')] },
  { ...node, entryPoints: { 'server/postman': 'engine/src/converters/postman/lazy.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { 'server/lifecycle': 'engine/src/lifecycle/lazy.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { 'server/schemaLanguage': 'server/src/schemaLanguage/lazy.ts' }, outdir: 'dist' },
  // The OpenAPI import (converter, import plan, file/URL reader with undici): dist/server/openapi.js.
  { ...node, entryPoints: { 'server/openapi': 'server/src/openApiImport/lazy.ts' }, outdir: 'dist' },
  // The CLI: dist/cli.js holds the command table only; each command it imports on use
  // (`import('./x')` in cli/src/cli.ts) is a bundle of its own, dist/cli/x.js.
  { ...node, entryPoints: { cli: 'cli/src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [cliCommandsExternal()] },
  { ...node, entryPoints: cliCommandEntries(), outdir: 'dist' },
];
// ajv's validation code for the Swagger schema is generated here (standalone), not compiled at start-up.
for (const b of builds) if (b.platform === 'node') b.plugins = [...(b.plugins ?? []), swaggerValidatorStandalone()];

const webviewEntries = {};
for (const f of listTs('client/src/webview')) webviewEntries[`webview/${path.basename(f, '.ts')}`] = f;
if (Object.keys(webviewEntries).length) {
  builds.push({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: webviewEntries, outdir: 'dist' });
}
// Codicons for webviews (vscode-elements' <vscode-icon> loads this stylesheet; it needs the font beside it).
fs.mkdirSync('dist/webview', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/webview/${f}`);

if (withTests) {
  // Each in-editor suite folder becomes out/test/e2e/<suite>/index.js plus one bundle per test file.
  for (const suite of listDirs('test/e2e/suites')) {
    const entries = { [`test/e2e/${suite}/index`]: 'test/e2e/runMocha.ts' };
    for (const f of listTs(`test/e2e/suites/${suite}`)) entries[`test/e2e/${suite}/${path.basename(f, '.ts')}`] = f;
    builds.push({ ...node, entryPoints: entries, outdir: 'out', external: ['vscode', 'mocha'], sourcemap: 'inline' });
  }
}

/**
 * Leaves an import matching `filter` out of the bundle: it becomes a plain `require(target)` (a
 * bundle of its own beside this one), run when the importing code first needs it (`await import()`).
 */
function lazyModule(filter, target) {
  return {
    name: 'lazy-module',
    setup(b) {
      b.onResolve({ filter }, () => ({ path: target, namespace: 'lazy-module' }));
      // args.path, not `target`: several lazyModule plugins share the namespace, the first onLoad answers for all.
      b.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
      b.onResolve({ filter: /.*/, namespace: 'lazy-module' }, (args) => ({ path: args.path, external: true }));
    },
  };
}
/** The modules cli/src/cli.ts imports on use (`import('./x')`): one CLI bundle each. */
function cliCommandEntries() {
  const entries = {};
  for (const m of fs.readFileSync('cli/src/cli.ts', 'utf8').matchAll(/import\(\s*'\.\/([\w-]+)'\s*\)/g)) entries[`cli/${m[1]}`] = `cli/src/${m[1]}.ts`;
  // Worker threads a command starts (cli/src/*Worker.ts) are bundles of their own too.
  for (const f of listTs('cli/src')) if (/Worker\.ts$/.test(f)) entries[`cli/${path.basename(f, '.ts')}`] = f;
  return entries;
}
/** In dist/cli.js, `import('./x')` becomes `require('./cli/x.js')`: the command's own bundle. */
function cliCommandsExternal() {
  return {
    name: 'cli-commands-external',
    setup(b) {
      // A plain require (not an external import(), which node would run through its ESM loader).
      b.onResolve({ filter: /^\.\/[\w-]+$/ }, (args) => (args.kind === 'dynamic-import' && /cli[\\/]src[\\/]cli\.ts$/.test(args.importer) ? { path: `./cli/${args.path.slice(2)}.js`, namespace: 'cli-command' } : undefined));
      // Through cli/src/loadBundle.ts: with a V8 code cache beside the bundle.
      b.onLoad({ filter: /.*/, namespace: 'cli-command' }, (args) => ({ contents: `module.exports = require('./cli/src/loadBundle.ts').loadBundle(require('node:path').join(__dirname, ${JSON.stringify(args.path)}));`, loader: 'js', resolveDir: process.cwd() }));
      b.onResolve({ filter: /.*/, namespace: 'cli-command' }, (args) => (args.path.endsWith('loadBundle.ts') ? { path: path.resolve(args.path) } : { path: args.path, external: true }));
    },
  };
}
/** engine/src/rules/schemas/compileSwaggerSchema.ts becomes ajv standalone code generated now (scripts/ajvStandalone.mjs). */
function swaggerValidatorStandalone() {
  let source;
  return {
    name: 'swagger-validator-standalone',
    setup(b) {
      b.onLoad({ filter: /[\\/]engine[\\/]src[\\/]rules[\\/]schemas[\\/]compileSwaggerSchema\.ts$/ }, async () => {
        source ??= (await import('./scripts/ajvStandalone.mjs')).swaggerValidatorSource({ esm: true });
        return { contents: source, loader: 'js', resolveDir: process.cwd(), watchFiles: ['engine/src/rules/schemas/swagger2-connector.json', 'engine/src/rules/schemas/ajvOptions.json'] };
      });
    },
  };
}
/** The client's feature modules: `require('./<name>')` in client/src/features.ts. */
function clientFeatures() {
  const names = [...fs.readFileSync('client/src/features.ts', 'utf8').matchAll(/\brequire\('\.\/(\w+)'\)/g)].map((m) => m[1]);
  if (!names.length) throw new Error('esbuild.mjs: no feature found in client/src/features.ts');
  return names;
}
/** In the client's main bundle, client/src/features.ts's `require('./<name>')` becomes the feature's own bundle. */
function lazyFeatures() {
  const names = new Set(clientFeatures());
  return {
    name: 'lazy-features',
    setup(b) {
      b.onResolve({ filter: /^\.\/\w+$/ }, (args) => {
        if (!args.importer.endsWith(path.join('client', 'src', 'features.ts')) || !names.has(args.path.slice(2))) return undefined;
        if (args.kind !== 'require-call') throw new Error(`client/src/features.ts: load ${args.path} with require() so it stays a bundle of its own`);
        return { path: `${args.path}.js`, external: true };
      });
    },
  };
}
function listTs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => `${dir}/${f}`);
}
function listDirs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] esbuild is watching client, server, webview, cli and tests');
} else {
  const started = Date.now();
  // A production build ships no source maps: remove the ones a development build left behind.
  if (production && fs.existsSync('dist')) for (const f of fs.readdirSync('dist', { recursive: true })) if (String(f).endsWith('.map')) fs.rmSync(path.join('dist', String(f)));
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync('dist/cli.js', 0o755);
  console.log(`[build] ${builds.length} bundles${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}
