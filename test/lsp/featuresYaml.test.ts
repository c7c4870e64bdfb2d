// The editing features on a YAML definition (test/fixtures/features-yaml: the features fixture as
// YAML, with block sequences "- name: x") next to apiProperties.json: parity with the JSON tests.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Location,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { openFixtureConnector, type OpenedConnector, TestLspClient } from './lspClient';
import { applyEdits, positionOf } from './textHelpers';

const FIXTURE = path.resolve(__dirname, '../fixtures/features-yaml');

function itemsOf(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return !result ? [] : Array.isArray(result) ? result : result.items;
}

describe('language server over IPC: editing features on a YAML definition', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let opened: OpenedConnector;
  let defText: string;
  let propsText: string;
  let defUri: string;
  let propsUri: string;

  before(async () => {
    opened = await openFixtureConnector(FIXTURE, 'apiDefinition.yaml', 'cs-lsp-features-yaml-');
    ({ client, defText, propsText, defUri, propsUri } = opened);
  });
  after(() => opened.dispose());

  const request = <R>(type: { method: string }, params: object) => client.connection.sendRequest(type.method, params) as Promise<R>;
  const complete = async (uri: string, position: Position) => itemsOf(await request<CompletionItem[] | CompletionList | null>(CompletionRequest.type, { textDocument: { uri }, position }));

  /** Completion on the definition with `edit` applied to it (then the original text is restored). */
  async function completeEdited(edited: string, position: Position): Promise<CompletionItem[]> {
    client.change(defUri, edited);
    try {
      return await complete(defUri, position);
    } finally {
      client.change(defUri, defText);
    }
  }

  it('completes x-ms keys for a parameter written as a "- name: x" sequence item, as YAML', async () => {
    const anchor = '          x-ms-url-encoding: single\n';
    const edited = defText.replace(anchor, anchor + '          x-ms-\n');
    const pos = positionOf(edited, '          x-ms-\n', 0, '          x-ms-'.length);
    const items = await completeEdited(edited, pos);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('x-ms-visibility'), labels.join());
    assert.ok(!labels.includes('x-ms-trigger'), 'x-ms-trigger belongs on operations');
    const vis = items.find((i) => i.label === 'x-ms-visibility')!;
    const edit = vis.textEdit as TextEdit;
    assert.match(edit.newText, /^x-ms-visibility: \$\{1\|important,advanced,internal\|\}$/);
    assert.deepEqual(edit.range, { start: { line: pos.line, character: 10 }, end: pos });
  });

  it('completes x-ms keys on a new "- " item of a parameters sequence', async () => {
    const anchor = '            value-title: name\n';
    const edited = defText.replace(anchor, anchor + '        - x-ms\n');
    const pos = positionOf(edited, '        - x-ms\n', 0, '        - x-ms'.length);
    const labels = (await completeEdited(edited, pos)).map((i) => i.label);
    assert.ok(labels.includes('x-ms-summary'), labels.join());
    assert.ok(!labels.includes('x-ms-trigger'));
  });

  it('completes operationIds inside x-ms-dynamic-values, replacing the whole value', async () => {
    const pos = positionOf(defText, 'operationId: GetLists', 1, 'operationId: Get'.length);
    const items = await complete(defUri, pos);
    assert.deepEqual(items.map((i) => i.label).sort(), ['GetItems', 'GetLists']);
    const edit = items.find((i) => i.label === 'GetItems')!.textEdit as TextEdit;
    assert.equal(edit.newText, 'GetItems');
    assert.equal(edit.range.end.character - edit.range.start.character, 'GetLists'.length);
    assert.equal(applyEdits(defText, [edit]).split('\n')[pos.line].trim(), 'operationId: GetItems');
  });

  it('completes the values of x-ms-visibility', async () => {
    const pos = positionOf(defText, 'x-ms-visibility: internal', 0, 'x-ms-visibility: '.length);
    const items = await complete(defUri, pos);
    assert.deepEqual(items.map((i) => i.label), ['important', 'advanced', 'internal']);
  });

  it('completes a quoted $ref target, replacing the whole quoted scalar', async () => {
    const pos = positionOf(defText, '$ref: "#/definitions/ListCollection"', 0, '$ref: "#/def'.length);
    const items = await complete(defUri, pos);
    assert.deepEqual(items.map((i) => i.label), ['#/definitions/ListCollection']);
    const edit = items[0].textEdit as TextEdit;
    assert.equal(edit.newText, '"#/definitions/ListCollection"');
    // VS Code filters on the replaced text, opening quote included.
    assert.equal(items[0].filterText, '"#/definitions/ListCollection"');
    assert.equal(applyEdits(defText, [edit]), defText);
  });

  it('hovers an x-ms key and an operationId reference', async () => {
    const h1 = await request<{ contents: { value: string } }>(HoverRequest.type, { textDocument: { uri: defUri }, position: positionOf(defText, 'x-ms-url-encoding', 0, 3) });
    assert.match(h1.contents.value, /single.*double/s);
    const h2 = await request<{ contents: { value: string } }>(HoverRequest.type, { textDocument: { uri: defUri }, position: positionOf(defText, 'GetLists', 1, 3) });
    assert.match(h2.contents.value, /GET `\/lists`/);
    assert.match(h2.contents.value, /Get lists/);
  });

  it('goes to the declaration and lists references in both files', async () => {
    const pos = positionOf(defText, 'GetLists', 1, 3);
    const defs = await request<Location[]>(DefinitionRequest.type, { textDocument: { uri: defUri }, position: pos });
    assert.equal(defs.length, 1);
    assert.deepEqual(defs[0].range.start, positionOf(defText, 'GetLists'));
    assert.equal(defs[0].range.end.character - defs[0].range.start.character, 'GetLists'.length);
    const refs = await request<Location[]>(ReferencesRequest.type, { textDocument: { uri: defUri }, position: pos, context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((r) => r.uri).sort(), [defUri, defUri, propsUri].sort());
  });

  it('renames an operationId in the YAML and apiProperties.json, keeping both files valid', async () => {
    const pos = positionOf(defText, 'GetLists', 0, 3);
    const prep = await request<{ placeholder: string }>(PrepareRenameRequest.type, { textDocument: { uri: defUri }, position: pos });
    assert.equal(prep.placeholder, 'GetLists');
    const edit = await request<{ changes: Record<string, TextEdit[]> }>(RenameRequest.type, { textDocument: { uri: defUri }, position: pos, newName: 'ListAllLists' });
    assert.equal(edit.changes[defUri].length, 2);
    assert.equal(edit.changes[propsUri].length, 1);
    const def = parseYaml(applyEdits(defText, edit.changes[defUri]));
    assert.equal(def.paths['/lists'].get.operationId, 'ListAllLists');
    assert.equal(def.paths['/lists/{listId}/items'].get.parameters[0]['x-ms-dynamic-values'].operationId, 'ListAllLists');
    const props = JSON.parse(applyEdits(propsText, edit.changes[propsUri]));
    assert.deepEqual(props.properties.policyTemplateInstances[0].parameters['x-ms-apimTemplate-operationName'], ['ListAllLists']);
  });

  it('renames a definition behind a quoted $ref', async () => {
    const pos = positionOf(defText, 'ListCollection:', 0, 3);
    const edit = await request<{ changes: Record<string, TextEdit[]> }>(RenameRequest.type, { textDocument: { uri: defUri }, position: pos, newName: 'Lists' });
    assert.equal(edit.changes[defUri].length, 3, 'the declaration and two $refs');
    const def = parseYaml(applyEdits(defText, edit.changes[defUri]));
    assert.ok(def.definitions.Lists);
    assert.equal(def.paths['/lists'].get.responses['200'].schema.$ref, '#/definitions/Lists');
  });

  it('outlines operations by tag, then the whole key tree from yaml-language-server', async () => {
    const symbols = await request<DocumentSymbol[]>(DocumentSymbolRequest.type, { textDocument: { uri: defUri } });
    // Our connector view first (tag groups), then one entry per top-level key: the key names are
    // those the yaml package reads, in order, and no section of ours repeats one of them.
    const keys = Object.keys(parseYaml(defText) as object);
    assert.deepEqual(keys, ['swagger', 'info', 'host', 'basePath', 'schemes', 'paths', 'definitions']);
    assert.deepEqual(symbols.map((s) => s.name), ['Lists', 'Items', ...keys]);
    assert.equal(symbols[1].kind, SymbolKind.Namespace);
    assert.equal(symbols[1].children?.[0].name, 'GET /lists/{listId}/items');
    assert.equal(symbols[1].children?.[0].selectionRange.start.line, positionOf(defText, 'get:', 1).line);
    const byName = (list: DocumentSymbol[] | undefined, name: string) => list?.find((s) => s.name === name);
    assert.deepEqual(byName(symbols, 'info')?.children?.map((c) => c.name), ['title', 'description', 'version']);
    assert.deepEqual(byName(symbols, 'definitions')?.children?.map((c) => c.name), ['ListCollection']);
    assert.equal(byName(symbols, 'definitions')?.selectionRange.start.line, positionOf(defText, 'definitions:').line);
    // paths > path keys > method keys: our operations, with our kind and detail.
    const paths = byName(symbols, 'paths');
    assert.deepEqual(paths?.children?.map((p) => p.name), ['/lists', '/lists/{listId}/items']);
    const methods = paths!.children!.map((p) => byName(p.children, 'get')!);
    assert.deepEqual(methods.map((m) => [m.kind, m.detail]), [
      [SymbolKind.Method, 'GetLists - Get lists'],
      [SymbolKind.Method, 'GetItems - Get items'],
    ]);
    assert.equal(methods[1].selectionRange.start.line, positionOf(defText, 'get:', 1).line);
    // The key tree goes below the operation: its operationId key and value.
    assert.equal(byName(methods[0].children, 'operationId')?.detail, 'GetLists');
    // Both views agree: the tag group's operation has the detail of the key tree's method.
    assert.equal(symbols[1].children?.[0].detail, methods[1].detail);
  });

  it('outline: no two siblings share a name and a range, and every selection lies in its range', async () => {
    const symbols = await request<DocumentSymbol[]>(DocumentSymbolRequest.type, { textDocument: { uri: defUri } });
    const key = (r: { start: Position; end: Position }) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    let count = 0;
    const walk = (list: DocumentSymbol[], where: string) => {
      const seen = new Set<string>();
      for (const s of list) {
        count++;
        const id = `${s.name} ${key(s.range)}`;
        assert.ok(!seen.has(id), `${where}: ${id} twice`);
        seen.add(id);
        assert.ok(before(s.range.start, s.selectionRange.start) && before(s.selectionRange.end, s.range.end), `${where}/${s.name}: selection outside its range`);
        walk(s.children ?? [], `${where}/${s.name}`);
      }
    };
    walk(symbols, '');
    assert.ok(count > 40, `${count} symbols`);
  });

  it('shows a CodeLens per operation with its reference count', async () => {
    const lenses = await request<{ command?: { title: string } }[]>(CodeLensRequest.type, { textDocument: { uri: defUri } });
    assert.deepEqual(lenses.map((l) => l.command?.title).filter((t) => t?.includes('reference')), ['GetLists · internal · 2 references', 'GetItems · 0 references']);
  });

  it('quick-fixes a missing parameter description with the file own indentation', async () => {
    const diagnostics = await client.waitForDiagnostics(defUri, (d) => d.some((x) => x.code === 'parameter-description-required'));
    const diagnostic = diagnostics.find((x) => x.code === 'parameter-description-required')!;
    const actions = await request<CodeAction[]>(CodeActionRequest.type, { textDocument: { uri: defUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.ok(fix?.edit?.changes, JSON.stringify(actions));
    const after = applyEdits(defText, fix.edit.changes[defUri]);
    assert.equal(parseYaml(after).paths['/lists/{listId}/items'].get.parameters[0].description, 'The list id.');
    assert.match(after, /\n {10}description: The list id\.\n/);
  });
});
