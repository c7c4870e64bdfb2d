// Style A: runs an extension-host mocha suite inside code-server. The workbench URL's `payload`
// names the extension under development and the suite; the result comes back through
// window.codeAutomationExit, and the suite's output through window.codeAutomationLog.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { delay, folderUrl, launchChromium, repoRoot, startCodeServer, type CodeServer } from './codeServer';

export interface ExtensionTestOptions {
  extensionTestsPath: string;
  extensionDevelopmentPath: string[];
  folder?: string;
  disableExtensions?: boolean;
  timeoutMs?: number;
  /** Where lines the suite prints go (default: stdout). */
  log?: (line: string) => void;
}

export interface ExtensionTestResult {
  /** 0 = suite passed, 1 = failed or could not load, 124 = no answer before the timeout. */
  code: number;
  passed: number;
  failed: number;
  ms: number;
}

const SUMMARY = /^(\d+) passed, (\d+) failed$/;

export async function runExtensionTests(opts: ExtensionTestOptions): Promise<ExtensionTestResult> {
  const started = Date.now();
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const timeoutMs = opts.timeoutMs ?? Number(process.env.E2E_SUITE_TIMEOUT_MS ?? 600_000);
  let passed = 0;
  let failed = 0;
  let server: CodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  // Ctrl+C (or runTests forwarding SIGINT) must not leave code-server or chromium behind.
  let interrupted: (() => void) | undefined;
  const interruptedP = new Promise<number>((r) => (interrupted = () => r(130)));
  const onSignal = (): void => interrupted?.();
  // `on`, not `once`: Ctrl+C reaches us twice (terminal group + runTests forwarding it), and a
  // second default-handled SIGINT would kill us before the cleanup below.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    server = await startCodeServer({ smokeTestDriver: true, tag: path.basename(opts.extensionTestsPath) });
    browser = await launchChromium(server.root);
    const page = await browser.newPage();
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (resolveExit = r));
    // A crashed page or browser would otherwise only end at the timeout.
    page.on('crash', () => { log('[harness] the workbench page crashed'); resolveExit(1); });
    browser.on('disconnected', () => resolveExit(1));
    await page.exposeFunction('codeAutomationExit', (code: unknown) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (_level: unknown, message: unknown) => {
      const m = String(Array.isArray(message) ? message[0] : message);
      if (!m.startsWith('[mocha] ')) return;
      const line = m.slice('[mocha] '.length);
      const s = SUMMARY.exec(line.trim());
      if (s) { passed = Number(s[1]); failed = Number(s[2]); }
      log(line);
    });
    const remote = (p: string): string => `vscode-remote://remote${path.resolve(p)}`;
    const payload: [string, string][] = opts.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remote(p)]);
    payload.push(['extensionTestsPath', remote(opts.extensionTestsPath)]);
    if (opts.disableExtensions) payload.push(['disableExtensions', 'true']);
    const url = folderUrl(server.baseUrl, opts.folder ?? path.resolve(opts.extensionTestsPath), payload);
    await page.goto(url);
    const code = await Promise.race([exited, delay(timeoutMs).then(() => 124), interruptedP]);
    if (code === 124) log(`[harness] no result from the extension host after ${timeoutMs} ms`);
    if (code !== 0 && code !== 130 && !process.env.CONNECTOR_STUDIO_E2E_NO_SCREENSHOT) {
      const shot = path.join(repoRoot(), 'test-results', `${path.basename(opts.extensionTestsPath)}-failure.png`);
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).then(() => log(`[harness] screenshot: ${path.relative(repoRoot(), shot)}`), () => undefined);
    }
    // The suite reported nothing (load error): count it as one failure so totals never hide it.
    if (code !== 0 && failed === 0) failed = 1;
    return { code, passed, failed, ms: Date.now() - started };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    // Only now: a repeated Ctrl+C during the cleanup above must not kill us halfway.
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** Writes the result where a parent process (scripts/test-e2e.mjs) can read the counts. */
export function writeResultFile(result: ExtensionTestResult): void {
  const file = process.env.CONNECTOR_STUDIO_E2E_RESULT;
  if (file) fs.writeFileSync(file, JSON.stringify(result));
}
