// Test Operation in the real extension host: the CodeLens offers "▶ Test", the command opens the
// panel and its webview says ready, a send through an API-key connection reaches a local server
// (started here on 127.0.0.1; the fixture's host is pointed at it), the result lists the schema
// mismatch, and "Update response schema" changes the definition as one edit.
import * as assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { HostToWebview, RunResult } from '../../../../shared/src/messages/testOperation';
import type { ExtensionServices } from '../../../../client/src/services';
import type { TestOperationPanel } from '../../../../client/src/testOperation/panel';

const EXTENSION_ID = 'connector-studio.connector-studio';
const API_KEY = 'e2e-key-7f3a9c1d';

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'testop', name);
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms))]);
}

function nextResult(panel: TestOperationPanel): Promise<RunResult> {
  return new Promise((resolve) => {
    const sub = panel.onDidPost((m: HostToWebview) => {
      if (m.type !== 'result') return;
      sub.dispose();
      resolve(m.result);
    });
  });
}

describe('Test Operation panel', function () {
  this.timeout(60_000);
  let server: http.Server;
  const seen: http.IncomingMessage[] = [];
  let services: ExtensionServices;
  let panel: TestOperationPanel | undefined;
  let connectionId = '';

  before(async () => {
    server = http.createServer((req, res) => {
      seen.push(req);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: '42', name: 'Milk', price: 1.5 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    // Point the fixture at the server before anything opens it.
    const def = fixture('apiDefinition.swagger.json');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(def));
    await vscode.workspace.fs.writeFile(def, new TextEncoder().encode(text.replace('"127.0.0.1:9"', `"127.0.0.1:${port}"`)));
    const ext = vscode.extensions.getExtension<ExtensionServices>(EXTENSION_ID);
    assert.ok(ext);
    services = await ext.activate();
    const record = await services.connections.create({ folder: vscode.Uri.joinPath(def, '..'), name: 'Local key', values: { api_key: API_KEY } });
    connectionId = record.id;
  });

  after(async () => {
    panel?.dispose();
    if (connectionId) await services.connections.delete(connectionId);
    server.closeAllConnections();
    server.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows a "▶ Test" CodeLens that runs connectorStudio.testOperation with (uri, operationId)', async () => {
    const uri = fixture('apiDefinition.swagger.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const deadline = Date.now() + 15_000;
    let test: vscode.CodeLens | undefined;
    while (!test && Date.now() < deadline) {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      test = lenses.find((l) => l.command?.command === 'connectorStudio.testOperation');
      if (!test) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(test, 'no Test CodeLens');
    assert.equal(test.command?.title, '▶ Test');
    assert.deepEqual(test.command?.arguments?.slice(1), ['GetItem']);
    assert.equal(vscode.Uri.parse(String(test.command?.arguments?.[0])).path, uri.path);
  });

  it('opens the panel from the command, and its webview posts ready', async () => {
    const uri = fixture('apiDefinition.swagger.json');
    panel = await vscode.commands.executeCommand<TestOperationPanel>('connectorStudio.testOperation', uri.toString(), 'GetItem');
    assert.ok(panel, 'the command returned no panel');
    await within(panel.ready, 20_000, "the webview's ready message");
    assert.equal(panel.panel.title, 'Test GetItem');
    // Reused while open.
    const again = await vscode.commands.executeCommand<TestOperationPanel>('connectorStudio.testOperation', uri, 'GetItem');
    assert.equal(again, panel);
  });

  it('sends through the API-key connection and lists the schema mismatch', async () => {
    assert.ok(panel);
    const result = nextResult(panel);
    await panel.handleMessage({ type: 'send', values: { 'path:itemId': '42' }, connectionId });
    const r = await within(result, 15_000, 'the result message');
    assert.ok(r.ok, `send failed: ${!r.ok ? r.message : ''}`);
    assert.equal(r.response.status, 200);
    assert.equal(r.response.body.kind, 'json');
    assert.match(r.response.body.text ?? '', /"name": "Milk"/);
    assert.deepEqual(r.response.schema.mismatches, [{ path: '$.title', message: 'is required but missing' }]);
    const req = seen.at(-1);
    assert.equal(req?.url, '/api/items/42?api-version=2024-01-01');
    assert.equal(req?.headers['x-api-key'], API_KEY);
    assert.equal(req?.headers['x-client'], 'connector-studio');
    // The webview only ever gets the redacted request; history keeps no secret.
    assert.equal(r.request.headers['X-Api-Key'], '***');
    const stored = JSON.stringify(services.context.workspaceState.keys().map((k) => services.context.workspaceState.get(k)));
    assert.ok(stored.includes('path:itemId'), 'the run is in the history');
    assert.ok(!stored.includes(API_KEY), 'a secret reached workspaceState');
  });

  it('updates the response schema from the response as one undoable edit', async () => {
    assert.ok(panel);
    const doc = await vscode.workspace.openTextDocument(fixture('apiDefinition.swagger.json'));
    assert.ok(!doc.getText().includes('"price"'));
    let asked = '';
    const applied = await panel.updateResponseSchema(async (label) => {
      asked = label;
      return true;
    });
    assert.equal(applied, true);
    assert.equal(asked, 'definitions/Item');
    const item = (JSON.parse(doc.getText()) as { definitions: { Item: { properties: Record<string, unknown> } } }).definitions.Item;
    assert.deepEqual(Object.keys(item.properties), ['id', 'name', 'price']);
    assert.equal(doc.isDirty, false, 'the definition was saved');
    // Sending again now matches.
    const result = nextResult(panel);
    await panel.handleMessage({ type: 'send', values: { 'path:itemId': '42' }, connectionId });
    const r = await within(result, 15_000, 'the second result');
    assert.ok(r.ok && r.response.schema.valid, JSON.stringify(r.ok ? r.response.schema : r));
  });

  it('keeps its state when hidden (the webview is re-created and restores the last result)', async () => {
    assert.ok(panel);
    const lastRun = panel.lastResult?.runId;
    assert.ok(lastRun);
    const column = panel.panel.viewColumn;
    // Another editor in the panel's group hides it; retainContextWhenHidden is false, so the webview goes away.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture('apiProperties.json')), { viewColumn: column, preview: false });
    assert.equal(panel.panel.visible, false);
    const readyAgain = new Promise<{ restoredRunId?: number }>((resolve) => {
      const sub = panel!.onDidBecomeReady((e) => {
        sub.dispose();
        resolve(e);
      });
    });
    panel.panel.reveal(column);
    const ready = await within(readyAgain, 20_000, 'the re-created webview to post ready');
    assert.equal(ready.restoredRunId, lastRun);
  });

  it('shows a refused connection as a fault in the panel', async () => {
    assert.ok(panel);
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const result = nextResult(panel);
    await panel.handleMessage({ type: 'send', values: { 'path:itemId': '1' }, connectionId, hostOverride: `127.0.0.1:${port}` });
    const r = await within(result, 15_000, 'the fault');
    assert.ok(!r.ok);
    assert.equal(r.kind, 'connection-refused');
  });
});
