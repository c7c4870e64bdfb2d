// Issue 17, items 2 and 7: a hostile Postman collection cannot exhaust memory or the stack, and
// credentials in request URLs never become x-example values in the written definition.
import * as assert from 'node:assert/strict';
import { convertPostmanCollection, parseAndConvert, type JsonObject } from '../../../engine/src/converters/postman';
import { MAX_COLLECTION_CHARS, MAX_FOLDER_DEPTH, MAX_JSON_DEPTH } from '../../../engine/src/converters/postman/convert';
import { MAX_GROWTH } from '../../../engine/src/converters/postman/variables';

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

function collection(item: unknown[], variable?: unknown[]): unknown {
  return { info: { name: 'Hostile', schema: SCHEMA }, ...(variable ? { variable } : {}), item };
}

/** Each variable is 16 copies of the previous one: 16^11 characters if expanded naively. */
function variableBomb(): { collection: unknown; bytes: number } {
  const variable: { key: string; value: string }[] = [{ key: 'v0', value: 'AAAAAAAAAAAAAAAA' }];
  for (let i = 1; i < 12; i++) variable.push({ key: `v${i}`, value: `{{v${i - 1}}}`.repeat(16) });
  const c = collection([{ name: 'Get', request: { method: 'GET', url: 'https://bomb.example.com/a?q={{v11}}', header: [{ key: 'X-Bomb', value: '{{v11}}' }] } }], variable);
  return { collection: c, bytes: JSON.stringify(c).length };
}

function nestedFolders(levels: number): unknown {
  let inner: unknown = { name: 'Leaf', request: { method: 'GET', url: 'https://deep.example.com/leaf' } };
  for (let i = 0; i < levels; i++) inner = { name: `F${i}`, item: [inner] };
  return collection([inner]);
}

