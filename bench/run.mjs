// `npm run bench`: runs the TypeScript bench (bench/main.ts) through tsx in a fresh node process.
// Writes bench/results.json and bench/results.md. Needs `npm run build` (dist/) first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const f of ['dist/cli.js', 'dist/server/server.js']) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`bench: ${f} is missing; run \`npm run build\` first.`);
    process.exit(2);
  }
}
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
