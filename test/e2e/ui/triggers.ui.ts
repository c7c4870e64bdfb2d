// Style B: trigger testing as a user does it (issue 23). The sample's local API
// (scripts/sampleApi.mjs) runs on 127.0.0.1 with the host override in code-server's user settings,
// as `npm start` sets it; the sample opens; the user makes a connection with the key from the
// readme. Polling: Test Operation on OnNewTasks, "Start polling": the API answers 202 with
// Location and Retry-After; two tasks are created; the next poll fires two items, each checked
// against the schema; "Stop polling" stops it. Webhook: Test Operation on OnTaskCreated,
// "Subscribe": the receiver's URL (through vscode.env.asExternalUri) goes to the API, which
// records the subscription; a created task makes the API call back; the notification shows and
// passes the x-ms-notification-content check; "Unsubscribe" sends DELETE to the Location and the
// API records it; closing the panel while subscribed sends the DELETE as well. With CS_SCREENSHOT_DIR set, both panels are saved there (README screenshots).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SAMPLE_API_KEY, SAMPLE_FOLDER, startSampleApi, writeHostOverride, type SampleApi } from '../../../scripts/sampleApi.mjs';
import { folderUrl } from '../codeServer';
import type { UiOpen, UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, QUICK_TITLE, TREE_ROW, answerInput, quickPick, toast, webviewFrame } from './workbench';

const CONNECTION = 'Contoso triggers';
let api: SampleApi | undefined;
let dir: string | undefined;
let settingsFile: string | undefined;

export const openUrl: UiOpen = async ({ baseUrl, userSettings }) => {
  api = await startSampleApi();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-triggers-ui-'));
  const folder = path.join(dir, 'contoso-todo');
  fs.cpSync(SAMPLE_FOLDER, folder, { recursive: true });
  settingsFile = userSettings;
  if (!writeHostOverride(userSettings, { apiUrl: api.url, folder }).written) throw new Error(`could not write the host override into ${userSettings}`);
  return folderUrl(baseUrl, folder);
};

async function createTask(title: string): Promise<void> {
  const res = await fetch(`${api!.url}/v1/tasks`, { method: 'POST', headers: { 'X-API-Key': SAMPLE_API_KEY, 'Content-Type': 'application/json' }, body: JSON.stringify({ title }) });
  if (res.status !== 200) throw new Error(`creating a task answered ${res.status}`);
}

/** Connector Studio: Test Operation from the palette, on the open definition, picking `operationId`. */
async function openTest(page: Page, operationId: string) {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
  await quickPick(page, 'Control+P', 'apiDefinition.swagger.json', 'apiDefinition.swagger.json');
  await page.locator('.tabs-container .tab.active', { hasText: 'apiDefinition.swagger.json' }).waitFor();
  await page.keyboard.press('F1');
  await page.locator(QUICK_INPUT).fill('>Connector Studio: Test Operation');
  await page.locator(QUICK_ROW, { hasText: 'Connector Studio: Test Operation' }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator(QUICK_TITLE, { hasText: 'Test Operation' }).first().waitFor({ state: 'visible' });
  await page.locator(QUICK_INPUT).fill(operationId);
  await page.locator(QUICK_ROW, { hasText: operationId }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  return webviewFrame(page, '#operation-id', operationId, 30_000);
}

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.CS_SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.CS_SCREENSHOT_DIR, name) });
}

const polls = () => api!.requests.filter((r) => r.path === '/v1/triggers/tasks');

