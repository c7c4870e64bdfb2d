// Style B: an MCP connector for Copilot Studio, as a user tries it (issue 26). The sample's local
// API (scripts/sampleApi.mjs, which serves the sample MCP server built with the SDK at POST /v1/mcp
// behind the API key) runs on 127.0.0.1 with the host override in code-server's user settings, as
// `npm start` sets it. The user opens the sample, makes a connection with the key from the readme,
// clicks "▶ Test" above InvokeMCP, presses Connect, sees the four tools with the two Copilot Studio
// violations named (create_task's $ref, set_due_date's type array, each with its JSON pointer),
// calls the clean tool search_tasks and sees its result. The API key never shows in the panel.
// Then New Connector makes an MCP server connector that the language server finds clean.
// With CS_SCREENSHOT_DIR set, the connected panel is saved there (README screenshot).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SAMPLE_API_KEY, SAMPLE_FOLDER, startSampleApi, writeHostOverride, type SampleApi } from '../../../scripts/sampleApi.mjs';
import { folderUrl } from '../codeServer';
import type { UiOpen, UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, QUICK_TITLE, TREE_ROW, answerInput, quickPick, toast, webviewFrame } from './workbench';

const CONNECTION = 'Contoso MCP';
let api: SampleApi | undefined;
let dir: string | undefined;
let settingsFile: string | undefined;

export const openUrl: UiOpen = async ({ baseUrl, userSettings }) => {
  api = await startSampleApi();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-mcp-ui-'));
  const folder = path.join(dir, 'contoso-todo');
  fs.cpSync(SAMPLE_FOLDER, folder, { recursive: true });
  settingsFile = userSettings;
  if (!writeHostOverride(userSettings, { apiUrl: api.url, folder }).written) throw new Error(`could not write the host override into ${userSettings}`);
  return folderUrl(baseUrl, folder);
};

const panel = (page: Parameters<UiStep['run']>[0]['page']) => webviewFrame(page, '#mcp-operation-id', 'InvokeMCP');

