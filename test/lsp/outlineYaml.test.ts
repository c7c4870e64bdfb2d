// The outline of YAML definitions at its edges (issue 20, item 2): quoted keys, the size budget of
// yaml-language-server's key tree, a file our parser refuses, schema features switched off and an
// editor that serves the YAML schema itself (Red Hat's extension). The fixture case is in
// featuresYaml.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DocumentSymbolRequest, FoldingRangeRequest, SelectionRangeRequest, SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from './lspClient';

const PROPERTIES = fs.readFileSync(path.resolve(__dirname, '../fixtures/features-yaml/apiProperties.json'), 'utf8');
const DEFINITION = fs.readFileSync(path.resolve(__dirname, '../fixtures/features-yaml/apiDefinition.yaml'), 'utf8');

/** A YAML definition with `count` tagged operations (and their definitions) of about `bytes` in all. */
function bigDefinition(bytes: number): string {
  const parts = ['swagger: "2.0"\ninfo:\n  title: Big\n  description: A big connector.\n  version: "1.0"\nhost: big.contoso.com\npaths:\n'];
  const defs = ['definitions:\n'];
  let size = parts[0].length + defs[0].length;
  for (let i = 0; size < bytes; i++) {
    const op = `  /things${i}:\n    get:\n      operationId: GetThing${i}\n      summary: Get thing ${i}\n      description: Returns thing ${i}.\n      tags:\n        - Group${i % 5}\n      responses:\n        "200":\n          description: OK\n          schema:\n            $ref: "#/definitions/Thing${i}"\n`;
    const def = `  Thing${i}:\n    type: object\n    properties:\n      id:\n        type: string\n`;
    parts.push(op);
    defs.push(def);
    size += op.length + def.length;
  }
  return parts.join('') + defs.join('');
}

describe('language server: the outline of YAML definitions at its edges', function () {
  this.timeout(60_000);
  const clients: TestLspClient[] = [];
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-outline-yaml-'));
  after(async () => {
    for (const c of clients) await c.dispose();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  /** A started client; `env` is set for the server process only. */
  async function startClient(env: Record<string, string> = {}, initializationOptions?: object): Promise<TestLspClient> {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    let client: TestLspClient;
    try {
      client = new TestLspClient();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    clients.push(client);
    await client.initialize(ws, initializationOptions);
    return client;
  }

  /** Opens a connector folder <ws>/<name> with this YAML definition; resolves once it is validated. */
  async function openConnector(client: TestLspClient, name: string, text: string, timeoutMs = 20_000): Promise<string> {
    const dir = path.join(ws, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'apiDefinition.yaml'), text);
    fs.writeFileSync(path.join(dir, 'apiProperties.json'), PROPERTIES);
    const uri = client.open(path.join(dir, 'apiDefinition.yaml'), text);
    client.open(path.join(dir, 'apiProperties.json'), PROPERTIES);
    await client.waitForDiagnostics(uri, () => true, timeoutMs);
    return uri;
  }

  const symbolsOf = async (client: TestLspClient, uri: string) => (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];

  let client: TestLspClient;
  before(async () => {
    client = await startClient();
  });

  it('quoted path and method keys: the key tree names them unquoted and they still carry our detail', async () => {
    const text = DEFINITION.replace('  /lists:\n    get:', '  "/lists":\n    "get":').replace('  /lists/{listId}/items:', "  '/lists/{listId}/items':");
    assert.notEqual(text, DEFINITION);
    const uri = await openConnector(client, 'quoted', text);
    const symbols = await symbolsOf(client, uri);
    const paths = symbols.find((s) => s.name === 'paths');
    assert.deepEqual(
      paths?.children?.map((p) => [p.name, p.children?.find((m) => m.name === 'get')?.detail, p.children?.find((m) => m.name === 'get')?.kind]),
      [
        ['/lists', 'GetLists - Get lists', SymbolKind.Method],
        ['/lists/{listId}/items', 'GetItems - Get items', SymbolKind.Method],
      ],
    );
  });

  it('a YAML definition over 1 MB keeps our outline (sections included) and answers promptly', async () => {
    const text = bigDefinition(1.2 * 1024 * 1024);
    assert.ok(text.length > 1024 * 1024);
    const ops = Object.keys((parseYaml(text) as { paths: object }).paths).length;
    const uri = await openConnector(client, 'big', text, 40_000);
    const t0 = performance.now();
    const symbols = await symbolsOf(client, uri);
    const ms = performance.now() - t0;
    assert.deepEqual(symbols.map((s) => s.name), ['Group0', 'Group1', 'Group2', 'Group3', 'Group4', 'definitions']);
    assert.equal(symbols.slice(0, 5).reduce((n, s) => n + (s.children?.length ?? 0), 0), ops);
    assert.equal(symbols[5].kind, SymbolKind.Module);
    assert.equal(symbols[5].children?.length, ops);
    assert.ok(ms < 5_000, `${ms.toFixed(0)} ms`);
    // Folding (asked on every version) is ours too: it folds the definitions section from its key's line.
    const t1 = performance.now();
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(performance.now() - t1 < 5_000, `folding took ${(performance.now() - t1).toFixed(0)} ms`);
    const definitionsLine = text.split('\n').indexOf('definitions:');
    assert.ok(definitionsLine > 0);
    assert.ok(folds?.some((f) => f.startLine === definitionsLine), `a fold starts at "definitions:" (line ${definitionsLine})`);
  });

  it('a YAML definition our parser refuses (an alias bomb) gives an empty outline, and the server goes on', async () => {
    let text = 'swagger: "2.0"\na: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let k = 0, prev = 'a'; k < 12; prev = `n${k}`, k++) text += `n${k}: &n${k} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
    const dir = path.join(ws, 'bomb');
    fs.mkdirSync(dir, { recursive: true });
    const uri = client.open(path.join(dir, 'apiDefinition.yaml'), text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'input-budget'));
    assert.ok(diags.some((x) => x.code === 'input-budget'));
    const t0 = performance.now();
    assert.deepEqual(await symbolsOf(client, uri), []);
    assert.deepEqual(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }), []);
    assert.deepEqual(await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions: [{ line: 2, character: 3 }] }), []);
    assert.ok(performance.now() - t0 < 2_000);
    const ok = await openConnector(client, 'after-bomb', DEFINITION);
    assert.ok((await symbolsOf(client, ok)).some((s) => s.name === 'swagger'));
  });

  it('schema features off (CONNECTOR_STUDIO_SCHEMA_FEATURES=off): our full outline, sections included', async () => {
    const off = await startClient({ CONNECTOR_STUDIO_SCHEMA_FEATURES: 'off' });
    const uri = await openConnector(off, 'off', DEFINITION);
    const symbols = await symbolsOf(off, uri);
    assert.deepEqual(symbols.map((s) => [s.name, s.kind]), [
      ['Lists', SymbolKind.Namespace],
      ['Items', SymbolKind.Namespace],
      ['definitions', SymbolKind.Module],
    ]);
  });

  it('an editor that serves the YAML schema itself (Red Hat YAML, which adds the key tree) gets our outline only', async () => {
    const served = await startClient({}, { editorServesYamlSchemas: true });
    const uri = await openConnector(served, 'served', DEFINITION);
    assert.deepEqual((await symbolsOf(served, uri)).map((s) => s.name), ['Lists', 'Items', 'definitions']);
  });
});
