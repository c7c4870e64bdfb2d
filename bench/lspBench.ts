// Language-server figures through the real server over IPC (test/lsp/lspClient.ts): as-you-type
// latency (didChange -> publishDiagnostics) for a one-character edit in the middle of the 1.1 MB
// Encodian definition, completion/hover/references/rename on it, and the server's memory after
// opening the six largest files and over 1,000 edits (after a forced full GC, and each second while
// the server is left idle).
import * as path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { CompletionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest, PrepareRenameRequest, ReferencesRequest, RenameRequest, type Position } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { ServerMemory } from '../server/src/handlers/introspection';
import { TestLspClient } from '../test/lsp/lspClient';
import type { LargeDefinition } from './validationBench';
import { stat, timeAsync, type Stat } from './stats';

export interface LspResult {
  file: string;
  bytes: number;
  editToDiagnostics: Stat;
  /**
   * The same edit followed at once by a completion and a hover at the root, as VS Code asks while
   * typing: interleaved with the plain edits (our features and the schema services both answer).
   */
  editToDiagnosticsWithSchemaFeatures: Stat;
  /**
   * What the schema services add (issue 20, target <= 20%): edit + completion + hover on this server
   * against a second server with CONNECTOR_STUDIO_SCHEMA_FEATURES=off, the edits interleaved.
   */
  schemaServicesAB: { on: Stat; off: Stat; overhead: number };
  /** The peer, sampled between the edits: JSON.parse + @apidevtools/swagger-parser validate of the same text, in the bench process. */
  swaggerParser: Stat;
  features: Record<'completion' | 'hover' | 'references' | 'rename', Stat & { result: number }>;
  memory: {
    /** The server with nothing open (after initialize, a full GC). */
    bare: ServerMemory;
    afterOpen: ServerMemory;
    /** RSS each second for IDLE_MS after the six were opened, no forced GC: V8's memory reducer runs ~9 s after the last activity. */
    idleAfterOpen: { rssMB: number[]; memory: ServerMemory };
    /** Every 100 edits: RSS as it is (no forced GC), then the reading after a full GC. */
    edits: { edits: number; unforcedRss: number; memory: ServerMemory }[];
    /** The same after the 1,000 edits. */
    idleAfterEdits: { rssMB: number[]; memory: ServerMemory };
    trendHeapMBPer100Edits: number;
  };
}

/** How long the server is left idle before its memory is read without a forced GC. */
export const IDLE_MS = 15_000;

const RUNS = 20;

