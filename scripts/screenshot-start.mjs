// Proves `npm start` end to end and refreshes docs/screenshots/npm-start.png: runs
// scripts/start.mjs (code-server mode, no browser), opens the printed URL in headless chromium,
// waits until the extension shows (activity-bar container, connector tree, an open definition),
// takes the screenshot, then sends Ctrl+C (SIGINT) and checks that the server is gone.
import { spawn, execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shot = path.join(root, 'docs/screenshots/npm-start.png');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-start-shot-'));
const env = { ...process.env };
delete env.CI;

const start = spawn(process.execPath, ['scripts/start.mjs', '--no-open', '--code-server'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no URL from npm start in 120 s:\n${out}`)), 120_000);
  start.stdout.on('data', (d) => {
    out += d;
    process.stdout.write(d);
    const m = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?(?:folder|workspace)=\S+)$/m.exec(out);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  start.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing a URL`)));
});

let failed = false;
const browser = await chromium.launch({
  headless: true,
  executablePath: execSync('command -v chromium', { encoding: 'utf8' }).trim(),
  env: { ...process.env, HOME: tmp, XDG_CONFIG_HOME: `${tmp}/.config`, XDG_CACHE_HOME: `${tmp}/.cache` },
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.setDefaultTimeout(30_000);
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor();
  const icon = page.locator('.activitybar .action-item a[aria-label^="Connector Studio"]');
  await icon.waitFor();
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').fill('apiDefinition.swagger.json');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'apiDefinition.swagger.json' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'Contoso Todo' }).first().waitFor();
  await icon.click();
  // The connector tree fills once the extension is active and has read the folder.
  const connector = page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: 'contoso-todo' }).first();
  await connector.waitFor();
  if ((await connector.getAttribute('aria-expanded')) === 'false') await connector.click();
  await page.mouse.move(900, 500); // no hover tooltip in the picture
  await page.waitForTimeout(1500); // let the tree and editor decorations settle
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  await page.screenshot({ path: shot });
  console.log(`[shot] saved ${path.relative(root, shot)}`);
} catch (e) {
  failed = true;
  console.error('[shot] failed:', e);
  await browser.contexts()[0]?.pages()[0]?.screenshot({ path: path.join(tmp, 'failure.png') }).catch(() => undefined);
} finally {
  await browser.close();
}

// Ctrl+C as a user would press it: start.mjs must stop code-server and exit.
const port = Number(new URL(url).port);
start.kill('SIGINT');
const code = await new Promise((r) => start.once('exit', (c, s) => r(c ?? s)));
const stillListening = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false);
console.log(`[shot] npm start exited with ${code} after SIGINT; port ${port} ${stillListening ? 'STILL ANSWERS' : 'closed'}`);
// The sample's local API must be gone too.
const apiUrl = /Sample API for samples\/contoso-todo: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
const apiStill = apiUrl ? await fetch(`${apiUrl}/v1/tasks`).then(() => true, () => false) : true;
console.log(`[shot] sample API ${apiUrl ?? '(no URL printed)'} ${apiStill ? 'STILL ANSWERS (or missing)' : 'closed'}`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(failed || stillListening || apiStill ? 1 : 0);
