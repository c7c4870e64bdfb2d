// Language-server resilience over IPC: 1,000 rapid edits end with the diagnostics of a fresh
// validation of the final text, and 200 connector folders opened at once all get theirs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { validateConnector, type FileDiagnostics } from '../../engine/src/languageService/validateConnector';
import { TestLspClient } from './lspClient';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/connectors');
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/** Corpus connectors with a definition between 5 and 60 KB (deterministic order). */
function mediumConnectors(): string[] {
  const out: string[] = [];
  for (const group of fs.readdirSync(CORPUS).sort()) {
    const g = path.join(CORPUS, group);
    if (!fs.statSync(g).isDirectory()) continue;
    for (const name of fs.readdirSync(g).sort()) {
      const def = path.join(g, name, 'apiDefinition.swagger.json');
      if (fs.existsSync(def) && fs.existsSync(path.join(g, name, 'apiProperties.json')) && fs.statSync(def).size > 5_000 && fs.statSync(def).size < 60_000) out.push(path.join(g, name));
    }
  }
  return out;
}

const keyOf = (ruleId: string, severity: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }, message: string) =>
  `${ruleId}|${severity}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${message}`;
const fromLsp = (d: Diagnostic[]) => d.map((x) => keyOf(String(x.code), SEVERITY[x.severity ?? 1]!, x.range, typeof x.message === 'string' ? x.message : x.message.value)).sort();
const fromEngine = (f: FileDiagnostics | undefined) => (f?.diagnostics ?? []).map((x) => keyOf(x.ruleId, x.severity, x.range, x.message)).sort();

/** What the server should publish for the definition in dir holding `text`. */
function freshValidation(dir: string, text: string): string[] {
  const def = path.join(dir, 'apiDefinition.swagger.json');
  const props = path.join(dir, 'apiProperties.json');
  const results = validateConnector({
    definition: { uri: pathToFileURL(def).toString(), text },
    properties: { uri: pathToFileURL(props).toString(), text: fs.readFileSync(props, 'utf8') },
    folderName: path.basename(dir),
    folderFiles: fs.readdirSync(dir),
  });
  return fromEngine(results.find((r) => r.kind === 'definition'));
}

/** mulberry32: the edits are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('language server over IPC: resilience', function () {
  this.timeout(120_000);
  let client: TestLspClient;
  let dir: string;
  const sources = mediumConnectors();

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-res-'));
    client = new TestLspClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('1,000 rapid edits end with the diagnostics of a fresh validation of the final text', async () => {
    assert.ok(sources.length > 10, 'corpus connectors found');
    const folder = path.join(dir, 'connector');
    fs.mkdirSync(folder);
    const src = sources[0]!;
    for (const f of ['apiDefinition.swagger.json', 'apiProperties.json']) fs.copyFileSync(path.join(src, f), path.join(folder, f));
    const file = path.join(folder, 'apiDefinition.swagger.json');
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    await client.waitForDiagnostics(uri);

    const rand = prng(11);
    let doc = TextDocument.create(uri, 'json', 1, fs.readFileSync(file, 'utf8'));
    const chars = ['a', ' ', '"', '{', '}', ',', ':', '1', '\n', 'x-ms-'];
    for (let v = 2; v <= 1001; v++) {
      const text = doc.getText();
      const start = doc.positionAt(Math.floor(rand() * text.length));
      // Mostly insertions, some deletions: the text drifts far from where it started.
      const change =
        rand() < 0.7
          ? { range: { start, end: start }, text: chars[Math.floor(rand() * chars.length)]! }
          : { range: { start, end: doc.positionAt(Math.min(text.length, doc.offsetAt(start) + 1 + Math.floor(rand() * 5))) }, text: '' };
      doc = TextDocument.update(doc, [change], v);
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [change] });
      if (v % 100 === 0) await new Promise((r) => setImmediate(r));
    }
    const expected = freshValidation(folder, doc.getText());
    assert.ok(expected.length > 0, 'the edited text has findings to compare');
    const same = (d: Diagnostic[]) => JSON.stringify(fromLsp(d)) === JSON.stringify(expected);
    await client.waitForDiagnostics(uri, same, 30_000);
    // Nothing stale arrives afterwards.
    await new Promise((r) => setTimeout(r, 1_000));
    assert.deepEqual(fromLsp(client.lastDiagnostics(uri) ?? []), expected);
  });

  it('200 connector folders opened at once all get their diagnostics', async () => {
    const uris: { uri: string; folder: string; text: string }[] = [];
    for (let i = 0; i < 200; i++) {
      const src = sources[i % sources.length]!;
      const folder = path.join(dir, `c${String(i).padStart(3, '0')}`);
      fs.mkdirSync(folder);
      for (const f of ['apiDefinition.swagger.json', 'apiProperties.json']) fs.copyFileSync(path.join(src, f), path.join(folder, f));
      const text = fs.readFileSync(path.join(folder, 'apiDefinition.swagger.json'), 'utf8');
      uris.push({ uri: pathToFileURL(path.join(folder, 'apiDefinition.swagger.json')).toString(), folder, text });
    }
    for (const u of uris) client.open(path.join(u.folder, 'apiDefinition.swagger.json'), u.text);
    const got = await Promise.all(uris.map((u) => client.waitForDiagnostics(u.uri, () => true, 90_000)));
    assert.equal(got.length, 200);
    // Each matches a fresh validation of its folder (spot check a spread of them).
    for (const i of [0, 1, 57, 123, 199]) assert.deepEqual(fromLsp(client.lastDiagnostics(uris[i]!.uri)!), freshValidation(uris[i]!.folder, uris[i]!.text), uris[i]!.folder);
  });
});
