// Style B: the first five minutes of a new user, as `npm start` sets them up. The sample's local
// API (scripts/sampleApi.mjs) runs on 127.0.0.1, the host override goes into code-server's user
// settings with the same helper as `npm start` (setting connectorStudio.testOperation.hostOverrides;
// the definition keeps its real host) and the sample folder opens. Then what
// samples/contoso-todo/readme.md tells the user: New
// Connection with the key from the readme, "▶ Test" above ListTasks, Send, a real 200 checked
// against the schema. A wrong key (Edit Connection) must show the API's 401 in the same panel.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SAMPLE_API_KEY, SAMPLE_FOLDER, startSampleApi, writeHostOverride, type SampleApi } from '../../../scripts/sampleApi.mjs';
import { folderUrl } from '../codeServer';
import type { UiOpen, UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, QUICK_TITLE, TREE_ROW, answerInput, quickPick, toast, webviewFrame } from './workbench';

const CONNECTION = 'My Contoso Todo';
let api: SampleApi | undefined;
let dir: string | undefined;
let settingsFile: string | undefined;

/** The key the sample readme tells the user to type; it must be the one the local API accepts. */
function keyFromReadme(): string {
  const readme = fs.readFileSync(path.join(SAMPLE_FOLDER, 'readme.md'), 'utf8');
  const m = /API Key[^`\n]*`([^`\n]+)`/.exec(readme);
  if (!m) throw new Error('samples/contoso-todo/readme.md does not give the local API key as `...` after "API Key"');
  if (m[1] !== SAMPLE_API_KEY) throw new Error(`the readme says ${m[1]}, the local API accepts ${SAMPLE_API_KEY}`);
  return m[1];
}

/**
 * What `npm start` does before the browser opens: the sample API on a free port, the host
 * override in code-server's user settings, and the sample folder (here a copy, so the test cannot
 * change the repo) as the page's first load, as for a user opening the printed URL.
 */
export const openUrl: UiOpen = async ({ baseUrl, userSettings }) => {
  api = await startSampleApi();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-sample-ui-'));
  const folder = path.join(dir, 'contoso-todo');
  fs.cpSync(SAMPLE_FOLDER, folder, { recursive: true });
  settingsFile = userSettings;
  if (!writeHostOverride(userSettings, { apiUrl: api.url, folder }).written) throw new Error(`could not write the host override into ${userSettings}`);
  return folderUrl(baseUrl, folder);
};

function listTasksPanel(page: Page) {
  return webviewFrame(page, '#operation-id', 'ListTasks');
}

export const steps: UiStep[] = [
  {
    name: 'first run: the sample API runs, the host override is set, the sample opens; the Connections view lists contoso-todo',
    async run({ page }) {
      if (!api || !dir) throw new Error('openUrl did not start the sample API');
      const host = (JSON.parse(fs.readFileSync(path.join(dir, 'contoso-todo', 'apiDefinition.swagger.json'), 'utf8')) as { host: string }).host;
      if (host !== 'api.todo.contoso.com') throw new Error(`the sample's host is ${host}: the override must not need an edit`);
      if (!page.url().includes('contoso-todo')) throw new Error(`the page did not open the sample: ${page.url()}`);
      await quickPick(page, 'F1', '>Connector Studio: Focus on Connections View', 'Focus on Connections View');
      await page.locator(TREE_ROW, { hasText: 'contoso-todo' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: 'first run: New Connection ("+" on contoso-todo) with the API key from the sample readme',
    async run({ page }) {
      const key = keyFromReadme();
      const connector = page.locator(TREE_ROW, { hasText: 'contoso-todo' }).first();
      await connector.hover();
      await connector.locator('.actions .action-label[aria-label^="New Connection"]').click();
      await answerInput(page, 'New connection for contoso-todo', CONNECTION);
      await page.locator(QUICK_TITLE, { hasText: `${CONNECTION}: API Key` }).first().waitFor({ state: 'visible' });
      if ((await page.locator(QUICK_INPUT).getAttribute('type')) !== 'password') throw new Error('the API key is not asked in a password box');
      await answerInput(page, `${CONNECTION}: API Key`, key);
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
      await toast(page, `Created connection "${CONNECTION}"`);
    },
  },
  {
    name: 'first run: "▶ Test" above ListTasks, Send: a real 200 from the local API, checked against the schema',
    async run({ page }) {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await quickPick(page, 'Control+P', 'apiDefinition.swagger.json', 'apiDefinition.swagger.json');
      await page.locator('.tabs-container .tab.active', { hasText: 'apiDefinition.swagger.json' }).waitFor();
      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: '▶ Test' }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      await lens.click();
      const frame = await listTasksPanel(page);
      await frame.locator('#host-override-note', { hasText: api!.url }).waitFor();
      const before = api!.requests.length;
      await frame.locator('#send').click();
      await frame.locator('#status', { hasText: '200 OK' }).waitFor();
      await frame.locator('#response-body pre', { hasText: 'Try Connector Studio on the sample' }).waitFor();
      await frame.locator('#schema-status[data-valid="true"]', { hasText: 'matches the schema of response 200' }).waitFor();
      const hits = api!.requests.slice(before);
      if (!hits.some((r) => r.method === 'GET' && r.path === '/v1/tasks' && r.status === 200)) throw new Error(`the local API saw ${JSON.stringify(hits)}`);
      const shown = await frame.locator('#request-view').innerText().catch(() => '');
      if (shown.includes(SAMPLE_API_KEY)) throw new Error('the API key is shown in the panel');
    },
  },
  {
    name: 'first run: Test Connection on the new connection also goes through the host override (200 OK)',
    async run({ page }) {
      await quickPick(page, 'F1', '>Connector Studio: Focus on Connections View', 'Focus on Connections View');
      const row = page.locator(TREE_ROW, { hasText: CONNECTION }).first();
      await row.waitFor({ state: 'visible' });
      await row.hover();
      await row.locator('.actions .action-label[aria-label^="Test Connection"]').click();
      const url = api!.url.replace(/[.]/g, '\\.');
      await toast(page, new RegExp(`Test of "${CONNECTION}" passed: GET ${url}/v1/tasks → 200 OK`));
    },
  },
  {
    name: 'first run: with a wrong key (Edit Connection) the same Send shows the API\'s 401',
    async run({ page }) {
      await page.keyboard.press('F1');
      await page.locator(QUICK_INPUT).fill('>Connector Studio: Edit Connection');
      await page.locator(QUICK_ROW, { hasText: 'Connector Studio: Edit Connection' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator(QUICK_TITLE, { hasText: 'Edit: pick a connection' }).first().waitFor({ state: 'visible' });
      // Typed and accepted with Enter, as a user does (a click waited for the list to stop moving).
      await page.locator(QUICK_INPUT).fill(CONNECTION);
      await page.locator(QUICK_ROW, { hasText: CONNECTION }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await answerInput(page, `${CONNECTION}: API Key`, 'not-the-sample-key');
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
      await toast(page, `Updated connection "${CONNECTION}"`);
      const frame = await listTasksPanel(page);
      const before = api!.requests.length;
      await frame.locator('#send').click();
      // On a loaded machine the first click into the webview right after the quick input closed
      // was seen to get lost (the panel kept the last 200, the API saw nothing): click again then.
      for (let i = 0; i < 20 && api!.requests.length === before; i++) await page.waitForTimeout(250);
      if (api!.requests.length === before) {
        console.log('    (the first Send click did not reach the API: clicking again)');
        await frame.locator('#send').click();
      }
      await frame.locator('#status', { hasText: '401 Unauthorized' }).waitFor();
      await frame.locator('#response-body', { hasText: 'The API key is not valid.' }).waitFor();
      const hits = api!.requests.slice(before);
      if (!hits.some((r) => r.path === '/v1/tasks' && r.status === 401)) throw new Error(`the local API saw ${JSON.stringify(hits)}`);
    },
  },
  {
    name: 'first run: tidy up (close editors, stop the sample API, remove the copy)',
    async run({ page }) {
      await page.keyboard.press('Escape');
      await quickPick(page, 'F1', '>View: Close All Editors', 'View: Close All Editors').catch(() => undefined);
      await api?.close();
      api = undefined;
      if (settingsFile) writeHostOverride(settingsFile, { apiUrl: undefined });
      settingsFile = undefined;
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  },
];
