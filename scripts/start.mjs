// `npm start`: try the extension on samples/contoso-todo.
//   - installs what is missing (npm ci), builds and packages dist/connector-studio.vsix;
//   - desktop VS Code (`code` on PATH): installs the VSIX into it and opens the sample;
//   - otherwise: code-server on 127.0.0.1 (no auth, own dirs under ~/.cache/connector-studio/start),
//     VSIX installed, URL printed and opened in a browser when there is a display.
//     Ctrl+C stops everything it started.
//   - both: the sample's local API (scripts/sampleApi.mjs) on 127.0.0.1, a free port, and the
//     setting connectorStudio.testOperation.hostOverrides sending the definition's host there:
//     in code-server's own user settings (state dir), or for desktop VS Code in a generated
//     .code-workspace (state dir) that it opens. Nothing in the repo or the definition is edited.
//     The API key to type into New Connection is printed.
//     (code-server opens the folder, not a .code-workspace: in code-server 4.139 the extension
//     host sometimes starts with no workspace folders for a workspace file, and then the
//     Connections view stays empty.)
// Options:
//   --no-open          print the URL only (also when CI is set or there is no display)
//   --port N           port for code-server (default 3517, or CONNECTOR_STUDIO_PORT; a free one if taken)
//   --code-server      use code-server even when desktop `code` is on PATH
//   --exit-when-ready  start, check the workbench and the sample API answer, stop, exit 0 (a CI smoke check)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanNpmEnv, installCodeServer, needsInstall } from './setup.mjs';
import { HOST_OVERRIDES_SETTING, howToConnect, startSampleApi, writeHostOverride, writeSampleWorkspace } from './sampleApi.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const optValue = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };

const SAMPLE = path.join(root, 'samples/contoso-todo');
const VSIX = path.join(root, 'dist/connector-studio.vsix');
const CACHE = process.env.CONNECTOR_STUDIO_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'connector-studio');
const STATE = path.join(CACHE, 'start');
const exitWhenReady = flag('--exit-when-ready');
const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin';
const open = !flag('--no-open') && !process.env.CI && !exitWhenReady && hasDisplay;

const log = (msg) => console.log(`[start] ${msg}`);

