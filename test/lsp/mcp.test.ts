// MCP connectors over LSP (issue 26): typos and misplacements of x-ms-agentic-protocol give
// diagnostics with rule ids; completion offers the key on an operation (not elsewhere) and its values.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompletionRequest, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from './lspClient';
import { positionOf } from './textHelpers';

function definition(op: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      swagger: '2.0',
      info: { title: 'Contoso MCP', description: 'Contoso tasks as MCP tools for Copilot Studio agents.', version: '1.0' },
      host: 'api.contoso.com',
      basePath: '/',
      schemes: ['https'],
      paths: {
        '/mcp': {
          post: {
            operationId: 'InvokeMCP',
            summary: 'Contoso MCP server',
            description: 'The Contoso MCP server.',
            responses: { '200': { description: 'OK', schema: { type: 'object' } } },
            ...op,
          },
        },
      },
      ...extra,
    },
    null,
    2,
  );
}

describe('language server over IPC: MCP connectors (x-ms-agentic-protocol)', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-mcp-'));
    file = path.join(dir, 'apiDefinition.swagger.json');
    client = new TestLspClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function complete(uri: string, text: string, anchor: string, offset: number): Promise<string[]> {
    const r = (await client.connection.sendRequest(CompletionRequest.method, { textDocument: { uri }, position: positionOf(text, anchor, 0, offset) })) as CompletionItem[] | CompletionList | null;
    return (!r ? [] : Array.isArray(r) ? r : r.items).map((i) => i.label as string);
  }

  it('a value typo is an error with rule id mcp-protocol-value and the fix in the message', async () => {
    const text = definition({ 'x-ms-agentic-protocol': 'mcp-streamable-1' });
    const uri = client.open(file, text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'mcp-protocol-value'));
    const d = diags.find((x) => x.code === 'mcp-protocol-value')!;
    assert.equal(d.severity, 1, 'error');
    assert.match(String(d.message), /Did you mean "mcp-streamable-1.0"\?/);
    assert.equal(d.range.start.line, positionOf(text, '"mcp-streamable-1"', 0, 0).line);
  });

  it('the retired SSE value, a misspelt key and a misplaced key each give their rule id', async () => {
    const text = definition({ 'x-ms-agentic-protocl': 'mcp-sse-1.0' }, { 'x-ms-agentic-protocol': 'mcp-sse-1.0' });
    const uri = client.open(file, text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'mcp-protocol-position'));
    const codes = diags.map((x) => x.code);
    assert.ok(codes.includes('x-ms-unknown-extension'), codes.join());
    assert.match(String(diags.find((x) => x.code === 'x-ms-unknown-extension')!.message), /did you mean "x-ms-agentic-protocol"/);
    assert.match(String(diags.find((x) => x.code === 'mcp-protocol-position')!.message), /on the document root is ignored/);
    assert.match(String(diags.find((x) => x.code === 'mcp-protocol-value')!.message), /retired/);
  });

  it('a clean MCP operation has no MCP diagnostic', async () => {
    const text = definition({ 'x-ms-agentic-protocol': 'mcp-streamable-1.0', parameters: [{ name: 'body', in: 'body', schema: { type: 'object' } }] });
    const uri = client.open(file, text);
    const diags = await client.waitForDiagnostics(uri, () => true);
    assert.deepEqual(diags.filter((x) => String(x.code).startsWith('mcp-') || x.code === 'x-ms-unknown-extension').map((x) => x.message), []);
  });

  it('completion offers x-ms-agentic-protocol on an operation, not on info, and its values', async () => {
    const keyText = definition({ '': '' }).replace('"": ""', '"x-ms-a"');
    const uri = client.open(file, keyText);
    const onOp = await complete(uri, keyText, '"x-ms-a"', 1);
    assert.ok(onOp.includes('x-ms-agentic-protocol'), onOp.join());
    const infoText = keyText.replace('"x-ms-a"', '"a": 1').replace('"version": "1.0"', '"version": "1.0", "x-ms-a"');
    client.change(uri, infoText);
    const onInfo = await complete(uri, infoText, '"x-ms-a"', 1);
    assert.ok(!onInfo.includes('x-ms-agentic-protocol'), onInfo.join());
    const valueText = definition({ 'x-ms-agentic-protocol': '' });
    client.change(uri, valueText);
    const values = await complete(uri, valueText, '"x-ms-agentic-protocol": ""', '"x-ms-agentic-protocol": "'.length);
    assert.deepEqual(values, ['mcp-streamable-1.0']);
  });
});