/** Resolves on the next publishDiagnostics for uri after now (replaces TestLspClient's own handler: the bench uses only this). */
function nextDiagnostics(client: TestLspClient, uri: string, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
    const sub = client.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
      if (p.uri !== uri) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

export async function runLspBench(defs: LargeDefinition[], log: (s: string) => void): Promise<LspResult> {
  const target = defs.find((d) => d.name === 'Encodian') ?? defs[0]!;
  const client = new TestLspClient();
  try {
    await client.initialize(path.dirname(target.folder));
    const bare = await memory(client);
    // Open the six largest (all JSON) and wait for each one's first diagnostics.
    const uris: string[] = [];
    for (const d of defs) {
      const file = path.join(d.folder, 'apiDefinition.swagger.json');
      // VS Code's form of the URI (vscode-uri encodes "'" where pathToFileURL does not): the server publishes with it.
      const uri = URI.file(file).toString();
      const first = nextDiagnostics(client, uri, 180_000);
      void client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text: d.json } });
      await first;
      uris.push(uri);
    }
    const afterOpen = await memory(client);
    log(`  memory after opening ${defs.length} files: RSS ${mb(afterOpen.rss)} MB, heap ${mb(afterOpen.heapUsed)} MB (${spaces(afterOpen)}; bare server RSS ${mb(bare.rss)} MB)`);
    const idleAfterOpen = await idleMemory(client);
    log(`  idle ${IDLE_MS / 1000} s after opening: RSS ${idleAfterOpen.rssMB.join(' ')} MB`);

    const uri = uris[defs.indexOf(target)]!;
    let doc = TextDocument.create(uri, 'json', 1, target.json);
    let version = 1;
    // A whitespace position in the middle: inserting and deleting a space keeps the JSON valid.
    const middle = target.json.indexOf('\n', Math.floor(target.json.length / 2));
    const at = doc.positionAt(middle);
    const edit = (insert: boolean) => {
      version++;
      const change = insert ? { range: { start: at, end: at }, text: ' ' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      doc = TextDocument.update(doc, [change], version);
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    };

    // As you type: each edit waits for its diagnostics (debounce included, as the user sees it).
    // The peer is sampled between the edits (the server is idle then), so both see the same machine load.
    const latency: number[] = [];
    const withSchema: number[] = [];
    const peer: number[] = [];
    // Completion of the root keys (the schema services answer it) and hover of "swagger".
    const rootKeyPos = doc.positionAt(target.json.indexOf('"swagger"') + 1);
    for (let i = 0; i < RUNS + 1; i++) {
      const t = performance.now();
      const published = nextDiagnostics(client, uri);
      edit(i % 2 === 0);
      await published;
      if (i > 0) latency.push(performance.now() - t);
      // The next edit with the schema features asked at once (the first run also loads their bundle).
      const ts = performance.now();
      const publishedToo = nextDiagnostics(client, uri);
      edit(i % 2 !== 0);
      const asked = Promise.all([
        client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: rootKeyPos }),
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: rootKeyPos }),
      ]);
      await publishedToo;
      if (i > 0) withSchema.push(performance.now() - ts);
      await asked;
      const p = performance.now();
      await SwaggerParser.validate(JSON.parse(target.json.replace(/^\uFEFF/, '')) as never).catch(() => undefined);
      if (i > 0) peer.push(performance.now() - p);
    }
    const editToDiagnostics = stat(latency);
    const editToDiagnosticsWithSchemaFeatures = stat(withSchema);
    const swaggerParser = stat(peer);
    log(`  edit -> diagnostics: median ${editToDiagnostics.median.toFixed(0)} ms, p95 ${editToDiagnostics.p95.toFixed(0)} ms; swagger-parser validate of the same text: median ${swaggerParser.median.toFixed(0)} ms; ratio ${(editToDiagnostics.median / swaggerParser.median).toFixed(2)}x (target <= 0.5x)`);
    log(`  edit -> diagnostics with a completion and a hover asked at once: median ${editToDiagnosticsWithSchemaFeatures.median.toFixed(0)} ms, ${((editToDiagnosticsWithSchemaFeatures.median / editToDiagnostics.median - 1) * 100).toFixed(0)}% over the plain edit`);
    const schemaServicesAB = await schemaAB(target, uri, () => doc, edit, rootKeyPos, client);
    log(`  schema services A/B (edit + completion + hover, interleaved): on ${schemaServicesAB.on.median.toFixed(0)} ms, off ${schemaServicesAB.off.median.toFixed(0)} ms: ${schemaServicesAB.overhead >= 0 ? '+' : ''}${(schemaServicesAB.overhead * 100).toFixed(0)}% (target <= 20%)`);
    if (version % 2 === 0) {
      const published = nextDiagnostics(client, uri);
      edit(false);
      await published;
    }

    // Features at a real operationId (middle of the file) and at a key inside its operation.
    const idOffset = target.json.indexOf('"operationId"', Math.floor(target.json.length / 2));
    const valueOffset = target.json.indexOf('"', target.json.indexOf(':', idOffset)) + 2;
    const idPos = doc.positionAt(valueOffset);
    // Completion inside a "$ref" value in the middle of the file (offers every definition/parameter/response).
    const refPos: Position = doc.positionAt(target.json.indexOf('"$ref": "', Math.floor(target.json.length / 2)) + '"$ref": "'.length + 2);
    const td = { uri };
    const feature = async (fn: () => Promise<unknown>, size: (r: unknown) => number) => {
      let result = 0;
      const s = await timeRepeat(async () => (result = size(await fn())));
      return { ...s, result };
    };
    const count = (r: unknown) => (Array.isArray(r) ? r.length : r && typeof r === 'object' && 'items' in r ? (r as { items: unknown[] }).items.length : r ? 1 : 0);
    const features = {
      completion: await feature(() => client.connection.sendRequest(CompletionRequest.type, { textDocument: td, position: refPos }), count),
      hover: await feature(() => client.connection.sendRequest(HoverRequest.type, { textDocument: td, position: idPos }), count),
      references: await feature(() => client.connection.sendRequest(ReferencesRequest.type, { textDocument: td, position: idPos, context: { includeDeclaration: true } }), count),
      rename: await feature(async () => {
        await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: td, position: idPos });
        return client.connection.sendRequest(RenameRequest.type, { textDocument: td, position: idPos, newName: 'RenamedByBench' });
      }, (r) => Object.values((r as { changes?: Record<string, unknown[]> } | null)?.changes ?? {}).reduce((n: number, e) => n + e.length, 0)),
    };
    for (const [k, v] of Object.entries(features)) log(`  ${k}: median ${v.median.toFixed(1)} ms, p95 ${v.p95.toFixed(1)} ms (result size ${v.result})`);

    // 1,000 edits typed in bursts (a pause every 50 lets validation run), memory every 100.
    const reading = async (n: number) => ({ edits: n, unforcedRss: (await client.connection.sendRequest<ServerMemory>('connectorStudio/memory', { gc: false })).rss, memory: await memory(client) });
    const edits: { edits: number; unforcedRss: number; memory: ServerMemory }[] = [await reading(0)];
    for (let i = 1; i <= 1000; i++) {
      edit(i % 2 === 1);
      if (i % 50 === 0) {
        const published = nextDiagnostics(client, uri);
        await published;
      } else await new Promise((r) => setImmediate(r));
      if (i % 100 === 0) edits.push(await reading(i));
    }
    const trend = slope(edits.map((e) => [e.edits / 100, e.memory.heapUsed / 1048576]));
    log(`  memory over 1,000 edits: heap ${edits.map((e) => mb(e.memory.heapUsed)).join(' -> ')} MB (trend ${trend.toFixed(2)} MB/100 edits); RSS ${edits.map((e) => mb(e.memory.rss)).join(' -> ')} MB after GC, ${edits.map((e) => mb(e.unforcedRss)).join(' -> ')} MB before`);
    const idleAfterEdits = await idleMemory(client);
    log(`  idle ${IDLE_MS / 1000} s after the edits: RSS ${idleAfterEdits.rssMB.join(' ')} MB (bundles loaded: ${idleAfterEdits.memory.bundles?.join(', ')})`);
    log(`  peak RSS of the server over the run (no forced GC): ${mb(idleAfterEdits.memory.maxRss ?? 0)} MB; heap spaces after the edits and a forced GC (reserved/used MB): ${spaces(edits.at(-1)!.memory)}`);
    return { file: target.name, bytes: target.bytes, editToDiagnostics, editToDiagnosticsWithSchemaFeatures, schemaServicesAB, swaggerParser, features, memory: { bare, afterOpen, idleAfterOpen, edits, idleAfterEdits, trendHeapMBPer100Edits: trend } };
  } finally {
    await client.dispose();
  }
}

