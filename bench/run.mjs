// `npm run bench`: runs the TypeScript bench (bench/main.ts) through tsx in a fresh node process.
// Writes bench/results.json and bench/results.md. Needs `npm run build` (dist/) first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]?.split(',') : undefined;
// The activation step (real VS Code, bench/activation.mjs): after a full run, or alone with --only activation.
if (only?.length === 1 && only[0] === 'activation') {
  const { runActivationBench } = await import('./activation.mjs');
  process.exit(runActivationBench());
}
for (const f of ['dist/cli.js', 'dist/server/server.js']) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`bench: ${f} is missing; run \`npm run build\` first.`);
    process.exit(2);
  }
}
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/main.ts'), ...args.filter((a) => a !== '--no-activation')], { cwd: root, stdio: 'inherit' });
if (r.status !== 0 || only) process.exit(r.status ?? 1);
if (args.includes('--no-activation')) {
  console.log('bench: the activation step (real VS Code) was left out (--no-activation); its section of bench/results.md is the previous one.');
  process.exit(0);
}
const { runActivationBench } = await import('./activation.mjs');
process.exit(runActivationBench());
