// Style B: what a user sees with the packaged VSIX installed: the activity-bar container, a broken
// connector file's error in the Problems panel at the right line, and the Show Output command.
import type { Page } from 'playwright-core';
import type { UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, quickPick } from './workbench';


async function waitFor(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const steps: UiStep[] = [
  {
    name: 'workbench loads with the Connector Studio activity-bar container',
    async run({ page }) {
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.activitybar .action-item a[aria-label^="Connector Studio"]').waitFor({ state: 'visible' });
    },
  },
  {
    name: 'Ctrl+P opens the broken apiDefinition.swagger.json',
    async run({ page }) {
      // Focus the workbench first so the keybinding reaches it.
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await quickPick(page, 'Control+P', 'apiDefinition.swagger.json', 'apiDefinition.swagger.json');
      await page.locator('.tabs-container .tab.active', { hasText: 'apiDefinition.swagger.json' }).waitFor();
      await page.locator('.monaco-editor .view-lines', { hasText: '"basePath"' }).first().waitFor();
    },
  },
  {
    name: 'Problems panel lists the JSON syntax error at [Ln 8, Col 3]',
    async run({ page }) {
      await page.keyboard.press('Control+Shift+M');
      // VS Code's own JSON support reports the same spot: the row must be ours (source + rule id).
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'connector-studio' })
        .filter({ hasText: 'json-parse-error' }).filter({ hasText: '[Ln 8, Col 3]' });
      await row.first().waitFor({ state: 'visible' });
    },
  },
  {
    name: 'F1 runs "Connector Studio: Show Output" and its output channel shows',
    async run({ page }) {
      // The previous step left the Problems view in the panel, so the Output view only shows
      // with our channel selected if the command did it.
      const channel = page.locator('.part.panel select[aria-label="Switch Output"]').filter({ visible: true }).first();
      await quickPick(page, 'F1', '>Connector Studio: Show Output', 'Connector Studio: Show Output');
      await channel.waitFor({ state: 'visible' });
      await waitFor(async () => (await channel.inputValue()) === 'Connector Studio', 'the Output view to select "Connector Studio"');
      // The channel has content (the extension logs its activation there).
      await page.locator('.part.panel .monaco-editor .view-lines', { hasText: /\S/ }).first().waitFor({ state: 'visible' });
    },
  },
];
