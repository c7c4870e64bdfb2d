import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { buildRequest, BuildRequestError } from '../../../shared/src/request/buildRequest';
import type { SwaggerDocument } from '../../../shared/src/request/types';

const decoder = new TextDecoder();

function doc(overrides: Partial<SwaggerDocument> = {}): SwaggerDocument {
  return {
    swagger: '2.0',
    host: 'api.contoso.com',
    basePath: '/v1',
    schemes: ['http', 'https'],
    parameters: {
      top: { name: '$top', in: 'query', type: 'integer' },
    },
    paths: {
      '/items/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string', 'x-ms-url-encoding': 'single' }],
        get: {
          operationId: 'GetItem',
          parameters: [
            { $ref: '#/parameters/top' },
            { name: 'tags', in: 'query', type: 'array', items: { type: 'string' } },
            { name: 'X-Trace', in: 'header', type: 'string' },
            { name: 'api-version', in: 'query', type: 'string', default: '2024-01-01', 'x-ms-visibility': 'internal' },
            { name: 'optionalWithDefault', in: 'query', type: 'string', default: 'd' },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
      '/files/{path}': {
        get: {
          operationId: 'GetFile',
          parameters: [{ name: 'path', in: 'path', required: true, type: 'string', 'x-ms-url-encoding': 'double' }],
          responses: {},
        },
      },
      '/search': {
        get: {
          operationId: 'Search',
          parameters: [
            { name: 'csv', in: 'query', type: 'array', collectionFormat: 'csv', items: { type: 'string' } },
            { name: 'ssv', in: 'query', type: 'array', collectionFormat: 'ssv', items: { type: 'string' } },
            { name: 'tsv', in: 'query', type: 'array', collectionFormat: 'tsv', items: { type: 'string' } },
            { name: 'pipes', in: 'query', type: 'array', collectionFormat: 'pipes', items: { type: 'string' } },
            { name: 'multi', in: 'query', type: 'array', collectionFormat: 'multi', items: { type: 'string' } },
            { name: 'X-List', in: 'header', type: 'array', collectionFormat: 'pipes', items: { type: 'string' } },
          ],
          responses: {},
        },
      },
      '/things': {
        post: {
          operationId: 'CreateThing',
          consumes: ['application/json'],
          parameters: [
            { name: 'body', in: 'body', required: true, schema: { type: 'object' } },
            { name: 'mode', in: 'query', required: true, type: 'string' },
          ],
          responses: {},
        },
      },
      '/form': {
        post: {
          operationId: 'PostForm',
          consumes: ['application/x-www-form-urlencoded'],
          parameters: [
            { name: 'name', in: 'formData', type: 'string', required: true },
            { name: 'ids', in: 'formData', type: 'array', collectionFormat: 'multi', items: { type: 'integer' } },
          ],
          responses: {},
        },
      },
      '/token': {
        post: {
          operationId: 'Token',
          consumes: ['application/x-www-form-urlencoded'],
          parameters: [{ name: 'body', in: 'body', schema: { type: 'object' } }],
          responses: {},
        },
      },
      '/upload': {
        post: {
          operationId: 'Upload',
          consumes: ['multipart/form-data'],
          parameters: [
            { name: 'file', in: 'formData', type: 'file', required: true },
            { name: 'note', in: 'formData', type: 'string' },
          ],
          responses: {},
        },
      },
    },
    ...overrides,
  };
}

