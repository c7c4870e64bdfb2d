// Style B runner: starts code-server WITHOUT the smoke-test driver (so toasts and the real UI
// behave as for users), installs the packaged VSIX, opens a copy of the e2e workspace in headless
// chromium and runs the steps of every test/e2e/ui/*.ui.ts (each file on a fresh copy of the
// workspace). A failing step gets a screenshot in test-results/, and the file's later steps are
// skipped except its last (tidy-up) one and those marked `always`. Ends with
// `N passed, N failed`; exit 1 if any failed.
// Usage: node --import tsx test/e2e/ui/runUi.ts [path/to/x.vsix] [--only connectorStudio,connections]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyFixture, folderUrl, launchChromium, removeDir, repoRoot, startCodeServer, type CodeServer } from '../codeServer';
import type { Page } from 'playwright-core';
import type { UiOpen, UiStep } from './uiTypes';

async function main(): Promise<number> {
  const root = repoRoot();
  const args = process.argv.slice(2);
  const onlyIdx = args.indexOf('--only');
  const only = onlyIdx >= 0 ? args.splice(onlyIdx, 2)[1]?.split(',') : undefined;
  const vsix = path.resolve(args[0] ?? path.join(root, 'dist/connector-studio.vsix'));
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  const resultsDir = path.join(root, 'test-results');
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.ui.ts'))
    .filter((f) => !only || only.includes(path.basename(f, '.ui.ts'))).sort();
  let passed = 0;
  let failed = 0;
  let skipped = 0;

  const workspaces: string[] = [];
  let server: CodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const cleanup = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    for (const w of workspaces) await removeDir(w);
  };
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) return; // Ctrl+C may arrive twice (terminal group + parent forwarding it)
    stopping = true;
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    server = await startCodeServer({ vsix: [vsix], tag: 'ui' });
    browser = await launchChromium(server.root);
    for (const file of files) {
      console.log(file);
      const mod = (await import(pathToFileURL(path.join(__dirname, file)).href)) as { steps?: UiStep[]; openUrl?: UiOpen };
      const steps = mod.steps ?? [];
      if (!steps.length) { console.log(`  ✗ ${file} exports no steps`); failed++; continue; }
      // Each file gets its own copy of the workspace: a new folder also means fresh workspace
      // state (open editors, panels), so files do not depend on each other's leftovers.
      const workspace = copyFixture(path.join(root, 'test/fixtures/e2e-workspace'), 'ui');
      workspaces.push(workspace);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(20_000);
      try {
        const t0 = Date.now();
        // A file may open another URL as the page's first load (and prepare the user settings for it).
        const userSettings = path.join(server.root, 'user-data/User/settings.json');
        await page.goto((await mod.openUrl?.({ baseUrl: server.baseUrl, workspace, userSettings })) ?? folderUrl(server.baseUrl, workspace));
        await warmUp(page);
        console.log(`  (workbench ready in ${Date.now() - t0} ms)`);
      } catch (e) {
        console.log(`  ✗ could not open the workbench: ${firstLines(e)}`);
        failed += steps.length;
        await page.close().catch(() => undefined);
        continue;
      }
      let fileFailed = false;
      for (const [i, step] of steps.entries()) {
        if (fileFailed && !step.always && i < steps.length - 1) {
          skipped++;
          console.log(`  - ${step.name} (skipped after a failure)`);
          continue;
        }
        const t0 = Date.now();
        try {
          await step.run({ page, workspace });
          passed++;
          console.log(`  ✔ ${step.name} (${Date.now() - t0} ms)`);
        } catch (e) {
          failed++;
          fileFailed = true;
          fs.mkdirSync(resultsDir, { recursive: true });
          const shot = path.join(resultsDir, `${path.basename(file, '.ui.ts')}-${slug(step.name)}.png`);
          await page.screenshot({ path: shot }).catch(() => undefined);
          console.log(`  ✗ ${step.name} (${Date.now() - t0} ms)\n    ${firstLines(e)}\n    screenshot: ${path.relative(root, shot)}`);
        }
      }
      await page.close().catch(() => undefined);
    }
  } finally {
    await cleanup();
  }
  if (skipped) console.log(`${skipped} skipped after earlier failures`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed || !passed ? 1 : 0;
}

/**
 * Steps start once the workbench is up and extensions have activated, so the first step of a
 * file does not spend its timeout on a cold start (slow on a busy 2-core machine).
 */
async function warmUp(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.activitybar .action-item a[aria-label^="Connector Studio"]').waitFor({ timeout: 60_000 });
  const activating = page.locator('.part.statusbar', { hasText: 'Activating Extensions' });
  await activating.waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => undefined);
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

function firstLines(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n').slice(0, 6).join('\n    ');
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error('[ui] harness error:', e instanceof Error ? e.stack : e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
