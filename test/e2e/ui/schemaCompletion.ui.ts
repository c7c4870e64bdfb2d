// Style B: schema-driven editing (issue 20) as a user drives it on the lists fixture connector
// (test/fixtures/e2e-workspace/lists): on a new line at the root of the definition the user types
// `"secu`, the suggest widget offers securityDefinitions once (the schema the extension contributes,
// no second copy from the language server), and accepting it inserts the key with an object value.
// Hovering `basePath` shows the Swagger text. The edit is undone and the file closed at the end.
// First, a YAML definition (test/fixtures/features-yaml, written into the workspace copy as
// yamllists/) shows our tag groups and yaml-language-server's key tree in the Outline view.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, quickPick } from './workbench';

const EDITOR_LINES = '.part.editor .editor-group-container.active .monaco-editor .view-lines';
const SUGGEST_ROW = '.part.editor .suggest-widget .monaco-list-row';
const DEF = 'lists/apiDefinition.swagger.json';
const FIXTURE = path.resolve(__dirname, '../../fixtures/e2e-workspace');
const YAML_FIXTURE = path.resolve(__dirname, '../../fixtures/features-yaml');
const YAML_DIR = 'yamllists';
const SIDEBAR_ROW = '.part.sidebar .pane-body .monaco-list-row';

async function openFile(page: Page, relative: string): Promise<void> {
  const name = path.basename(relative);
  await page.keyboard.press('Control+P');
  const input = page.locator(QUICK_INPUT);
  await input.waitFor({ state: 'visible' });
  await input.fill(relative);
  const row = page.locator(QUICK_ROW, { hasText: name }).filter({ hasText: 'lists' }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await input.waitFor({ state: 'hidden' });
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}

/** 1-based line and column of needle (+ delta) in the fixture as written. */
function lineCol(relative: string, needle: string, delta = 0): { line: number; col: number } {
  const text = fs.readFileSync(path.join(FIXTURE, relative), 'utf8');
  const idx = text.indexOf(needle);
  if (idx < 0) throw new Error(`${needle} not found in ${relative}`);
  const before = text.slice(0, idx + delta);
  return { line: before.split('\n').length, col: before.length - before.lastIndexOf('\n') };
}

async function goTo(page: Page, at: { line: number; col: number }): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator(QUICK_INPUT);
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${at.line}:${at.col}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

function editorLine(page: Page, text: string | RegExp): Locator {
  return page.locator(`${EDITOR_LINES} .view-line`, { hasText: text }).first();
}

const spaced = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]'));

export const steps: UiStep[] = [
  {
    name: 'a YAML definition: the Outline shows our tag groups and the key tree (swagger, info, paths, definitions once)',
    async run({ page, workspace }) {
      await page.locator('.monaco-workbench').waitFor();
      const dir = path.join(workspace, YAML_DIR);
      fs.mkdirSync(dir, { recursive: true });
      for (const f of ['apiDefinition.yaml', 'apiProperties.json']) fs.copyFileSync(path.join(YAML_FIXTURE, f), path.join(dir, f));
      await openFile(page, `${YAML_DIR}/apiDefinition.yaml`);
      await page.locator('.part.editor .codelens-decoration', { hasText: 'GetLists' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await quickPick(page, 'F1', '>Explorer: Focus on Outline View', 'Focus on Outline View');
      // The Outline sorts by position (the tag groups span their operations, inside paths): fold the
      // folders section and the Outline's tree so its top level fits in the sidebar.
      const folders = page.locator('.part.sidebar .pane-header', { hasText: path.basename(workspace) }).first();
      const folded = (await folders.getAttribute('aria-expanded')) === 'true';
      if (folded) await folders.click();
      const outline = page.locator('.part.sidebar .pane-header', { hasText: 'Outline' }).first();
      await outline.hover();
      await outline.locator('.action-label.codicon-collapse-all').click();
      const row = (name: string) => page.locator(SIDEBAR_ROW).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) }).first();
      await row('Items').waitFor({ state: 'visible', timeout: 20_000 }); // our tag groups
      await row('Lists').waitFor({ state: 'visible' });
      for (const key of ['swagger', 'info', 'paths', 'definitions']) await row(key).waitFor({ state: 'visible' }); // yaml-language-server's keys
      const count = await page.locator(SIDEBAR_ROW).filter({ has: page.locator('.label-name', { hasText: /^definitions$/ }) }).count();
      if (count !== 1) throw new Error(`definitions listed ${count} times in the Outline`);
      if (folded) await folders.click(); // the folders section open again
      await quickPick(page, 'F1', '>View: Close All Editors', 'View: Close All Editors');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
      await quickPick(page, 'F1', '>View: Show Explorer', 'View: Show Explorer');
    },
  },
  {
    name: 'open the lists definition; the language server answers (CodeLens)',
    async run({ page }) {
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await openFile(page, DEF);
      await page.locator('.part.editor .codelens-decoration', { hasText: 'GetLists' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: 'typing "secu at the root offers securityDefinitions once; accepting it inserts the key with an object',
    async run({ page }) {
      const basePath = lineCol(DEF, '"basePath": "/api",');
      await goTo(page, { line: basePath.line, col: basePath.col + '"basePath": "/api",'.length });
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      // VS Code may close the quote as the user types it (depending on timing): either form.
      await page.keyboard.type('"secu', { delay: 60 });
      await editorLine(page, /"secu/).waitFor({ state: 'visible' });
      const widget = page.locator('.part.editor .suggest-widget');
      if (!(await widget.isVisible())) await page.keyboard.press('Control+Space');
      const label = page.locator('.label-name', { hasText: /^\W*securityDefinitions\W*$/ });
      const rows = page.locator(SUGGEST_ROW).filter({ has: label });
      await rows.first().waitFor({ state: 'visible', timeout: 20_000 });
      // Let every provider answer, then count: one securityDefinitions, not one per provider.
      await page.waitForTimeout(1500);
      const count = await rows.count();
      if (count !== 1) throw new Error(`securityDefinitions offered ${count} times`);
      await rows.first().click();
      await widget.waitFor({ state: 'hidden' });
      await editorLine(page, spaced('"securityDefinitions": {')).waitFor({ state: 'visible' });
    },
  },
  {
    name: 'hovering basePath shows the Swagger 2.0 text from the schema',
    async run({ page }) {
      const at = lineCol(DEF, '"basePath"', 3);
      await goTo(page, at);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.locator('.monaco-hover', { hasText: 'The base path on which the API is served' }).first().waitFor({ state: 'visible', timeout: 20_000 });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'undo the edit (the file on disk is the fixture again) and close the editors',
    async run({ page, workspace }) {
      await page.keyboard.press('Escape');
      const want = fs.readFileSync(path.join(FIXTURE, DEF), 'utf8');
      const onDisk = () => fs.readFileSync(path.join(workspace, DEF), 'utf8');
      // Undo step by step (typing, the new line, the accepted item), saving after each, until the
      // file is the fixture again; the editor may have saved the edit on its own.
      for (let i = 0; i < 15 && onDisk() !== want; i++) {
        await page.keyboard.press('Control+Z');
        await page.keyboard.press('Control+S');
        await page.waitForTimeout(300);
      }
      if (onDisk() !== want) throw new Error(`${DEF} on disk differs from the fixture`);
      await quickPick(page, 'F1', '>View: Close All Editors', 'View: Close All Editors');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
      fs.rmSync(path.join(workspace, YAML_DIR), { recursive: true, force: true });
    },
  },
];
