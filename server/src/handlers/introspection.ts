// Two tiny custom requests for tests and `npm run bench`: the server's process id (so a test can
// kill it and watch the client restart it) and its memory use.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Connection } from 'vscode-languageserver/node';

export interface ServerMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** A full garbage collection, so a memory trend shows retained memory rather than GC timing. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

export function registerIntrospection(connection: Connection): void {
  connection.onRequest('connectorStudio/pid', () => process.pid);
  connection.onRequest('connectorStudio/memory', (params: { gc?: boolean } | undefined): ServerMemory => {
    if (params?.gc) collectGarbage();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
  });
}
