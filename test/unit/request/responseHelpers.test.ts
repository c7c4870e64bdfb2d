import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { buildRequest } from '../../../shared/src/request/buildRequest';
import { toCurl } from '../../../shared/src/request/curl';
import { applyDecorations } from '../../../shared/src/request/decorations';
import { redact } from '../../../shared/src/request/redact';
import { checkContentType, classifyBody, prettyXml, renderBody } from '../../../shared/src/request/responseBody';
import { checkResponseSchema } from '../../../shared/src/request/schemaCheck';
import type { SwaggerDocument } from '../../../shared/src/request/types';

const enc = (s: string) => new TextEncoder().encode(s);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('request/responseBody', () => {
  it('classifies by content type, then by sniffing', () => {
    assert.equal(classifyBody('application/json; charset=utf-8', enc('{}')), 'json');
    assert.equal(classifyBody('application/problem+json', enc('{}')), 'json');
    assert.equal(classifyBody('application/atom+xml', enc('<a/>')), 'xml');
    assert.equal(classifyBody('text/plain', enc('hi')), 'text');
    assert.equal(classifyBody('image/png', PNG), 'image');
    assert.equal(classifyBody(undefined, PNG), 'image');
    assert.equal(classifyBody(undefined, enc('[1,2]')), 'json');
    assert.equal(classifyBody(undefined, enc('<?xml version="1.0"?><a/>')), 'xml');
    assert.equal(classifyBody(undefined, new Uint8Array([0, 1, 2, 3, 255, 254])), 'binary');
    assert.equal(classifyBody('application/json', new Uint8Array()), 'empty');
  });

  it('pretty-prints JSON and XML, and summarizes images and binaries', () => {
    assert.equal(renderBody('application/json', enc('{"a":[1]}')).text, '{\n  "a": [\n    1\n  ]\n}');
    assert.equal(prettyXml('<a><b>x</b><c><d/></c></a>'), '<a>\n  <b>x</b>\n  <c>\n    <d/>\n  </c>\n</a>');
    const image = renderBody('image/png', PNG);
    assert.match(image.dataUri ?? '', /^data:image\/png;base64,/);
    const binary = renderBody('application/pdf', enc('%PDF-1.7 ...'));
    assert.equal(binary.kind, 'binary');
    assert.match(binary.summary, /^Binary, 12 B \(application\/pdf\)/);
    assert.match(binary.text ?? '', /^00000000  25 50 44 46/);
  });

  it('flags JSON that does not parse', () => {
    const shown = renderBody('application/json', enc('{"a":'));
    assert.ok(shown.parseError);
    assert.equal(shown.text, '{"a":');
  });

  it('checks the content type against produces', () => {
    assert.equal(checkContentType('application/json', ['application/json'], enc('{}')), undefined);
    assert.equal(checkContentType('text/csv', ['text/*'], enc('a,b')), undefined);
    assert.match(checkContentType('application/json', ['application/json'], enc('<html>')) ?? '', /not valid JSON/);
    assert.match(checkContentType('text/html', ['application/json'], enc('<html></html>')) ?? '', /declares application\/json/);
  });
});

