// Selectors and small actions on the VS Code workbench shared by the UI step files
// (not a step file itself: runUi.ts only loads *.ui.ts).
import type { FrameLocator, Page } from 'playwright-core';

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

/** Waits for the quick input titled `title`, types `value` and presses Enter. */
export async function answerInput(page: Page, title: string, value: string): Promise<void> {
  await page.locator(QUICK_TITLE, { hasText: title }).first().waitFor({ state: 'visible' });
  await page.locator(QUICK_INPUT).fill(value);
  await page.keyboard.press('Enter');
}

/** Waits for a notification toast whose message shows `text`. */
export async function toast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first().waitFor({ state: 'visible' });
}

/** The document of a webview (its two nested frames) that shows `selector` with `text`. */
export async function webviewFrame(page: Page, selector: string, text: string | RegExp, timeoutMs = 20_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = await page.locator('iframe.webview.ready').count();
    for (let i = 0; i < count; i++) {
      const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
      if (await frame.locator(selector, { hasText: text }).isVisible().catch(() => false)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} with ${String(text)}`);
    await page.waitForTimeout(200);
  }
}
