// One describe per mapping rule of issue 7, over small collections written for it
// (test/fixtures/postman, v2.0 and v2.1 schema URLs).
import * as assert from 'node:assert/strict';
import { convertPostmanCollection } from '../../../engine/src/converters/postman';
import { codes, convertFixture, convertOk, fixture, op, param, projectErrors, swaggerParserValidate, type Converted } from './postmanTestKit';

const v21 = () => convertFixture('mapping-v21.postman_collection.json');
const v20 = () => convertFixture('mapping-v20.postman_collection.json');

function request(name: string, req: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { name, request: req, ...extra };
}
function collection(items: unknown[], extra: Record<string, unknown> = {}) {
  return { info: { name: 'Inline', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: items, ...extra };
}

describe('postman: converter mapping rules', () => {
  describe('output is a valid connector', () => {
    for (const name of ['mapping-v21', 'mapping-v20', 'bodies-v21', 'auth-oauth2-v21', 'hosts-v21']) {
      it(`${name}: swagger-parser validate and the project validator find no error`, async () => {
        const c = convertFixture(`${name}.postman_collection.json`);
        await swaggerParserValidate(c.definition);
        assert.deepEqual(projectErrors(c), []);
        assert.equal(c.definition.swagger, '2.0');
        for (const item of Object.values(c.definition.paths as Record<string, Record<string, Record<string, unknown>>>)) {
          for (const o of Object.values(item)) {
            for (const k of ['operationId', 'summary', 'description']) assert.ok(typeof o[k] === 'string' && o[k], `${k} on ${String(o.operationId)}`);
            assert.ok(Object.keys(o.responses as object).length > 0);
          }
        }
      });
    }
  });

  describe('info', () => {
    it('takes title, description and version from the collection (v2.0 version string)', () => {
      const d = v20().definition;
      assert.deepEqual(d.info, { title: 'Fabrikam Orders', description: 'Orders of the Fabrikam shop.', version: '2.3.1' });
    });
    it('drops the words API/Connector from the title and reports it', () => {
      const c = v21();
      assert.equal((c.definition.info as { title: string }).title, 'Contoso Tasks');
      assert.ok(codes(c.report).includes('title-cleaned'));
      assert.equal((c.definition.info as { version: string }).version, '1.0.0');
    });
  });

  describe('folders -> tags', () => {
    it('tags each operation with its folder path, nested folders flattened readably', () => {
      const d = v21().definition;
      assert.deepEqual(op(d, 'get', '/tasks').tags, ['Tasks']);
      assert.deepEqual(op(d, 'post', '/tasks/{taskId}/archive').tags, ['Tasks > Archive']);
      assert.deepEqual(d.tags, [{ name: 'Tasks', description: 'Task operations.' }, { name: 'Tasks > Archive' }, { name: 'Users' }]);
      assert.equal(op(d, 'get', '/health').tags, undefined);
    });
    it('v2.0: two levels of folders', () => {
      assert.deepEqual(op(v20().definition, 'get', '/orders/{orderId}/shipment').tags, ['Orders > Shipping']);
    });
  });

  describe('requests -> operations', () => {
    it('makes unique, valid operationIds from names', () => {
      const d = v21().definition;
      assert.equal(op(d, 'get', '/tasks/{taskId}').operationId, 'GetTaskById');
      assert.equal(op(d, 'get', '/users/{userId}').operationId, 'GetUser');
      assert.equal(op(d, 'delete', '/users/{userId}').operationId, 'GetUser_2');
      const ids: string[] = [];
      for (const item of Object.values(d.paths as Record<string, Record<string, { operationId: string }>>)) for (const o of Object.values(item)) ids.push(o.operationId);
      for (const id of ids) assert.match(id, /^[A-Za-z][A-Za-z0-9_]*$/);
      assert.equal(new Set(ids.map((i) => i.toLowerCase())).size, ids.length);
    });
    it('operationIds never start with a digit and fall back to method and path for unusable names', () => {
      const c = convertOk(collection([request('2FA check', { method: 'GET', url: 'https://a.example.net/2fa' }), request('!!!', { method: 'POST', url: 'https://a.example.net/things/:id' })]));
      assert.equal(op(c.definition, 'get', '/2fa').operationId, 'Op2FACheck');
      assert.equal(op(c.definition, 'post', '/things/{id}').operationId, 'PostThings');
      assert.equal(op(c.definition, 'post', '/things/{id}').summary, 'post things');
    });
    it('summary keeps letters, digits, spaces and parentheses, at most 80 characters', () => {
      const long = 'Get / the (very) long: name, of a request that goes on and on and on and on and on until it is too long';
      const c = convertOk(collection([request(long, { method: 'GET', url: 'https://a.example.net/x' })]));
      const s = op(c.definition, 'get', '/x').summary as string;
      assert.ok(s.length <= 80, s);
      assert.match(s, /^[A-Za-z0-9 ()]+$/);
      assert.match(s, /[A-Za-z0-9)]$/);
      assert.equal(op(v21().definition, 'get', '/tasks/{taskId}').summary, 'Get task by id');
    });
    it('description comes from the request docs', () => {
      assert.equal(op(v21().definition, 'get', '/tasks').description, 'Lists the tasks of the current user.');
      assert.equal(op(v20().definition, 'get', '/orders/{orderId}/shipment').description, 'Reads the shipment of an order.');
    });
  });

  describe('path variables', () => {
    it(':param and {{var}} segments become required path parameters with x-ms-summary and examples', () => {
      const d = v21().definition;
      const p = param(op(d, 'get', '/tasks/{taskId}'), 'taskId', 'path');
      assert.deepEqual(p, { name: 'taskId', in: 'path', required: true, type: 'integer', description: 'The task to read.', 'x-ms-summary': 'Task ID', 'x-ms-url-encoding': 'single', 'x-example': 7 });
      // {{taskId}} in a path segment: a parameter, its collection value the example.
      assert.equal(param(op(d, 'post', '/tasks/{taskId}/archive'), 'taskId', 'path')['x-example'], 42);
    });
    it('v2.0 string URLs with :param', () => {
      const p = param(op(v20().definition, 'patch', '/orders/{orderId}'), 'orderId', 'path');
      assert.equal(p.required, true);
      assert.equal(p.type, 'string');
    });
    it('the same route written with other variable names is one path', () => {
      const c = v21();
      const paths = Object.keys(c.definition.paths as object);
      assert.ok(paths.includes('/users/{userId}'));
      assert.ok(!paths.includes('/users/{id}') && !paths.includes('/users/{uid}'));
      assert.ok(codes(c.report).includes('path-normalized'));
    });
  });

  describe('secrets', () => {
    it('values of secret or credential-like variables and parameters never become examples', () => {
      const c = convertOk(
        collection([
          request('A', {
            method: 'GET',
            url: 'https://a.example.net/a/{{tenant}}?q={{hidden}}&access_token=tok-literal-123&page=2',
            header: [
              { key: 'X-Client', value: '{{clientSecret}}' },
              { key: 'X-Plain', value: 'plain-value' },
            ],
          }),
        ]),
        { environment: { values: [{ key: 'hidden', value: 'env-secret-value', type: 'secret', enabled: true }, { key: 'clientSecret', value: 'cs-value-999', enabled: true }, { key: 'tenant', value: 'contoso' }] } },
      );
      const text = JSON.stringify(c);
      for (const secret of ['env-secret-value', 'cs-value-999', 'tok-literal-123']) assert.ok(!text.includes(secret), secret);
      const o = op(c.definition, 'get', '/a/{tenant}');
      assert.equal(param(o, 'tenant', 'path')['x-example'], 'contoso');
      assert.equal(param(o, 'page', 'query')['x-example'], 2);
      assert.equal(param(o, 'X-Plain', 'header')['x-example'], 'plain-value');
    });
  });

  describe('reserved names', () => {
    it('connectionId: path variables are renamed, other parameters reported and left out', async () => {
      const c = convertOk(collection([request('A', { method: 'GET', url: 'https://a.example.net/c/:connectionId?connectionId=1' })]));
      const o = op(c.definition, 'get', '/c/{connection_id}');
      assert.deepEqual((o.parameters as Array<{ name: string }>).map((p) => p.name), ['connection_id']);
      assert.equal(c.report.entries.find((e) => e.code === 'parameter-reserved')?.where, 'A');
      assert.deepEqual(projectErrors(c), []);
      await swaggerParserValidate(c.definition);
    });
  });

  describe('base URL -> host, basePath, schemes', () => {
    it('resolves {{baseUrl}} from collection variables', () => {
      const d = v21().definition;
      assert.equal(d.host, 'api.contoso.com');
      assert.equal(d.basePath, '/v2');
      assert.deepEqual(d.schemes, ['https']);
    });
    it('v2.0: scheme and port from a variable', () => {
      const d = v20().definition;
      assert.equal(d.host, 'orders.fabrikam.com:8080');
      assert.equal(d.basePath, '/');
      assert.deepEqual(d.schemes, ['http']);
    });
    it('an environment file resolves variables the collection lacks', () => {
      const c = convertFixture('hosts-v21.postman_collection.json', { environment: fixture('hosts.postman_environment.json') });
      assert.equal(c.definition.host, 'api.wingtip.com');
      assert.equal(c.definition.basePath, '/v1');
      assert.ok(op(c.definition, 'get', '/toys/{toyId}'));
    });
    it('several hosts: the most common one wins, the others are reported', () => {
      const c = convertFixture('hosts-v21.postman_collection.json', { environment: fixture('hosts.postman_environment.json') });
      const other = c.report.entries.find((e) => e.code === 'other-host');
      assert.ok(other && other.message.includes('legacy.wingtip.com') && other.where === 'Legacy toys', JSON.stringify(c.report.entries));
    });
    it('an undefined host variable is reported, and a placeholder host keeps the file valid', () => {
      const c = convertFixture('hosts-v21.postman_collection.json');
      assert.equal(c.definition.host, 'legacy.wingtip.com');
      const e = c.report.entries.find((x) => x.code === 'host-unresolved');
      assert.ok(e && e.message.includes('{{host}}'));
      const none = convertOk(collection([request('A', { method: 'GET', url: '{{nowhere}}/a' })]));
      assert.equal(none.definition.host, 'api.example.com');
      assert.ok(codes(none.report).includes('host-missing'));
    });
  });

  describe('query and header parameters', () => {
    it('keeps examples and descriptions; disabled ones are optional', () => {
      const o = op(v21().definition, 'get', '/tasks');
      assert.deepEqual(param(o, 'page_size', 'query'), { name: 'page_size', in: 'query', required: true, type: 'integer', description: 'How many tasks per page.', 'x-ms-summary': 'Page Size', 'x-example': 25 });
      assert.equal(param(o, 'expand', 'query').required, false);
      assert.equal(param(o, 'expand', 'query').description, 'Related objects to include.');
      assert.deepEqual(param(o, 'X-Trace-Id', 'header'), { name: 'X-Trace-Id', in: 'header', required: true, type: 'string', description: 'Correlation id for support.', 'x-ms-summary': 'X Trace ID', 'x-example': 'abc-123' });
    });
    it('the API key header is the connection\'s, not a parameter; Content-Type goes to consumes', () => {
      const o = op(v21().definition, 'get', '/tasks');
      assert.ok(!(o.parameters as Array<{ name: string }>).some((p) => p.name === 'X-Api-Key'));
      assert.ok(!(op(v21().definition, 'post', '/tasks').parameters as Array<{ name: string }>).some((p) => p.name === 'Content-Type'));
    });
    it('v2.0 headers and query strings', () => {
      const o = op(v20().definition, 'get', '/orders/{orderId}/shipment');
      assert.equal(param(o, 'carrier', 'query')['x-example'], 'ups');
      assert.equal(param(o, 'Accept-Language', 'header').description, 'Language of the texts.');
    });
    it('a repeated query key becomes an array with collectionFormat multi', () => {
      const c = convertOk(collection([request('A', { method: 'GET', url: 'https://a.example.net/a?id=1&id=2' })]));
      const p = param(op(c.definition, 'get', '/a'), 'id', 'query');
      assert.equal(p.type, 'array');
      assert.deepEqual(p.items, { type: 'integer' });
      assert.equal(p.collectionFormat, 'multi');
    });
  });

  describe('bodies', () => {
    const bodies = () => convertFixture('bodies-v21.postman_collection.json');
    it('raw JSON -> body parameter whose schema merges every example (request + saved examples)', () => {
      const o = op(v21().definition, 'post', '/tasks');
      const body = param(o, 'body', 'body');
      assert.equal(body.required, true);
      assert.deepEqual(body.schema, {
        type: 'object',
        properties: {
          title: { type: 'string', 'x-ms-summary': 'Title' },
          priority: { type: 'number', 'x-ms-summary': 'Priority' },
          tags: { type: 'array', items: { type: 'string' }, 'x-ms-summary': 'Tags' },
          due: { type: 'string', format: 'date', 'x-ms-summary': 'Due' },
        },
        required: ['title', 'priority'],
      });
    });
    it('v2.0 raw JSON without a language option', () => {
      const body = param(op(v20().definition, 'patch', '/orders/{orderId}'), 'body', 'body');
      assert.deepEqual(body.schema, { type: 'object', properties: { note: { type: 'string', 'x-ms-summary': 'Note' }, gift: { type: 'boolean', 'x-ms-summary': 'Gift' } } });
    });
    it('urlencoded -> formData parameters (disabled optional) consuming x-www-form-urlencoded', () => {
      const o = op(bodies().definition, 'post', '/login');
      assert.deepEqual(o.consumes, ['application/x-www-form-urlencoded']);
      assert.equal(param(o, 'username', 'formData').description, 'Account name.');
      assert.equal(param(o, 'remember', 'formData').required, false);
    });
    it('form-data files -> type file, multipart/form-data', () => {
      const o = op(bodies().definition, 'post', '/upload');
      assert.deepEqual(o.consumes, ['multipart/form-data']);
      assert.equal(param(o, 'file', 'formData').type, 'file');
      assert.equal(param(o, 'folder', 'formData').type, 'string');
    });
    it('binary file body -> string/binary body with its content type', () => {
      const o = op(bodies().definition, 'put', '/files/{name}');
      assert.deepEqual(param(o, 'body', 'body').schema, { type: 'string', format: 'binary' });
      assert.deepEqual(o.consumes, ['application/pdf']);
    });
    it('GraphQL -> JSON {query, variables}, reported', () => {
      const c = bodies();
      const schema = param(op(c.definition, 'post', '/graphql'), 'body', 'body').schema as { properties: Record<string, unknown> };
      assert.deepEqual(Object.keys(schema.properties), ['query', 'variables']);
      assert.equal(c.report.entries.find((e) => e.code === 'graphql-body')?.where, 'Query graph');
    });
    it('non-JSON raw bodies are strings with their media type, reported', () => {
      const c = bodies();
      const o = op(c.definition, 'post', '/xml');
      assert.deepEqual(param(o, 'body', 'body').schema, { type: 'string' });
      assert.deepEqual(o.consumes, ['application/xml']);
      assert.deepEqual(o.produces, ['application/xml']);
      assert.ok(codes(c.report).includes('body-as-string'));
    });
    it('variables, <placeholders> and comments in JSON bodies are tolerated and reported', () => {
      const c = bodies();
      const schema = param(op(c.definition, 'post', '/payments'), 'body', 'body').schema as { properties: Record<string, unknown> };
      assert.deepEqual(Object.keys(schema.properties), ['amount', 'ref', 'owner']);
      const e = c.report.entries.find((x) => x.code === 'body-variable');
      assert.ok(e && e.message.includes('{{amount}}') && e.message.includes('<ownerId>'));
    });
    it('a body on GET is dropped with a report line (connectors refuse it)', () => {
      const c = bodies();
      assert.deepEqual(op(c.definition, 'get', '/search').parameters, []);
      assert.equal(c.report.entries.find((e) => e.code === 'body-on-get')?.where, 'Search with body');
    });
    it('methods OpenAPI 2.0 lacks are reported, not silently dropped', () => {
      const c = bodies();
      assert.equal(c.report.entries.find((e) => e.code === 'method-unsupported')?.where, 'Copy');
    });
  });

  describe('auth', () => {
    it('API key (collection level) -> apiKey scheme + api_key securestring', () => {
      const c = v21();
      assert.deepEqual(c.definition.securityDefinitions, { api_key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } });
      assert.deepEqual(c.definition.security, [{ api_key: [] }]);
      const cp = (c.properties.properties as { connectionParameters: Record<string, { type: string; uiDefinition: { displayName: string } }> }).connectionParameters;
      assert.equal(cp.api_key!.type, 'securestring');
      assert.ok(cp.api_key!.uiDefinition.displayName);
    });
    it('basic (v2.0 object form) -> basic scheme + username/password', () => {
      const c = v20();
      assert.deepEqual(c.definition.securityDefinitions, { basic_auth: { type: 'basic' } });
      const cp = (c.properties.properties as { connectionParameters: Record<string, { type: string }> }).connectionParameters;
      assert.deepEqual(Object.keys(cp), ['username', 'password']);
      assert.equal(cp.password!.type, 'securestring');
    });
    it('OAuth 2.0 (folder level) -> oauth2 accessCode with URLs and scopes, and the oauthSetting token', () => {
      const c = convertFixture('auth-oauth2-v21.postman_collection.json');
      assert.deepEqual(c.definition.securityDefinitions, {
        oauth2_auth: {
          type: 'oauth2',
          flow: 'accessCode',
          authorizationUrl: 'https://login.northwind.com/oauth2/authorize',
          tokenUrl: 'https://login.northwind.com/oauth2/token',
          scopes: { 'read:items': 'read:items', 'write:items': 'write:items' },
        },
      });
      assert.deepEqual(c.definition.security, [{ oauth2_auth: ['read:items', 'write:items'] }]);
      assert.deepEqual((c.properties.properties as { connectionParameters: unknown }).connectionParameters, {
        token: {
          type: 'oauthSetting',
          oAuthSettings: {
            identityProvider: 'oauth2',
            clientId: 'northwind-client',
            scopes: ['read:items', 'write:items'],
            redirectMode: 'Global',
            redirectUrl: 'https://global.consent.azure-apim.net/redirect',
            properties: { IsFirstParty: 'False' },
            customParameters: {
              authorizationUrl: { value: 'https://login.northwind.com/oauth2/authorize' },
              tokenUrl: { value: 'https://login.northwind.com/oauth2/token' },
              refreshUrl: { value: 'https://login.northwind.com/oauth2/token' },
            },
          },
        },
      });
      assert.ok(!JSON.stringify(c.properties).includes('clientSecret'));
      assert.ok(codes(c.report).includes('oauth2-secret-omitted'));
    });
    it('request-level noauth, other kinds and unsupported kinds are reported with where', () => {
      const c = convertFixture('auth-oauth2-v21.postman_collection.json');
      const by = (code: string) => c.report.entries.find((e) => e.code === code);
      assert.equal(by('auth-none-requests')?.where, 'Secured > Public ping');
      assert.equal(by('auth-not-chosen')?.where, 'Secured > Bearer call');
      assert.equal(by('auth-unsupported')?.where, 'Secured > Signed call');
    });
    it('bearer -> API key in the Authorization header, reported', () => {
      const c = convertFixture('hosts-v21.postman_collection.json');
      assert.deepEqual(c.definition.securityDefinitions, { api_key: { type: 'apiKey', in: 'header', name: 'Authorization' } });
      assert.ok(codes(c.report).includes('bearer-as-api-key'));
    });
    it('an Authorization header on requests without auth is read as their auth', () => {
      const c = convertOk(collection([request('A', { method: 'GET', url: 'https://a.example.net/a', header: [{ key: 'Authorization', value: 'Bearer {{t}}' }] })]));
      assert.deepEqual(c.definition.securityDefinitions, { api_key: { type: 'apiKey', in: 'header', name: 'Authorization' } });
      assert.deepEqual(op(c.definition, 'get', '/a').parameters, []);
      assert.ok(codes(c.report).includes('auth-from-header'));
    });
    it('no auth anywhere -> no security', () => {
      const c = convertFixture('bodies-v21.postman_collection.json');
      assert.deepEqual(c.definition.securityDefinitions, {});
      assert.deepEqual((c.properties.properties as { connectionParameters: unknown }).connectionParameters, {});
    });
  });

  describe('saved responses', () => {
    it('one response per status code, schema from all examples of that code, first example kept', () => {
      const c = v21();
      const responses = op(c.definition, 'get', '/tasks').responses as Record<string, { description: string; schema: { properties: Record<string, unknown> }; examples: Record<string, unknown> }>;
      assert.deepEqual(Object.keys(responses), ['200']);
      assert.deepEqual(Object.keys(responses['200']!.schema.properties), ['items', 'next', 'total']);
      assert.deepEqual(Object.keys(responses['200']!.examples), ['application/json']);
      assert.ok(codes(c.report).includes('examples-first-kept'));
      const byId = op(c.definition, 'get', '/tasks/{taskId}').responses as Record<string, { description: string }>;
      assert.deepEqual(Object.keys(byId), ['200', '404']);
      assert.equal(byId['404']!.description, 'Not Found');
    });
    it('requests without saved responses get a 200 with a description', () => {
      assert.deepEqual(op(v21().definition, 'post', '/tasks/{taskId}/archive').responses, { '200': { description: 'OK' } });
    });
  });

  describe('duplicates', () => {
    it('method + path pairs are merged with a report line, parameters joined', () => {
      const c = v21();
      const e = c.report.entries.find((x) => x.code === 'duplicate-merged');
      assert.ok(e && e.where === 'Users > Get user again');
      assert.equal(c.report.stats.mergedDuplicates, 1);
      const verbose = param(op(c.definition, 'get', '/users/{userId}'), 'verbose', 'query');
      assert.equal(verbose.required, false);
    });
  });

  describe('scripts and other unsupported pieces', () => {
    it('scripts are reported with where (collection and request), empty scripts are ignored', () => {
      const c = convertFixture('auth-oauth2-v21.postman_collection.json');
      assert.ok(c.report.entries.some((e) => e.code === 'script-not-converted' && e.where === 'collection'));
      const b = convertFixture('bodies-v21.postman_collection.json');
      const scripts = b.report.entries.filter((e) => e.code === 'script-not-converted');
      assert.equal(scripts.length, 1);
      assert.equal(scripts[0]!.where, 'Create with variables');
      assert.match(scripts[0]!.message, /Pre-request script/);
    });
  });

  describe('size', () => {
    it('warns above 1,048,576 bytes and still converts (no cap)', () => {
      const items = Array.from({ length: 60 }, (_, i) =>
        request(`Get item ${i}`, { method: 'GET', url: `https://big.example.net/items${i}` }, {
          response: [{ name: 'ok', code: 200, header: [{ key: 'Content-Type', value: 'application/json' }], body: JSON.stringify({ text: 'x'.repeat(20_000), n: i }) }],
        }),
      );
      const c = convertOk(collection(items));
      assert.ok(codes(c.report).includes('definition-size'));
      const small = v21();
      assert.ok(!codes(small.report).includes('definition-size'));
    });
  });

  describe('never throws', () => {
    it('returns ok:false for hostile shapes instead of throwing', () => {
      const inputs: unknown[] = [null, 42, 'x', [], {}, { info: {}, item: {} }, { info: { name: 'x' }, item: [null, 1, { name: 'a', request: 7 }] }];
      for (const input of inputs) {
        let r: ReturnType<typeof convertPostmanCollection> | undefined;
        assert.doesNotThrow(() => {
          r = convertPostmanCollection(input);
        });
        assert.ok(r && !r.ok, JSON.stringify(input));
        if (!r.ok) assert.ok(r.error.message.length > 10 && r.error.where);
      }
    });
  });
});

export type { Converted };
