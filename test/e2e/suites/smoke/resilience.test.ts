// The language server dies mid-session (SIGKILL): the real LanguageClient restarts it, the open
// documents are synced again, and diagnostics come back - also for a file opened afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'connector-studio.connector-studio';

/** The slice of the extension's exports this test needs (activate() returns the services). */
interface Exports {
  client: { sendRequest<R>(method: string): Promise<R>; isRunning(): boolean };
}

function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'connector-studio');

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Connector Studio resilience', function () {
  this.timeout(90_000);
  let client: Exports['client'];

  before(async () => {
    const ext = vscode.extensions.getExtension<Exports>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    client = (await ext.activate()).client;
  });

  it('restarts a killed language server and publishes diagnostics again', async () => {
    const broken = workspaceFile('apiDefinition.swagger.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken));
    await until('the first json-parse-error', () => ours(broken).some((d) => codeOf(d) === 'json-parse-error'));

    const pid = await client.sendRequest<number>('connectorStudio/pid');
    assert.ok(Number.isInteger(pid) && pid !== process.pid, `server pid ${pid}`);
    process.kill(pid, 'SIGKILL');
    await until(`server ${pid} to exit`, () => !alive(pid));

    // The client notices the closed connection and starts a new server process.
    const newPid = await until('a restarted server', async () => {
      if (!client.isRunning()) return undefined;
      try {
        const p = await Promise.race([client.sendRequest<number>('connectorStudio/pid'), new Promise<undefined>((r) => setTimeout(() => r(undefined), 2_000))]);
        return p !== undefined && p !== pid ? p : undefined;
      } catch {
        return undefined;
      }
    }, 40_000);
    assert.ok(alive(newPid), 'the new server runs');

    // The reopened document is validated by the new server...
    await until('json-parse-error after the restart', () => ours(broken).some((d) => codeOf(d) === 'json-parse-error'));
    // ...and a file opened only now gets its diagnostics too, so the new server really works.
    const yaml = workspaceFile('petstore.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(yaml));
    await until('yaml-parse-error from the new server', () => ours(yaml).some((d) => codeOf(d) === 'yaml-parse-error'));
    assert.equal(await client.sendRequest<number>('connectorStudio/pid'), newPid);
  });
});
