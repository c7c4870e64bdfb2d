// Editing-feature latency on the largest corpus definition (Encodian, 1.1 MB): completion and
// references as the language server runs them (the parsed document is cached per version, so a
// request pays only the feature), each compared with JSON.parse of the same text.
// Run: npx tsx bench/featuresBench.ts   (prints; not a timed test)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument, type ParsedDocument } from '../engine/src/languageService/parseDocument';
import { completeDefinition } from '../engine/src/languageService/features/completion';
import { findReferences } from '../engine/src/languageService/features/navigation';
import { hover } from '../engine/src/languageService/features/hover';
import { operationReferenceCounts } from '../engine/src/languageService/features/navigation';

const FOLDER = path.resolve(__dirname, '../../shared/corpus/connectors/certified-connectors/Encodian');

function time(label: string, fn: () => unknown, runs = 5): number {
  fn(); // first call: warms the JIT and any per-version cache, as the first request after an edit would not
  const first = (() => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  })();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms   (2nd call ${first.toFixed(1)} ms)`);
  return median;
}

/** A fresh document (new version) with the first run timed too: what the first request after an edit costs. */
function timeCold(label: string, text: string, fn: (doc: ParsedDocument) => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const doc = parseDocument('file:///bench/apiDefinition.swagger.json', text, { version: i });
    const t = performance.now();
    fn(doc);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms   (first request on a new version)`);
  return median;
}

const original = fs.readFileSync(path.join(FOLDER, 'apiDefinition.swagger.json'), 'utf8');
const propsText = fs.readFileSync(path.join(FOLDER, 'apiProperties.json'), 'utf8');
// Encodian has no x-ms-dynamic-values: add one to the first parameter with an x-ms-summary, as a user would type it.
const anchor = original.indexOf('"x-ms-summary"');
const text = original.slice(0, anchor) + '"x-ms-dynamic-values": { "operationId": "" },\n            ' + original.slice(anchor);
const opIdCursor = text.indexOf('"operationId": ""', anchor) + '"operationId": "'.length;
const keyCursor = text.indexOf('"x-ms-summary"', anchor + 60) + 1;
const refCursor = text.indexOf('"$ref": "#/definitions/') + '"$ref": "#/definitions/'.length + 2;
const firstOpId = text.indexOf('"operationId": "', text.indexOf('"paths"')) + '"operationId": "'.length + 2;

console.log(`Encodian apiDefinition.swagger.json: ${(text.length / 1024 / 1024).toFixed(2)} MB`);
const jsonParse = time('JSON.parse (baseline)', () => JSON.parse(text));
time('parseDocument (once per version, cached by the server)', () => parseDocument('file:///bench/apiDefinition.swagger.json', text));
const props = parseDocument('file:///bench/apiProperties.json', propsText);
const doc = parseDocument('file:///bench/apiDefinition.swagger.json', text);
const docs = { definition: doc, properties: props };

const results: [string, number][] = [
  ['completion: operationId in x-ms-dynamic-values', time('completion: operationId in x-ms-dynamic-values', () => completeDefinition(doc, opIdCursor, props))],
  ['completion: x-ms keys at a parameter', time('completion: x-ms keys at a parameter', () => completeDefinition(doc, keyCursor, props))],
  ['completion: $ref targets', time('completion: $ref targets', () => completeDefinition(doc, refCursor, props))],
  ['references: an operationId', time('references: an operationId', () => findReferences(docs, 'definition', firstOpId, true))],
  ['references: a definition behind $ref', time('references: a definition behind $ref', () => findReferences(docs, 'definition', refCursor, true))],
  ['hover: an operationId', time('hover: an operationId', () => hover('definition', docs, firstOpId))],
  ['codelens counts', time('codelens counts', () => operationReferenceCounts(docs))],
  ['references (first request on a new version)', timeCold('references (first request on a new version)', text, (d) => findReferences({ definition: d, properties: props }, 'definition', firstOpId, true))],
  ['completion (first request on a new version)', timeCold('completion (first request on a new version)', text, (d) => completeDefinition(d, opIdCursor, props))],
];
console.log('\nratio to JSON.parse:');
for (const [label, ms] of results) console.log(`  ${label.padEnd(52)} ${(ms / jsonParse).toFixed(2)}x`);
const refs = findReferences(docs, 'definition', refCursor, true).length;
const ops = completeDefinition(doc, opIdCursor, props).length;
console.log(`\n(${ops} operationIds offered, ${refs} references of the definition)`);

// The same requests end to end over LSP (IPC to dist/server/server.js, as VS Code sends them).
async function overLsp(): Promise<void> {
  const os = await import('node:os');
  const { TestLspClient } = await import('../test/lsp/lspClient');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-bench-features-'));
  fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), text);
  fs.writeFileSync(path.join(dir, 'apiProperties.json'), propsText);
  const client = new TestLspClient();
  try {
    await client.initialize(dir);
    const defUri = client.open(path.join(dir, 'apiDefinition.swagger.json'), text);
    client.open(path.join(dir, 'apiProperties.json'), propsText);
    await client.waitForDiagnostics(defUri, () => true, 60_000);
    // Opening apiProperties.json validates the connector again; measure the features, not that run.
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 5000)));
    const at = (offset: number) => doc.lines.positionAt(offset);
    const measure = async (label: string, method: string, params: object) => {
      const samples: number[] = [];
      for (let i = 0; i < 6; i++) {
        const t = performance.now();
        await client.connection.sendRequest(method, params);
        samples.push(performance.now() - t);
      }
      const first = samples.shift()!;
      samples.sort((a, b) => a - b);
      console.log(`LSP ${label.padEnd(54)} median ${samples[2].toFixed(1).padStart(7)} ms   (first ${first.toFixed(1)} ms)`);
    };
    await measure('completion: operationId in x-ms-dynamic-values', 'textDocument/completion', { textDocument: { uri: defUri }, position: at(opIdCursor) });
    await measure('completion: x-ms keys at a parameter', 'textDocument/completion', { textDocument: { uri: defUri }, position: at(keyCursor) });
    await measure('references: an operationId', 'textDocument/references', { textDocument: { uri: defUri }, position: at(firstOpId), context: { includeDeclaration: true } });
    await measure('references: a definition behind $ref', 'textDocument/references', { textDocument: { uri: defUri }, position: at(refCursor), context: { includeDeclaration: true } });
    await measure('codeLens', 'textDocument/codeLens', { textDocument: { uri: defUri } });
  } finally {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (!process.argv.includes('--no-lsp')) void overLsp();
