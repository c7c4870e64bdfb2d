// What activation costs in a real VS Code (issue 18, item 5: "activation adds ≤ 50 ms"). Run by the
// bench (`npm run bench`, bench/activation.mjs → `node scripts/test-e2e.mjs --only activation`) on
// a production build, alone in its editor so no other test has loaded a feature yet. The figures
// go to the JSON file named by CONNECTOR_STUDIO_ACTIVATION_OUT (the bench writes bench/results.md).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'connector-studio.connector-studio';
/**
 * The budget of issue 18 item 5: loading the main bundle plus activate(). Checked on CPU time of
 * the extension host process: the machines here are shared (load averages of 10 on 2 cores are
 * common) and wall time then mostly measures waiting for a core; wall times are reported too.
 */
const ACTIVATION_BUDGET_MS = 50;

interface Services {
  activationMs?: number;
  activationCpuMs?: number;
  clientStartMs?: number;
  clientReady?: Promise<void>;
  loadedFeatures?: () => string[];
  connections: { list(): unknown[] };
}

const figures: Record<string, unknown> = {};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('activation (bench)', () => {
  let services: Services;
  let ext: vscode.Extension<Services>;

  before(async () => {
    const found = vscode.extensions.getExtension<Services>(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not installed`);
    ext = found;
    services = await ext.activate();
  });

  after(() => {
    const out = process.env.CONNECTOR_STUDIO_ACTIVATION_OUT;
    if (out) fs.writeFileSync(out, JSON.stringify({ app: `${vscode.env.appName} ${vscode.version}`, ...figures }, null, 2));
  });

  it('activate() returns without loading any feature module and without waiting for the language server', async () => {
    assert.equal(typeof services.activationMs, 'number', 'activate() must report activationMs');
    assert.deepEqual(services.loadedFeatures?.(), [], 'feature modules loaded during activation');
    assert.equal(typeof services.activationCpuMs, 'number', 'activate() must report activationCpuMs');
    figures.activationMs = services.activationMs;
    figures.activationCpuMs = Number(services.activationCpuMs!.toFixed(1));
    figures.loadAverage = os.loadavg().map((l) => Number(l.toFixed(2)));
    figures.cores = os.cpus().length;
    await services.clientReady;
    assert.equal(typeof services.clientStartMs, 'number', 'the language client never reported its start');
    figures.clientStartMs = services.clientStartMs;
  });

  it(`loading the main bundle plus activate() stays within ${ACTIVATION_BUDGET_MS} ms`, () => {
    // Fresh copies of the main bundle, loaded in this extension host: what VS Code's require costs.
    const bundle = path.join(ext.extensionPath, 'dist/client/extension.js');
    const load = createRequire(__filename);
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < 9; i++) {
      delete load.cache[bundle];
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      load(bundle);
      const c = process.cpuUsage(c0);
      walls.push(performance.now() - t0);
      cpus.push((c.user + c.system) / 1000);
    }
    const fixed = (n: number) => Number(n.toFixed(1));
    figures.bundleBytes = fs.statSync(bundle).size;
    // Sizes of the build this run measured (the bench's copy: dist/ of the working tree may change meanwhile).
    figures.bundles = Object.fromEntries(
      ['client', 'server'].flatMap((dir) => fs.readdirSync(path.join(ext.extensionPath, 'dist', dir)).filter((f) => f.endsWith('.js')).map((f) => [`dist/${dir}/${f}`, fs.statSync(path.join(ext.extensionPath, 'dist', dir, f)).size])),
    );
    figures.bundleLoadMs = fixed(median(walls));
    figures.bundleLoadRangeMs = [fixed(Math.min(...walls)), fixed(Math.max(...walls))];
    figures.bundleLoadCpuMs = fixed(median(cpus));
    assert.ok(!fs.existsSync(`${bundle}.map`), 'a development build: run the bench on a production build (node esbuild.mjs --production --tests)');
    figures.addedMs = fixed((figures.bundleLoadMs as number) + services.activationMs!);
    const added = (figures.bundleLoadCpuMs as number) + services.activationCpuMs!;
    figures.addedCpuMs = fixed(added);
    assert.ok(added <= ACTIVATION_BUDGET_MS, `activation adds ${added.toFixed(1)} ms of CPU (bundle ${figures.bundleLoadCpuMs} ms + activate() ${figures.activationCpuMs} ms; wall ${figures.addedMs} ms), over the ${ACTIVATION_BUDGET_MS} ms budget`);
  });

  it('a feature loads on first use: its command works and the feature is then loaded', async () => {
    const t0 = performance.now();
    await vscode.commands.executeCommand('connectorStudio.refreshConnections');
    figures.firstConnectionsCommandMs = Number((performance.now() - t0).toFixed(1));
    assert.deepEqual(services.loadedFeatures?.(), ['connections']);
    assert.ok(Array.isArray(services.connections.list()));
    const t1 = performance.now();
    await vscode.commands.executeCommand('connectorStudio.refreshConnections');
    figures.secondConnectionsCommandMs = Number((performance.now() - t1).toFixed(1));
  });
});