describe('request/schemaCheck', () => {
  const definition: SwaggerDocument = {
    swagger: '2.0',
    definitions: {
      Item: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'integer', format: 'int32' },
          name: { type: 'string' },
          owner: { $ref: '#/definitions/User' },
          tags: { type: 'array', items: { type: 'string' } },
          note: { type: 'string', 'x-nullable': true },
          'odd key': { type: 'string' },
        },
      },
      User: { type: 'object', properties: { email: { type: 'string', format: 'email' }, role: { type: 'string', enum: ['a', 'b'] } } },
    },
    responses: { ItemList: { description: 'list', schema: { type: 'array', items: { $ref: '#/definitions/Item' } } } },
    paths: {
      '/items': {
        get: { operationId: 'ListItems', responses: { '200': { $ref: '#/responses/ItemList' }, default: { description: 'error' } } },
      },
      '/items/{id}': { get: { operationId: 'GetItem', responses: { '2XX': { description: 'ok', schema: { $ref: '#/definitions/Item' } } } } },
    },
  };

  it('accepts a matching body (formats, nested $refs, x-nullable)', () => {
    const body = JSON.stringify([{ id: 1, name: 'a', owner: { email: 'a@b.co', role: 'a' }, tags: ['x'], note: null }]);
    const result = checkResponseSchema(definition, 'ListItems', 200, body);
    assert.deepEqual(result, { checked: true, valid: true, mismatches: [], responseKey: '200' });
  });

  it('lists each mismatch by JSON path', () => {
    const body = JSON.stringify([{ id: 'x', owner: { email: 'nope', role: 'c' }, tags: [1], 'odd key': 2 }]);
    const result = checkResponseSchema(definition, 'ListItems', 200, enc(body));
    assert.equal(result.valid, false);
    const byPath = Object.fromEntries(result.mismatches.map((m) => [m.path, m.message]));
    assert.equal(byPath['$[0].id'], 'must be integer');
    assert.equal(byPath['$[0].name'], 'is required but missing');
    assert.match(byPath['$[0].owner.email'], /must match format "email"/);
    assert.match(byPath['$[0].owner.role'], /must be one of \["a","b"\]/);
    assert.equal(byPath['$[0].tags[0]'], 'must be string');
    assert.equal(byPath["$[0]['odd key']"], 'must be string');
  });

  it('uses 2XX and default entries, and says when there is nothing to check', () => {
    assert.equal(checkResponseSchema(definition, 'GetItem', 201, '{"id":1,"name":"n"}').responseKey, '2XX');
    const none = checkResponseSchema(definition, 'ListItems', 500, 'oops');
    assert.equal(none.checked, false);
    assert.match(none.reason ?? '', /response default declares no schema/);
  });
});

describe('request/decorations, redact and cURL', () => {
  const definition: SwaggerDocument = {
    host: 'api.contoso.com',
    schemes: ['https'],
    paths: {
      '/items': {
        post: {
          operationId: 'Create',
          parameters: [
            { name: 'mode', in: 'query', type: 'string' },
            { name: 'access_token', in: 'query', type: 'string' },
            { name: 'body', in: 'body', schema: { type: 'object' } },
          ],
          responses: {},
        },
      },
    },
  };
  const base = () => buildRequest(definition, 'Create', { mode: 'm', body: { it: "it's" } });

  it('adds the connection headers and query parameters, replacing same-named ones', () => {
    const request = applyDecorations(base(), { headers: { Authorization: 'Bearer tok-123', 'X-Tenant': 't1' }, query: { code: 'fn-key', mode: 'forced' }, nonSecret: ['X-Tenant'] });
    assert.equal(request.headers.Authorization, 'Bearer tok-123');
    assert.deepEqual(request.query, [
      ['code', 'fn-key'],
      ['mode', 'forced'],
    ]);
    assert.equal(request.url, 'https://api.contoso.com/items?code=fn-key&mode=forced');
  });

  it('redacts Authorization, connection-added values and secret-looking query parameters', () => {
    const request = applyDecorations(buildRequest(definition, 'Create', { mode: 'm', access_token: 'at-9' }), {
      headers: { Authorization: 'Bearer tok-123', 'X-Custom-Key': 'ck-1', 'X-Tenant': 't1' },
      query: { subscription: 'sub-7' },
      nonSecret: ['X-Tenant'],
    });
    const shown = redact(request);
    assert.equal(shown.headers.Authorization, 'Bearer ***');
    assert.equal(shown.headers['X-Custom-Key'], '***');
    assert.equal(shown.headers['X-Tenant'], 't1');
    assert.deepEqual(shown.query, [['mode', 'm'], ['access_token', '***'], ['subscription', '***']]);
    for (const secret of ['tok-123', 'ck-1', 'at-9', 'sub-7']) assert.ok(!JSON.stringify(shown).includes(secret), secret);
    // The original is untouched.
    assert.equal(request.headers.Authorization, 'Bearer tok-123');
  });

  it('exports cURL redacted by default, quoting for the shell', () => {
    const request = applyDecorations(base(), { headers: { 'api-key': 'k-1' } });
    const curl = toCurl(request);
    assert.ok(!curl.includes('k-1'));
    assert.equal(
      curl,
      [`curl -X POST 'https://api.contoso.com/items?mode=m'`, `-H 'Content-Type: application/json'`, `-H 'api-key: ***'`, `--data-raw '{"it":"it'\\''s"}'`].join(' \\\n  '),
    );
    assert.ok(toCurl(request, { redact: false }).includes('k-1'));
  });
});
