// Style B: a user imports a Postman collection. F1 -> "Connector Studio: Import Postman
// Collection"; code-server's open dialog is the simple file dialog (a quick input holding a path),
// so the collection's path is typed into it; Skip the environment; accept the suggested target
// folder; review the preview; "Write files". The new apiDefinition.swagger.json opens and the
// Problems panel shows no error for it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, QUICK_TITLE } from './workbench';

const COLLECTION = 'postman/bookshelf.postman_collection.json';
/** The target the picker suggests first: a new folder named after the collection. */
const TARGET = 'bookshelf';

async function waitFor(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the quick input shows the step whose title contains `title` (generous: busy machines). */
async function quickInputStep(page: Page, title: string): Promise<void> {
  await page.locator(QUICK_TITLE, { hasText: title }).waitFor({ state: 'visible', timeout: 45_000 });
}

export const steps: UiStep[] = [
  {
    name: 'F1 runs "Connector Studio: Import Postman Collection" and the open dialog shows',
    async run({ page }) {
      await page.locator('.monaco-workbench').waitFor();
      // A fresh page: the workbench loads and the extension activates (slow on a busy machine).
      await page.locator('.activitybar .action-item a[aria-label^="Connector Studio"]').waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await page.keyboard.press('F1');
      const input = page.locator(QUICK_INPUT);
      await input.waitFor({ state: 'visible' });
      await input.fill('>Connector Studio: Import Postman Collection');
      await page.locator(QUICK_ROW, { hasText: 'Connector Studio: Import Postman Collection' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      // The simple file dialog: a quick input titled by our showOpenDialog, its value a folder path.
      await quickInputStep(page, 'choose the collection');
    },
  },
  {
    name: 'typing the collection path into the file dialog picks it',
    async run({ page, workspace }) {
      const input = page.locator(QUICK_INPUT);
      const collection = path.join(workspace, COLLECTION);
      // The dialog starts in the workspace folder (our defaultUri) with "<folder>/" typed.
      await waitFor(async () => (await input.inputValue()).startsWith(workspace), 'the dialog to start in the workspace folder');
      await input.fill(collection);
      // The dialog lists the typed folder's entries; the file must be among them before Enter.
      await page.locator(QUICK_ROW, { hasText: path.basename(collection) }).first().waitFor({ state: 'visible' });
      await waitFor(async () => (await input.inputValue()) === collection, 'the typed path to stay as typed');
      await page.keyboard.press('Enter');
      await quickInputStep(page, 'use an environment file?');
    },
  },
  {
    name: 'Skip the environment, accept the suggested target folder',
    async run({ page }) {
      await page.locator(QUICK_ROW, { hasText: 'Skip' }).first().waitFor({ state: 'visible' });
      // The environment next to the collection is offered too.
      await page.locator(QUICK_ROW, { hasText: 'bookshelf.postman_environment.json' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await quickInputStep(page, 'target folder');
      const first = page.locator(QUICK_ROW).first();
      await first.waitFor({ state: 'visible' });
      const text = await first.innerText();
      if (!text.includes(TARGET) || !text.includes('new folder')) throw new Error(`first target is "${text}", expected the new folder "${TARGET}"`);
      await page.keyboard.press('Enter');
    },
  },
  {
    name: 'the preview shows the generated files and the report; "Write files" writes them',
    async run({ page, workspace }) {
      await quickInputStep(page, 'write the new connector');
      // Preview tabs of the virtual documents, nothing on disk yet.
      await page.locator('.tabs-container .tab', { hasText: 'apiDefinition.swagger.json' }).first().waitFor({ state: 'visible' });
      await page.locator('.tabs-container .tab', { hasText: 'apiProperties.json' }).first().waitFor({ state: 'visible' });
      if (fs.existsSync(path.join(workspace, TARGET))) throw new Error('files were written before confirmation');
      await page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'request(s) ->' }).first().waitFor({ state: 'visible' });
      await page.locator(QUICK_ROW, { hasText: 'Write files' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
      await waitFor(async () => fs.existsSync(path.join(workspace, TARGET, 'apiDefinition.swagger.json')) && fs.existsSync(path.join(workspace, TARGET, 'apiProperties.json')), 'both files on disk', 20_000);
    },
  },
  {
    name: 'the new apiDefinition.swagger.json is open and the Problems panel has no error for it',
    async run({ page }) {
      const tab = page.locator('.tabs-container .tab.active', { hasText: 'apiDefinition.swagger.json' });
      await tab.waitFor({ state: 'visible' });
      // The file on disk, not the preview: the breadcrumbs name the target folder.
      await page.locator('.breadcrumbs-control', { hasText: TARGET }).filter({ hasText: 'apiDefinition.swagger.json' }).first().waitFor({ state: 'visible' });
      await page.locator('.monaco-editor .view-lines', { hasText: '"title": "Bookshelf"' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Control+Shift+M');
      const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').filter({ visible: true }).first();
      await filter.waitFor({ state: 'visible' });
      await filter.fill(`${TARGET}/**`);
      // The server's info finding proves it validated the file; then no error row may exist.
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'connector-metadata-required' }).first().waitFor({ state: 'visible' });
      const errors = await page.locator('.markers-panel .monaco-list-row .codicon-error, .markers-panel .monaco-list-row .marker-icon.error').count();
      if (errors) throw new Error(`${errors} error row(s) in the Problems panel for ${TARGET}: ${(await rows.allInnerTexts()).join(' | ')}`);
      await filter.fill('');
    },
  },
  {
    name: 'tidy up: close the editors, hide the panel, remove the imported folder',
    async run({ page, workspace }) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator(QUICK_INPUT);
      await input.fill('>View: Close All Editors');
      await page.locator(QUICK_ROW, { hasText: 'View: Close All Editors' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
      fs.rmSync(path.join(workspace, TARGET), { recursive: true, force: true });
    },
  },
];
