// Style B: a user imports an OpenAPI 3.1 document from a URL. A local HTTP server (this test's
// process) serves @readme/oas-examples' petstore; F1 -> "Connector Studio: Import OpenAPI" ->
// "From a URL…" -> type the URL; the language server fetches and converts (progress bar); accept
// the suggested target folder; the report and the files are previewed; "Write files". The new
// apiDefinition.swagger.json opens and the Problems panel shows no error for it.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, QUICK_TITLE } from './workbench';

const PETSTORE = path.resolve(__dirname, '../../../node_modules/@readme/oas-examples/3.1/json/petstore.json');
/** The first target the picker suggests: a new folder named after the title ("Swagger Petstore - OpenAPI 3.1"). */
const TARGET_HINT = 'new folder';
let server: http.Server | undefined;
let url = '';
let target = '';

async function waitFor(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function quickInputStep(page: Page, title: string): Promise<void> {
  await page.locator(QUICK_TITLE, { hasText: title }).waitFor({ state: 'visible', timeout: 45_000 });
}

export const steps: UiStep[] = [
  {
    name: 'a local HTTP server serves a real OpenAPI 3.1 document',
    async run() {
      if (!fs.existsSync(PETSTORE)) throw new Error(`${PETSTORE} is missing: install the devDependency @readme/oas-examples (npm ci)`);
      server = http.createServer((req, res) => {
        res.writeHead(req.url === '/petstore.json' ? 200 : 404, { 'content-type': 'application/json' });
        res.end(req.url === '/petstore.json' ? fs.readFileSync(PETSTORE) : '{}');
      });
      await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/petstore.json`;
    },
  },
  {
    name: 'F1 runs "Connector Studio: Import OpenAPI", "From a URL…", the URL typed',
    async run({ page }) {
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.activitybar .action-item a[aria-label^="Connector Studio"]').waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await page.keyboard.press('F1');
      const input = page.locator(QUICK_INPUT);
      await input.waitFor({ state: 'visible' });
      await input.fill('>Connector Studio: Import OpenAPI');
      await page.locator(QUICK_ROW, { hasText: 'Connector Studio: Import OpenAPI' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await quickInputStep(page, 'Import OpenAPI');
      await page.locator(QUICK_ROW, { hasText: 'From a URL' }).first().click();
      await quickInputStep(page, 'Import OpenAPI from a URL');
      await input.fill(url);
      await page.keyboard.press('Enter');
    },
  },
  {
    name: 'the server fetches and converts; the suggested new folder is accepted',
    async run({ page, workspace }) {
      await quickInputStep(page, 'Import OpenAPI: target folder');
      const first = page.locator(QUICK_ROW).first();
      await first.waitFor({ state: 'visible' });
      const text = await first.innerText();
      if (!text.includes(TARGET_HINT)) throw new Error(`first target is "${text}", expected a new folder`);
      const before = new Set(fs.readdirSync(workspace));
      await page.keyboard.press('Enter');
      await quickInputStep(page, 'write the new connector');
      // Nothing on disk yet: the report and both files are previewed.
      if (fs.readdirSync(workspace).some((f) => !before.has(f))) throw new Error('files were written before confirmation');
      await page.locator('.tabs-container .tab', { hasText: 'OpenAPI import report.txt' }).first().waitFor({ state: 'visible' });
      await page.locator('.tabs-container .tab', { hasText: 'apiDefinition.swagger.json' }).first().waitFor({ state: 'visible' });
      await page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'meter ' }).first().waitFor({ state: 'visible' });
      await page.locator(QUICK_ROW, { hasText: 'Write files' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
      await waitFor(async () => {
        const added = fs.readdirSync(workspace).filter((f) => !before.has(f));
        target = added.length === 1 ? path.join(workspace, added[0]!) : '';
        return !!target && fs.existsSync(path.join(target, 'apiDefinition.swagger.json')) && fs.existsSync(path.join(target, 'apiProperties.json'));
      }, 'both files on disk in one new folder', 20_000);
    },
  },
  {
    name: 'the new apiDefinition.swagger.json is open and the Problems panel has no error for it',
    async run({ page }) {
      await page.locator('.tabs-container .tab.active', { hasText: 'apiDefinition.swagger.json' }).waitFor({ state: 'visible' });
      await page.locator('.monaco-editor .view-lines', { hasText: '"host": "petstore.swagger.io"' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Control+Shift+M');
      const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').filter({ visible: true }).first();
      await filter.waitFor({ state: 'visible' });
      await filter.fill(`${path.basename(target)}/**`);
      const rows = page.locator('.markers-panel .monaco-list-row');
      // A finding of the server proves it validated the imported file; then no error row may exist.
      await rows.filter({ hasText: 'connector-studio' }).first().waitFor({ state: 'visible', timeout: 45_000 });
      const errors = await page.locator('.markers-panel .monaco-list-row .codicon-error, .markers-panel .monaco-list-row .marker-icon.error').count();
      if (errors) throw new Error(`${errors} error row(s) in the Problems panel: ${(await rows.allInnerTexts()).join(' | ')}`);
      await filter.fill('');
    },
  },
  {
    name: 'tidy up: close the editors, stop the server, remove the imported folder',
    async run({ page }) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator(QUICK_INPUT);
      await input.fill('>View: Close All Editors');
      await page.locator(QUICK_ROW, { hasText: 'View: Close All Editors' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      if (target) fs.rmSync(target, { recursive: true, force: true });
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    },
  },
];
