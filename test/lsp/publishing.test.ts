// How often and with which version the server publishes, over stdio with a real client: one
// publish per document version (a version with syntax errors gets one earlier, syntax-only publish
// before its rule results), a superseded version never published, the first edit after a pause
// validated at once and a burst of edits coalesced into one publish.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { debounceDelay } from '../../server/src/handlers/diagnostics';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from './lspClient';

/** A small valid definition with one operation per path (n paths). */
function definition(n: number): string {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    paths[`/items${i}/{id}`] = {
      get: {
        operationId: `GetItem${i}`,
        summary: `Get item ${i}`,
        description: `Gets item ${i} of the collection.`,
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string', 'x-ms-summary': 'Item ID', description: 'The item.' }],
        responses: { '200': { description: 'OK', schema: { type: 'object', properties: { id: { type: 'string', description: 'ID', 'x-ms-summary': 'ID' }, name: { type: 'string', description: 'Name', 'x-ms-summary': 'Name' } } } } },
      },
    };
  }
  const def = { swagger: '2.0', info: { title: 'Contoso Items', description: 'Manage items in the Contoso item service.', version: '1.0' }, host: 'api.contoso.com', basePath: '/', schemes: ['https'], paths };
  return JSON.stringify(def, null, 2);
}

const PROPERTIES = JSON.stringify({ properties: { iconBrandColor: '#007ee5', capabilities: [], publisher: 'Contoso', stackOwner: 'Contoso' } }, null, 2);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('language server over stdio: one publish per version', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  let dir: string;
  let defPath: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-pub-'));
    defPath = path.join(dir, 'apiDefinition.swagger.json');
    fs.writeFileSync(path.join(dir, 'apiProperties.json'), PROPERTIES);
    client = new TestLspClient('node', 'stdio');
    await client.initialize(dir);
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until uri has a publication for version, then a quiet time longer than any debounce. */
  async function settle(uri: string, version: number): Promise<void> {
    const deadline = performance.now() + 30_000;
    while (!client.publicationsFor(uri).some((p) => p.version === version)) {
      if (performance.now() > deadline) assert.fail(`no publication for version ${version} within 30 s; versions published: ${JSON.stringify(client.publicationsFor(uri).map((p) => p.version ?? null))}`);
      await sleep(20);
    }
    await sleep(3 * debounceDelay(Number.MAX_SAFE_INTEGER));
  }

  it('opening a definition publishes exactly once, with its version; a related file the client has not opened has no version', async () => {
    const text = definition(3);
    fs.writeFileSync(defPath, text);
    const uri = client.open(defPath, text);
    await settle(uri, 1);
    assert.deepEqual(
      client.publicationsFor(uri).map((p) => p.version),
      [1],
      'one publish for the opened definition',
    );
    const props = client.publications.filter((p) => p.uri.endsWith('/apiProperties.json'));
    assert.equal(props.length, 1, `apiProperties.json is validated with its definition and published once: ${JSON.stringify(props)}`);
    assert.equal(props[0].version, undefined, 'apiProperties.json is not open in the client: its publish carries no version');
    assert.ok(props[0].diagnostics.length > 0, 'the properties fixture lacks required fields, so it has findings to publish');
  });

  it('an open followed by a burst of edits publishes once, for the last version', async () => {
    const text = definition(3);
    const uri = client.open(defPath, text);
    const edits = 10;
    for (let i = 1; i <= edits; i++) client.change(uri, text + ' '.repeat(i));
    await settle(uri, 1 + edits);
    assert.deepEqual(
      client.publicationsFor(uri).map((p) => p.version),
      [1 + edits],
    );
  });

  it('a burst of edits after a pause publishes once, for the last version', async () => {
    const text = definition(3);
    const uri = client.open(defPath, text);
    await settle(uri, 1);
    const before = client.publicationsFor(uri).length;
    const edits = 10;
    for (let i = 1; i <= edits; i++) client.change(uri, text + ' '.repeat(i));
    await settle(uri, 1 + edits);
    assert.deepEqual(
      client.publicationsFor(uri).slice(before).map((p) => p.version),
      [1 + edits],
    );
  });

  it('the first edit after a pause is published without waiting for the debounce (leading edge)', async () => {
    const text = definition(3);
    const uri = client.open(defPath, text);
    await settle(uri, 1);
    const sent = performance.now();
    client.change(uri, text.replace('"Contoso Items"', '"Contoso Items and more"'));
    await settle(uri, 2);
    const published = client.publicationsFor(uri).find((p) => p.version === 2)!;
    const elapsed = published.at - sent;
    // A trailing-edge debounce could not publish before its delay has passed.
    assert.ok(elapsed < debounceDelay(text.length), `edit-to-publish took ${elapsed.toFixed(0)} ms, the debounce is ${debounceDelay(text.length)} ms`);
    assert.deepEqual(
      client.publicationsFor(uri).map((p) => p.version),
      [1, 2],
    );
  });

  it('edits typed one after the other, each after the previous publish, are each validated at once (no debounce wait)', async () => {
    const text = definition(3);
    const uri = client.open(defPath, text);
    await settle(uri, 1);
    for (let v = 2; v <= 4; v++) {
      const sent = performance.now();
      client.change(uri, text.replace('"Contoso Items"', `"Contoso Items ${v}"`));
      await client.waitForDiagnostics(uri, () => client.publicationsFor(uri).some((p) => p.version === v));
      const elapsed = client.publicationsFor(uri).find((p) => p.version === v)!.at - sent;
      assert.ok(elapsed < debounceDelay(text.length), `version ${v}: edit-to-publish took ${elapsed.toFixed(0)} ms, the debounce is ${debounceDelay(text.length)} ms`);
    }
    await settle(uri, 4);
    assert.deepEqual(client.publicationsFor(uri).map((p) => p.version), [1, 2, 3, 4]);
  });

  it('syntax errors are published first, then the same version once more with the rule results; a version without syntax errors is published once', async () => {
    const text = definition(3);
    // A trailing comma: a syntax error the parser recovers from, so the rules still run.
    const broken = text.replace('"version": "1.0"', '"version": "1.0",');
    assert.notEqual(broken, text);
    const uri = client.open(defPath, broken);
    await settle(uri, 1);
    const pubs = client.publicationsFor(uri);
    assert.deepEqual(pubs.map((p) => p.version), [1, 1], 'a syntax-only publish, then the final one, both for version 1');
    const syntaxCodes = ['json-parse-error', 'json-trailing-comma'];
    const first = pubs[0].diagnostics.map((d) => String(d.code));
    assert.ok(first.length > 0 && first.every((c) => syntaxCodes.includes(c)), `the first publish holds the syntax error only: ${first.join(', ')}`);
    assert.ok(pubs[1].diagnostics.some((d) => syntaxCodes.includes(String(d.code))), 'the final publish keeps the syntax error');
    assert.ok(pubs[1].diagnostics.some((d) => !syntaxCodes.includes(String(d.code))), 'the final publish adds the rule results');
    client.change(uri, text);
    await settle(uri, 2);
    assert.deepEqual(client.publicationsFor(uri).map((p) => p.version), [1, 1, 2], 'the repaired version is published once');
    assert.ok(!client.publicationsFor(uri)[2].diagnostics.some((d) => syntaxCodes.includes(String(d.code))));
  });

  it('an edit of the open apiProperties.json revalidates the definition: one publish each, with each document\'s version', async () => {
    const text = definition(3);
    const uri = client.open(defPath, text);
    const propsUri = client.open(path.join(dir, 'apiProperties.json'), PROPERTIES);
    await settle(propsUri, 1);
    const defBefore = client.publicationsFor(uri).length;
    const propsBefore = client.publicationsFor(propsUri).length;
    client.change(propsUri, PROPERTIES.replace('"Contoso"', '"Contoso Ltd"'));
    await settle(propsUri, 2);
    assert.deepEqual(client.publicationsFor(propsUri).slice(propsBefore).map((p) => p.version), [2]);
    assert.deepEqual(client.publicationsFor(uri).slice(defBefore).map((p) => p.version), [1], 'the definition is published with its own, unchanged version');
  });

  it('a watched-file event for an open file (its save) publishes nothing; a change on disk of a file not open publishes once', async () => {
    const text = definition(3);
    const uri = client.open(defPath, text);
    await settle(uri, 1);
    const before = client.publications.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
    await sleep(3 * debounceDelay(Number.MAX_SAFE_INTEGER));
    assert.deepEqual(client.publications.slice(before), [], 'saving the open definition changes nothing the server reads');
    fs.writeFileSync(path.join(dir, 'apiProperties.json'), PROPERTIES.replace('"Contoso"', '"Contoso Ltd"'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uriOf(path.join(dir, 'apiProperties.json')), type: FileChangeType.Changed }] });
    await client.waitForDiagnostics(uri, () => client.publicationsFor(uri).length > 1);
    await sleep(3 * debounceDelay(Number.MAX_SAFE_INTEGER));
    assert.deepEqual(client.publicationsFor(uri).map((p) => p.version), [1, 1], 'the definition is revalidated once for the file changed on disk');
  });

  it('a configuration change that changes nothing publishes nothing; one that changes the settings publishes once', async () => {
    const text = definition(3);
    const uri = client.open(defPath, text);
    await settle(uri, 1);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await sleep(3 * debounceDelay(Number.MAX_SAFE_INTEGER));
    assert.deepEqual(client.publicationsFor(uri).map((p) => p.version), [1], 'same settings: no second validation of version 1');
    client.settings = { validation: { rules: { 'path-param-encoding': 'off' } } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await client.waitForDiagnostics(uri, () => client.publicationsFor(uri).length > 1);
    await sleep(3 * debounceDelay(Number.MAX_SAFE_INTEGER));
    const pubs = client.publicationsFor(uri);
    assert.deepEqual(pubs.map((p) => p.version), [1, 1]);
    assert.ok(pubs[0].diagnostics.some((d) => d.code === 'path-param-encoding'), 'the rule the new settings turn off reported before');
    assert.ok(!pubs[1].diagnostics.some((d) => d.code === 'path-param-encoding'), 'the new settings apply');
  });

  it('a slow validation superseded by an edit never publishes the superseded version', async () => {
    // Big enough (~1 MB) for a validation of several hundred milliseconds.
    const text = definition(3000);
    assert.ok(text.length > 900_000, `the generated definition has ${text.length} characters`);
    const uri = client.open(defPath, text);
    // The edits are incremental (small messages, as VS Code sends them): a whole-text message of
    // 1 MB may still be in transit when a validation ends.
    const lines = TextDocument.create(uri, 'json', 1, text);
    const at = (offset: number) => lines.positionAt(offset);
    const title = text.indexOf('"Contoso Items"') + 1;
    const titleRange = { start: at(title), end: at(title + 'Contoso Items'.length) };
    // Superseded during the open's validation.
    await sleep(30);
    client.changeRanges(uri, [{ range: { start: at(text.length), end: at(text.length) }, text: ' ' }]);
    await settle(uri, 2);
    // Superseded during the leading-edge validation of the first edit after a pause. Version 3 edits
    // every operation's summary (one small change each: every operation is parsed and checked again,
    // so its validation takes several slices); a hover answered meanwhile shows the server has
    // reached a pause inside that validation; only then is version 4 sent, so version 3 is not merely
    // coalesced with it: its running validation must be dropped.
    const summaries = [...text.matchAll(/"Get item /g)].map((m) => m.index! + 1);
    assert.ok(summaries.length >= 3000, `${summaries.length} summaries`);
    client.changeRanges(uri, summaries.reverse().map((o) => ({ range: { start: at(o), end: at(o + 'Get item'.length) }, text: 'Get an item' })));
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(title) });
    client.changeRanges(uri, [{ range: titleRange, text: 'Contoso Items B' }]);
    await settle(uri, 4);
    assert.deepEqual(
      client.publicationsFor(uri).map((p) => p.version),
      [2, 4],
    );
  });
});
