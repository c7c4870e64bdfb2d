import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Location,
} from 'vscode-languageserver-protocol/node';
import { positionOf } from './textHelpers';
import { openFixtureConnector, type OpenedConnector, TestLspClient } from './lspClient';

const FIXTURE = path.resolve(__dirname, '../fixtures/features');


describe('language server over IPC: editing features', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let opened: OpenedConnector;
  let defText: string;
  let propsText: string;
  let defUri: string;
  let propsUri: string;

  before(async () => {
    opened = await openFixtureConnector(FIXTURE, 'apiDefinition.swagger.json', 'cs-lsp-features-');
    ({ client, defText, propsText, defUri, propsUri } = opened);
  });
  after(() => opened.dispose());

  const request = <R>(type: { method: string }, params: object) => client.connection.sendRequest(type.method, params) as Promise<R>;

  it('completes operationIds inside x-ms-dynamic-values', async () => {
    const pos = positionOf(defText, '"operationId": "GetLists"', 1, '"operationId": "'.length + 1);
    const result = await request<CompletionItem[] | CompletionList>(CompletionRequest.type, { textDocument: { uri: defUri }, position: pos });
    const items = Array.isArray(result) ? result : result.items;
    const labels = items.map((i) => i.label);
    assert.deepEqual(labels.sort(), ['GetItems', 'GetLists']);
    assert.equal(items.find((i) => i.label === 'GetLists')?.detail, 'GET /lists');
  });

  it('completes x-ms keys valid for a parameter', async () => {
    const pos = positionOf(defText, '"x-ms-summary": "List"');
    const result = await request<CompletionItem[]>(CompletionRequest.type, { textDocument: { uri: defUri }, position: pos });
    const labels = result.map((i) => i.label);
    assert.ok(labels.includes('x-ms-visibility'), labels.join());
    assert.ok(labels.includes('x-ms-dynamic-list'));
    assert.ok(!labels.includes('x-ms-dynamic-values'), 'x-ms-dynamic-values is already in this parameter (issue 20: keys not yet present)');
    assert.ok(!labels.includes('x-ms-trigger'), 'x-ms-trigger belongs on operations, not parameters');
  });

  it('hovers an x-ms key with its documentation, and an operationId reference with its target', async () => {
    const h1 = await request<{ contents: { value: string } }>(HoverRequest.type, { textDocument: { uri: defUri }, position: positionOf(defText, '"x-ms-url-encoding"', 0, 3) });
    assert.match(h1.contents.value, /single.*double/s);
    const h2 = await request<{ contents: { value: string } }>(HoverRequest.type, { textDocument: { uri: defUri }, position: positionOf(defText, '"GetLists"', 1, 3) });
    assert.match(h2.contents.value, /GET `\/lists`/);
    assert.match(h2.contents.value, /Get lists/);
  });

  it('goes from an operationId reference to its declaration, and lists references in both files', async () => {
    const pos = positionOf(defText, '"GetLists"', 1, 3);
    const defs = await request<Location[]>(DefinitionRequest.type, { textDocument: { uri: defUri }, position: pos });
    assert.equal(defs.length, 1);
    assert.equal(defs[0].range.start.line, positionOf(defText, '"GetLists"').line);
    const refs = await request<Location[]>(ReferencesRequest.type, { textDocument: { uri: defUri }, position: pos, context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((r) => r.uri).sort(), [defUri, defUri, propsUri].sort());
  });

  it('renames an operationId across the definition and apiProperties.json in one edit', async () => {
    const pos = positionOf(defText, '"GetLists"', 0, 3);
    const prep = await request<{ placeholder: string }>(PrepareRenameRequest.type, { textDocument: { uri: defUri }, position: pos });
    assert.equal(prep.placeholder, 'GetLists');
    const edit = await request<{ changes: Record<string, { newText: string }[]> }>(RenameRequest.type, { textDocument: { uri: defUri }, position: pos, newName: 'ListAllLists' });
    assert.equal(edit.changes[defUri].length, 2);
    assert.equal(edit.changes[propsUri].length, 1);
    assert.ok(Object.values(edit.changes).flat().every((e) => e.newText === 'ListAllLists'));
    await assert.rejects(request(RenameRequest.type, { textDocument: { uri: defUri }, position: pos, newName: 'GetItems' }), /already exists/);
    await assert.rejects(request(RenameRequest.type, { textDocument: { uri: defUri }, position: pos, newName: 'bad id' }), /not a valid operationId/);
  });

  it('renames a definition behind $ref', async () => {
    const pos = positionOf(defText, '"ListCollection": {', 0, 3);
    const edit = await request<{ changes: Record<string, { newText: string }[]> }>(RenameRequest.type, { textDocument: { uri: defUri }, position: pos, newName: 'Lists' });
    assert.equal(edit.changes[defUri].length, 3, 'the declaration and two $refs');
  });

  it('outlines operations by tag and lists sections', async () => {
    const symbols = await request<DocumentSymbol[]>(DocumentSymbolRequest.type, { textDocument: { uri: defUri } });
    const names = symbols.map((s) => s.name);
    assert.deepEqual(names, ['Lists', 'Items', 'definitions']);
    assert.equal(symbols[0].children?.[0].name, 'GET /lists');
  });

  it('shows a CodeLens per operation with its reference count', async () => {
    const lenses = await request<{ command?: { title: string } }[]>(CodeLensRequest.type, { textDocument: { uri: defUri } });
    const titles = lenses.map((l) => l.command?.title);
    assert.deepEqual(titles, ['GetLists · internal · 2 references', '▶ Test', 'GetItems · 0 references', '▶ Test']);
  });
});
