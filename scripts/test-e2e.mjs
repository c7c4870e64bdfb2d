// The e2e tier (`npm run test:e2e`): the extension in a real VS Code (code-server 4.139 +
// headless Debian chromium). See test/e2e/README.md, and ../shared/docs/vscode-e2e.md for the recipe.
//   1. package the VSIX (production build + vsce) and check it holds only the shipped files;
//   2. build the in-editor suites (out/test/e2e/<suite>/);
//   3. style A: the smoke suite through @vscode/test-electron's runTests, with
//      scripts/code-server-as-vscode.js standing in for the desktop executable;
//   4. harness self-test: the deliberately failing suite must exit non-zero (one check);
//   5. style B: playwright UI steps against a separate code-server with the VSIX installed.
// Ends with `N passed, N failed` and exits 1 if anything failed.
// Options: --only smoke,selftest,ui,vsix   --skip-package (reuse dist/connector-studio.vsix)
//          --only activation: the bench's step (production build, test/e2e/suites/activation), never by default
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCodeServer } from './setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const optValue = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const only = optValue('--only')?.split(',').map((s) => s.trim()).filter(Boolean);
const want = (job) => !only || only.includes(job);
/** Jobs that run only when named in --only: 'activation' (the bench's step, bench/activation.mjs). */
const wantNamed = (job) => !!only?.includes(job);
const VSIX = path.join(root, 'dist/connector-studio.vsix');
const WRAPPER = path.join(root, 'scripts/code-server-as-vscode.js');
const tStart = Date.now();

/** @type {{ name: string, passed: number, failed: number, ms: number, note?: string }[]} */
const results = [];
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function ensureCodeServer() {
  if (process.env.CODE_SERVER_BIN) return;
  if (process.env.E2E_DESKTOP_VSCODE === '1') return; // let runTests download desktop VS Code
  console.log('[e2e] CODE_SERVER_BIN not set: running scripts/install-code-server.sh');
  if (!installCodeServer(root)) throw new Error('scripts/install-code-server.sh failed');
}

