// Fuzz: the language server itself, in-process (startServer over in-memory streams, the same wiring
// as the process entry), on mutated corpus connectors: opening, editing and asking for completion,
// hover, definition, references, symbols, folding, code lenses, code actions and rename at random
// positions never makes a handler fail, every answer and every diagnostic stays inside the
// document, each case finishes within a bound, and the server writes nothing to the connector folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  createProtocolConnection,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PrepareRenameRequest,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { startServer } from '../../../server/src/startServer';
import { assertRangeInside, checkAsync, mutatedText, mutationArb, smallConnectors } from './fuzzKit';

/** Per case (open, edit, nine requests, diagnostics): catches hangs, not a slow CI machine. */
const BOUND_MS = 30_000;

/** Every file under a folder with its size and modification time. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const st = fs.lstatSync(full);
        out.set(full, `${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(root);
  return out;
}

function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

describe('fuzz: language server (in-process)', function () {
  this.timeout(900_000); // bounded by the case count; a loaded 2-core machine is slow
  let client: ProtocolConnection;
  let dispose: () => void;
  let folder: string;
  const diagnostics = new Map<string, { count: number; diagnostics: Diagnostic[]; version?: number }>();
  /** The versions of every publication, per URI, in order (no version: null). */
  const versions = new Map<string, (number | null)[]>();
  const waiters: { uri: string; count: number; resolve: () => void }[] = [];
  /** Resolves once the server has published diagnostics for uri more than `count` times. */
  const published = (uri: string, count: number) =>
    new Promise<void>((resolve) => ((diagnostics.get(uri)?.count ?? 0) > count ? resolve() : waiters.push({ uri, count, resolve })));
  const publishCount = (uri: string) => diagnostics.get(uri)?.count ?? 0;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-fuzz-'));
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(server);
    client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const count = publishCount(p.uri) + 1;
      diagnostics.set(p.uri, { count, diagnostics: p.diagnostics, version: p.version });
      versions.set(p.uri, [...(versions.get(p.uri) ?? []), p.version ?? null]);
      for (const w of waiters.filter((x) => x.uri === p.uri && count > x.count)) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
    });
    client.onNotification('window/logMessage', () => undefined);
    client.listen();
    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'fuzz' }] });
    await client.sendNotification(InitializedNotification.type, {});
    dispose = () => {
      client.dispose();
      server.dispose();
      toServer.destroy();
      toClient.destroy();
    };
  });
  after(() => {
    dispose?.();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('answers every request on mutated connectors without a failed handler, inside the document and in time', async () => {
    const corpus = smallConnectors();
    const position = fc.record({ line: fc.nat(4000), character: fc.nat(400) });
    const arb = fc.record({
      file: fc.nat(),
      mutation: mutationArb,
      yaml: fc.boolean(),
      withProperties: fc.boolean(),
      positions: fc.array(position, { minLength: 1, maxLength: 3 }),
      edit: fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), remove: fc.nat(40), insert: fc.constantFrom('', '"', '{', '}', ',', '\n', '  - ', '"$ref": "#/definitions/', 'x-ms-', '\u0000', '🙂') }),
    });
    let n = 0;
    await checkAsync(
      fc.asyncProperty(arb, async ({ file, mutation, yaml, withProperties, positions, edit }) => {
        const c = corpus[file % corpus.length]!;
        // Keep 10,000-level nesting and megabyte strings for the engine tier; here they only slow the protocol.
        const m = mutation.kind === 'huge-string' ? { ...mutation, size: 10_000 } : mutation.kind === 'deep' ? { ...mutation, depth: Math.min(mutation.depth, 1000) } : mutation;
        const dir = path.join(folder, `c${n++ % 8}`);
        fs.mkdirSync(dir, { recursive: true });
        if (withProperties && c.properties) fs.writeFileSync(path.join(dir, 'apiProperties.json'), c.properties);
        else fs.rmSync(path.join(dir, 'apiProperties.json'), { force: true });
        const before = snapshot(folder);
        const uri = pathToFileURL(path.join(dir, `apiDefinition.swagger.${yaml ? 'yaml' : 'json'}`)).href;
        let text = mutatedText(c.definition, m, yaml);
        const started = performance.now();
        const versionsBefore = versions.get(uri)?.length ?? 0;
        const opened = published(uri, publishCount(uri));
        await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: yaml ? 'yaml' : 'json', version: 1, text } });
        await withTimeout(opened, BOUND_MS, 'diagnostics after open');
        assert.equal(diagnostics.get(uri)!.version, 1, 'the publication after open carries the opened version');
        for (const d of diagnostics.get(uri)!.diagnostics) assertRangeInside(text, d.range, `${String(d.code)} after open`);

        // One incremental edit at a random place, as typing does.
        const beforeEdit = publishCount(uri);
        // An LSP position cannot fall between \r and \n: such offsets move before the \r.
        const notInCrlf = (o: number) => (o > 0 && text.charCodeAt(o) === 10 && text.charCodeAt(o - 1) === 13 ? o - 1 : o);
        const offset = notInCrlf(Math.floor(edit.at * text.length));
        const end = Math.max(offset, notInCrlf(Math.min(text.length, offset + edit.remove)));
        const startPos = positionAt(text, offset);
        const endPos = positionAt(text, end);
        text = text.slice(0, offset) + edit.insert + text.slice(end);
        await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: startPos, end: endPos }, text: edit.insert }] });

        const textDocument = { uri };
        for (const p of positions) {
          const pos = { line: p.line % (text.split(/\r\n|\r|\n/).length + 2), character: p.character };
          const answers = await withTimeout(
            Promise.all([
              client.sendRequest(CompletionRequest.type, { textDocument, position: pos }),
              client.sendRequest(HoverRequest.type, { textDocument, position: pos }),
              client.sendRequest(DefinitionRequest.type, { textDocument, position: pos }),
              client.sendRequest(ReferencesRequest.type, { textDocument, position: pos, context: { includeDeclaration: true } }),
              client.sendRequest(PrepareRenameRequest.type, { textDocument, position: pos }).catch((e: { code?: number; message?: string }) => {
                // "Cannot rename here" is an answer; an internal error is not.
                if (e?.code === -32603) throw e;
                return null;
              }),
              client.sendRequest(CodeActionRequest.type, { textDocument, range: { start: pos, end: pos }, context: { diagnostics: [] } }),
            ]),
            BOUND_MS,
            'requests',
          );
          const hover = answers[1] as { range?: { start: { line: number; character: number }; end: { line: number; character: number } } } | null;
          if (hover?.range) assertRangeInside(text, hover.range, 'hover range');
        }
        const [symbols, folding, lenses] = await withTimeout(
          Promise.all([client.sendRequest(DocumentSymbolRequest.type, { textDocument }), client.sendRequest(FoldingRangeRequest.type, { textDocument }), client.sendRequest(CodeLensRequest.type, { textDocument })]),
          BOUND_MS,
          'document requests',
        );
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const f of folding ?? []) assert.ok(f.startLine >= 0 && f.endLine < lineCount && f.startLine <= f.endLine, `folding range ${JSON.stringify(f)} outside ${lineCount} lines`);
        for (const l of lenses ?? []) assertRangeInside(text, l.range, 'code lens');
        for (const s of (symbols ?? []) as { range?: { start: { line: number; character: number }; end: { line: number; character: number } } }[]) if (s.range) assertRangeInside(text, s.range, 'symbol');

        // The edited text's diagnostics arrive, for version 2, and lie inside it. One publication
        // per version: the open's, then the edit's, nothing stale or repeated.
        const editStarted = performance.now();
        for (let seen = beforeEdit; diagnostics.get(uri)!.version !== 2; seen = publishCount(uri)) {
          await withTimeout(published(uri, seen), BOUND_MS - (performance.now() - editStarted), 'diagnostics after the edit');
        }
        for (const d of diagnostics.get(uri)!.diagnostics) assertRangeInside(text, d.range, `${String(d.code)} after the edit`);
        assert.deepEqual(versions.get(uri)!.slice(versionsBefore), [1, 2], 'one publication per version');
        await client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument });
        assert.ok(performance.now() - started < BOUND_MS, `case took ${(performance.now() - started).toFixed(0)} ms`);
        assert.deepEqual([...snapshot(folder)].filter(([f, v]) => before.get(f) !== v), [], 'the language server wrote into the connector folder');
        assert.equal(snapshot(folder).size, before.size, 'the language server created files');
      }),
      150,
    );
  });
});

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}
