// Fuzz: the Postman converter on mutated shared collections and random collections: it never
// throws; it either produces a definition the project validator reads without a syntax or
// structure error, or it returns ok:false with a clear message (never an internal error).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAndConvert, serializeJson } from '../../../engine/src/converters/postman';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';
import { check, mutateJsonText, mutationArb, postmanCollections, timed, type Json } from './fuzzKit';

/** Rules whose error on an imported connector means the converter wrote a broken file. */
const BROKEN_OUTPUT = /^(json-|root-unknown-property|one-of-properties-required|ref-)/;

function checkConversion(text: string): void {
  const { ms, value: r } = timed(() => parseAndConvert(text));
  assert.ok(ms < 20_000, `conversion took ${ms.toFixed(0)} ms`);
  if (!r.ok) {
    assert.ok(r.error.message.length > 10, 'a clear error message');
    assert.doesNotMatch(r.error.message, /Internal error/, `the converter crashed inside: ${r.error.message}`);
    return;
  }
  assert.equal(r.definition.swagger, '2.0');
  assert.ok(r.definition.paths && typeof r.definition.paths === 'object');
  const definition = serializeJson(r.definition);
  const properties = serializeJson(r.properties);
  const crashes: string[] = [];
  const results = validateConnector(
    { definition: { uri: 'file:///fuzz/c/apiDefinition.swagger.json', text: definition }, properties: { uri: 'file:///fuzz/c/apiProperties.json', text: properties } },
    {},
    undefined,
    (ids, e) => crashes.push(`${ids.join(',')}: ${String(e)}`),
  );
  assert.deepEqual(crashes, []);
  const broken = results.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error' && BROKEN_OUTPUT.test(d.ruleId)).map((d) => `${f.kind}: ${d.ruleId} ${d.message}`));
  assert.deepEqual(broken, [], 'the converter wrote a broken connector');
}

