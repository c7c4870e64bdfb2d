// Style B: breaking changes as a user meets them (issue 21). A connector is committed in a git
// repository (the workspace copy); the user deletes an operation in the editor (unsaved); the
// breaking-change error appears in the Problems panel; "Compare with Published Version" opens a
// report that lists it with the fix, and its link jumps into the file. Reverted and closed at the end.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { UiStep } from './uiTypes';
import { QUICK_INPUT, QUICK_ROW, quickPick, webviewFrame } from './workbench';

const DIR = 'published';
const DEF = `${DIR}/apiDefinition.swagger.json`;

const DEFINITION = {
  swagger: '2.0',
  info: { title: 'Contoso Published', description: 'A connector already published, to check breaking changes against.', version: '1.0' },
  host: 'api.contoso.com',
  basePath: '/',
  schemes: ['https'],
  paths: {
    '/tasks': {
      post: { operationId: 'CreateTask', summary: 'Create a task', description: 'Creates a task.', responses: { '200': { description: 'OK' } } },
      get: { operationId: 'ListTasks', summary: 'List tasks', description: 'Lists the tasks.', responses: { '200': { description: 'OK' } } },
    },
  },
};
const TEXT = JSON.stringify(DEFINITION, null, 2) + '\n';
const LINES = TEXT.split('\n');
/** 1-based lines of the CreateTask operation: from `"post": {` to its `},`. */
const POST_START = LINES.findIndex((l) => l.trim() === '"post": {') + 1;
const POST_END = LINES.findIndex((l, i) => i >= POST_START && l.trim() === '},') + 1;
/** 1-based line of the "/tasks" path item, where the finding sits once CreateTask is gone. */
const PATH_ITEM_LINE = LINES.findIndex((l) => l.trim() === '"/tasks": {') + 1;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=e2e@example.com', '-c', 'user.name=e2e', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });
}

async function openFile(page: Page, relative: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator(QUICK_INPUT);
  await input.waitFor({ state: 'visible' });
  await input.fill(relative);
  await page.locator(QUICK_ROW, { hasText: 'apiDefinition.swagger.json' }).filter({ hasText: DIR }).first().click();
  await input.waitFor({ state: 'hidden' });
  await page.locator('.tabs-container .tab.active', { hasText: 'apiDefinition.swagger.json' }).waitFor();
}

export const steps: UiStep[] = [
  {
    name: 'a connector is committed in git and opened; the language server answers (CodeLens)',
    async run({ page, workspace }) {
      if (POST_START <= 0 || POST_END <= POST_START || PATH_ITEM_LINE <= 0) throw new Error('the test definition is not laid out as expected');
      const folder = path.join(workspace, DIR);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'apiDefinition.swagger.json'), TEXT);
      fs.writeFileSync(path.join(folder, 'apiProperties.json'), JSON.stringify({ properties: { publisher: 'Contoso', stackOwner: 'Contoso', connectionParameters: {} } }, null, 2));
      git(folder, 'init', '-q');
      git(folder, 'add', '.');
      git(folder, 'commit', '-q', '-m', 'published');
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await openFile(page, DEF);
      await page.locator('.part.editor .codelens-decoration', { hasText: 'CreateTask' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: 'deleting the CreateTask operation in the editor shows the breaking-change error in the Problems panel',
    async run({ page }) {
      await page.keyboard.press('Control+G');
      const input = page.locator(QUICK_INPUT);
      await input.waitFor({ state: 'visible' });
      await input.fill(`:${POST_START}:1`);
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      for (let i = POST_START; i <= POST_END; i++) await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Delete');
      await page.locator('.part.editor .view-lines .view-line', { hasText: /"operationId":\s*"CreateTask"/ }).waitFor({ state: 'detached' });
      await quickPick(page, 'F1', '>View: Focus Problems', 'Focus Problems');
      await page.locator('.markers-panel .monaco-list-row', { hasText: /The operation "CreateTask" \(POST \/tasks\) has been deleted/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'breaking-operation-removed' }).first().waitFor({ state: 'visible' });
    },
  },
  {
    name: '"Compare with Published Version" (git: HEAD) opens a report that lists the deleted operation with the fix; its link jumps into the file',
    async run({ page }) {
      await openFile(page, DEF);
      // The command asks what to compare with in the same quick input, so it never hides in between.
      await page.keyboard.press('F1');
      const input = page.locator(QUICK_INPUT);
      await input.waitFor({ state: 'visible' });
      await input.fill('>Connector Studio: Compare with Published Version');
      await page.locator(QUICK_ROW, { hasText: 'Compare with Published Version' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator(QUICK_ROW, { hasText: 'Git: merge base with origin/main, else HEAD' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      const frame = await webviewFrame(page, 'h1', 'Breaking changes since HEAD', 30_000);
      await frame.locator('#summary', { hasText: '1 breaking change' }).waitFor({ state: 'visible' });
      const row = frame.locator('tr.finding.breaks[data-rule="breaking-operation-removed"]');
      await row.filter({ hasText: 'CreateTask' }).filter({ hasText: 'Fix: Keep the operation and deprecate it' }).waitFor({ state: 'visible' });
      await row.locator('a', { hasText: `apiDefinition.swagger.json:${PATH_ITEM_LINE}` }).click();
      await page.locator('.statusbar-item', { hasText: `Ln ${PATH_ITEM_LINE},` }).first().waitFor({ state: 'visible' });
    },
  },
  {
    name: 'tidy up: revert the definition and close the editors',
    always: true,
    async run({ page }) {
      await page.keyboard.press('Escape');
      await quickPick(page, 'F1', '>View: Close All Editors', 'Close All Editors').catch(() => undefined);
      const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don't Save/ }).first();
      if (await dontSave.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) await dontSave.click();
    },
  },
];