function npmRun(script) {
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run ${script} failed (${r.status})`);
  console.log(`[e2e] npm run ${script}: ${secs(Date.now() - t0)}`);
}

// --- VSIX contents: only what .vscodeignore lets through -------------------------------------
const SHIPPED = [
  /^extension\/dist\/(client|server)\/.+\.js$/,
  /^extension\/dist\/webview\/.+\.(js|css|ttf|woff2|svg|png)$/,
  /^extension\/(package\.json|readme\.md|README\.md|LICENSE(\.txt|\.md)?|changelog\.md|CHANGELOG\.md)$/,
  /^extension\/media\/(icon\.png|[\w-]+\.svg)$/,
  /^extension\/(syntaxes|snippets)\/.+$/,
  // The editor JSON schemas package.json's jsonValidation points at (schemas/*.json, issue 20).
  /^extension\/schemas\/[\w.-]+\.json$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
];

/**
 * Minified bytes allowed for the bundles loaded at activation and server start (issue 18 item 5:
 * client ≤ 500 KB, server ≤ 1 MB). vscode-languageclient with its protocol is ~430 KB of the client.
 */
const MAIN_BUNDLE_BUDGET = {
  'extension/dist/client/extension.js': 500_000,
  'extension/dist/server/server.js': 1_000_000,
};
/** The client's feature modules (client/src/features.ts: `require('./<name>')`), one bundle each. */
const CLIENT_FEATURES = [...fs.readFileSync(path.join(root, 'client/src/features.ts'), 'utf8').matchAll(/\brequire\('\.\/(\w+)'\)/g)].map((m) => m[1]);
/** Bundles split off the main ones, loaded on first use (esbuild.mjs lazyModule, lazyFeatures). */
const LAZY_BUNDLES = ['extension/dist/client/undici.js', 'extension/dist/server/postman.js', 'extension/dist/server/schemaLanguage.js', 'extension/dist/server/openapi.js', 'extension/dist/server/lifecycle.js', ...CLIENT_FEATURES.map((name) => `extension/dist/client/${name}.js`)];

/** Entry names (and uncompressed sizes in `sizes`) from a zip's central directory (node has no unzip built in). */
function zipEntries(file, sizes = new Map()) {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    sizes.set(names.at(-1), buf.readUInt32LE(p + 24));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function checkVsix() {
  const t0 = Date.now();
  const sizes = new Map();
  const names = zipEntries(VSIX, sizes);
  const stray = names.filter((n) => !SHIPPED.some((re) => re.test(n)));
  const missing = ['extension/package.json', ...Object.keys(MAIN_BUNDLE_BUDGET), ...LAZY_BUNDLES]
    .filter((n) => !names.includes(n));
  // Main entry bundles (loaded at activation / server start) have a size budget (issue 18, item 5);
  // the lazily loaded ones are reported.
  const overBudget = Object.entries(MAIN_BUNDLE_BUDGET).filter(([n, max]) => sizes.has(n) && sizes.get(n) > max);
  const ok = !stray.length && !missing.length && !overBudget.length;
  console.log(`${ok ? '  ✔' : '  ✗'} VSIX holds only shipped files (${names.length} entries, ${(fs.statSync(VSIX).size / 1024).toFixed(0)} KiB)`);
  for (const [n, max] of Object.entries(MAIN_BUNDLE_BUDGET)) console.log(`    ${n}: ${sizes.get(n) ?? '?'} bytes (budget ${max})`);
  for (const n of LAZY_BUNDLES) console.log(`    ${n}: ${sizes.get(n) ?? '?'} bytes (loaded on first use)`);
  if (stray.length) console.log(`    unexpected: ${stray.join(', ')}`);
  if (missing.length) console.log(`    missing: ${missing.join(', ')}`);
  if (overBudget.length) console.log(`    over budget: ${overBudget.map(([n]) => n).join(', ')}`);
  results.push({ name: 'vsix contents', passed: ok ? 1 : 0, failed: ok ? 0 : 1, ms: Date.now() - t0 });
}

// --- style A through @vscode/test-electron ---------------------------------------------------
// @vscode/test-electron 2.5 (its newest release that supports node 20) writes the editor's output
// straight to this process's stdout and stderr: on a roomy machine that runs the suites in
// parallel, their lines interleave (each line of the in-editor reporter starts with [mocha]).
async function runSuite(suite, { env = {}, extensionPath = root, testsPath = path.join(root, 'out/test/e2e', suite) }) {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), `cs-ws-${suite}-`));
  fs.cpSync(path.join(root, 'test/fixtures/e2e-workspace'), workspace, { recursive: true });
  const resultFile = path.join(workspace, '..', `${path.basename(workspace)}.result.json`);
  const t0 = Date.now();
  let exitCode = 0;
  try {
    await runTests({
      vscodeExecutablePath: process.env.CODE_SERVER_BIN ? WRAPPER : undefined,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: { CONNECTOR_STUDIO_E2E_RESULT: resultFile, ...env },
    });
  } catch (e) {
    exitCode = typeof e?.code === 'number' ? e.code : 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  let counts = { passed: 0, failed: 0 };
  try { counts = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { /* wrapper died early */ }
  fs.rmSync(resultFile, { force: true });
  return { exitCode, passed: counts.passed, failed: counts.failed, ms: Date.now() - t0, output: '' };
}

async function smoke() {
  const r = await runSuite('smoke', {});
  // A crash before any test reported still has to count as a failure.
  const failed = r.exitCode !== 0 && r.failed === 0 ? 1 : r.failed;
  const note = r.exitCode === 124 ? 'timed out' : r.exitCode !== 0 ? `exit ${r.exitCode}` : undefined;
  return { name: 'smoke (extension host)', passed: r.passed, failed, ms: r.ms, note, output: r.output };
}

/**
 * The bench's activation step: the activation suite alone, on a copy of the production build taken
 * right after it was built (other builds of the working tree may rewrite dist/ meanwhile); figures
 * to CONNECTOR_STUDIO_ACTIVATION_OUT.
 */
let activationCopy;
async function activation() {
  try {
    const r = await runSuite('activation', { extensionPath: activationCopy, testsPath: path.join(activationCopy, 'out/test/e2e/activation'), env: { CONNECTOR_STUDIO_ACTIVATION_OUT: process.env.CONNECTOR_STUDIO_ACTIVATION_OUT ?? '' } });
    const failed = r.exitCode !== 0 && r.failed === 0 ? 1 : r.failed;
    return { name: 'activation (production build)', passed: r.passed, failed, ms: r.ms, note: r.exitCode ? `exit ${r.exitCode}` : undefined, output: r.output };
  } finally {
    fs.rmSync(activationCopy, { recursive: true, force: true });
  }
}
/** What the extension needs at run time (as .vscodeignore ships it) plus the activation suite. */
function copyProductionBuild() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-ext-'));
  for (const f of ['package.json', 'dist', 'media', 'syntaxes', 'snippets', 'schemas', 'out/test/e2e/activation']) {
    if (fs.existsSync(path.join(root, f))) fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true, filter: (src) => !src.endsWith('.vsix') });
  }
  // The suite's bundle requires mocha (external); the extension's bundles need no node_modules.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

async function selfTest() {
  const r = await runSuite('failing', { env: { CONNECTOR_STUDIO_E2E_NO_SCREENSHOT: '1' } });
  // Expected: the suite loads, one test passes, one fails, and the process exits 1.
  const ok = r.exitCode === 1 && r.failed >= 1 && r.passed >= 1;
  const note = ok ? 'failed as expected' : `expected exit 1 with ≥1 pass and ≥1 failure, got exit ${r.exitCode}, ${r.passed} passed, ${r.failed} failed`;
  return { name: 'harness self-test (failing suite)', passed: ok ? 1 : 0, failed: ok ? 0 : 1, ms: r.ms, note, output: r.output };
}

// --- style B: playwright UI steps ------------------------------------------------------------
function ui(echo) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/ui/runUi.ts', VSIX], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (d) => { output += d; if (echo) process.stdout.write(d); };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    child.on('close', (code) => {
      process.removeListener('SIGINT', forward);
      const m = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
      const passed = m ? Number(m[1]) : 0;
      let failed = m ? Number(m[2]) : 0;
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ name: 'UI (playwright, VSIX installed)', passed, failed, ms: Date.now() - t0, note: code ? `exit ${code}` : undefined, output });
    });
  });
}

// Ctrl+C: each run cleans up after itself (code-server, chromium, temp dirs); then stop here.
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { interrupted = true; });

// --- main ------------------------------------------------------------------------------------
async function main() {
  ensureCodeServer();
  if (want('vsix') || want('ui')) {
    if (!args.includes('--skip-package') || !fs.existsSync(VSIX)) npmRun('package');
    if (want('vsix')) checkVsix();
  }
  if (want('smoke') || want('selftest')) npmRun('build'); // dev build: source maps, plus out/test/e2e/*
  if (wantNamed('activation')) {
    if (want('smoke') || want('selftest')) throw new Error('--only activation runs alone (it needs the production build)');
    const b = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--tests'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('node esbuild.mjs --production --tests failed');
    activationCopy = copyProductionBuild();
  }

  const jobs = [];
  if (want('smoke')) jobs.push(smoke);
  if (want('selftest')) jobs.push(selfTest);
  if (wantNamed('activation')) jobs.push(activation);
  if (want('ui')) jobs.push(ui);
  // Each run takes about 1 GB and keeps a core busy: in parallel only on roomy machines.
  const parallel = process.env.E2E_PARALLEL === '1' ||
    (process.env.E2E_PARALLEL !== '0' && os.cpus().length >= 4 && os.freemem() > 6 * 2 ** 30);
  console.log(`[e2e] ${jobs.length} runs, ${parallel ? 'in parallel' : 'one after another'} (${os.cpus().length} cores)`);
  const report = (r) => {
    if (parallel) process.stdout.write(`\n--- ${r.name} ---\n${r.output}`);
    console.log(`[e2e] ${r.name}: ${r.passed} passed, ${r.failed} failed in ${secs(r.ms)}${r.note ? ` (${r.note})` : ''}`);
    results.push(r);
  };
  if (parallel) (await Promise.all(jobs.map((j) => j(false)))).forEach(report);
  else {
    for (const j of jobs) {
      if (interrupted) break;
      console.log(`\n[e2e] === ${j.name} ===`);
      report(await j(true));
    }
  }
  if (interrupted) console.log('[e2e] interrupted');

  console.log('\n[e2e] summary');
  for (const r of results) console.log(`  ${r.failed ? '✗' : '✔'} ${r.name.padEnd(36)} ${String(r.passed).padStart(3)} passed ${String(r.failed).padStart(3)} failed  ${secs(r.ms).padStart(7)}${r.note ? `  ${r.note}` : ''}`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`[e2e] total ${secs(Date.now() - tStart)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return interrupted ? 130 : failed || !passed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`[e2e] ${e?.stack ?? e}`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0) + 1;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
});