function sh(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${r.status ?? r.signal})`);
  return r;
}

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function anyFreePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function pickPort() {
  const wanted = Number(optValue('--port') ?? process.env.CONNECTOR_STUDIO_PORT ?? 3517);
  if (await portFree(wanted)) return wanted;
  const port = await anyFreePort();
  log(`port ${wanted} is taken, using ${port}`);
  return port;
}

/** The sample's local API (see the header); the host override is written by each mode. */
async function startSample() {
  const api = await startSampleApi();
  console.log(`\n${howToConnect(api)}\n`);
  return { api };
}

function startDesktop(code, sample) {
  log(`desktop VS Code found (${code}): installing the VSIX and opening the sample`);
  sh(code, ['--install-extension', VSIX, '--force']);
  // Desktop: the user's own settings stay untouched; the override lives in a generated workspace file.
  const { file } = writeSampleWorkspace({ file: path.join(STATE, 'contoso-todo.code-workspace'), apiUrl: sample.api.url, folder: SAMPLE });
  sh(code, [file]);
  log('done. Reload the window if VS Code was already open ("Developer: Reload Window").');
  log('the sample API keeps running for the Test panel: press Ctrl+C to stop it');
  const stop = (exitCode) => { log('stopping the sample API'); void sample.api.close().finally(() => process.exit(exitCode)); };
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  process.on('SIGHUP', () => stop(129));
}

/** GET ListTasks with the printed key must answer 200, and without it 401 (the --exit-when-ready check). */
async function checkSampleApi(api) {
  const url = `${api.url}/v1/tasks`;
  const withKey = await fetch(url, { headers: { 'X-API-Key': api.apiKey } });
  const body = await withKey.json().catch(() => undefined);
  const without = await fetch(url);
  const ok = withKey.status === 200 && Array.isArray(body?.value) && without.status === 401;
  log(`sample API answered ${withKey.status} with the key (${body?.value?.length ?? 0} tasks), ${without.status} without${ok ? '' : ' (unexpected)'}`);
  return ok;
}

/** Adds quiet defaults that are not set yet; the user's own changes in the editor are kept. */
function ensureSettings(file) {
  const defaults = {
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // The sample lives inside this repo: do not ask to open the parent git repository.
    'git.openRepositoryInParentFolders': 'never',
  };
  let current = {};
  try { current = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) {
    if (fs.existsSync(file)) return; // has comments or is broken: it is the user's file, leave it
  }
  const merged = { ...defaults, ...current };
  if (Object.keys(merged).length !== Object.keys(current).length) fs.writeFileSync(file, JSON.stringify(merged, null, 2));
}

async function startCodeServer(sample) {
  if (!installCodeServer(root)) throw new Error('scripts/install-code-server.sh failed');
  const bin = process.env.CODE_SERVER_BIN;
  const dirs = { userData: path.join(STATE, 'user-data'), extensions: path.join(STATE, 'extensions'), xdg: path.join(STATE, 'xdg') };
  for (const d of [path.join(dirs.userData, 'User'), dirs.extensions, path.join(dirs.xdg, 'config'), path.join(dirs.xdg, 'data')]) fs.mkdirSync(d, { recursive: true });
  const settingsFile = path.join(dirs.userData, 'User/settings.json');
  ensureSettings(settingsFile);
  // The sample's host -> this run's sample API (the port changes per run; other entries are kept).
  const { written, host } = writeHostOverride(settingsFile, { apiUrl: sample.api.url, folder: SAMPLE });
  if (!written) log(`${settingsFile} is not plain JSON: add "${HOST_OVERRIDES_SETTING}": { "${host}": "${sample.api.url}" } yourself`);
  // code-server writes its config.yaml and logs under XDG dirs: keep those out of the real HOME.
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'), XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    PATH: `${process.env.CODE_SERVER_NODE_BIN}${path.delimiter}${process.env.PATH}` };
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--disable-telemetry', '--disable-update-check'];

  log('installing the VSIX into code-server');
  sh(bin, [...common, '--install-extension', VSIX, '--force'], { env, stdio: ['ignore', 'ignore', 'inherit'] });

  const port = await pickPort();
  const child = spawn(bin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', '--disable-getting-started-override', ...common],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }); // own process group: one kill ends it all
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping the sample API and code-server');
    void sample.api.close();
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    if (child.exitCode !== null || child.signalCode !== null) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      process.exit(code);
    }
    const force = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } process.exit(code); }, 5000);
    child.once('exit', () => {
      setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* stragglers gone */ } clearTimeout(force); process.exit(code); }, 200);
    });
  };
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  process.on('SIGHUP', () => stop(129));

  const logFile = path.join(STATE, 'code-server.log');
  const logStream = fs.createWriteStream(logFile);
  let out = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (d) => {
      logStream.write(d);
      if (out.length < 100_000) out += d;
      if (/HTTP server listening on/.test(out)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => { if (!stopping) reject(new Error(`code-server exited (${code ?? signal}); log: ${logFile}\n${out.slice(-2000)}`)); });
  });
  const timeout = setTimeout(() => { log(`code-server did not start in 60 s (log: ${logFile})`); stop(1); }, 60_000);
  await ready;
  clearTimeout(timeout);

  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(SAMPLE).replaceAll('%2F', '/')}`;
  console.log(`\nConnector Studio is running in code-server with samples/contoso-todo:\n\n  ${url}\n`);
  log(`code-server log: ${logFile}`);

  if (exitWhenReady) {
    const res = await fetch(url);
    const html = await res.text();
    const ok = res.ok && html.includes('vscode');
    log(`workbench answered ${res.status}${ok ? '' : ' (unexpected page)'}`);
    const apiOk = await checkSampleApi(sample.api).catch((e) => { log(`sample API: ${e.message}`); return false; });
    stop(ok && apiOk ? 0 : 1);
    return;
  }
  if (open) {
    const opener = process.platform === 'darwin' ? 'open' : onPath('xdg-open');
    if (opener) spawn(opener, [url], { stdio: 'ignore', detached: true }).unref();
  } else if (!hasDisplay) {
    log('no display here: open the URL above in a browser (forward the port if this is a remote machine)');
  }
  log('press Ctrl+C to stop');
  child.once('exit', (code) => { if (!stopping) { log(`code-server exited (${code})`); process.exit(code ?? 1); } });
}

async function main() {
  const why = needsInstall(root);
  if (why) { log(`npm ci (${why})`); sh('npm', ['ci', '--no-audit', '--no-fund'], { env: cleanNpmEnv() }); }
  log('building and packaging the extension');
  sh('npm', ['run', '--silent', 'package'], { stdio: ['inherit', 'ignore', 'inherit'] });
  log(`packaged ${path.relative(root, VSIX)}`);

  const sample = await startSample();
  const code = onPath('code');
  // A `code` that is code-server's own remote CLI would not be a desktop: only trust it outside CI.
  if (code && !flag('--code-server') && !exitWhenReady && !process.env.CI) return startDesktop(code, sample);
  await startCodeServer(sample);
}

main().catch((e) => {
  console.error(`[start] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
