// One test (at least) per mapping of the OpenAPI 3 -> Swagger 2.0 converter, each output also
// checked by swagger-parser (an independent reader) where it is a whole connector.
import * as assert from 'node:assert/strict';
import { convertOpenApiDocument, importOpenApi, formatOpenApiReport } from '../../../engine/src/converters/openapi3';
import type { JsonObject } from '../../../engine/src/converters/openapi3/context';
import { codes, convertOk, oas, op, param, swaggerParserValidate, unexplainedErrors } from './openApiTestKit';

const ok200 = { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };

describe('openapi3: mappings', () => {
  describe('servers', () => {
    it('the first server gives host, basePath and scheme, variables at their defaults; the others are reported', async () => {
      const c = convertOk(
        oas({ '/a': { get: { operationId: 'GetA', responses: ok200 } } }, {
          servers: [
            { url: 'https://{region}.api.test.example:8443/{version}/', variables: { region: { default: 'eu', enum: ['eu', 'us'] }, version: { default: 'v2' } } },
            { url: 'https://backup.test.example' },
          ],
        }),
      );
      assert.equal(c.definition.host, 'eu.api.test.example:8443');
      assert.equal(c.definition.basePath, '/v2');
      assert.deepEqual(c.definition.schemes, ['https']);
      assert.ok(codes(c.report).includes('servers-other'));
      assert.match(formatOpenApiReport(c.report), /backup\.test\.example/);
      await swaggerParserValidate(c.definition);
    });
    it('no server: a placeholder host, reported as a warning', () => {
      const c = convertOk(oas({ '/a': { get: { responses: ok200 } } }, { servers: [] }));
      assert.equal(c.definition.host, 'api.example.com');
      assert.ok(c.report.entries.some((e) => e.code === 'server-host-missing' && e.severity === 'warning'));
    });
    it('a relative server URL resolves against the URL the document came from', () => {
      const c = convertOk(oas({ '/a': { get: { responses: ok200 } } }, { servers: [{ url: '/api/v3' }] }), { sourceUrl: 'http://127.0.0.1:9999/openapi.json' });
      assert.equal(c.definition.host, '127.0.0.1:9999');
      assert.equal(c.definition.basePath, '/api/v3');
      assert.deepEqual(c.definition.schemes, ['http']);
    });
  });

  describe('requestBody', () => {
    it('JSON body -> one body parameter; several media types: JSON first in consumes, reported', async () => {
      const c = convertOk(
        oas({
          '/pets': {
            post: {
              operationId: 'AddPet',
              requestBody: { required: true, content: { 'application/xml': { schema: { type: 'object' } }, 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
              responses: ok200,
            },
          },
        }, { components: { schemas: { Pet: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } } }),
      );
      const o = op(c.definition, 'post', '/pets');
      const body = param(o, 'body', 'body');
      assert.equal(body.required, true);
      assert.deepEqual(body.schema, { $ref: '#/definitions/Pet' });
      assert.deepEqual(o.consumes, ['application/json', 'application/xml']);
      assert.ok(codes(c.report).includes('request-media-types'));
      await swaggerParserValidate(c.definition);
    });
    it('multipart -> formData, binary fields -> type file; urlencoded -> formData', async () => {
      const c = convertOk(
        oas({
          '/upload': {
            post: {
              requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, note: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } } } } },
              responses: ok200,
            },
          },
          '/login': { post: { requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { user: { type: 'string' }, age: { type: 'integer' } } } } } }, responses: ok200 } },
        }),
      );
      const up = op(c.definition, 'post', '/upload');
      assert.deepEqual(up.consumes, ['multipart/form-data']);
      assert.equal(param(up, 'file', 'formData').type, 'file');
      assert.equal(param(up, 'file', 'formData').required, true);
      assert.equal(param(up, 'note', 'formData').type, 'string');
      assert.equal(param(up, 'tags', 'formData').type, 'array');
      const login = op(c.definition, 'post', '/login');
      assert.deepEqual(login.consumes, ['application/x-www-form-urlencoded']);
      assert.equal(param(login, 'age', 'formData').type, 'integer');
      await swaggerParserValidate(c.definition);
    });
  });

  describe('components', () => {
    it('schemas -> definitions, parameters -> parameters, responses -> responses, refs rewritten', async () => {
      const c = convertOk(
        oas({
          '/items/{id}': {
            get: { parameters: [{ $ref: '#/components/parameters/Id' }, { $ref: '#/components/parameters/Limit' }], responses: { '200': { $ref: '#/components/responses/Item' } } },
          },
        }, {
          components: {
            schemas: { Item: { type: 'object', properties: { child: { $ref: '#/components/schemas/Item' } } } },
            parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } }, Limit: { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } } },
            responses: { Item: { description: 'An item', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
          },
        }),
      );
      const o = op(c.definition, 'get', '/items/{id}');
      assert.deepEqual(o.parameters, [{ $ref: '#/parameters/Id' }, { $ref: '#/parameters/Limit' }]);
      assert.deepEqual(o.responses, { '200': { $ref: '#/responses/Item' } });
      assert.deepEqual((c.definition.definitions as JsonObject).Item, { type: 'object', properties: { child: { $ref: '#/definitions/Item' } } });
      assert.equal(((c.definition.parameters as JsonObject).Limit as JsonObject).maximum, 100);
      assert.deepEqual(((c.definition.responses as JsonObject).Item as JsonObject).schema, { $ref: '#/definitions/Item' });
      await swaggerParserValidate(c.definition);
    });
  });

  describe('schemas', () => {
    const schemaOf = (s: unknown, version = '3.1.0') => {
      const c = convertOk(oas({ '/x': { get: { responses: ok200 } } }, { components: { schemas: { S: s } } }, version));
      return { schema: (c.definition.definitions as JsonObject).S as JsonObject, report: c.report };
    };
    it('3.1 type arrays with null and 3.0 nullable -> one type + x-nullable', () => {
      assert.deepEqual(schemaOf({ type: ['string', 'null'] }).schema, { type: 'string', 'x-nullable': true });
      assert.deepEqual(schemaOf({ type: 'integer', nullable: true }, '3.0.3').schema, { type: 'integer', 'x-nullable': true });
      const union = schemaOf({ type: ['string', 'object'] });
      assert.equal(union.schema.type, undefined);
      assert.ok(codes(union.report).includes('type-union'));
    });
    it('const -> enum, examples -> example, numeric exclusive bounds -> minimum + exclusiveMinimum', () => {
      assert.deepEqual(schemaOf({ type: 'string', const: 'fixed' }).schema, { type: 'string', enum: ['fixed'] });
      assert.deepEqual(schemaOf({ type: 'integer', examples: [3, 4] }).schema, { type: 'integer', example: 3 });
      assert.deepEqual(schemaOf({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 }).schema, { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true });
    });
    it('oneOf/anyOf: a null branch -> x-nullable; one type -> merged; objects -> union of properties (reported); mixed -> dropped (warning)', () => {
      assert.deepEqual(schemaOf({ anyOf: [{ type: 'string' }, { type: 'null' }] }).schema, { type: 'string', 'x-nullable': true });
      assert.deepEqual(schemaOf({ oneOf: [{ type: 'string', enum: ['a'] }, { type: 'string', enum: ['b'] }] }).schema, { type: 'string', enum: ['a', 'b'] });
      const objs = schemaOf({ oneOf: [{ type: 'object', required: ['a', 'b'], properties: { a: { type: 'string' }, b: { type: 'string' } } }, { type: 'object', required: ['a'], properties: { a: { type: 'string' }, c: { type: 'integer' } } }] });
      assert.deepEqual(Object.keys(objs.schema.properties as object).sort(), ['a', 'b', 'c']);
      assert.deepEqual(objs.schema.required, ['a']);
      assert.ok(codes(objs.report).includes('oneOf-merged'));
      const mixed = schemaOf({ oneOf: [{ type: 'string' }, { type: 'object', properties: { a: { type: 'string' } } }] });
      assert.ok(mixed.report.entries.some((e) => e.code === 'oneOf-dropped' && e.severity === 'warning' && e.where === '#/components/schemas/S/oneOf'));
    });
    it('allOf is kept (Swagger 2.0 has it), with refs rewritten; required names that are not properties are removed', async () => {
      const c = convertOk(oas({ '/x': { get: { responses: ok200 } } }, { components: { schemas: { Base: { type: 'object', properties: { id: { type: 'string' } } }, Pet: { type: 'object', required: ['id', 'name', 'ghost'], allOf: [{ $ref: '#/components/schemas/Base' }], properties: { name: { type: 'string' } } } } } }));
      const pet = (c.definition.definitions as JsonObject).Pet as JsonObject;
      assert.deepEqual(pet.allOf, [{ $ref: '#/definitions/Base' }]);
      assert.deepEqual(pet.required, ['id', 'name']);
      await swaggerParserValidate(c.definition);
    });
  });

  describe('parameters', () => {
    const paramOf = (p: JsonObject) => {
      const c = convertOk(oas({ '/x': { get: { parameters: [p], responses: ok200 } } }));
      return { c, p: (op(c.definition, 'get', '/x').parameters as JsonObject[] | undefined)?.[0] };
    };
    it('style/explode -> collectionFormat where they map', () => {
      assert.equal(paramOf({ name: 'a', in: 'query', schema: { type: 'array', items: { type: 'string' } } }).p!.collectionFormat, 'multi');
      assert.equal(paramOf({ name: 'a', in: 'query', explode: false, schema: { type: 'array', items: { type: 'string' } } }).p!.collectionFormat, undefined, 'csv is the default');
      assert.equal(paramOf({ name: 'a', in: 'query', style: 'pipeDelimited', schema: { type: 'array', items: { type: 'string' } } }).p!.collectionFormat, 'pipes');
      assert.equal(paramOf({ name: 'a', in: 'query', style: 'spaceDelimited', schema: { type: 'array', items: { type: 'string' } } }).p!.collectionFormat, 'ssv');
    });
    it('styles that do not map (deepObject, label) are reported', () => {
      const deep = paramOf({ name: 'filter', in: 'query', style: 'deepObject', schema: { type: 'object', properties: { a: { type: 'string' } } } });
      assert.equal(deep.p!.type, 'string');
      assert.ok(codes(deep.c.report).includes('parameter-style'));
    });
    it('cookie parameters are dropped and reported with their pointer', () => {
      const r = paramOf({ name: 'session', in: 'cookie', schema: { type: 'string' } });
      assert.equal(r.p, undefined);
      assert.ok(r.c.report.entries.some((e) => e.code === 'cookie-parameter' && e.where === '#/paths/~1x/get/parameters/0'));
    });
    it('example -> x-example; x-ms-* kept; x-ms-summary added', () => {
      const r = paramOf({ name: 'page_size', in: 'query', example: 20, 'x-ms-visibility': 'advanced', schema: { type: 'integer' } });
      assert.equal(r.p!['x-example'], 20);
      assert.equal(r.p!['x-ms-visibility'], 'advanced');
      assert.equal(r.p!['x-ms-summary'], 'Page Size');
    });
  });

  describe('security', () => {
    const withScheme = (schemes: JsonObject, discovery?: Map<string, unknown>) => convertOk(oas({ '/x': { get: { responses: ok200 } } }, { components: { securitySchemes: schemes }, security: [{ [Object.keys(schemes)[0]!]: [] }] }), { discovery });
    it('oauth2 authorizationCode -> accessCode, with connection parameters', async () => {
      const c = withScheme({ oa: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: 'https://login.test.example/auth', tokenUrl: 'https://login.test.example/token', scopes: { read: 'Read' } } } } });
      const def = Object.values(c.definition.securityDefinitions as JsonObject)[0] as JsonObject;
      assert.equal(def.flow, 'accessCode');
      assert.equal(def.authorizationUrl, 'https://login.test.example/auth');
      const cp = ((c.properties.properties as JsonObject).connectionParameters as JsonObject).token as JsonObject;
      assert.equal(cp.type, 'oauthSetting');
      await swaggerParserValidate(c.definition);
    });
    it('oauth2 clientCredentials -> application', async () => {
      const c = withScheme({ cc: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://login.test.example/token', scopes: {} } } } });
      const def = Object.values(c.definition.securityDefinitions as JsonObject)[0] as JsonObject;
      assert.equal(def.flow, 'application');
      assert.equal(def.authorizationUrl, undefined);
      await swaggerParserValidate(c.definition);
    });
    it('apiKey in header and in query; cookie apiKey dropped', () => {
      const h = withScheme({ k: { type: 'apiKey', in: 'header', name: 'X-Key' } });
      assert.deepEqual(Object.values(h.definition.securityDefinitions as JsonObject)[0], { type: 'apiKey', in: 'header', name: 'X-Key' });
      const q = withScheme({ k: { type: 'apiKey', in: 'query', name: 'key' } });
      assert.deepEqual(Object.values(q.definition.securityDefinitions as JsonObject)[0], { type: 'apiKey', in: 'query', name: 'key' });
      const cookie = withScheme({ k: { type: 'apiKey', in: 'cookie', name: 'sid' } });
      assert.deepEqual(cookie.definition.securityDefinitions, {});
      assert.ok(codes(cookie.report).includes('security-dropped'));
    });
    it('http basic -> basic; http bearer -> an API key in Authorization, with a note', () => {
      assert.deepEqual(Object.values(withScheme({ b: { type: 'http', scheme: 'basic' } }).definition.securityDefinitions as JsonObject)[0], { type: 'basic' });
      const bearer = withScheme({ t: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
      assert.deepEqual(Object.values(bearer.definition.securityDefinitions as JsonObject)[0], { type: 'apiKey', in: 'header', name: 'Authorization' });
      assert.ok(codes(bearer.report).includes('bearer-as-api-key'));
    });
    it('openIdConnect -> oauth2 with the discovery document URLs when it was read, else placeholders reported', () => {
      const url = 'https://id.test.example/.well-known/openid-configuration';
      const online = withScheme({ oidc: { type: 'openIdConnect', openIdConnectUrl: url } }, new Map([[url, { authorization_endpoint: 'https://id.test.example/authorize', token_endpoint: 'https://id.test.example/token' }]]));
      const d = Object.values(online.definition.securityDefinitions as JsonObject)[0] as JsonObject;
      assert.equal(d.authorizationUrl, 'https://id.test.example/authorize');
      assert.equal(d.tokenUrl, 'https://id.test.example/token');
      const offline = withScheme({ oidc: { type: 'openIdConnect', openIdConnectUrl: url } });
      assert.ok(offline.report.entries.some((e) => e.code === 'openid-connect' && /could not be read/.test(e.message)));
      assert.ok(codes(offline.report).includes('oauth2-url-missing'));
    });
    it('several schemes: one kept (a connector has one), the others reported', () => {
      const c = withScheme({ k: { type: 'apiKey', in: 'header', name: 'X-Key' }, b: { type: 'http', scheme: 'basic' } });
      assert.equal(Object.keys(c.definition.securityDefinitions as JsonObject).length, 1);
      assert.ok(codes(c.report).includes('security-not-chosen'));
    });
  });

  describe('operations', () => {
    it('callbacks and webhooks are reported as webhook trigger candidates', () => {
      const c = convertOk(oas({ '/subscribe': { post: { operationId: 'Subscribe', callbacks: { onEvent: { '{$request.body#/url}': { post: { responses: ok200 } } } }, responses: ok200 } } }, { webhooks: { newPet: { post: { responses: ok200 } } } }, '3.1.0'));
      assert.ok(c.report.entries.some((e) => e.code === 'callback-trigger-candidate' && e.where === '#/paths/~1subscribe/post/callbacks/onEvent'));
      assert.ok(c.report.entries.some((e) => e.code === 'webhook-trigger-candidate' && e.where === '#/webhooks/newPet'));
    });
    it('operationId generated where missing (Postman import rules), unique; summary generated; x-ms-* kept', async () => {
      const c = convertOk(oas({ '/pets/{id}': { get: { 'x-ms-visibility': 'important', responses: ok200, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] }, delete: { operationId: 'bad id!', responses: ok200, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] } } }));
      const get = op(c.definition, 'get', '/pets/{id}');
      assert.equal(get.operationId, 'GetPetsById');
      assert.equal(get['x-ms-visibility'], 'important');
      assert.ok(typeof get.summary === 'string' && get.summary.length > 0);
      assert.equal(op(c.definition, 'delete', '/pets/{id}').operationId, 'BadId');
      await swaggerParserValidate(c.definition);
    });
    it('response ranges 2XX -> 200; a missing path parameter is added; TRACE is dropped with its reason', async () => {
      const c = convertOk(oas({ '/a/{b}': { get: { responses: { '2XX': { description: 'ok' } } }, trace: { responses: ok200 } } }));
      const o = op(c.definition, 'get', '/a/{b}');
      assert.ok((o.responses as JsonObject)['200']);
      assert.equal(param(o, 'b', 'path').required, true);
      assert.deepEqual(c.report.dropped.map((d) => [d.method, d.pointer]), [['trace', '#/paths/~1a~1{b}/trace']]);
      await swaggerParserValidate(c.definition);
    });
    it('a query string or fragment in the path becomes a hidden constant parameter; a clashing route is dropped with its reason', async () => {
      const c = convertOk(oas({ '/#X-Amz-Target=Svc.List': { post: { operationId: 'List', responses: ok200 } }, '/#X-Amz-Target=Svc.Get': { post: { operationId: 'Get', responses: ok200 } }, '/jobs?op=LIST': { get: { responses: ok200 } } }));
      const list = op(c.definition, 'post', '/');
      assert.deepEqual(param(list, 'X-Amz-Target', 'header').enum, ['Svc.List']);
      assert.equal(param(op(c.definition, 'get', '/jobs'), 'op', 'query').default, 'LIST');
      assert.equal(c.report.dropped.length, 1);
      assert.match(c.report.dropped[0]!.reason, /same method and route/);
      await swaggerParserValidate(c.definition);
    });
  });

  describe('filters and budgets', () => {
    const doc = oas({ '/a': { get: { tags: ['alpha'], responses: ok200 } }, '/b/c': { get: { tags: ['beta'], responses: ok200 } }, '/b/d': { post: { tags: ['beta'], responses: ok200 } } });
    it('--include-tags and --include-paths keep part of the API; the rest is listed as dropped with the reason', () => {
      const byTag = convertOk(doc, { includeTags: ['Beta'] });
      assert.deepEqual(Object.keys(byTag.definition.paths as object).sort(), ['/b/c', '/b/d']);
      assert.deepEqual(byTag.report.dropped.map((d) => d.path), ['/a']);
      assert.match(byTag.report.dropped[0]!.reason, /included tags/);
      const byPath = convertOk(doc, { includePaths: ['/b/c', '/a'] });
      assert.deepEqual(Object.keys(byPath.definition.paths as object).sort(), ['/a', '/b/c']);
      assert.deepEqual(byTag.report.tags, [{ name: 'beta', operations: 2 }, { name: 'alpha', operations: 1 }]);
    });
    it('meters: definition bytes against 1 MB, operations, schemas; a document over the limits still converts and says what to cut', () => {
      const paths: JsonObject = {};
      for (let i = 0; i < 520; i++) paths[`/r${i}`] = { get: { tags: [`t${i % 3}`], operationId: `Op${i}`, responses: ok200 } };
      const c = convertOk(oas(paths));
      const ops = c.report.meters.find((m) => m.id === 'operations')!;
      assert.deepEqual([ops.value, ops.limit, ops.over], [520, 512, true]);
      assert.equal(c.report.meters.find((m) => m.id === 'definition-bytes')!.limit, 1024 * 1024);
      assert.ok(codes(c.report).includes('budget-operations'));
      assert.match(formatOpenApiReport(c.report), /--include-tags.*t0 \(174\)/);
      assert.deepEqual(unexplainedErrors(c), [], 'the operation-count error is explained by the meter');
    });
    it('the time budget stops a conversion with a refusal, not a hang', () => {
      const paths: JsonObject = {};
      for (let i = 0; i < 3000; i++) paths[`/r${i}`] = { get: { responses: ok200 } };
      const r = convertOpenApiDocument(oas(paths), { budgets: { timeMs: 0 } });
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.error.message : '', /longer than 0 s/);
    });
  });

  describe('refusals', () => {
    for (const [name, doc, pattern] of [
      ['not an object', [], /must hold an object/],
      ['no version field', { info: {}, paths: {} }, /neither an "openapi" nor a "swagger"/],
      ['OpenAPI 4', { openapi: '4.0.0', paths: {} }, /not supported/],
      ['a Postman collection', { info: { name: 'x' }, item: [] }, /Postman collection/],
      ['no paths', { openapi: '3.1.0', info: { title: 't', version: '1' }, webhooks: { a: {} } }, /no paths/],
    ] as const) {
      it(`${name}: ok false with a message and a location`, () => {
        const r = convertOpenApiDocument(doc);
        assert.equal(r.ok, false);
        if (!r.ok) {
          assert.match(r.error.message, pattern);
          assert.ok(r.error.where.length > 0);
        }
      });
    }
    it('broken JSON and YAML: line and column', async () => {
      const json = await importOpenApi('{"openapi": "3.0.0",\n  "paths": {,}}', { location: 'api.json' });
      assert.equal(json.ok, false);
      assert.match(!json.ok ? json.error.where : '', /api\.json line 2, column \d+/);
      const yaml = await importOpenApi('openapi: 3.0.0\npaths:\n  /a: [\n', { location: 'api.yaml' });
      assert.equal(yaml.ok, false);
      assert.match(!yaml.ok ? yaml.error.where : '', /api\.yaml line \d+, column \d+/);
    });
  });

  describe('external refs', () => {
    it('are bundled through the host reader: component targets become definitions; unreadable ones are reported', async () => {
      const files: Record<string, string> = {
        '/spec/pet.yaml': 'type: object\nproperties:\n  name:\n    type: string\n  owner:\n    $ref: "./owner.json#/components/schemas/Owner"\n',
        '/spec/owner.json': JSON.stringify({ components: { schemas: { Owner: { type: 'object', properties: { id: { type: 'integer' } } } } } }),
      };
      const root = { ...oas({ '/pets': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: './pet.yaml' } } } } } } }, '/gone': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'missing.yaml#/X' } } } } } } } }) };
      const r = await importOpenApi(JSON.stringify(root), { location: '/spec/api.json', read: async (loc) => files[loc] });
      assert.ok(r.ok);
      if (!r.ok) return;
      const defs = r.definition.definitions as JsonObject;
      assert.deepEqual(Object.keys(defs).sort(), ['Owner', 'pet']);
      assert.deepEqual((defs.pet as JsonObject).properties, { name: { type: 'string' }, owner: { $ref: '#/definitions/Owner' } });
      assert.ok(codes(r.report).includes('ref-external'));
      await swaggerParserValidate(r.definition);
    });
  });
});
