// Hostile input for the OpenAPI import's readers: every budget answers with a refusal or a
// report entry, never a crash or a hang.
import * as assert from 'node:assert/strict';
import { bundleExternalRefs, convertOpenApiDocument, importOpenApi, MAX_SOURCE_CHARS, parseSourceText } from '../../../engine/src/converters/openapi3';
import type { JsonObject } from '../../../engine/src/converters/openapi3/context';
import { convertOk, oas, swaggerParserValidate } from './openApiTestKit';

const ok200 = { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } };

describe('openapi3: hostile input', function () {
  this.timeout(60_000);
  it('text over the character budget is refused before parsing', () => {
    const r = parseSourceText(' '.repeat(MAX_SOURCE_CHARS + 1), 'big.json');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /at most 64 MB/);
  });
  it('nesting deeper than the budget is refused (JSON and YAML)', () => {
    const json = parseSourceText('['.repeat(5000) + ']'.repeat(5000), 'deep.json');
    assert.match(!json.ok ? json.message : '', /deeper than 512/);
    const yaml = parseSourceText(`openapi: 3.0.0\nx: ${'['.repeat(600)}${']'.repeat(600)}\n`, 'deep.yaml');
    assert.equal(yaml.ok, false);
  });
  it('a YAML alias bomb is refused', () => {
    const lines = ['openapi: 3.0.0', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const r = parseSourceText(lines.join('\n'), 'bomb.yaml');
    assert.equal(r.ok, false);
  });
  it('self-referencing and mutually recursive schemas, ref chains and ref loops convert, bounded', async () => {
    const c = convertOk(
      oas({ '/a': { get: { responses: ok200 } } }, {
        components: {
          schemas: {
            A: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' }, b: { $ref: '#/components/schemas/B' }, inner: { $ref: '#/components/schemas/A/properties/b' } } },
            B: { oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }] },
            Loop1: { $ref: '#/components/schemas/Loop2' },
            Loop2: { $ref: '#/components/schemas/Loop1' },
            Deep: { $ref: '#/paths/~1a/get/responses/200/content/application~1json/schema/properties/x' },
          },
        },
      }),
    );
    await swaggerParserValidate(c.definition);
  });
  it('a schema nested past the depth budget is cut and reported', () => {
    let s: JsonObject = { type: 'string' };
    for (let i = 0; i < 200; i++) s = { type: 'object', properties: { n: s } };
    const c = convertOk(oas({ '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: s } } } } } } }));
    assert.ok(c.report.entries.some((e) => e.code === 'schema-too-deep'));
  });
  it('in-place $ref expansion stops at its budget', () => {
    const paths: JsonObject = {};
    for (let i = 0; i < 50; i++) paths[`/r${i}`] = { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/paths/~1r0/get/responses/200/content/application~1json/schema' } } } } } } };
    const r = convertOpenApiDocument(oas(paths), { budgets: { refExpansions: 10 } });
    assert.ok(r.ok);
  });
  it('external refs: loops across files, and more documents than the budget, end', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++) files[`/s/f${i}.json`] = JSON.stringify({ type: 'object', properties: { next: { $ref: `./f${i + 1}.json` }, back: { $ref: `./f${Math.max(0, i - 1)}.json` } } });
    const root = oas({ '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: './f0.json' } } } } } } } });
    const bundled = await bundleExternalRefs(root, '/s/api.json', async (loc) => files[loc]);
    assert.ok(bundled.documents.length <= 64);
    assert.ok(bundled.problems.some((p) => /more than 64 referenced documents/.test(p.message)));
    const r = await importOpenApi(JSON.stringify(root), { location: '/s/api.json', read: async (loc) => files[loc] });
    assert.ok(r.ok);
    if (r.ok) await swaggerParserValidate(r.definition);
  });
  it('a reader that throws or returns garbage is reported, not fatal', async () => {
    const root = oas({ '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'https://evil.example/x.json' } } } } } } } });
    const r = await importOpenApi(JSON.stringify(root), { location: 'https://api.example/openapi.json', read: async () => '{not json' });
    assert.ok(r.ok);
    assert.ok(r.ok && r.report.entries.some((e) => e.code === 'ref-external'));
  });
  it('wrong types everywhere do not crash the converter', () => {
    const junk = [null, 1, 'x', [], true, { $ref: 5 }, { type: 7, properties: 'no', required: 'a', enum: 'b', items: 3, allOf: {}, oneOf: 'c' }];
    for (const j of junk) {
      for (const doc of [
        oas({ '/a': j as JsonObject }),
        oas({ '/a': { get: { parameters: j, requestBody: j, responses: j } } }),
        oas({ '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: j } } } } } } }, { components: { schemas: { X: j }, securitySchemes: { s: j } }, servers: j, security: j, info: j }),
      ]) {
        const r = convertOpenApiDocument(doc);
        assert.ok(r.ok || !/Internal error/.test(r.error.message), JSON.stringify(r));
      }
    }
  });
});
