// The bugs the fuzz tier found, each pinned by its smallest reproduction.
import * as assert from 'node:assert/strict';
import { documentSymbols } from '../../../engine/src/languageService/features/outline';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';
import { convertPostmanCollection } from '../../../engine/src/converters/postman';
import { buildRequest, BuildRequestError, type SwaggerDocument } from '../../../shared/src/request';

const DOC: SwaggerDocument = {
  swagger: '2.0',
  host: 'api.example.com',
  basePath: '/v1',
  schemes: ['https'],
  paths: { '/items/{id}': { get: { operationId: 'GetItem', parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }], responses: { '200': { description: 'OK' } } } } },
} as SwaggerDocument;

function buildError(doc: SwaggerDocument, hostOverride?: string): BuildRequestError {
  try {
    buildRequest(doc, 'GetItem', { id: '1' }, { hostOverride });
  } catch (e) {
    assert.ok(e instanceof BuildRequestError, `threw ${String(e)}`);
    return e;
  }
  assert.fail('expected a BuildRequestError');
}

describe('fuzz: regressions', () => {
  it('a YAML definition with two security requirements (ajv compares them for uniqueItems) does not crash the schema rule', () => {
    const yaml = 'swagger: "2.0"\ninfo: {title: T, version: "1"}\nhost: a.example.com\npaths: {}\nsecurity:\n  - oauth: [default]\n  - token: []\n';
    const crashes: string[] = [];
    validateConnector({ definition: { uri: 'file:///c/apiDefinition.swagger.yaml', text: yaml } }, {}, undefined, (ids, e) => crashes.push(`${ids[0]}: ${String(e)}`));
    assert.deepEqual(crashes, []);
    // The same list twice is still reported as not unique.
    const again: string[] = [];
    const [def] = validateConnector({ definition: { uri: 'file:///c/apiDefinition.swagger.yaml', text: yaml.replace('token: []', 'oauth: [default]') } }, {}, undefined, (ids, e) => again.push(`${ids[0]}: ${String(e)}`));
    assert.deepEqual(again, []);
    assert.ok(def!.diagnostics.some((d) => /security/.test(d.message) || d.pointer === '/security'), JSON.stringify(def!.diagnostics.map((d) => `${d.ruleId} ${d.message}`)));
  });

  it('the YAML value has ordinary objects and keeps "__proto__" as a key', () => {
    const doc = parseDocument('file:///c/a.yaml', 'a: 1\n__proto__: {polluted: true}\n');
    const value = doc.value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ['a', '__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('the outline of a definition whose definitions/parameters section is an array or a scalar (LSP fuzz, documentSymbol)', () => {
    for (const text of ['swagger: "2.0"\ndefinitions: [null]\nparameters: 1.5\nresponses:\n  - a\npaths: {}\n', '{"swagger":"2.0","definitions":[null],"securityDefinitions":"x","paths":{}}']) {
      const doc = parseDocument(text.startsWith('{') ? 'file:///c/apiDefinition.swagger.json' : 'file:///c/apiDefinition.swagger.yaml', text);
      const sections = documentSymbols(doc).filter((s) => s.kind === 'section');
      assert.ok(sections.length >= 2, JSON.stringify(sections));
      for (const s of sections) assert.deepEqual(s.children, [], s.name);
    }
  });

  it('JSON nested 10,000 levels is reported plainly, not as a stack overflow', () => {
    const text = '{"swagger":"2.0","x":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
    const doc = parseDocument('file:///c/apiDefinition.swagger.json', text);
    assert.equal(doc.usable, false);
    // Either wording: "nests too deeply" or the depth budget's "nests 10001 levels deep, over the budget".
    assert.match(doc.syntax[0]!.message, /nests too deeply|nests \d+ levels deep/);
  });

  it('buildRequest: a host override that is not a URL or host is a BuildRequestError', () => {
    assert.match(buildError(DOC, 'http://').message, /not a valid URL/);
    assert.match(buildError(DOC, 'http://[::1').message, /not a valid URL/);
    assert.match(buildError(DOC, '://').message, /not a valid host/);
  });

  it('buildRequest: wrong types and bad schemes in the definition are BuildRequestErrors', () => {
    assert.match(buildError({ ...DOC, schemes: ['__x__'] }).message, /not a valid URL scheme/);
    assert.match(buildError({ ...DOC, basePath: 1 as unknown as string }).message, /cannot be used/);
    assert.match(buildError({ ...DOC, host: 'a b' }).message, /not a valid host/);
  });

  it('postman: a url whose host, path, query and variable are not arrays converts without an internal error', () => {
    const r = convertPostmanCollection({
      info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'Get', request: { method: 'GET', url: { raw: '', host: { a: 1 }, path: 'y', query: {}, variable: true } } }],
    });
    if (!r.ok) assert.doesNotMatch(r.error.message, /Internal error/);
  });
});
