// Selectors and small actions on the VS Code workbench shared by the UI step files
// (not a step file itself: runUi.ts only loads *.ui.ts).
import type { Page } from 'playwright-core';

export const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
export const QUICK_TITLE = '.quick-input-widget .quick-input-title';
export const QUICK_ROW = '.quick-input-widget .quick-input-list .monaco-list-row';
export const TREE_ROW = '.part.sidebar .pane-body .monaco-list-row';

/** Types into the quick input (Ctrl+P or F1) and accepts the row that shows `rowText`. */
export async function quickPick(page: Page, key: string, query: string, rowText: string): Promise<void> {
  await page.keyboard.press(key);
  const input = page.locator(QUICK_INPUT);
  await input.waitFor({ state: 'visible' });
  await input.fill(query);
  await page.locator(QUICK_ROW, { hasText: rowText }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}
