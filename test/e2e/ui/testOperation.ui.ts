// Style B: Test Operation as a user drives it. The testop fixture connector is pointed at a local
// API server started here on 127.0.0.1; an API-key connection is created from the Connections
// tree; then from the "▶ Test" CodeLens: fill the form, Send, read status and body in the
// webview, see the schema mismatch listed, apply "Update response schema" (diff preview + modal)
// and see the definition change.
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, QUICK_TITLE, TREE_ROW, quickPick } from './workbench';

const FOLDER = 'testop';
const CONNECTION = 'TO key';
const API_KEY = `to-key-${Math.random().toString(36).slice(2)}`;

let server: Server | undefined;
const seen: { url: string; key: string | undefined }[] = [];

async function startApi(): Promise<number> {
  server = createServer((req, res) => {
    const key = req.headers['x-api-key'];
    seen.push({ url: req.url ?? '', key: typeof key === 'string' ? key : undefined });
    if (key !== API_KEY) return void res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"bad key"}');
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: '42', name: 'Milk', price: 1.5 }));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function definitionPath(workspace: string): string {
  return path.join(workspace, FOLDER, 'apiDefinition.swagger.json');
}

async function answer(page: Page, title: string, value: string): Promise<void> {
  await page.locator(QUICK_TITLE, { hasText: title }).first().waitFor({ state: 'visible' });
  await page.locator(QUICK_INPUT).fill(value);
  await page.keyboard.press('Enter');
}

/** The Test Operation webview's document (the recipe's two nested frames), found by its content. */
async function panelFrame(page: Page): Promise<FrameLocator> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const outer = page.locator('iframe.webview.ready');
    const count = await outer.count();
    for (let i = 0; i < count; i++) {
      const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
      if (await frame.locator('#operation-id', { hasText: 'GetItem' }).isVisible().catch(() => false)) return frame;
    }
    if (Date.now() > deadline) throw new Error('the Test Operation webview did not render GetItem');
    await page.waitForTimeout(200);
  }
}

