// Style B: a user runs "New Connector" from the command palette, answers its quick inputs, then
// runs "Check Certification Readiness" and reads the report in the webview.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { UiStep } from './uiTypes';

const WIDGET = '.quick-input-widget';
const INPUT = `${WIDGET} .quick-input-box input`;
const ROW = `${WIDGET} .quick-input-list .monaco-list-row`;
const TITLE = 'UI Tasks';

async function palette(page: Page, command: string): Promise<void> {
  // Contributions of a freshly loaded page can arrive after the palette opened: retry a few times.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator(INPUT);
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${command}`);
    try {
      await page.locator(ROW, { hasText: command }).first().waitFor({ state: 'visible', timeout: 5000 });
      break;
    } catch (e) {
      if (attempt >= 4) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
}

/** Waits for the quick input titled `title`, types `value` and accepts it. */
async function answer(page: Page, title: string, value: string, pickRow?: string): Promise<void> {
  await page.locator(`${WIDGET} .quick-input-title`, { hasText: title }).waitFor({ state: 'visible' });
  const input = page.locator(INPUT);
  await input.fill(value);
  if (pickRow) await page.locator(ROW, { hasText: pickRow }).first().waitFor({ state: 'visible' });
  else await page.waitForTimeout(150); // let validateInput run before Enter
  await page.keyboard.press('Enter');
}

function report(page: Page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

export const steps: UiStep[] = [
  {
    name: 'New Connector from the palette: answer name, description, URL, auth, format, publisher',
    async run({ page }) {
      await page.locator('.monaco-workbench').waitFor();
      // The extension is loaded once its activity-bar container shows.
      await page.locator('.activitybar .action-item a[aria-label^="Connector Studio"]').waitFor({ state: 'visible', timeout: 60_000 });
      await page.keyboard.press('Escape');
      await palette(page, 'Connector Studio: New Connector');
      await answer(page, 'New Connector (1/6)', TITLE);
      await answer(page, 'New Connector (2/6)', 'Create, update and track the tasks of your team from flows and apps.');
      await answer(page, 'New Connector (3/6)', 'https://api.uitasks.io/v1');
      await answer(page, 'New Connector (4/6)', 'API key', 'API key');
      await answer(page, 'New Connector (5/6)', 'JSON', 'JSON');
      await answer(page, 'New Connector (6/6)', 'Contoso');
      await page.locator(INPUT).waitFor({ state: 'hidden' });
      // The new definition opens with the answers in it.
      await page.locator('.tabs-container .tab.active', { hasText: 'apiDefinition.swagger.json' }).waitFor();
      await page.locator('.monaco-editor .view-lines', { hasText: `"title": "${TITLE}"` }).first().waitFor({ state: 'visible' });
      await page.locator('.notifications-toasts .notification-list-item-message', { hasText: `Created connector "${TITLE}"` }).first().waitFor({ state: 'visible' });
    },
  },
  {
    name: 'Check Certification Readiness shows the report with every requirement passing',
    async run({ page }) {
      await palette(page, 'Connector Studio: Check Certification Readiness');
      const frame = report(page);
      await frame.locator('h1', { hasText: `Certification readiness: ${TITLE}` }).waitFor({ state: 'visible' });
      await frame.locator('#summary', { hasText: /(\d+) of \1 requirements pass/ }).waitFor({ state: 'visible' });
      await frame.locator('tr.req.pass[data-requirement="readme-sections"]').waitFor({ state: 'visible' });
      await frame.locator('tr.req.pass[data-requirement="icon-background"]').waitFor({ state: 'visible' });
      const failing = await frame.locator('tr.req.fail').count();
      if (failing) throw new Error(`${failing} requirement(s) fail: ${await frame.locator('tr.req.fail').allInnerTexts()}`);
    },
  },
  {
    name: 'a broken readme fails its requirement; the finding links to readme.md',
    async run({ page, workspace }) {
      const readme = path.join(workspace, TITLE, 'readme.md');
      fs.writeFileSync(readme, fs.readFileSync(readme, 'utf8').replace('## Known Issues and Limitations', '## Notes'));
      const frame = report(page);
      await frame.locator('a', { hasText: 'Check again' }).click();
      const row = frame.locator('tr.req.fail[data-requirement="readme-sections"]');
      await row.waitFor({ state: 'visible' });
      await row.locator('li', { hasText: 'Known Issues' }).waitFor({ state: 'visible' });
      await row.locator('a', { hasText: 'readme.md:1' }).click();
      await page.locator('.tabs-container .tab.active', { hasText: 'readme.md' }).waitFor({ state: 'visible' });
    },
  },
  {
    name: 'tidy up: close the report and editors, remove the new connector',
    async run({ page, workspace }) {
      await page.keyboard.press('Escape');
      await palette(page, 'View: Close All Editors');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
      // Later UI files pick connector folders in the same workspace: leave only the fixture's.
      fs.rmSync(path.join(workspace, TITLE), { recursive: true, force: true });
    },
  },
];
