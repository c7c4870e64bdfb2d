// Style B: the editing features as a user drives them on the lists fixture connector
// (test/fixtures/e2e-workspace/lists): Ctrl+Space inside an x-ms-dynamic-values operationId and a
// pick from the suggest widget; F2 rename of an operation, seen in both files; Ctrl+. on a
// diagnostic and the quick fix's text; the Outline view listing the operations. Everything is
// reverted and closed at the end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, quickPick } from './workbench';

const EDITOR_LINES = '.part.editor .editor-group-container.active .monaco-editor .view-lines';
const SUGGEST_ROW = '.part.editor .suggest-widget .monaco-list-row';
const ACTION_ROW = '.action-widget .monaco-list-row';
const SIDEBAR_ROW = '.part.sidebar .pane-body .monaco-list-row';

const DEF = 'lists/apiDefinition.swagger.json';
/** Indentation of the operationId inside x-ms-dynamic-values in the fixture. */
const DYNAMIC_INDENT = ' '.repeat(28);
const PROPS = 'lists/apiProperties.json';

/** Ctrl+P to a file of the lists connector (the workspace has another pair at its root). */
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

const FIXTURE = path.resolve(__dirname, '../../fixtures/e2e-workspace');

/** 1-based line and column of the n-th occurrence of needle (+ delta characters) in the fixture file. */
function lineCol(relative: string, needle: string, nth = 0, delta = 0): { line: number; col: number } {
  // The fixture as written, not the workspace copy (VS Code may save edits to it).
  const text = fs.readFileSync(path.join(FIXTURE, relative), 'utf8');
  let idx = -1;
  for (let i = 0; i <= nth; i++) idx = text.indexOf(needle, idx + 1);
  if (idx < 0) throw new Error(`${needle} not found in ${relative}`);
  const before = text.slice(0, idx + delta);
  return { line: before.split('\n').length, col: before.length - before.lastIndexOf('\n') };
}

/** Ctrl+G "line:column", as a user moves the cursor. */
async function goTo(page: Page, at: { line: number; col: number }): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator(QUICK_INPUT);
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${at.line}:${at.col}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** A rendered line of the active editor (monaco renders spaces as no-break spaces). */
function editorLine(page: Page, text: string | RegExp): Locator {
  return page.locator(`${EDITOR_LINES} .view-line`, { hasText: text }).first();
}

const spaced = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]'));

