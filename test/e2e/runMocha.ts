// Entry point of every in-editor suite: esbuild bundles it as out/test/e2e/<suite>/index.js next
// to one bundle per test file, and VS Code calls run() in the extension host.
// The host's console only reaches the harness through the workbench's codeAutomationLog, without
// printf formatting and mixed with workbench noise, so lines are pre-formatted and tagged.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

Mocha.reporters.Base.consoleLog = (...args: unknown[]): void => {
  for (const line of util.format(...args).split('\n')) console.log(`[mocha] ${line}`);
};

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}

export function runMochaIn(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passes = runner.stats?.passes ?? 0;
        // The harness reads this exact line for its counts.
        Mocha.reporters.Base.consoleLog(`${passes} passed, ${failures} failed`);
        if (failures) reject(new Error(`${failures} test(s) failed`));
        else if (!passes) reject(new Error(`no test ran in ${dir}`)); // never pass vacuously
        else resolve();
      });
    } catch (e) {
      Mocha.reporters.Base.consoleLog(`could not load the suite: ${String(e)}`);
      reject(e);
    }
  });
}