const str = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('', ' ', '{{baseUrl}}', '{{x}}', ':id', 'ü', '__proto__', 'constructor', 'toString', 'a/b', '%', '\u0000', 'x'.repeat(300)));
const anything: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
const url = fc.oneof(
  str,
  fc.tuple(fc.constantFrom('https://a.example.com', 'http://127.0.0.1:3000', '{{baseUrl}}', '', 'ftp://x', '//h'), fc.array(str, { maxLength: 4 }), fc.array(fc.tuple(str, str), { maxLength: 3 })).map(([h, p, q]) => `${h}/${p.join('/')}${q.length ? '?' + q.map(([k, v]) => `${k}=${v}`).join('&') : ''}`),
  fc.record({ raw: fc.option(str, { nil: undefined }), host: fc.oneof(fc.array(str, { maxLength: 3 }), str, anything), path: fc.oneof(fc.array(str, { maxLength: 4 }), str, anything), query: fc.oneof(fc.array(fc.record({ key: fc.oneof(str, anything), value: fc.oneof(str, anything) }), { maxLength: 3 }), anything), variable: fc.oneof(fc.array(fc.record({ key: str, value: fc.oneof(str, anything) }), { maxLength: 2 }), anything) }, { requiredKeys: [] }),
);
const request = fc.oneof(
  str,
  anything,
  fc.record(
    {
      method: fc.oneof(fc.constantFrom('GET', 'post', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND', ''), anything),
      url,
      header: fc.oneof(fc.array(fc.record({ key: fc.oneof(str, anything), value: fc.oneof(str, anything), disabled: fc.boolean() }), { maxLength: 3 }), str, anything),
      body: fc.oneof(anything, fc.record({ mode: fc.constantFrom('raw', 'formdata', 'urlencoded', 'file', 'graphql', 'x'), raw: fc.oneof(str, anything), formdata: anything, urlencoded: anything, options: anything }, { requiredKeys: ['mode'] })),
      auth: fc.oneof(anything, fc.record({ type: fc.constantFrom('basic', 'bearer', 'apikey', 'oauth2', 'noauth', 'inherit', 'digest', 'x'), apikey: anything, oauth2: anything, bearer: anything })),
      description: fc.oneof(str, anything),
    },
    { requiredKeys: [] },
  ),
);
const leaf = fc.record({ name: fc.oneof(str, anything), request, response: fc.oneof(fc.array(fc.record({ code: anything, body: fc.oneof(str, anything), header: anything, name: str }, { requiredKeys: [] }), { maxLength: 2 }), anything), event: anything }, { requiredKeys: ['request'] });
const item = fc.oneof(leaf, fc.record({ name: str, item: fc.oneof(fc.array(leaf, { maxLength: 3 }), anything), auth: anything }, { requiredKeys: ['item'] }), anything);
const collection = fc.record(
  {
    info: fc.oneof(fc.record({ name: fc.oneof(str, anything), schema: fc.constantFrom('https://schema.getpostman.com/json/collection/v2.1.0/collection.json', 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json', 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json', ''), description: fc.oneof(str, anything) }, { requiredKeys: [] }), anything),
    item: fc.oneof(fc.array(item, { maxLength: 5 }), anything),
    variable: fc.oneof(fc.array(fc.record({ key: fc.oneof(str, anything), value: fc.oneof(str, anything) }), { maxLength: 3 }), anything),
    auth: anything,
    event: anything,
  },
  { requiredKeys: ['info', 'item'] },
);

describe('fuzz: postman converter', function () {
  this.timeout(600_000); // bounded by the case count; a loaded 2-core machine is slow

  it('converts mutated shared collections or refuses them with a clear message', () => {
    const collections = postmanCollections();
    assert.ok(collections.length >= 4);
    check(
      fc.property(fc.nat(), mutationArb, (i, m) => {
        // Megabyte strings and 10,000 levels make a collection slow to convert, not interesting here.
        const mutation = m.kind === 'huge-string' ? { ...m, size: 10_000 } : m.kind === 'deep' ? { ...m, depth: Math.min(m.depth, 200) } : m;
        checkConversion(mutateJsonText(collections[i % collections.length]!.text, mutation));
      }),
      1_200,
    );
  });

  it('converts random collections (any shape, wrong types everywhere) or refuses them with a clear message', () => {
    check(fc.property(collection, (c) => checkConversion(JSON.stringify(c))), 1_300);
  });

  // Issue 17: variables that repeat each other (bombs, cycles, self-reference) and folders nested
  // up to 3,000 levels: within a time and heap bound, converted or refused with a clear message.
  it('survives variable bombs, cycles and deep folder nesting within a time and memory bound', () => {
    const hostile = fc.record({
      chain: fc.integer({ min: 1, max: 14 }),
      fanOut: fc.integer({ min: 1, max: 24 }),
      cycle: fc.boolean(),
      seed: fc.string({ maxLength: 20 }),
      folders: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 60, max: 70 }), fc.integer({ min: 100, max: 3000 })),
      where: fc.constantFrom('host', 'path', 'query', 'header', 'body'),
    });
    check(
      fc.property(hostile, ({ chain, fanOut, cycle, seed, folders, where }) => {
        const variable = [{ key: 'v0', value: cycle ? `${seed}{{v${chain}}}` : seed || 'x' }];
        for (let i = 1; i <= chain; i++) variable.push({ key: `v${i}`, value: `{{v${i - 1}}}`.repeat(fanOut) });
        const top = `{{v${chain}}}`;
        const url = where === 'host' ? `https://${top}.example.com/a` : where === 'path' ? `https://h.example.com/${top}/a` : `https://h.example.com/a${where === 'query' ? `?q=${top}` : ''}`;
        const leaf = JSON.stringify({ name: 'Leaf', request: { method: 'POST', url, header: where === 'header' ? [{ key: 'X-V', value: top }] : [], body: where === 'body' ? { mode: 'raw', raw: `{"v":"${top}"}` } : undefined } });
        // Nested as text: JSON.stringify itself overflows the stack a few thousand levels down.
        let items = leaf;
        for (let i = 0; i < folders; i++) items = `{"name":"F${i}","item":[${items}]}`;
        const heap = process.memoryUsage().heapUsed;
        checkConversion(`{"info":{"name":"Hostile","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"variable":${JSON.stringify(variable)},"item":[${items}]}`);
        const grew = process.memoryUsage().heapUsed - heap;
        assert.ok(grew < 512 * 1024 * 1024, `heap grew ${(grew / 1e6).toFixed(0)} MB`);
      }),
      400,
    );
  });
});