describe('hostile: Postman import', function () {
  this.timeout(20_000);

  it('a variable bomb (each variable 16 copies of the previous) stays within budget and says so', () => {
    const { collection: bomb, bytes } = variableBomb();
    assert.ok(bytes < 2000, `the bomb is small (${bytes} bytes)`);
    const heapBefore = process.memoryUsage().heapUsed;
    const t = performance.now();
    const r = convertPostmanCollection(bomb);
    const ms = performance.now() - t;
    const grewMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    assert.ok(ms < 3000, `conversion took ${ms.toFixed(0)} ms`);
    assert.ok(grewMb < 200, `heap grew ${grewMb.toFixed(0)} MB`);
    if (!r.ok) assert.fail(r.error.message);
    const entry = r.report.entries.find((e) => e.code === 'variable-too-large');
    assert.ok(entry, `the report names the bomb: ${JSON.stringify(r.report.entries.map((e) => e.code))}`);
    assert.match(entry.message, /\{\{v\d+\}\}/);
    // Nothing near the expanded size reached the definition.
    assert.ok(JSON.stringify(r.definition).length < 4 * MAX_GROWTH, 'the definition stays small');
  });

  it('a value just under the growth budget still resolves', () => {
    const big = 'b'.repeat(MAX_GROWTH - 100);
    const r = convertPostmanCollection(collection([{ name: 'Get', request: { method: 'GET', url: 'https://ok.example.com/a', header: [{ key: 'X-Big', value: '{{big}}' }] } }], [{ key: 'big', value: big }]));
    if (!r.ok) assert.fail(r.error.message);
    assert.ok(!r.report.entries.some((e) => e.code === 'variable-too-large'));
    const header = ((r.definition.paths as Record<string, Record<string, JsonObject>>)['/a']!.get!.parameters as JsonObject[]).find((p) => p.name === 'X-Big');
    assert.equal(header?.['x-example'], big);
  });

  it('5,000 nested folders give a clear message, not "Maximum call stack size exceeded"', () => {
    const r = convertPostmanCollection(nestedFolders(5000));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.doesNotMatch(r.error.message, /call stack|Internal error/i);
    assert.match(r.error.message, new RegExp(`nested more than ${MAX_FOLDER_DEPTH} levels`));
  });

  it(`${MAX_FOLDER_DEPTH} nested folders still import; one more is refused`, () => {
    const ok = convertPostmanCollection(nestedFolders(MAX_FOLDER_DEPTH));
    if (!ok.ok) assert.fail(ok.error.message);
    assert.ok((ok.definition.paths as object)['/leaf' as keyof object]);
    assert.equal(convertPostmanCollection(nestedFolders(MAX_FOLDER_DEPTH + 1)).ok, false);
  });

  it('a variable, auth or environment value nested 20,000 levels deep is refused with a clear message, not a stack overflow', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    for (const [where, text] of [
      ['variable', `{"info":{"name":"D","schema":"${SCHEMA}"},"variable":[{"key":"v","value":${deep}}],"item":[{"name":"r","request":{"method":"GET","url":"https://d.example.com/a"}}]}`],
      ['auth', `{"info":{"name":"D","schema":"${SCHEMA}"},"auth":{"type":"apikey","apikey":${deep}},"item":[{"name":"r","request":{"method":"GET","url":"https://d.example.com/a"}}]}`],
      ['environment', `{"info":{"name":"D","schema":"${SCHEMA}"},"item":[{"name":"r","request":{"method":"GET","url":"https://d.example.com/a"}}]}`],
    ] as const) {
      const r = where === 'environment' ? parseAndConvert(text, { environmentText: `{"values":[{"key":"x","value":${deep}}]}` }) : parseAndConvert(text);
      assert.equal(r.ok, false, where);
      if (r.ok) continue;
      assert.doesNotMatch(r.error.message, /call stack|Internal error/i, where);
      assert.match(r.error.message, new RegExp(`nests more than ${MAX_JSON_DEPTH} levels`), where);
    }
  });

  it('a collection text over the size budget is refused before it is parsed', () => {
    const r = parseAndConvert(`{"info":{"name":"Big","description":"${'x'.repeat(MAX_COLLECTION_CHARS)}"},"item":[]}`);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error.message, /importer reads at most 64 MB/);
  });

  it('Azure Functions keys, SAS signatures and Google API keys in a URL are not written as x-example', () => {
    const functionKey = 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghijABCDEF==';
    const sig = 'Xz8pR2mK9vL4nQ7wE1tY5uI3oP6aS0dF%2BgH%3D';
    const googleKey = 'AIzaSyA1234567890abcdefghijklmnopqrstu';
    const r = convertPostmanCollection(
      collection([
        { name: 'Run function', request: { method: 'GET', url: `https://fn.example.com/api/run?code=${functionKey}&name=sample` } },
        { name: 'Read blob', request: { method: 'GET', url: `https://fn.example.com/blob?sv=2022-11-02&sig=${sig}&se=2030-01-01` } },
        { name: 'Geocode', request: { method: 'GET', url: `https://fn.example.com/geocode?key=${googleKey}&address=Main` } },
        { name: 'Functions header', request: { method: 'GET', url: 'https://fn.example.com/h', header: [{ key: 'x-functions-key', value: functionKey }] } },
      ]),
    );
    if (!r.ok) assert.fail(r.error.message);
    const text = JSON.stringify(r.definition);
    for (const secret of [functionKey, sig, decodeURIComponent(sig), googleKey]) assert.ok(!text.includes(secret), `secret ${secret.slice(0, 8)}... was written into the definition`);
    // Ordinary values beside them still become examples, so the test can tell the difference.
    const params = (p: string) => ((r.definition.paths as Record<string, Record<string, JsonObject>>)[p]!.get!.parameters as JsonObject[]);
    assert.equal(params('/api/run').find((p) => p.name === 'name')?.['x-example'], 'sample');
    assert.equal(params('/api/run').find((p) => p.name === 'code')?.['x-example'], undefined);
    assert.equal(params('/blob').find((p) => p.name === 'sv')?.['x-example'], '2022-11-02');
  });
});