export const steps: UiStep[] = [
  {
    name: 'mcp: the sample opens; New Connection on contoso-todo with the key from the readme',
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
    name: 'mcp: Test Operation on InvokeMCP opens the MCP panel; Connect lists the tools with the two violations named',
    async run({ page }) {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await quickPick(page, 'Control+P', 'apiDefinition.swagger.json', 'apiDefinition.swagger.json');
      await page.locator('.tabs-container .tab.active', { hasText: 'apiDefinition.swagger.json' }).waitFor();
      // Test Operation from the palette, InvokeMCP picked (the command the "▶ Test" lens runs; the
      // lens itself is clicked in sampleFirstRun.ui.ts and testOperation.ui.ts).
      await page.keyboard.press('F1');
      await page.locator(QUICK_INPUT).fill('>Connector Studio: Test Operation');
      await page.locator(QUICK_ROW, { hasText: 'Connector Studio: Test Operation' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator(QUICK_TITLE, { hasText: 'Test Operation' }).first().waitFor({ state: 'visible' });
      await page.locator(QUICK_INPUT).fill('InvokeMCP');
      await page.locator(QUICK_ROW, { hasText: 'InvokeMCP' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      const frame = await panel(page);
      await frame.locator('#mcp-endpoint', { hasText: `${api!.url}/v1/mcp` }).waitFor();
      await frame.locator('#mcp-connection option:checked', { hasText: CONNECTION }).waitFor({ state: 'attached' });
      const before = api!.requests.length;
      await frame.locator('#mcp-connect').click();
      await frame.locator('#mcp-status', { hasText: 'Connected to contoso-tasks-mcp' }).waitFor({ timeout: 30_000 });
      for (const tool of ['search_tasks', 'create_task', 'set_due_date', 'fail_always']) await frame.locator(`.tool[data-tool="${tool}"]`).waitFor();
      await frame.locator('.tool[data-tool="create_task"] .violation[data-rule="mcp-tool-ref"][data-pointer="/inputSchema/properties/task/$ref"]').waitFor();
      await frame.locator('.tool[data-tool="set_due_date"] .violation[data-rule="mcp-tool-type-array"][data-pointer="/inputSchema/properties/due/type"]').waitFor();
      await frame.locator('#mcp-summary[data-violations="2"]').waitFor();
      if ((await frame.locator('.tool[data-tool="search_tasks"] .violation').count()) !== 0) throw new Error('search_tasks is shown with a violation');
      await frame.locator('.resource', { hasText: 'tasks://summary' }).waitFor();
      const hits = api!.requests.slice(before);
      if (!hits.some((r) => r.method === 'POST' && r.path === '/v1/mcp' && r.status === 200)) throw new Error(`the local API saw ${JSON.stringify(hits)}`);
      if (process.env.CS_SCREENSHOT_DIR) {
        fs.mkdirSync(process.env.CS_SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: path.join(process.env.CS_SCREENSHOT_DIR, 'mcp-test-panel.png') });
      }
    },
  },
  {
    name: 'mcp: select search_tasks, type "sample", Call tool: the result shows; the exchange is redacted',
    async run({ page }) {
      const frame = await panel(page);
      await frame.locator('.mcp-select[data-tool="search_tasks"]').click();
      await frame.locator('[data-field="query"]').fill('sample');
      await frame.locator('#mcp-call').click();
      await frame.locator('#mcp-result[data-error="false"] #mcp-result-text', { hasText: 't-1003 Try Connector Studio on the sample (open)' }).waitFor({ timeout: 30_000 });
      await frame.locator('#mcp-structured', { hasText: '"t-1003"' }).waitFor();
      await frame.locator('#mcp-exchange details.exchange[data-rpc="tools/call"]').first().waitFor({ state: 'attached' });
      const text = await frame.locator('body').innerText();
      if (text.includes(SAMPLE_API_KEY)) throw new Error('the API key is shown in the MCP panel');
      const html = await frame.locator('#mcp-exchange').innerHTML();
      if (html.includes(SAMPLE_API_KEY) || !/X-API-Key: \*\*\*/.test(html)) throw new Error('the exchange does not show the key redacted');
      if (process.env.CS_SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.CS_SCREENSHOT_DIR, 'mcp-test-call.png') });
    },
  },
  {
    name: 'mcp: New Connector offers an MCP server for Copilot Studio; the new definition has the MCP operation and no problem',
    async run({ page }) {
      await page.keyboard.press('Escape');
      // Not quickPick(): it waits for the palette to close, and the wizard's first input replaces it at once.
      await page.keyboard.press('F1');
      await page.locator(QUICK_INPUT).fill('>Connector Studio: New Connector');
      await page.locator(QUICK_ROW, { hasText: 'Connector Studio: New Connector' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await answerInput(page, 'New Connector (1/6)', 'Contoso Agent Tools');
      await page.waitForTimeout(150);
      await answerInput(page, 'New Connector (2/6)', 'Gives Copilot Studio agents the Contoso task tools.');
      await page.waitForTimeout(150);
      await answerInput(page, 'New Connector (3/6)', 'https://agents.contoso.io');
      await page.locator(QUICK_TITLE, { hasText: 'New Connector (4/6)' }).first().waitFor({ state: 'visible' });
      await page.locator(QUICK_INPUT).fill('MCP server for Copilot Studio: API key');
      await page.locator(QUICK_ROW, { hasText: 'MCP server for Copilot Studio: API key' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await answerInput(page, 'New Connector (5/6)', 'JSON');
      await answerInput(page, 'New Connector (6/6)', 'Contoso');
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
      await toast(page, 'Created connector "Contoso Agent Tools"');
      // The definition written on disk holds the MCP operation; the editor shows the new connector.
      const created = path.join(dir!, 'contoso-todo', 'Contoso Agent Tools', 'apiDefinition.swagger.json');
      const def = JSON.parse(fs.readFileSync(created, 'utf8')) as { paths: Record<string, Record<string, Record<string, unknown>>> };
      if (def.paths['/mcp']?.post?.['x-ms-agentic-protocol'] !== 'mcp-streamable-1.0') throw new Error(`the new definition has no MCP operation: ${JSON.stringify(Object.keys(def.paths))}`);
      await page.locator('.monaco-editor .view-lines', { hasText: '"title": "Contoso Agent Tools"' }).first().waitFor({ state: 'visible', timeout: 20_000 });
      // The language server validates the new files: no error and no warning in the status bar's
      // problem counts (errors first, then warnings).
      await page.waitForTimeout(3000);
      const counts = ((await page.locator('.statusbar-item', { has: page.locator('.codicon-error') }).first().innerText()).match(/\d+/g) ?? []).map(Number);
      if (counts.length < 2 || counts[0] !== 0 || counts[1] !== 0) throw new Error(`problem counts after New Connector (MCP): ${JSON.stringify(counts)}`);
    },
  },
  {
    name: 'mcp: tidy up (close editors, stop the sample API, remove the copy)',
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
