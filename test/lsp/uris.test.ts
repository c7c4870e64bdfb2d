// The server answers on exactly the URI strings the client uses. VS Code (vscode-uri) writes
// `+ @ ( )` as %2B %40 %28 %29; Node's pathToFileURL, Neovim, Helix, eglot and Zed leave them
// literal. A client shows diagnostics only for the URI it opened, byte for byte, so the server must
// key documents by that string, publish on it, and spell files the client has not opened
// (apiProperties.json beside an open definition) the same way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DefinitionRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type Diagnostic,
  type Location,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { clientLabel, editorLikeClient, fileUri, TestLspClient, type UriStyle } from './lspClient';
import { LAYOUTS, makeLayoutRoot, type LayoutRoot } from './pathLayouts';
import { positionOf } from './textHelpers';

const FIXTURE = path.resolve(__dirname, '../fixtures/features');
const STYLES: UriStyle[] = ['node', 'vscode'];

const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);
const lacks = (code: string) => (d: Diagnostic[]) => !d.some((x) => x.code === code);

/** The fixture's apiProperties.json with one finding of its own (icon-brand-color-format). */
function propertiesText(color: string): string {
  const props = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'apiProperties.json'), 'utf8'));
  props.properties.iconBrandColor = color;
  return JSON.stringify(props, null, 4) + '\n';
}

it('the two client styles really spell these layouts differently (else the matrix proves little)', () => {
  const differ = LAYOUTS.filter((l) => fileUri(path.join('/tmp', l.folder, 'x.json'), 'node') !== fileUri(path.join('/tmp', l.folder, 'x.json'), 'vscode'));
  assert.deepEqual(
    differ.map((l) => l.name),
    ['plus and parentheses', 'at sign'],
  );
});

for (const layout of LAYOUTS) {
  for (const style of STYLES) {
    describe(`URIs: "${layout.folder}" (${layout.name}), ${clientLabel(style)}`, function () {
      this.timeout(30_000);
      let root: LayoutRoot;
      let client: TestLspClient;
      let defPath: string;
      let propsPath: string;
      let defText: string;
      const expected = new Set<string>();

      before(async () => {
        root = makeLayoutRoot(layout, 'cs-uris-');
        defPath = path.join(root.dir, 'apiDefinition.swagger.json');
        propsPath = path.join(root.dir, 'apiProperties.json');
        defText = fs.readFileSync(path.join(FIXTURE, 'apiDefinition.swagger.json'), 'utf8');
        fs.writeFileSync(defPath, defText);
        fs.writeFileSync(propsPath, propertiesText('blue'));
        client = editorLikeClient(style);
        await client.initialize(root.dir);
      });
      after(async () => {
        await client?.dispose();
        root?.dispose();
      });
      afterEach(() => {
        const stray = client.publishedUris().filter((u) => !expected.has(u));
        assert.deepEqual(stray, [], 'the server published on URIs the client never uses');
      });

      it('publishes on the exact URI of the opened definition, and on apiProperties.json spelled the same way', async () => {
        const defUri = client.open(defPath, defText);
        const propsUri = client.uriOf(propsPath);
        expected.add(defUri).add(propsUri);
        assert.equal(defUri, fileUri(defPath, style));
        await client.waitForDiagnostics(defUri, has('parameter-description-required'));
        await client.waitForDiagnostics(propsUri, has('icon-brand-color-format'));
      });

      it('keys open documents by the client URI: unsaved buffers of both files are what gets validated', async () => {
        const defUri = client.uriOf(defPath);
        // apiProperties.json opened with the colour fixed in the buffer only (the disk still says "blue").
        const propsUri = client.open(propsPath, propertiesText('#0f6cbd'));
        expected.add(propsUri);
        await client.waitForDiagnostics(propsUri, lacks('icon-brand-color-format'));
        // Rename the operation in the definition buffer only: the policy in apiProperties.json now
        // names an operation that does not exist, which needs the open definition's text.
        client.change(defUri, defText.split('"GetLists"').join('"FetchLists"'));
        await client.waitForDiagnostics(propsUri, has('policy-operation-names-exist'));
        client.change(defUri, defText);
        await client.waitForDiagnostics(propsUri, lacks('policy-operation-names-exist'));
      });

      it('answers definition, references, rename, workspace symbols and code actions with the client URIs', async () => {
        const defUri = client.uriOf(defPath);
        const propsUri = client.uriOf(propsPath);
        const request = <R>(type: { method: string }, params: object) => client.connection.sendRequest(type.method, params) as Promise<R>;
        const pos = positionOf(defText, '"GetLists"', 1, 3);
        const defs = await request<Location[]>(DefinitionRequest.type, { textDocument: { uri: defUri }, position: pos });
        assert.deepEqual(defs.map((d) => d.uri), [defUri]);
        const refs = await request<Location[]>(ReferencesRequest.type, { textDocument: { uri: defUri }, position: pos, context: { includeDeclaration: true } });
        assert.deepEqual(refs.map((r) => r.uri).sort(), [defUri, defUri, propsUri].sort());
        const fromProps = await request<Location[]>(DefinitionRequest.type, { textDocument: { uri: propsUri }, position: positionOf(propertiesText('#0f6cbd'), '"GetLists"', 0, 3) });
        assert.deepEqual(fromProps.map((d) => d.uri), [defUri]);
        const edit = await request<{ changes: Record<string, unknown[]> }>(RenameRequest.type, { textDocument: { uri: defUri }, position: pos, newName: 'ListAllLists' });
        assert.deepEqual(Object.keys(edit.changes).sort(), [defUri, propsUri].sort());
        const symbols = await request<WorkspaceSymbol[]>(WorkspaceSymbolRequest.type, { query: 'GetLists' });
        assert.deepEqual(symbols.map((s) => (s.location as Location).uri), [defUri]);
        const diagnostics = await client.waitForDiagnostics(defUri, has('parameter-description-required'));
        const missing = diagnostics.find((d) => d.code === 'parameter-description-required') as Diagnostic;
        const actions = await request<CodeAction[]>(CodeActionRequest.type, { textDocument: { uri: defUri }, range: missing.range, context: { diagnostics: [missing] } });
        const fix = actions.find((a) => a.diagnostics?.some((d) => d.code === 'parameter-description-required'));
        assert.ok(fix?.edit?.changes, JSON.stringify(actions));
        assert.deepEqual(Object.keys(fix.edit.changes), [defUri]);
      });

      it('spells a definition the client has not opened, named with the layout characters, like the client would', async () => {
        const folder = path.join(root.dir, `second ${layout.folder}`);
        fs.mkdirSync(folder);
        const otherDef = path.join(folder, `${layout.folder}.swagger.json`);
        fs.writeFileSync(otherDef, defText);
        const otherProps = path.join(folder, 'apiProperties.json');
        fs.writeFileSync(otherProps, propertiesText('blue'));
        const propsUri = client.open(otherProps, propertiesText('blue'));
        const defUri = client.uriOf(otherDef);
        expected.add(propsUri).add(defUri);
        await client.waitForDiagnostics(propsUri, has('icon-brand-color-format'));
        const diags = await client.waitForDiagnostics(defUri, has('parameter-description-required'));
        // The name the server saw is the real one (file-layout quotes it): no double decoding.
        const layoutFinding = diags.find((d) => d.code === 'file-layout');
        assert.ok(layoutFinding, JSON.stringify(diags.map((d) => d.code)));
        assert.ok(String(layoutFinding.message).includes(`"${layout.folder}.swagger.json"`), String(layoutFinding.message));
      });
    });
  }
}