/** Edit + completion + hover, alternately on `client` and on a server with the schema services off. */
async function schemaAB(target: LargeDefinition, uri: string, docOf: () => TextDocument, edit: (insert: boolean) => void, pos: Position, client: TestLspClient): Promise<{ on: Stat; off: Stat; overhead: number }> {
  process.env.CONNECTOR_STUDIO_SCHEMA_FEATURES = 'off';
  const other = new TestLspClient();
  delete process.env.CONNECTOR_STUDIO_SCHEMA_FEATURES;
  try {
    await other.initialize(path.dirname(target.folder));
    const first = nextDiagnostics(other, uri, 180_000);
    const start = docOf().getText();
    void other.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text: start } });
    await first;
    let otherVersion = 1;
    let otherText = start;
    const at = docOf().positionAt(start.indexOf('\n', Math.floor(start.length / 2)));
    const editOther = (insert: boolean) => {
      otherVersion++;
      const change = insert ? { range: { start: at, end: at }, text: ' ' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      otherText = TextDocument.applyEdits(TextDocument.create(uri, 'json', otherVersion, otherText), [{ range: change.range, newText: change.text }]);
      void other.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: otherVersion }, contentChanges: [change] });
    };
    const once = async (c: TestLspClient, doEdit: () => void) => {
      const t = performance.now();
      const published = nextDiagnostics(c, uri);
      doEdit();
      const asked = Promise.all([
        c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: pos }),
        c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos }),
      ]);
      await published;
      const ms = performance.now() - t;
      await asked;
      return ms;
    };
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const a = await once(client, () => edit(i % 2 === 0));
      const b = await once(other, () => editOther(i % 2 === 0));
      if (i > 0) {
        on.push(a);
        off.push(b);
      }
    }
    if (otherVersion % 2 === 0) editOther(false);
    const onStat = stat(on);
    const offStat = stat(off);
    return { on: onStat, off: offStat, overhead: onStat.median / offStat.median - 1 };
  } finally {
    await other.dispose();
  }
}

async function timeRepeat(fn: () => Promise<unknown>): Promise<Stat> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await timeAsync(fn));
  return stat(samples);
}

function memory(client: TestLspClient): Promise<ServerMemory> {
  return client.connection.sendRequest<ServerMemory>('connectorStudio/memory', { gc: true });
}

/** RSS each second while the server is left alone for IDLE_MS (no forced GC), and the last full reading. */
async function idleMemory(client: TestLspClient): Promise<{ rssMB: number[]; memory: ServerMemory }> {
  const rssMB: number[] = [];
  let last: ServerMemory | undefined;
  for (let t = 0; t < IDLE_MS; t += 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    last = await client.connection.sendRequest<ServerMemory>('connectorStudio/memory', { gc: false });
    rssMB.push(Math.round(last.rss / 1048576));
  }
  return { rssMB, memory: last! };
}

/** The V8 heap spaces of a reading, reserved/used in MB. */
export function spaces(m: ServerMemory): string {
  return (m.spaces ?? [])
    .filter((s) => s.size >= 1048576)
    .map((s) => `${s.name.replace(/_space$/, '').replace(/_/g, ' ')} ${mb(s.size)}/${mb(s.used)}`)
    .join(', ');
}

export const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den ? num / den : 0;
}
