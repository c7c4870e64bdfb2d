// Postman import speed: a generated ~5 MB collection (deterministic) converted end to end
// (parse + convert), compared with JSON.parse of the same text. Target: under one second.
import { parseAndConvert } from '../engine/src/converters/postman';

/** Small deterministic PRNG (mulberry32), so every run converts the same collection. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['account', 'order', 'invoice', 'customer', 'product', 'shipment', 'payment', 'refund', 'ticket', 'project', 'task', 'note'];

function record(rand: () => number, i: number): Record<string, unknown> {
  return {
    id: i,
    uuid: `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}-1234-4abc-8def-${String(i).padStart(12, '0')}`,
    name: `${WORDS[i % WORDS.length]} ${i}`,
    email: `user${i}@example.com`,
    created: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
    amount: Math.round(rand() * 100_000) / 100,
    active: rand() > 0.5,
    tags: Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, k) => WORDS[(i + k) % WORDS.length]),
    address: { line1: `${i} Main Street`, city: 'Springfield', zip: String(10000 + (i % 89999)), country: rand() > 0.8 ? null : 'US' },
  };
}

/** A v2.1 collection of about `targetBytes` bytes: folders, path variables, query, bodies, saved responses. */
export function generateCollection(targetBytes = 5 * 1024 * 1024, seed = 7): { text: string; requests: number } {
  const rand = prng(seed);
  const folders: Array<{ name: string; item: unknown[] }> = [];
  let size = 0;
  let n = 0;
  while (size < targetBytes) {
    const word = WORDS[n % WORDS.length]!;
    const folderIndex = Math.floor(n / 20);
    if (!folders[folderIndex]) folders[folderIndex] = { name: `Area ${folderIndex}`, item: [] };
    const method = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'][n % 5]!;
    const resource = `${word}s${Math.floor(n / 5)}`;
    const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    const examples = Array.from({ length: 2 + (n % 3) }, (_, k) => ({
      name: `Example ${k}`,
      code: k === 2 ? 404 : 200,
      status: k === 2 ? 'Not Found' : 'OK',
      header: [{ key: 'Content-Type', value: 'application/json' }],
      body: JSON.stringify(k === 2 ? { error: 'not found' } : { items: Array.from({ length: 8 + Math.floor(rand() * 8) }, (_, j) => record(rand, n * 100 + j)), next: null }),
    }));
    const item = {
      name: `${method === 'GET' ? 'Get' : method === 'DELETE' ? 'Delete' : 'Save'} ${word} ${n}`,
      request: {
        method,
        header: [
          { key: 'Content-Type', value: 'application/json' },
          { key: 'X-Request-Id', value: `req-${n}`, description: 'Correlation id.' },
        ],
        url: {
          raw: `{{baseUrl}}/${resource}/:id?limit=${n % 50}&expand=details`,
          host: ['{{baseUrl}}'],
          path: [resource, ':id'],
          query: [
            { key: 'limit', value: String(n % 50), description: 'Page size.' },
            { key: 'expand', value: 'details', disabled: n % 2 === 0 },
          ],
          variable: [{ key: 'id', value: String(n), description: 'The record id.' }],
        },
        ...(hasBody ? { body: { mode: 'raw', raw: JSON.stringify(record(rand, n)), options: { raw: { language: 'json' } } } } : {}),
        description: `Generated request ${n}.`,
      },
      response: examples,
    };
    folders[folderIndex]!.item.push(item);
    size += JSON.stringify(item).length;
    n++;
  }
  const collection = {
    info: { name: 'Generated bench collection', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    variable: [{ key: 'baseUrl', value: 'https://api.example.net/v1' }],
    item: folders,
  };
  return { text: JSON.stringify(collection, null, 2), requests: n };
}

export interface PostmanBenchResult {
  bytes: number;
  requests: number;
  operations: number;
  jsonParseMs: number;
  convertMs: number;
  /** convertMs / jsonParseMs (lower is better). */
  ratio: number;
  underOneSecond: boolean;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Times parse+convert of the generated collection against JSON.parse (median of `runs`). */
export function runPostmanBench(runs = 5, targetBytes = 5 * 1024 * 1024): PostmanBenchResult {
  const { text, requests } = generateCollection(targetBytes);
  const parseTimes: number[] = [];
  const convertTimes: number[] = [];
  let operations = 0;
  // One warm-up run of each, not counted.
  JSON.parse(text);
  parseAndConvert(text);
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    JSON.parse(text);
    parseTimes.push(performance.now() - t);
    t = performance.now();
    const r = parseAndConvert(text);
    convertTimes.push(performance.now() - t);
    if (!r.ok) throw new Error(`bench conversion failed: ${r.error.message}`);
    operations = r.report.stats.operations;
  }
  const jsonParseMs = median(parseTimes);
  const convertMs = median(convertTimes);
  return { bytes: Buffer.byteLength(text), requests, operations, jsonParseMs, convertMs, ratio: convertMs / jsonParseMs, underOneSecond: convertMs < 1000 };
}

// `npx tsx bench/postmanBench.ts` prints one result.
if (process.argv[1] && /postmanBench\.[cm]?[tj]s$/.test(process.argv[1])) {
  const r = runPostmanBench();
  console.log(
    `postman import: ${(r.bytes / 1048576).toFixed(2)} MB, ${r.requests} requests -> ${r.operations} operations; ` +
      `convert ${r.convertMs.toFixed(0)} ms, JSON.parse ${r.jsonParseMs.toFixed(1)} ms, ratio ${r.ratio.toFixed(1)}x, ${r.underOneSecond ? 'under' : 'OVER'} 1 s`,
  );
}
