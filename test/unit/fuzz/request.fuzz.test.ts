// Fuzz: the request builder on real (and mutated) corpus definitions with random operations,
// parameter values and host overrides: it returns a well-formed request or throws
// BuildRequestError, never anything else.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRequest, BuildRequestError, type SwaggerDocument } from '../../../shared/src/request';
import { check, mutateValue, mutationArb, smallConnectors, timed, type Json } from './fuzzKit';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

function operationsOf(doc: Json): { path: string; method: string; id?: string; params: string[] }[] {
  const out: { path: string; method: string; id?: string; params: string[] }[] = [];
  const paths = doc && typeof doc === 'object' && !Array.isArray(doc) ? doc.paths : undefined;
  if (!paths || typeof paths !== 'object' || Array.isArray(paths)) return out;
  for (const [p, item] of Object.entries(paths)) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!op || typeof op !== 'object' || Array.isArray(op)) continue;
      const params = Array.isArray(op.parameters) ? op.parameters.map((x) => (x && typeof x === 'object' && !Array.isArray(x) ? String(x.name) : '')).filter(Boolean) : [];
      out.push({ path: p, method: m, id: typeof op.operationId === 'string' ? op.operationId : undefined, params: [...params, 'body'] });
    }
  }
  return out;
}

const valueArb = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '/', '../..', '%', '{id}', 'a/b?c#d', '\uD800', 'x'.repeat(10_000)),
  fc.uint8Array({ maxLength: 16 }),
  fc.record({ content: fc.oneof(fc.string({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 })), filename: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }), contentType: fc.option(fc.constantFrom('text/plain', '', 'a\r\nb'), { nil: undefined }) }),
  fc.constantFrom(undefined, null, Number.NaN, Infinity, -0, 1e308),
);
const hostArb = fc.option(fc.oneof(fc.constantFrom('127.0.0.1:8080', 'http://127.0.0.1:9', 'https://h/base/', 'http://[::1', '://', 'a b', 'ftp://x', 'http://', ' ', 'http://u:p@h'), fc.string({ maxLength: 12 })), { nil: undefined });

describe('fuzz: request builder', function () {
  this.timeout(600_000); // bounded by the case count; a loaded 2-core machine is slow

  it('returns a request or throws BuildRequestError for random operations, values and hosts', () => {
    const corpus = smallConnectors().flatMap((c) => {
      try {
        return [JSON.parse(c.definition.replace(/^\uFEFF/, '')) as Json];
      } catch {
        return []; // a few corpus files are not valid JSON; the parser's fuzz covers them
      }
    });
    const arb = fc.record({
      file: fc.nat(),
      mutation: fc.option(mutationArb, { freq: 2 }),
      op: fc.nat(),
      byId: fc.boolean(),
      values: fc.array(fc.tuple(fc.nat(), valueArb), { maxLength: 8 }),
      extra: fc.dictionary(fc.string({ maxLength: 6 }), valueArb, { maxKeys: 3 }),
      hostOverride: hostArb,
    });
    check(
      fc.property(arb, ({ file, mutation, op, byId, values, extra, hostOverride }) => {
        const base = corpus[file % corpus.length]!;
        // Deep nesting and megabyte strings belong to the parser's fuzz: here keep the document cheap.
        const doc = mutation && mutation.kind !== 'deep' && mutation.kind !== 'huge-string' ? mutateValue(base, mutation) : base;
        const ops = operationsOf(doc);
        const target = ops.length ? ops[op % ops.length]! : { path: '/x', method: 'get', id: 'Missing', params: [] };
        const given: Record<string, unknown> = { ...extra };
        for (const [i, v] of values) if (target.params.length) given[target.params[i % target.params.length]!] = v;
        const ref = byId && target.id !== undefined ? target.id : { path: target.path, method: target.method };
        const { ms, value: outcome } = timed(() => {
          try {
            return { request: buildRequest(doc as unknown as SwaggerDocument, ref, given, { hostOverride }) };
          } catch (e) {
            return { error: e };
          }
        });
        assert.ok(ms < 10_000, `buildRequest took ${ms.toFixed(0)} ms`);
        if ('error' in outcome) {
          const e = outcome.error;
          assert.ok(e instanceof BuildRequestError, `threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e)}`);
          assert.ok(e.message.length > 0);
          // On an unmutated corpus definition a TypeError inside is a bug, even when wrapped.
          if (!mutation) assert.ok(!(e.cause instanceof TypeError), `TypeError on a valid definition: ${e.message}`);
          return;
        }
        const r = outcome.request;
        assert.equal(r.method, target.method.toUpperCase());
        assert.ok(r.url.startsWith(r.baseUrl), `${r.url} starts with ${r.baseUrl}`);
        assert.doesNotThrow(() => new URL(r.url), `not a URL: ${r.url}`);
        for (const [k, v] of Object.entries(r.headers)) assert.ok(typeof k === 'string' && typeof v === 'string', `header ${k}`);
      }),
      3_000,
    );
  });
});
