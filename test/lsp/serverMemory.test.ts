// Server memory (issue 19, target 6): the server runs with the launch flags of
// shared/src/serverLaunch.ts however it is started (over IPC or stdio), and a closed connector's data is released
// (and made again, with the same diagnostics, when it is opened again).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerMemory } from '../../server/src/handlers/introspection';
import { SERVER_EXEC_ARGV } from '../../shared/src/serverLaunch';
import { editorLikeClient, TestLspClient } from './lspClient';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/connectors');

/** The corpus connector with the largest definition (Encodian, 1.1 MB, when this was written). */
function largestConnector(): string {
  assert.ok(fs.existsSync(CORPUS), `the shared corpus is missing: ${CORPUS} does not exist`);
  let best = { dir: '', bytes: 0 };
  for (const group of fs.readdirSync(CORPUS)) {
    const g = path.join(CORPUS, group);
    if (!fs.statSync(g).isDirectory()) continue;
    for (const name of fs.readdirSync(g)) {
      const def = path.join(g, name, 'apiDefinition.swagger.json');
      if (fs.existsSync(def) && fs.existsSync(path.join(g, name, 'apiProperties.json')) && fs.statSync(def).size > best.bytes) best = { dir: path.join(g, name), bytes: fs.statSync(def).size };
    }
  }
  assert.ok(best.bytes > 500_000, `no corpus definition over 500 KB under ${CORPUS}`);
  return best.dir;
}

const memory = (client: TestLspClient) => client.connection.sendRequest<ServerMemory>('connectorStudio/memory', { gc: true });
const keys = (d: Diagnostic[]) => d.map((x) => `${String(x.code)}|${x.severity}|${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}|${String(x.message)}`).sort();

