// Shape of a style-B UI test file (test/e2e/ui/*.ui.ts): an ordered list of steps sharing one page.
import type { Page } from 'playwright-core';

export interface UiContext {
  page: Page;
  /** Absolute path of this run's copy of test/fixtures/e2e-workspace. */
  workspace: string;
}

export interface UiStep {
  name: string;
  run(ctx: UiContext): Promise<void>;
  /**
   * Run even after an earlier step of the file failed. Without it, steps after a failure are
   * skipped (they usually build on it and would each wait out their timeout), except the
   * file's last step, which is treated as its tidy-up.
   */
  always?: boolean;
}

/**
 * Optional export `openUrl` of a UI file: the URL its page opens first (default: the workspace
 * copy as a folder). Runs before the workbench warm-up; a throw fails the file's steps.
 * `userSettings` is the shared code-server's user settings.json: a file that changes it must
 * undo the change in its tidy-up step.
 */
export type UiOpen = (ctx: { baseUrl: string; workspace: string; userSettings: string }) => Promise<string>;