/** Save All, then wait until both files on disk are the fixture's again. */
async function saveAllAndCheckDisk(page: Page, workspace: string): Promise<void> {
  await quickPick(page, 'F1', '>File: Save All', 'File: Save All');
  for (const file of [DEF, PROPS]) {
    const want = fs.readFileSync(path.join(FIXTURE, file), 'utf8');
    const deadline = Date.now() + 10_000;
    while (fs.readFileSync(path.join(workspace, file), 'utf8') !== want) {
      if (Date.now() > deadline) throw new Error(`${file} on disk differs from the fixture`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export const steps: UiStep[] = [
  {
    name: 'open the lists definition; the language server answers (CodeLens with reference counts)',
    async run({ page }) {
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await openFile(page, DEF);
      await page.locator('.part.editor .codelens-decoration', { hasText: 'GetLists · internal · 2 references' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: 'Ctrl+Space inside the x-ms-dynamic-values operationId offers the operations; accepting one replaces the value',
    async run({ page }) {
      await goTo(page, lineCol(DEF, '"GetLists"', 1, '"Get'.length));
      await page.keyboard.press('Control+Space');
      const row = page.locator(SUGGEST_ROW, { hasText: 'GetItems' }).first();
      await row.waitFor({ state: 'visible' });
      await page.locator(SUGGEST_ROW, { hasText: 'GetLists' }).first().waitFor({ state: 'visible' });
      await row.click();
      await page.locator('.part.editor .suggest-widget').waitFor({ state: 'hidden' });
      // The x-ms-dynamic-values line (28 spaces deep; the declarations sit at 16) now names GetItems.
      await editorLine(page, spaced(DYNAMIC_INDENT + '"operationId": "GetItems",')).waitFor({ state: 'visible' });
      // Undo it: the next steps work on the fixture as written.
      await page.keyboard.press('Control+Z');
      await editorLine(page, spaced(DYNAMIC_INDENT + '"operationId": "GetLists",')).waitFor({ state: 'visible' });
    },
  },
  {
    name: 'F2 renames the operation GetLists; the definition and apiProperties.json both change',
    async run({ page }) {
      const declaration = lineCol(DEF, '"GetLists"', 0, 3);
      const reference = lineCol(DEF, '"GetLists"', 1, 1);
      await goTo(page, declaration);
      await page.keyboard.press('F2');
      const input = page.locator('.part.editor .rename-box input, .part.editor .rename-box textarea').first();
      await input.waitFor({ state: 'visible' });
      // Type into the rename box itself: under load focus can lag behind its appearance, and
      // keys sent to the editor would replace the document.
      await input.fill('ListAllLists');
      await input.press('Enter');
      await input.waitFor({ state: 'hidden' });
      await editorLine(page, spaced('"operationId": "ListAllLists",')).waitFor({ state: 'visible' });
      // The CodeLens counts two references under the new name; the one in x-ms-dynamic-values
      // (further down, deeper indented) changed too.
      await page.locator('.part.editor .codelens-decoration', { hasText: 'ListAllLists · internal · 2 references' }).first().waitFor({ state: 'visible' });
      await goTo(page, reference);
      await editorLine(page, spaced(DYNAMIC_INDENT + '"operationId": "ListAllLists",')).waitFor({ state: 'visible' });
      await openFile(page, PROPS);
      await editorLine(page, spaced('"x-ms-apimTemplate-operationName": ["ListAllLists"]')).waitFor({ state: 'visible' });
    },
  },
  {
    name: 'Ctrl+Z undoes the rename in both files (one edit)',
    async run({ page, workspace }) {
      await openFile(page, DEF);
      await page.keyboard.press('Control+Z');
      // Depending on the files' state VS Code may ask whether to undo the multi-file edit everywhere.
      const everywhere = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Undo in \d+ Files/ }).first();
      if (await everywhere.waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false)) await everywhere.click();
      await editorLine(page, spaced('"operationId": "GetLists",')).waitFor({ state: 'visible' });
      await openFile(page, PROPS);
      await editorLine(page, spaced('"x-ms-apimTemplate-operationName": ["GetLists"]')).waitFor({ state: 'visible' });
      // VS Code saved the files the rename touched (files.refactoring.autoSave): save the undo too.
      await saveAllAndCheckDisk(page, workspace);
    },
  },
  {
    name: 'Ctrl+. on the missing-description diagnostic applies the quick fix',
    async run({ page, workspace }) {
      await openFile(page, DEF);
      // parameter-description-required sits on the parameter object's "{".
      await goTo(page, lineCol(DEF, '{\n                        "name": "listId"'));
      await page.locator('.part.editor .squiggly-warning, .part.editor .squiggly-info, .part.editor .squiggly-error').first().waitFor({ state: 'visible' });
      // As a user does: the light bulb shows that this line has a fix (the diagnostics of the
      // current version arrived), then Ctrl+. Pressed before, VS Code may show "no code actions"
      // and close (seen once in a clean-clone run, after the undo of the rename just before).
      await page.locator('.part.editor .lightBulbWidget').first().waitFor({ state: 'visible' });
      const fix = page.locator(ACTION_ROW, { hasText: 'Add a description' }).first();
      await page.keyboard.press('Control+.');
      if (!(await fix.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false))) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        await fix.waitFor({ state: 'visible' });
      }
      await fix.click();
      await fix.waitFor({ state: 'hidden' });
      await editorLine(page, spaced('"description": "The list id."')).waitFor({ state: 'visible' });
      // Undo it (one edit) and leave the file as the fixture has it.
      await page.keyboard.press('Control+Z');
      await editorLine(page, spaced('"description": "The list id."')).waitFor({ state: 'detached' });
      await saveAllAndCheckDisk(page, workspace);
    },
  },
  {
    name: 'the Outline view lists the operations by tag',
    async run({ page }) {
      await quickPick(page, 'F1', '>Explorer: Focus on Outline View', 'Focus on Outline View');
      await page.locator(SIDEBAR_ROW, { hasText: 'GET /lists/{listId}/items' }).first().waitFor({ state: 'visible' });
      await page.locator(SIDEBAR_ROW, { hasText: /^GET \/lists/ }).first().waitFor({ state: 'visible' });
      await page.locator(SIDEBAR_ROW, { hasText: 'Items' }).first().waitFor({ state: 'visible' });
    },
  },
  {
    name: 'close the editors and go back to the Explorer',
    async run({ page, workspace }) {
      await page.keyboard.press('Escape');
      await quickPick(page, 'F1', '>View: Close All Editors', 'View: Close All Editors');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
      await saveAllAndCheckDisk(page, workspace);
      await quickPick(page, 'F1', '>View: Show Explorer', 'View: Show Explorer');
    },
  },
];