describe('language server memory', function () {
  this.timeout(120_000);

  for (const style of ['vscode', 'node'] as const) {
    it(`runs with the launch flags of shared/src/serverLaunch.ts (${style === 'vscode' ? 'IPC' : 'stdio'})`, async () => {
      const client = editorLikeClient(style);
      try {
        await client.initialize(os.tmpdir());
        const m = await memory(client);
        // Exactly those (none today): not this test runner's own `--import tsx`, which a plain fork passes on.
        assert.ok(process.execArgv.some((a) => a.includes('tsx')), `this test runs under tsx (execArgv ${process.execArgv.join(' ')})`);
        assert.deepEqual(m.execArgv, [...SERVER_EXEC_ARGV]);
        assert.ok(m.spaces?.some((s) => s.name === 'old_space' && s.used > 0), 'the heap spaces are reported');
      } finally {
        await client.dispose();
      }
    });
  }

  it('releases a closed connector (runs, parsed files, heap) and validates it again alike when reopened', async () => {
    const source = largestConnector();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-memory-'));
    for (const f of ['apiDefinition.swagger.json', 'apiProperties.json']) fs.copyFileSync(path.join(source, f), path.join(dir, f));
    // A copy in another folder opened and closed first: the code its validation compiles (about 1.5 MB
    // of it only a large file reaches) is in the heap before the baseline, as is every other process-wide cache.
    const small = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-memory-warm-'));
    for (const f of ['apiDefinition.swagger.json', 'apiProperties.json']) fs.copyFileSync(path.join(source, f), path.join(small, f));
    const client = new TestLspClient('vscode', 'ipc');
    try {
      await client.initialize(path.dirname(dir));
      const smallUri = client.open(path.join(small, 'apiDefinition.swagger.json'), fs.readFileSync(path.join(small, 'apiDefinition.swagger.json'), 'utf8'));
      await client.waitForDiagnostics(smallUri, () => true, 60_000);
      client.close(smallUri);
      // The lower of two readings: the first after the close now and then still counts a transient
      // 2-3 MB (gone at the next reading; five runs of open, close and three readings in a row).
      const once = await memory(client);
      const twice = await memory(client);
      const baseline = twice.heapUsed <= once.heapUsed ? twice : once;
      assert.deepEqual(baseline.retained, { runs: 0, parsedDocuments: 0, trees: 0 });

      const file = path.join(dir, 'apiDefinition.swagger.json');
      const text = fs.readFileSync(file, 'utf8');
      const uri = client.open(file, text);
      const first = keys(await client.waitForDiagnostics(uri, () => true, 60_000));
      assert.ok(first.length > 0, 'the largest corpus definition has findings');
      // The definition (open) and apiProperties.json (read from disk) are parsed; one run. Validation
      // places its findings from the text: no positioned tree is built until the file is asked for.
      const opened = await memory(client);
      assert.deepEqual(opened.retained, { runs: 1, parsedDocuments: 2, trees: 0 });
      // Its text, value, index and rule results (about 8 MB; 19 MB when the tree was built at once).
      assert.ok(opened.heapUsed - baseline.heapUsed > 5 * 1048576, `open: heap ${opened.heapUsed} against ${baseline.heapUsed} before`);

      client.close(uri);
      const closed = await memory(client);
      assert.deepEqual(closed.retained, { runs: 0, parsedDocuments: 0, trees: 0 });
      // Before the release, the closed run kept the text and its part fingerprints (about 3 MB here).
      assert.ok(closed.heapUsed - baseline.heapUsed < 1.5 * 1048576, `closed: heap ${(closed.heapUsed / 1048576).toFixed(1)} MB, before opening ${(baseline.heapUsed / 1048576).toFixed(1)} MB`);

      const before = client.publicationsFor(uri).length;
      const again = client.open(file, text);
      assert.equal(again, uri);
      await client.waitForDiagnostics(uri, () => client.publicationsFor(uri).length > before, 60_000);
      assert.deepEqual(keys(client.lastDiagnostics(uri) ?? []), first);
      assert.deepEqual((await memory(client)).retained, { runs: 1, parsedDocuments: 2, trees: 0 });
      // A request of the file builds its tree.
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: TextDocument.create(uri, 'json', 1, text).positionAt(text.indexOf('"consumes"') + 2) });
      assert.ok(hover, 'a hover of the "consumes" key');
      const asked = (await memory(client)).retained;
      assert.ok(asked && asked.trees >= 1, `the hover built no tree: ${JSON.stringify(asked)}`);
    } finally {
      await client.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(small, { recursive: true, force: true });
    }
  });

  it('lets the tree of a file left alone go, and answers it the same afterwards', async () => {
    const source = largestConnector();
    const file = path.join(source, 'apiDefinition.swagger.json');
    const text = fs.readFileSync(file, 'utf8');
    // The idle time the server keeps a tree, shortened from 30 s for this test (read when the server starts).
    process.env.CONNECTOR_STUDIO_TREE_IDLE_MS = '600';
    const client = new TestLspClient('vscode', 'ipc');
    delete process.env.CONNECTOR_STUDIO_TREE_IDLE_MS;
    try {
      await client.initialize(path.dirname(source));
      const uri = client.open(file, text);
      await client.waitForDiagnostics(uri, () => true, 60_000);
      // Inside an operationId's value in the middle of the file (its hover names the operation).
      const key = text.indexOf('"operationId"', text.length / 2);
      const position = TextDocument.create(uri, 'json', 1, text).positionAt(text.indexOf('"', text.indexOf(':', key)) + 2);
      const hover = () => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      const first = await hover();
      assert.ok(first, 'a hover of an operationId');
      // Read without the forced GC: its wait for RSS to settle outlasts the 0.6 s idle time.
      const retained = async () => (await client.connection.sendRequest<ServerMemory>('connectorStudio/memory', { gc: false })).retained;
      assert.ok(((await retained())?.trees ?? 0) >= 1, 'the hover built a tree');
      let trees = -1;
      for (let waited = 0; waited < 10_000 && trees !== 0; waited += 200) {
        await new Promise((r) => setTimeout(r, 200));
        trees = (await retained())?.trees ?? -1;
      }
      assert.equal(trees, 0, 'the trees were not let go after 10 s (idle time 0.6 s)');
      assert.deepEqual(await hover(), first, 'the hover after the tree was built again');
    } finally {
      await client.dispose();
    }
  });
});