export const steps: UiStep[] = [
  {
    name: 'Test Operation: a local API server; an API-key connection for testop from the Connections tree',
    async run({ page, workspace }) {
      const port = await startApi();
      const file = definitionPath(workspace);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"127.0.0.1:9"', `"127.0.0.1:${port}"`));
      await page.locator('.monaco-workbench').waitFor();
      // The Connections view is alone in its container, so it has no visible pane header: look for its rows.
      // New Connection from the palette: pick the connector folder, name it, type the key.
      await page.keyboard.press('F1');
      await page.locator(QUICK_INPUT).fill('>Connector Studio: New Connection');
      await page.locator(QUICK_ROW, { hasText: 'Connector Studio: New Connection' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator(QUICK_TITLE, { hasText: 'pick the connector folder' }).first().waitFor({ state: 'visible' });
      await page.locator(QUICK_ROW).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${FOLDER}$`) }) }).first().click();
      await answer(page, `New connection for ${FOLDER}`, CONNECTION);
      await answer(page, `${CONNECTION}: API Key`, API_KEY);
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
      // Show the Connections view (focus, not the toggling activity-bar icon): the connector row counts the new connection.
      await quickPick(page, 'F1', '>Connector Studio: Focus on Connections View', 'Focus on Connections View');
      await page.locator(TREE_ROW, { hasText: FOLDER }).filter({ hasText: /(^|\D)1 connection($|\D)/ }).first().waitFor({ state: 'visible' });
    },
  },
  {
    name: 'Test Operation: the "▶ Test" CodeLens above GetItem opens the panel with the generated form',
    async run({ page }) {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await quickPick(page, 'Control+P', `${FOLDER}/apiDefinition.swagger.json`, 'apiDefinition.swagger.json');
      await page.locator('.tabs-container .tab.active', { hasText: 'apiDefinition.swagger.json' }).waitFor();
      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: '▶ Test' }).first();
      await lens.waitFor({ state: 'visible' });
      await lens.click();
      const frame = await panelFrame(page);
      // x-ms-summary label with the required mark; advanced collapsed; internal listed, not editable.
      await frame.locator('[data-field="path:itemId"] vscode-label', { hasText: 'Item id' }).waitFor();
      await frame.locator('#advanced').waitFor();
      if (await frame.locator('[data-key="query:verbose"]').isVisible()) throw new Error('the advanced parameter is not collapsed');
      await frame.locator('#internal-note', { hasText: 'api-version (query) = 2024-01-01' }).waitFor();
      await frame.locator('#connection').waitFor();
    },
  },
  {
    name: 'Test Operation: fill the form and Send; status 200 and the JSON body show in the webview',
    async run({ page }) {
      const frame = await panelFrame(page);
      await frame.locator('[data-key="path:itemId"] input').fill('42');
      await frame.locator('#send').click();
      await frame.locator('#status', { hasText: '200 OK' }).waitFor();
      await frame.locator('#response-body pre', { hasText: '"name": "Milk"' }).waitFor();
      const hit = seen.at(-1);
      if (hit?.url !== '/api/items/42?api-version=2024-01-01' || hit.key !== API_KEY) throw new Error(`server saw ${JSON.stringify(hit)}`);
      // The request shown in the panel is redacted.
      const shown = await frame.locator('#request-view').innerText().catch(() => '');
      if (shown.includes(API_KEY)) throw new Error('the API key is shown in the panel');
    },
  },
  {
    name: 'Test Operation: the schema mismatch is listed by path',
    async run({ page }) {
      const frame = await panelFrame(page);
      await frame.locator('#schema-status[data-valid="false"]').waitFor();
      await frame.locator('#schema-mismatches li', { hasText: '$.title' }).filter({ hasText: 'is required but missing' }).waitFor();
    },
  },
  {
    name: 'Test Operation: "Update response schema" previews, asks, and changes the definition',
    async run({ page, workspace }) {
      const frame = await panelFrame(page);
      await frame.locator('#update-schema').click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.locator('.dialog-message-text', { hasText: 'definitions/Item' }).waitFor({ state: 'visible' });
      // The diff preview is open behind the dialog.
      await page.locator('.tabs-container .tab', { hasText: 'preview of the schema update' }).first().waitFor();
      await dialog.locator('.monaco-button', { hasText: 'Apply' }).first().click();
      const deadline = Date.now() + 10_000;
      for (;;) {
        let item: { properties?: Record<string, unknown> } | undefined;
        try {
          item = (JSON.parse(fs.readFileSync(definitionPath(workspace), 'utf8')) as { definitions: { Item: { properties: Record<string, unknown> } } }).definitions.Item;
        } catch {
          item = undefined; // read while VS Code was saving it: try again
        }
        if (item && Object.keys(item.properties ?? {}).join() === 'id,name,price') break;
        if (Date.now() > deadline) throw new Error(`definition not updated: ${JSON.stringify(item)}`);
        await page.waitForTimeout(200);
      }
      await (await panelFrame(page)).locator('#notice', { hasText: 'Updated the schema at definitions/Item' }).waitFor();
      // The editor shows the new schema (at the end of the file) and is saved.
      await page.locator('.editor-group-container .monaco-editor .view-lines').first().click({ position: { x: 200, y: 40 } });
      await page.keyboard.press('Control+End');
      await page.locator('.monaco-editor .view-lines', { hasText: '"price"' }).first().waitFor();
      await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'apiDefinition.swagger.json' }).waitFor();
    },
  },
  {
    name: 'Test Operation: tidy up (close editors, stop the server)',
    async run({ page }) {
      await page.keyboard.press('Escape');
      await quickPick(page, 'F1', '>View: Close All Editors', 'View: Close All Editors');
      server?.closeAllConnections();
      server?.close();
    },
  },
];
