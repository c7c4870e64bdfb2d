// The bench's activation step (issue 18, item 5): the extension in a real VS Code (code-server,
// headless, through `node scripts/test-e2e.mjs --only activation`: production build, the suite
// test/e2e/suites/activation alone). It fails loudly: a missing code-server, a failed run or an
// activation over budget exits 1. Writes the activation section of bench/results.md.
// `npm run bench` runs it after the other steps (`--no-activation` leaves it out, said in the output);
// `npm run bench -- --only activation` runs it alone.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function runActivationBench() {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cs-activation-')), 'activation.json');
  const started = Date.now();
  const r = spawnSync(process.execPath, ['scripts/test-e2e.mjs', '--only', 'activation'], { cwd: root, stdio: 'inherit', env: { ...process.env, CONNECTOR_STUDIO_ACTIVATION_OUT: out } });
  const figures = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : undefined;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  if (r.status !== 0 || !figures?.addedCpuMs) {
    console.error(`\n*** bench: the activation step FAILED (exit ${r.status}${figures ? '' : ', no figures written'}). See the output above (it needs code-server: scripts/install-code-server.sh). ***\n`);
    return 1;
  }
  // Sizes of the build the run measured (reported by the suite), the main bundles first.
  const bundles = Object.keys(figures.bundles ?? {});
  bundles.sort((a, b) => Number(!/\/(extension|server)\.js$/.test(a)) - Number(!/\/(extension|server)\.js$/.test(b)) || a.localeCompare(b));
  const sizes = Object.fromEntries(bundles.map((f) => [f, figures.bundles[f]]));
  writeSection(figures, sizes, (Date.now() - started) / 1000);
  console.log(`bench: activation adds ${figures.addedCpuMs} ms of CPU, ${figures.addedMs} ms wall (bundle ${figures.bundleLoadCpuMs} / ${figures.bundleLoadMs} ms + activate() ${figures.activationCpuMs} / ${figures.activationMs} ms); language server started after ${figures.clientStartMs} ms; wrote the activation section of bench/results.md`);
  return 0;
}

const LOADED = {
  'dist/client/extension.js': 'at activation',
  'dist/client/undici.js': 'on the first request sent',
  'dist/server/server.js': 'at server start (its own process)',
  'dist/server/postman.js': 'by the server, on the first Postman import plan',
};

function writeSection(f, sizes, seconds) {
  const n = (b) => b.toLocaleString('en-US');
  const lines = [
    '<!-- activation:start -->',
    `## Bundles and activation (real VS Code: ${f.app}, headless)`,
    '',
    `Measured by \`npm run bench\` (bench/activation.mjs: production build, the suite test/e2e/suites/activation alone in code-server) on ${new Date().toISOString().slice(0, 10)} in ${seconds.toFixed(0)} s, ${os.cpus().length} shared cores. The VSIX sizes are checked by \`scripts/test-e2e.mjs\` ('vsix contents': client ≤ 500 KB, server ≤ 1 MB).`,
    '',
    '| Bundle | Minified bytes | Loaded |',
    '| --- | ---: | --- |',
    ...Object.entries(sizes).map(([file, bytes]) => `| ${file} | ${n(bytes)} | ${LOADED[file] ?? (file.startsWith('dist/client/') ? 'on first use of the feature (client/src/features.ts)' : 'by the server, on first use')} |`),
    '',
    `The budget (activation adds ≤ 50 ms) is checked on CPU time of the extension host process; wall times are shown beside it (load average ${f.loadAverage.join(' / ')} on ${f.cores} cores during the run: wall time there is mostly waiting for a core).`,
    '',
    '| Measure | CPU ms | wall ms |',
    '| --- | ---: | ---: |',
    `| \`require\` of dist/client/extension.js in the extension host (median of 9 fresh loads; wall range ${f.bundleLoadRangeMs.join('–')}) | ${f.bundleLoadCpuMs} | ${f.bundleLoadMs} |`,
    `| \`activate()\` (registers commands and stand-ins, starts the language client without waiting) | ${f.activationCpuMs} | ${f.activationMs} |`,
    `| **activation adds** (the two above; budget 50) | **${f.addedCpuMs}** | ${f.addedMs} |`,
    `| language server started, from the start of activate() (in the background) | | ${f.clientStartMs} |`,
    `| first Connections command (loads dist/client/connections.js) | | ${f.firstConnectionsCommandMs} |`,
    `| the same command again | | ${f.secondConnectionsCommandMs} |`,
    '',
    'Before issue 18 item 5: dist/client/extension.js was 1,499,027 bytes (960,578 with undici split off) and `activate()` awaited the language client\'s start (529–602 ms).',
    '<!-- activation:end -->',
  ];
  const file = path.join(root, 'bench/results.md');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const section = lines.join('\n') + '\n';
  const re = /<!-- activation:start -->[\s\S]*<!-- activation:end -->\n?/;
  fs.writeFileSync(file, re.test(previous) ? previous.replace(re, section) : `${previous.trimEnd()}\n\n${section}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(runActivationBench());