export const steps: UiStep[] = [
  {
    name: 'triggers: the sample opens; New Connection on contoso-todo with the sample key',
    async run({ page }) {
      if (!api || !dir) throw new Error('openUrl did not start the sample API');
      await quickPick(page, 'F1', '>Connector Studio: Focus on Connections View', 'Focus on Connections View');
      const connector = page.locator(TREE_ROW, { hasText: 'contoso-todo' }).first();
      await connector.waitFor({ state: 'visible', timeout: 30_000 });
      await connector.hover();
      await connector.locator('.actions .action-label[aria-label^="New Connection"]').click();
      await answerInput(page, 'New connection for contoso-todo', CONNECTION);
      await page.locator(QUICK_TITLE, { hasText: `${CONNECTION}: API Key` }).first().waitFor({ state: 'visible' });
      await answerInput(page, `${CONNECTION}: API Key`, SAMPLE_API_KEY);
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
      await toast(page, `Created connection "${CONNECTION}"`);
    },
  },
  {
    name: 'triggers: Start polling on OnNewTasks: 202 with Location and Retry-After, no items',
    async run({ page }) {
      const frame = await openTest(page, 'OnNewTasks');
      await frame.locator('#trigger h3', { hasText: 'Polling trigger (batch)' }).waitFor();
      if (await frame.locator('#trigger-findings').count()) throw new Error(`the sample trigger has findings: ${await frame.locator('#trigger-findings').innerText()}`);
      await frame.locator('#start-polling').click();
      const first = frame.locator('#poll-timeline li.poll-step[data-n="1"]');
      await first.waitFor({ timeout: 20_000 });
      const text = await first.innerText();
      if (!/202 Accepted/.test(text) || !/no new items/.test(text) || !/next in 1 s/.test(text) || !/next: http:\/\/127\.0\.0\.1:\d+\/v1\/triggers\/tasks\?after=\d+/.test(text)) throw new Error(`first poll: ${text}`);
      if (!polls().some((r) => r.method === 'GET' && r.status === 202)) throw new Error(`the API saw ${JSON.stringify(polls())}`);
    },
  },
  {
    name: 'triggers: two tasks are created; the next poll fires two items, each matching the schema; Stop polling stops',
    async run({ page }) {
      const frame = await webviewFrame(page, '#operation-id', 'OnNewTasks');
      await createTask('Polled task one');
      await createTask('Polled task two');
      const fired = frame.locator('#poll-timeline li.poll-step[data-outcome="fired"]').first();
      await fired.waitFor({ timeout: 20_000 });
      await fired.locator('.poll-what', { hasText: '2 item(s) fired' }).waitFor();
      const valid = fired.locator('li.fired-item[data-valid="true"]');
      if ((await valid.count()) !== 2) throw new Error(`valid items: ${await valid.count()} of ${await fired.locator('li.fired-item').count()}`);
      await valid.nth(0).locator('pre', { hasText: 'Polled task one' }).waitFor();
      await valid.nth(1).locator('pre', { hasText: 'Polled task two' }).waitFor();
      await frame.locator('#poll-summary[data-fired="2"]').waitFor();
      if (!polls().some((r) => r.status === 200)) throw new Error(`the API saw ${JSON.stringify(polls())}`);
      // The run is in the history like other runs, without the key.
      await frame.locator('#history li', { hasText: '2 item(s) fired' }).first().waitFor();
      if ((await frame.locator('body').innerText()).includes(SAMPLE_API_KEY)) throw new Error('the API key is shown in the panel');
      await shot(page, 'trigger-polling.png');
      await frame.locator('#stop-polling').click();
      await frame.locator('#polling-state[data-running="false"]').waitFor();
      const count = polls().length;
      await page.waitForTimeout(2500);
      if (polls().length !== count) throw new Error(`polls went on after Stop: ${count} -> ${polls().length}`);
    },
  },
  {
    name: 'triggers: Subscribe on OnTaskCreated: the receiver URL goes to the API, which records the subscription (Location)',
    async run({ page }) {
      const frame = await openTest(page, 'OnTaskCreated');
      await frame.locator('#trigger h3', { hasText: 'Webhook trigger (single)' }).waitFor();
      if (await frame.locator('#trigger-findings').count()) throw new Error(`the sample trigger has findings: ${await frame.locator('#trigger-findings').innerText()}`);
      await frame.locator('#subscribe').click();
      await frame.locator('#subscription-state[data-state="subscribed"]').waitFor({ timeout: 20_000 });
      if (api!.hooks.size !== 1) throw new Error(`the API has ${api!.hooks.size} subscriptions`);
      console.log(`    (notification URL given to the API: ${[...api!.hooks.values()][0].replace(/[0-9a-f]{32}/, '<token>')})`);
      await frame.locator('#subscription-details', { hasText: /\/v1\/hooks\/h-\d+/ }).waitFor();
    },
  },
  {
    name: 'triggers: a created task is notified; it arrives and passes the x-ms-notification-content check',
    async run({ page }) {
      const frame = await webviewFrame(page, '#operation-id', 'OnTaskCreated');
      const before = api!.deliveries.length;
      await createTask('Pushed by the webhook');
      const note = frame.locator('#notifications li.notification[data-valid="true"]', { hasText: 'Pushed by the webhook' });
      await note.waitFor({ timeout: 20_000 });
      await note.locator('.notification-check', { hasText: 'matches the x-ms-notification-content schema' }).waitFor();
      await waitFor(() => api!.deliveries.length > before, 5000, 'the delivery record');
      const d = api!.deliveries[api!.deliveries.length - 1];
      if (d.status !== 200) throw new Error(`the callback answered ${JSON.stringify(d)}`);
      await shot(page, 'trigger-webhook.png');
    },
  },
  {
    name: 'triggers: Unsubscribe sends DELETE to the Location; the API records it',
    async run({ page }) {
      const frame = await webviewFrame(page, '#operation-id', 'OnTaskCreated');
      await frame.locator('#unsubscribe').click();
      await frame.locator('#subscription-state[data-state="unsubscribed"]').waitFor();
      await waitFor(() => api!.requests.some((r) => r.method === 'DELETE' && /^\/v1\/hooks\/h-\d+$/.test(r.path) && r.status === 204), 5000, 'the DELETE');
      if (api!.hooks.size !== 0) throw new Error(`the API still has ${api!.hooks.size} subscriptions`);
      await frame.locator('#history li', { hasText: 'unsubscribe · DELETE 204' }).first().waitFor();
    },
  },
  {
    name: 'triggers: closing the panel while subscribed sends the DELETE too (a flow turned off)',
    async run({ page }) {
      const frame = await webviewFrame(page, '#operation-id', 'OnTaskCreated');
      const deletes = () => api!.requests.filter((r) => r.method === 'DELETE' && /^\/v1\/hooks\/h-\d+$/.test(r.path) && r.status === 204).length;
      const before = deletes();
      await frame.locator('#subscribe').click();
      await frame.locator('#subscription-state[data-state="subscribed"]').waitFor({ timeout: 20_000 });
      const subscriptions = () => api!.hooks.size;
      if (subscriptions() !== 1) throw new Error(`the API has ${subscriptions()} subscriptions`);
      const tab = page.locator('.tabs-container .tab', { hasText: 'Test OnTaskCreated' }).first();
      await tab.hover();
      await tab.locator('.tab-actions .action-label').first().click();
      await tab.waitFor({ state: 'detached' });
      await waitFor(() => deletes() > before, 10_000, 'the DELETE after the panel closed');
      if (subscriptions() !== 0) throw new Error(`the API still has ${subscriptions()} subscriptions`);
    },
  },
  {
    name: 'triggers: the OnNewTasks panel, hidden meanwhile, shows its timeline again when brought back',
    async run({ page }) {
      await page.locator('.tabs-container .tab', { hasText: 'Test OnNewTasks' }).first().click();
      const frame = await webviewFrame(page, '#operation-id', 'OnNewTasks');
      await frame.locator('#poll-summary[data-fired="2"]').waitFor();
      await frame.locator('#poll-timeline li.poll-step[data-outcome="fired"] li.fired-item[data-valid="true"]', { hasText: 'Polled task two' }).waitFor();
      await frame.locator('#polling-state[data-running="false"]').waitFor();
    },
  },
  {
    name: 'triggers: tidy up (close editors, stop the sample API, remove the copy)',
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
