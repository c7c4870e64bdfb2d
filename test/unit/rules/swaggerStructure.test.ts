import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { mapSchemaErrors, swaggerValidator } from '../../../engine/src/rules/swaggerSchema';
import { expectClean, expectFinding, findingsFor } from './structureKit';

const FAMILY_IDS = [
  'swagger-version', 'openapi3-not-supported', 'paths-required', 'info-required', 'info-description-required', 'root-unknown-property', 'extension-name-prefix',
  'required-value-empty', 'json-type-incorrect', 'json-value-not-in-enum', 'one-of-properties-required', 'array-unique-values', 'host-valid', 'host-present',
  'basepath-valid', 'schemes-not-empty', 'schemes-valid', 'mime-type-valid', 'mime-type-supported', 'consumes-missing', 'mime-incompatible-with-request',
  'string-binary-form-urlencoded', 'contact-email-valid', 'url-valid',
];

describe('rules: Swagger 2.0 structure (root, info, host, media types, schema validation)', () => {
  it('the base connector is clean for every rule of these sections, in both profiles', () => {
    for (const profile of ['default', 'certification'] as const) {
      const r = validate({ definition: baseDefinition(), properties: baseProperties() }, { profile });
      for (const id of FAMILY_IDS) assert.deepEqual(only(r.all, id).map((d) => d.message), [], `${id} (${profile})`);
    }
  });

  describe('root and info', () => {
    it('swagger-version: a number or another version is reported at the value', () => {
      expectFinding('swagger-version', (d) => (d.swagger = 2), { at: '2', message: /string "2\.0"/, count: 1 });
      expectFinding('swagger-version', (d) => (d.swagger = '3.0'), { at: '"3.0"', count: 1 });
      expectFinding('swagger-version', (d) => delete d.swagger, { message: /no "swagger"/, count: 1 });
      expectClean('swagger-version', () => undefined);
    });

    it('openapi3-not-supported: an OpenAPI 3 document gets one clear finding instead of a cascade', () => {
      const { found } = findingsFor('openapi3-not-supported', (d) => {
        delete d.swagger;
        d.openapi = '3.0.1';
        d.components = { schemas: {} };
      });
      assert.equal(found.length, 1);
      assert.equal(found[0].severity, 'error');
      assert.match(found[0].message, /OpenAPI 3\.0\.1 document/);
      assert.deepEqual(findingsFor('swagger-version', (d) => ((d.openapi = '3.0.1'), delete d.swagger)).found, []);
      assert.deepEqual(findingsFor('root-unknown-property', (d) => ((d.openapi = '3.0.1'), delete d.swagger)).found, []);
      expectFinding('openapi3-not-supported', (d) => (d.paths['/tasks'].post.requestBody = {}), { at: '"requestBody"', message: /in": "body"/ });
      expectClean('openapi3-not-supported', () => undefined);
    });

    it('paths-required and info-required: missing members are reported once, not also by the schema validator', () => {
      expectFinding('paths-required', (d) => delete d.paths, { count: 1 });
      expectFinding('info-required', (d) => delete d.info.version, { at: '"info"', message: /"version"/, count: 1 });
      expectFinding('info-required', (d) => (d.info.license = { url: 'https://x.org' }), { at: '"license"', message: /"name"/ });
      expectClean('info-required', (d) => (d.info.license = { name: 'MIT' }));
    });

    it('info-description-required: warning by default, error under certification', () => {
      expectFinding('info-description-required', (d) => delete d.info.description, { severity: 'warning', at: '"info"' });
      expectFinding('info-description-required', (d) => (d.info.description = '  '), { severity: 'error', config: { profile: 'certification' }, at: '"  "' });
    });

    it('required-value-empty: empty title, operationId and parameter name are reported at the value', () => {
      expectFinding('required-value-empty', (d) => (d.info.title = ' '), { at: '" "', message: /info\.title/ });
      expectFinding('required-value-empty', (d) => (d.paths['/tasks'].post.operationId = ''), { at: '""', message: /POST \/tasks/ });
      expectFinding('required-value-empty', (d) => (d.paths['/tasks/{taskId}'].get.parameters[0].name = ''), { message: /parameter name/ });
    });

    it('array-unique-values: duplicate schemes, enum members and root tags', () => {
      // Duplicates are harmless to the platform and accepted by Microsoft: warning.
      expectFinding('array-unique-values', (d) => (d.schemes = ['https', 'https']), { message: /"https" twice/, count: 1, severity: 'warning' });
      const [enumDup] = expectFinding('array-unique-values', (d) => (d.definitions.Task.properties.title.enum = ['a', 'b', 'a']), { message: /"a" twice/, count: 1, severity: 'warning', at: '"a"' });
      assert.equal(enumDup.pointer, '/definitions/Task/properties/title/enum/2', 'the second "a", by its pointer');
      expectFinding('array-unique-values', (d) => (d.tags = [{ name: 'x' }, { name: 'x' }]), { message: /Tag "x" is defined twice/, severity: 'warning' });
      expectClean('array-unique-values', (d) => (d.definitions.Task.properties.title.enum = ['a', 'b']));
    });
  });

  describe('schema validation (corrected Swagger 2.0 schema)', () => {
    it('root-unknown-property: an unknown key in the root, an operation and a parameter', () => {
      expectFinding('root-unknown-property', (d) => (d.hosts = 'x'), { at: '"hosts"', message: /Unknown property "hosts" in the root/, count: 1 });
      expectFinding('root-unknown-property', (d) => (d.paths['/tasks'].post.summery = 'x'), { at: '"summery"', count: 1 });
      expectFinding('root-unknown-property', (d) => (d.paths['/tasks/{taskId}'].get.parameters[0].requird = true), { at: '"requird"', count: 1 });
      expectClean('root-unknown-property', (d) => ((d['x-ms-anything-new'] = { a: 1 }), (d.paths['/tasks'].post['x-custom'] = 1)));
    });

    it('extension-name-prefix: near-miss extension names get a suggestion', () => {
      expectFinding('extension-name-prefix', (d) => (d.paths['/tasks'].post['ms-visibility'] = 'important'), { at: '"ms-visibility"', message: /did you mean "x-ms-visibility"/, count: 1 });
      expectFinding('extension-name-prefix', (d) => (d.paths['/tasks'].post['xms-trigger'] = 'single'), { message: /"x-ms-trigger"/ });
    });

    it('json-type-incorrect: wrong JSON types are reported at the value with the expected type', () => {
      expectFinding('json-type-incorrect', (d) => (d.definitions.Task.required = 'id'), { at: '"id"', message: /must be an array, not a string/, count: 1 });
      expectFinding('json-type-incorrect', (d) => (d.paths['/tasks'].post.tags = 'tasks'), { at: '"tasks"', message: /tags must be an array/ });
      expectFinding('json-type-incorrect', (d) => (d.definitions = []), { message: /definitions must be an object, not an array/ });
    });

    it('json-value-not-in-enum: closed value sets list the allowed values', () => {
      expectFinding('json-value-not-in-enum', (d) => (d.paths['/tasks'].post.responses['201'].headers = { 'X-Id': { type: 'date' } }), { at: '"date"', message: /allowed values: "string", "number", "integer", "boolean", "array"/, count: 1 });
      expectFinding('json-value-not-in-enum', (d) => (d.definitions.Task.properties.id.type = 'guid'), { at: '"guid"', message: /Schema type "guid"/, count: 1 });
      const v = swaggerValidator();
      const def = { ...baseDefinition(), securityDefinitions: { k: { type: 'bearer' } } };
      v(def);
      const f = mapSchemaErrors(v.errors ?? [], def);
      assert.deepEqual(f.map((x) => [x.ruleId, x.pointer]), [['json-value-not-in-enum', '/securityDefinitions/k/type']]);
      assert.match(f[0].message, /"basic", "apiKey", "oauth2"/);
    });

    it('anyOf/oneOf: the best-matching branch\'s error is reported at its own place, no type error at the enclosing node', () => {
      const v = swaggerValidator();
      const def = baseDefinition();
      // items: anyOf [schema, array of schemas]; the object matches the schema branch except one deep error.
      def.definitions.List = { type: 'array', items: { type: 'object', properties: { due: { type: 'string', minLength: 'x' }, tags: { type: 'array', items: { type: 'object', properties: { n: { type: 'string', maxLength: 3 }, w: { type: 'string', readOnly: 'yes' } } } } } } };
      v(def);
      const f = mapSchemaErrors(v.errors ?? [], def);
      assert.deepEqual(f.map((x) => [x.ruleId, x.pointer]), [['json-type-incorrect', '/definitions/List/items/properties/tags/items/properties/w/readOnly']]);
      assert.match(f[0].message, /must be a boolean, not a string/);
      // A value that fits no branch's type keeps one type error at its own place, naming what the branches accept.
      def.definitions.List = { type: 'array', items: 'string' };
      v(def);
      const g = mapSchemaErrors(v.errors ?? [], def);
      assert.deepEqual(g.map((x) => [x.ruleId, x.pointer]), [['json-type-incorrect', '/definitions/List/items']]);
      assert.match(g[0].message, /must be an object or an array, not a string/);
    });

    it('anyOf/oneOf on hostile nesting: 400 nested failing alternatives map quickly to the one deep error, not one report per level', () => {
      let leaf: Record<string, unknown> = { type: 'string', readOnly: 'yes' };
      for (let i = 0; i < 400; i++) leaf = { type: 'array', items: leaf };
      const t0 = performance.now();
      const { found } = findingsFor('json-type-incorrect', (d) => (d.definitions.Deep = leaf));
      const ms = performance.now() - t0;
      assert.ok(ms < 10_000, `took ${ms.toFixed(0)} ms`);
      assert.equal(found.length, 1, `${found.length} findings: ${found.slice(0, 3).map((f) => f.message.slice(0, 120)).join(' | ')}`);
      assert.match(found[0].message, /readOnly must be a boolean, not a string/);
    });

    it('one-of-properties-required: x-ms-dynamic-values without operationId/builtInOperation/capability', () => {
      // dynamic-values-shape reports the same spot in a full validation, so check the mapping itself.
      const v = swaggerValidator();
      const def = baseDefinition();
      def.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-dynamic-values'] = { 'value-path': 'id' };
      v(def);
      const f = mapSchemaErrors(v.errors ?? [], def);
      assert.deepEqual(f.map((x) => [x.ruleId, x.pointer]), [['one-of-properties-required', '/paths/~1tasks~1{taskId}/get/parameters/0/x-ms-dynamic-values']]);
      assert.match(f[0].message, /"operationId", "builtInOperation" or "capability"/);
      def.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-dynamic-values'] = { operationId: 'GetTask' };
      assert.equal(v(def), true);
      expectClean('one-of-properties-required', (d) => (d.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-dynamic-values'] = { 'value-path': 'id' }));
    });

    it('compiles once and maps errors without throwing on odd input', () => {
      const v = swaggerValidator();
      assert.equal(swaggerValidator(), v);
      for (const odd of [{ paths: 1, info: [], definitions: { a: null } }, { swagger: '2.0', paths: { '/a': { get: { parameters: [1, null, 'x'] } } } }]) {
        v(odd);
        const findings = mapSchemaErrors(v.errors ?? [], odd);
        assert.ok(findings.length > 0);
        assert.ok(findings.every((f) => typeof f.message === 'string' && f.pointer !== undefined));
      }
    });

    it('a specific rule at the same place wins over the generic schema finding', () => {
      // x-ms-visibility-value (family 4) and the schema copy's enum both see this value: one diagnostic remains.
      const def = baseDefinition();
      def.paths['/tasks'].post['x-ms-visibility'] = 'hidden';
      const r = validate({ definition: def });
      assert.equal(r.definition.filter((d) => /hidden/.test(d.message)).length, 1);
    });
  });

  describe('host, base path, schemes, media types', () => {
    it('host-valid: scheme, path and braces are errors; host:port passes', () => {
      expectFinding('host-valid', (d) => (d.host = 'https://api.contoso.com'), { at: '"https://api.contoso.com"', message: /includes a scheme/, count: 1 });
      expectFinding('host-valid', (d) => (d.host = 'api.contoso.com/v1'), { message: /includes a path/ });
      expectFinding('host-valid', (d) => (d.host = '{tenant}.contoso.com'), { message: /braces/ });
      // Next to x-ms-dynamic-host-url the placeholder is filled per connection: accepted by Microsoft.
      expectClean('host-valid', (d) => { d.host = '{tenant}.contoso.com'; d['x-ms-dynamic-host-url'] = { url: 'https://{tenant}.contoso.com' }; });
      expectFinding('host-valid', (d) => { d.host = 'https://{tenant}.contoso.com'; d['x-ms-dynamic-host-url'] = {}; }, { message: /scheme/ });
      expectClean('host-valid', (d) => (d.host = 'api.contoso.com:8443'));
      expectClean('host-valid', (d) => (d.host = '10.0.0.1'));
    });

    it('host-present: warning without host, unless a dynamichosturl policy sets it', () => {
      expectFinding('host-present', (d) => delete d.host, { severity: 'warning', count: 1 });
      const def = baseDefinition();
      delete def.host;
      const props = baseProperties();
      props.properties.policyTemplateInstances = [{ templateId: 'dynamichosturl', title: 'Host', parameters: { 'x-ms-apimTemplateParameter.urlTemplate': 'https://@connectionParameters(\'host\')' } }];
      assert.deepEqual(only(validate({ definition: def, properties: props }).all, 'host-present'), []);
    });

    it('basepath-valid: a base path without a leading slash', () => {
      expectFinding('basepath-valid', (d) => (d.basePath = 'v1'), { at: '"v1"', message: /"\/v1"/, count: 1 });
      expectClean('basepath-valid', (d) => (d.basePath = '/'));
    });

    it('schemes-not-empty and schemes-valid', () => {
      expectFinding('schemes-not-empty', (d) => (d.schemes = []), { at: '[', count: 1 });
      expectFinding('schemes-valid', (d) => (d.schemes = ['https', 'wss']), { at: '"wss"', message: /WebSocket/, count: 1 });
      expectFinding('schemes-valid', (d) => (d.paths['/tasks'].post.schemes = ['ftp']), { at: '"ftp"', count: 1 });
      expectClean('schemes-valid', (d) => (d.schemes = ['http', 'https']));
    });

    it('mime-type-valid and mime-type-supported', () => {
      expectFinding('mime-type-valid', (d) => (d.consumes = ['json']), { at: '"json"', count: 1 });
      expectClean('mime-type-valid', (d) => (d.produces = ['application/json;odata.metadata=none', 'text/plain; charset=utf-8']));
      expectFinding('mime-type-supported', (d) => (d.paths['/tasks'].post.consumes = ['application/xml']), { severity: 'warning', at: '"application/xml"', count: 1 });
      expectClean('mime-type-supported', (d) => (d.consumes = ['application/json', 'application/merge-patch+json', 'multipart/form-data']));
    });

    it('consumes-missing: a body parameter without any consumes is a warning', () => {
      expectFinding('consumes-missing', (d) => delete d.consumes, { severity: 'warning', at: '"post"', message: /POST \/tasks/, count: 1 });
    });

    it('mime-incompatible-with-request and string-binary-form-urlencoded', () => {
      const formOp = (d: ReturnType<typeof baseDefinition>, consumes: string[], type = 'string') => {
        d.paths['/tasks'].post.parameters = [{ name: 'file', in: 'formData', type, format: type === 'string' ? 'binary' : undefined }];
        d.paths['/tasks'].post.consumes = consumes;
      };
      expectFinding('mime-incompatible-with-request', (d) => formOp(d, ['application/json']), { at: '"consumes"', message: /formData/, count: 1 });
      expectClean('mime-incompatible-with-request', (d) => formOp(d, ['multipart/form-data']));
      expectFinding('string-binary-form-urlencoded', (d) => formOp(d, ['application/x-www-form-urlencoded'], 'file'), { message: /"file"/, count: 1 });
      expectClean('string-binary-form-urlencoded', (d) => formOp(d, ['multipart/form-data'], 'file'));
    });

    it('contact-email-valid and url-valid', () => {
      expectFinding('contact-email-valid', (d) => (d.info.contact = { email: 'support at contoso.com' }), { at: '"support at contoso.com"', count: 1 });
      expectClean('contact-email-valid', (d) => (d.info.contact = { email: 'support@contoso.com' }));
      expectFinding('url-valid', (d) => (d.info.contact = { url: 'www.contoso.com' }), { at: '"www.contoso.com"', count: 1 });
      // Metadata URLs belong to connector-metadata-urls (certification); accepted connectors carry "Www.contoso.com".
      expectClean('url-valid', (d) => (d['x-ms-connector-metadata'] = [{ propertyName: 'Website', propertyValue: 'Www.contoso.com' }]));
      // WHATWG URL parsing, no extra strictness: any scheme that parses is absolute.
      expectClean('url-valid', (d) => (d.info.contact = { url: 'hhttps://contoso.com/privacy' }));
      expectFinding('url-valid', (d) => (d.info.license = { name: 'MIT', url: 'https://contoso .com' }), { message: /License URL/ });
      expectFinding('url-valid', (d) => (d.securityDefinitions = { oauth: { type: 'oauth2', flow: 'accessCode', authorizationUrl: '/authorize', tokenUrl: 'https://login.contoso.com/token', scopes: {} } }), { message: /authorizationUrl/ });
      expectClean('url-valid', (d) => (d.info.contact = { url: 'https://www.contoso.com/support' }));
    });
  });
});
