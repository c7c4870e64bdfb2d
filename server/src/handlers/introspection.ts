// Two tiny custom requests for tests and `npm run bench`: the server's process id (so a test can
// kill it and watch the client restart it) and its memory use (with the V8 heap spaces, the flags
// it was started with and the bundles it loaded, so the bench can say what the RSS is made of).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Connection } from 'vscode-languageserver/node';

export interface ServerMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** Off-heap ArrayBuffer memory (part of external). */
  arrayBuffers?: number;
  /** V8 heap spaces (new, old, code, large object, ...): size reserved and used, in bytes. */
  spaces?: { name: string; size: number; used: number }[];
  /** The V8 flags the process was started with (process.execArgv). */
  execArgv?: string[];
  /** The lazily loaded bundles of dist/server that this process has loaded (file names). */
  bundles?: string[];
  /** The highest RSS of the process so far (bytes), e.g. while a validation ran. */
  maxRss?: number;
  /** Per-connector state the server holds: incremental runs, parsed documents, and how many of them hold their positioned tree. */
  retained?: { runs: number; parsedDocuments: number; trees: number };
}

/**
 * After a full GC, V8 gives the freed pages back on background threads: RSS read at once still
 * counts them (bench/results.md once showed 416 MB where 210 MB were retained). The reading waits
 * until RSS has not fallen for a second (read every SETTLE_STEP_MS; at most SETTLE_MAX_MS), so it
 * shows what the process keeps: after a burst of editor requests the release came in steps over
 * two seconds (170 MB at 200 ms, 143 MB at 2 s, the same heap used).
 */
const SETTLE_STEP_MS = 250;
const SETTLE_STEADY_MS = 1000;
const SETTLE_MAX_MS = 5000;

async function settledRss(): Promise<void> {
  let lowest = process.memoryUsage.rss();
  let steadySince = 0;
  for (let waited = 0; waited < SETTLE_MAX_MS && waited - steadySince < SETTLE_STEADY_MS; ) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    waited += SETTLE_STEP_MS;
    const now = process.memoryUsage.rss();
    if (lowest - now >= 512 * 1024) {
      lowest = now;
      steadySince = waited;
    }
  }
}

/** A full garbage collection, so a memory trend shows retained memory rather than GC timing. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** The dist/server bundles loaded in this process (server.js and the lazily loaded ones). */
function loadedBundles(): string[] {
  const cache = typeof require === 'function' ? (require.cache as Record<string, unknown> | undefined) : undefined;
  return Object.keys(cache ?? {})
    .filter((f) => /[\\/]dist[\\/]server[\\/][^\\/]+\.js$/.test(f))
    .map((f) => f.replace(/^.*[\\/]/, ''))
    .sort();
}

export function registerIntrospection(connection: Connection, retained?: () => { runs: number; parsedDocuments: number; trees: number }): void {
  connection.onRequest('connectorStudio/pid', () => process.pid);
  connection.onRequest('connectorStudio/memory', async (params: { gc?: boolean } | undefined): Promise<ServerMemory> => {
    if (params?.gc) {
      collectGarbage();
      await settledRss();
    }
    const m = process.memoryUsage();
    const spaces = v8.getHeapSpaceStatistics().map((sp) => ({ name: sp.space_name, size: sp.space_size, used: sp.space_used_size }));
    return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, spaces, execArgv: process.execArgv, bundles: loadedBundles(), maxRss: process.resourceUsage().maxRSS * 1024, retained: retained?.() };
  });
}
