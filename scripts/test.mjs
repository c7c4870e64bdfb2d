// `npm test`: everything CI runs, from a fresh clone. Uses only node builtins, because it may run
// before node_modules exists.
//   1. `npm ci` when node_modules is missing or older than package-lock.json
//   2. bash scripts/install-code-server.sh (when the unit or e2e tier runs: the unit tier's grammar
//      test reads VS Code's JSON/YAML grammars from code-server; idempotent)
//   3. npm run build, npm run typecheck
//   4. tiers in order: unit, lsp, e2e
// Prints each step's wall time, a summary, and last a single line `N passed, N failed` (tests of
// all tiers; a failed build/type check or a tier that crashed without counts adds one failure).
// Exit code 1 if anything failed.   Subset: npm test -- --tier unit,lsp
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanNpmEnv, installCodeServer, needsInstall } from './setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const ALL_TIERS = ['unit', 'lsp', 'e2e'];
const tiers = parseTiers(process.argv.slice(2));
const started = Date.now();
/** @type {{ name: string, ok: boolean, ms: number, passed?: number, failed?: number, pending?: number, note?: string }[]} */
const steps = [];

function parseTiers(args) {
  const i = args.findIndex((a) => a === '--tier' || a.startsWith('--tier='));
  if (i < 0) return ALL_TIERS;
  const value = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
  const picked = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = picked.filter((t) => !ALL_TIERS.includes(t));
  if (!picked.length || unknown.length) {
    console.error(`usage: npm test -- [--tier ${ALL_TIERS.join(',')}]${unknown.length ? `  (unknown: ${unknown.join(', ')})` : ''}`);
    process.exit(2);
  }
  return ALL_TIERS.filter((t) => picked.includes(t)); // always in the canonical order
}

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const banner = (text) => console.log(`\n\x1b[1m=== ${text} ===\x1b[0m`);

/** Runs a command with inherited stdin, echoing and keeping its output. */
function run(cmd, args, { env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], env: env ?? process.env });
    current = child;
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('error', (e) => { out += String(e); resolve({ code: 127, out }); });
    child.on('close', (code, signal) => { current = undefined; resolve({ code: code ?? (signal ? 128 : 1), out }); });
  });
}

async function step(name, cmd, args, opts) {
  banner(name);
  const t0 = Date.now();
  const r = await run(cmd, args, opts);
  const s = { name, ok: r.code === 0, ms: Date.now() - t0, note: r.code ? `exit ${r.code}` : undefined };
  steps.push(s);
  console.log(`[test] ${name}: ${s.ok ? 'ok' : 'FAILED'} in ${secs(s.ms)}`);
  return { ...s, out: r.out };
}

/** Counts from mocha's "N passing / N failing / N pending", or for e2e its own last "N passed, N failed". */
function counts(tier, out) {
  const text = out.replace(/\x1b\[[0-9;]*m/g, ''); // colour codes
  if (tier === 'e2e') {
    const own = [...text.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
    return own ? { passed: Number(own[1]), failed: Number(own[2]), pending: 0 } : { passed: 0, failed: 0, pending: 0 };
  }
  const num = (re) => { const m = [...text.matchAll(re)].pop(); return m ? Number(m[1]) : 0; };
  return { passed: num(/^\s*(\d+) passing\b/gm), failed: num(/^\s*(\d+) failing\b/gm), pending: num(/^\s*(\d+) pending\b/gm) };
}

async function main() {
  console.log(`[test] node ${process.version}, tiers: ${tiers.join(', ')}`);

  const why = needsInstall(root);
  if (why) {
    const s = await step(`npm ci (${why})`, 'npm', ['ci', '--no-audit', '--no-fund'], { env: cleanNpmEnv() });
    if (!s.ok) return finish();
  }

  if (tiers.includes('e2e') || tiers.includes('unit')) {
    banner('install code-server + chromium (skipped when present)');
    const t0 = Date.now();
    const ok = installCodeServer(root);
    steps.push({ name: 'install code-server', ok, ms: Date.now() - t0, note: ok ? undefined : 'scripts/install-code-server.sh failed' });
    console.log(`[test] install code-server: ${ok ? 'ok' : 'FAILED'} in ${secs(Date.now() - t0)}`);
  }

  const build = await step('build', 'npm', ['run', '--silent', 'build']);
  if (!build.ok || interrupted) return finish(); // every tier but unit needs the bundles; stop early and say so
  await step('typecheck', 'npm', ['run', '--silent', 'typecheck']);

  for (const tier of tiers) {
    if (interrupted) break;
    if (tier === 'e2e' && !steps.find((s) => s.name === 'install code-server')?.ok) {
      steps.push({ name: 'tier e2e', ok: false, ms: 0, passed: 0, failed: 1, note: 'code-server is not installed' });
      continue;
    }
    const s = await step(`tier ${tier}`, 'npm', ['run', '--silent', `test:${tier}`]);
    const c = counts(tier, s.out);
    const last = steps[steps.length - 1];
    Object.assign(last, c);
    // A tier that failed without reporting a failing test (crash, load error) still counts once.
    if (!s.ok && c.failed === 0) last.failed = 1;
    if (s.ok && c.passed === 0) { last.ok = false; last.failed = 1; last.note = 'no tests ran'; }
  }
  return finish();
}

function finish() {
  banner(interrupted ? 'summary (interrupted)' : 'summary');
  for (const s of steps) {
    const tests = s.passed !== undefined ? `${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(3)} failed${s.pending ? ` ${s.pending} pending` : ''}` : ''.padEnd(22);
    console.log(`  ${s.ok ? '✔' : '✗'} ${s.name.padEnd(34)} ${secs(s.ms).padStart(8)}  ${tests}${s.note ? `  (${s.note})` : ''}`);
  }
  const passed = steps.reduce((n, s) => n + (s.passed ?? 0), 0);
  // Non-test steps (npm ci, build, typecheck, install) count as one failure each when they fail.
  const failed = steps.reduce((n, s) => n + (s.passed !== undefined ? s.failed ?? 0 : s.ok ? 0 : 1), 0);
  console.log(`  total ${secs(Date.now() - started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && steps.every((s) => s.ok) ? 0 : 1;
}

// Ctrl+C or a CI cancel: pass it to the running step (which cleans up after itself), run no
// further step, then print the summary. A second signal exits at once.
let interrupted = false;
/** @type {import('node:child_process').ChildProcess | undefined} */
let current;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    current?.kill(sig);
  });
}

main().then((code) => process.exit(interrupted ? 130 : code), (e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