describe('request/buildRequest', () => {
  it('uses https when both schemes are offered, the host and the basePath', () => {
    const r = buildRequest(doc(), 'GetItem', { id: '42' });
    assert.equal(r.method, 'GET');
    assert.equal(r.baseUrl, 'https://api.contoso.com/v1');
    assert.equal(r.url, 'https://api.contoso.com/v1/items/42?api-version=2024-01-01');
  });

  it('falls back to the only scheme given, and to https when none is given', () => {
    assert.ok(buildRequest(doc({ schemes: ['http'] }), 'GetItem', { id: '1' }).url.startsWith('http://api.contoso.com/'));
    assert.ok(buildRequest(doc({ schemes: undefined }), 'GetItem', { id: '1' }).url.startsWith('https://api.contoso.com/'));
  });

  it('finds the operation by path and method as well as by operationId', () => {
    const r = buildRequest(doc(), { path: '/items/{id}', method: 'GET' }, { id: 'x' });
    assert.equal(r.operationId, 'GetItem');
  });

  it('applies a host override given as host or as an absolute URL', () => {
    assert.equal(buildRequest(doc(), 'GetItem', { id: '1' }, { hostOverride: 'localhost:8080' }).baseUrl, 'https://localhost:8080/v1');
    assert.equal(buildRequest(doc(), 'GetItem', { id: '1' }, { hostOverride: 'http://127.0.0.1:9000' }).baseUrl, 'http://127.0.0.1:9000/v1');
    assert.equal(buildRequest(doc(), 'GetItem', { id: '1' }, { hostOverride: 'http://127.0.0.1:9000/mock' }).baseUrl, 'http://127.0.0.1:9000/mock');
  });

  it('single-encodes path values by default (x-ms-url-encoding single)', () => {
    const r = buildRequest(doc(), 'GetItem', { id: 'a/b c?' });
    assert.equal(r.path, '/items/a%2Fb%20c%3F');
  });

  it('double-encodes path values with x-ms-url-encoding double', () => {
    const r = buildRequest(doc(), 'GetFile', { path: 'dir/file name.txt' });
    assert.equal(r.path, '/files/dir%252Ffile%2520name.txt');
  });

  it('resolves $ref parameters and merges path-level parameters', () => {
    const r = buildRequest(doc(), 'GetItem', { id: '1', $top: 5 });
    assert.deepEqual(r.query.find(([n]) => n === '$top'), ['$top', '5']);
    assert.equal(r.pathParams.id, '1');
  });

  it('sends internal parameters with their default, but not optional defaults', () => {
    const r = buildRequest(doc(), 'GetItem', { id: '1' });
    assert.deepEqual(r.query, [['api-version', '2024-01-01']]);
  });

  it('lets a given value override an internal default', () => {
    const r = buildRequest(doc(), 'GetItem', { id: '1', 'api-version': '2025' });
    assert.deepEqual(r.query, [['api-version', '2025']]);
  });

  it('serializes every collection format for query and header arrays', () => {
    const v = ['a', 'b c'];
    const r = buildRequest(doc(), 'Search', { csv: v, ssv: v, tsv: v, pipes: v, multi: v, 'X-List': ['x', 'y'] });
    assert.deepEqual(r.query, [
      ['csv', 'a,b c'],
      ['ssv', 'a b c'],
      ['tsv', 'a\tb c'],
      ['pipes', 'a|b c'],
      ['multi', 'a'],
      ['multi', 'b c'],
    ]);
    assert.ok(r.url.endsWith('?csv=a%2Cb%20c&ssv=a%20b%20c&tsv=a%09b%20c&pipes=a%7Cb%20c&multi=a&multi=b%20c'));
    assert.equal(r.headers['X-List'], 'x|y');
  });

  it('defaults arrays without collectionFormat to csv', () => {
    const r = buildRequest(doc(), 'GetItem', { id: '1', tags: ['x', 'y'] });
    assert.deepEqual(r.query.find(([n]) => n === 'tags'), ['tags', 'x,y']);
  });

  it('sets header parameters', () => {
    const r = buildRequest(doc(), 'GetItem', { id: '1', 'X-Trace': 'abc' });
    assert.equal(r.headers['X-Trace'], 'abc');
  });

  it('serializes a JSON body and sets Content-Type', () => {
    const r = buildRequest(doc(), 'CreateThing', { body: { a: 1 }, mode: 'fast' });
    assert.equal(r.method, 'POST');
    assert.equal(r.body, '{"a":1}');
    assert.equal(r.contentType, 'application/json');
    assert.equal(r.headers['Content-Type'], 'application/json');
  });

  it('sends a JSON body typed as text unchanged', () => {
    const r = buildRequest(doc(), 'CreateThing', { body: '{ "raw": true }', mode: 'm' });
    assert.equal(r.body, '{ "raw": true }');
  });

  it('lists every missing required parameter in one clear error', () => {
    assert.throws(
      () => buildRequest(doc(), 'CreateThing', {}),
      (error: unknown) => {
        assert.ok(error instanceof BuildRequestError);
        assert.deepEqual(error.missing, ['body (body)', 'mode (query)']);
        assert.match(error.message, /Missing required parameters: body \(body\), mode \(query\)/);
        return true;
      },
    );
  });

  it('reports an unknown operation', () => {
    assert.throws(() => buildRequest(doc(), 'Nope', {}), /Operation Nope is not in the definition/);
  });

  it('encodes formData as application/x-www-form-urlencoded with multi arrays repeated', () => {
    const r = buildRequest(doc(), 'PostForm', { name: 'a b&c', ids: [1, 2] });
    assert.equal(r.contentType, 'application/x-www-form-urlencoded');
    assert.equal(r.body, 'name=a%20b%26c&ids=1&ids=2');
  });

  it('url-encodes an object body when the operation consumes application/x-www-form-urlencoded', () => {
    const r = buildRequest(doc(), 'Token', { body: { grant_type: 'client_credentials', scope: ['a', 'b'] } });
    assert.equal(r.contentType, 'application/x-www-form-urlencoded');
    assert.equal(r.body, 'grant_type=client_credentials&scope=a&scope=b');
  });

  it('encodes file parameters as multipart/form-data', () => {
    const r = buildRequest(doc(), 'Upload', {
      file: { content: new TextEncoder().encode('hello'), filename: 'h.txt', contentType: 'text/plain' },
      note: 'n',
    });
    assert.match(r.contentType ?? '', /^multipart\/form-data; boundary=/);
    const boundary = /boundary=(.+)$/.exec(r.contentType ?? '')![1];
    const text = decoder.decode(r.body as Uint8Array);
    assert.ok(text.includes(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="h.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`));
    assert.ok(text.includes('Content-Disposition: form-data; name="note"\r\n\r\nn\r\n'));
    assert.ok(text.includes(`--${boundary}--\r\n`));
  });

  it('multipart bodies parse back with undici\'s own multipart reader (Response.formData), names and values escaped', async () => {
    const bytes = new Uint8Array(Array.from({ length: 600 }, (_, i) => (i * 31) & 255));
    const r = buildRequest(doc(), 'Upload', {
      file: { content: bytes, filename: 'd"a\nta.bin', contentType: 'application/x-thing' },
      note: 'line1\nline2 é',
    });
    const form = await new Response(new Uint8Array(r.body as Uint8Array), { headers: { 'content-type': r.contentType! } }).formData();
    const file = form.get('file');
    assert.ok(file instanceof Blob, 'file part is a file');
    // Escaped on the wire (a quote or line break cannot end the header early), read back as given.
    assert.ok(decoder.decode(r.body as Uint8Array).includes('filename="d%22a%0Ata.bin"'));
    assert.equal((file as File).name, 'd"a\nta.bin');
    assert.equal(file.type, 'application/x-thing');
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), bytes);
    // Values are normalised to CRLF line breaks, as browsers send them (WHATWG FormData).
    assert.equal(form.get('note'), 'line1\r\nline2 é');
    assert.deepEqual([...form.keys()], ['file', 'note']);
  });
});
