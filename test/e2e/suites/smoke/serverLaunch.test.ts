// The real LanguageClient starts the language server with the V8 flags of
// shared/src/serverLaunch.ts, the same the LSP tests and `npm run bench` use (issue 19, target 6:
// the bench measures the process users run).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SERVER_EXEC_ARGV } from '../../../../shared/src/serverLaunch';

const EXTENSION_ID = 'connector-studio.connector-studio';

interface Exports {
  client: { sendRequest<R>(method: string, params?: unknown): Promise<R> };
}

interface Memory {
  rss: number;
  execArgv?: string[];
  bundles?: string[];
}

describe('Connector Studio language server launch', function () {
  this.timeout(60_000);

  it('runs the server with the launch flags of shared/src/serverLaunch.ts', async () => {
    const ext = vscode.extensions.getExtension<Exports>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    const client = (await ext.activate()).client;
    // The client may still be starting the server: ask again until it answers.
    let m: Memory | undefined;
    let last: unknown;
    for (const deadline = Date.now() + 30_000; !m && Date.now() < deadline; ) {
      try {
        m = await client.sendRequest<Memory>('connectorStudio/memory', { gc: false });
      } catch (e) {
        last = e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.ok(m, `the server did not answer connectorStudio/memory: ${String(last)}`);
    assert.ok(m.rss > 0, `server RSS ${m.rss}`);
    assert.deepEqual(m.execArgv, [...SERVER_EXEC_ARGV]);
    assert.ok(m.bundles?.includes('server.js'), `bundles: ${m.bundles?.join(', ')}`);
  });
});
