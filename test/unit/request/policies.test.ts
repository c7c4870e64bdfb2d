/**
 * Policy template emulation. Expectations come from the Microsoft Learn page of each template
 * (https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/<id>/<id>)
 * and the training module "Policy templates for custom connectors"
 * (https://learn.microsoft.com/en-us/training/modules/policy-templates-custom-connectors/).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { buildRequest } from '../../../shared/src/request/buildRequest';
import { applyPolicies, applyResponsePolicies, type PolicyContext, type PolicyTemplateInstance } from '../../../shared/src/request/policies';
import { redact } from '../../../shared/src/request/redact';
import type { HttpRequest, SwaggerDocument } from '../../../shared/src/request/types';

const P = 'x-ms-apimTemplateParameter.';

const definition: SwaggerDocument = {
  swagger: '2.0',
  host: 'api.contoso.com',
  basePath: '/api',
  schemes: ['https'],
  paths: {
    '/users/{userId}/feed': {
      get: {
        operationId: 'UserTimeline',
        parameters: [
          { name: 'userId', in: 'path', required: true, type: 'string' },
          { name: 'domain', in: 'query', type: 'string' },
          { name: 'test', in: 'header', type: 'string' },
          { name: 'port', in: 'header', type: 'string' },
        ],
        responses: {},
      },
    },
    '/items': {
      post: {
        operationId: 'CreateItem',
        parameters: [{ name: 'body', in: 'body', schema: { type: 'object' } }],
        responses: {},
      },
    },
  },
};

function timeline(values: Record<string, unknown> = {}): HttpRequest {
  return buildRequest(definition, 'UserTimeline', { userId: 'u1', ...values });
}
function create(body: unknown): HttpRequest {
  return buildRequest(definition, 'CreateItem', { body });
}
function ctx(operationId: string, connectionParameters: Record<string, string> = {}, extra: Partial<PolicyContext> = {}): PolicyContext {
  return { operationId, connectionParameters, ...extra };
}
function instance(templateId: string, parameters: Record<string, unknown>, title?: string): PolicyTemplateInstance {
  const prefixed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parameters)) prefixed[k.startsWith('x-ms-') ? k : P + k] = v;
  return { templateId, title, parameters: prefixed };
}
function bodyOf(request: HttpRequest): unknown {
  return JSON.parse(request.body as string);
}

describe('request/policies: selection', () => {
  it('applies to every operation when x-ms-apimTemplate-operationName is absent or empty', async () => {
    const p = instance('setheader', { name: 'A', value: '1', 'x-ms-apimTemplate-policySection': 'Request', 'x-ms-apimTemplate-operationName': [] });
    const { request, outcomes } = await applyPolicies(timeline(), [p], ctx('UserTimeline'));
    assert.equal(request.headers.A, '1');
    assert.equal(outcomes[0].status, 'applied');
  });

  it('skips operations not listed in x-ms-apimTemplate-operationName (and accepts the ...Parameter.operationName spelling)', async () => {
    const a = instance('setheader', { name: 'A', value: '1', 'x-ms-apimTemplate-operationName': ['Other'] });
    const b = instance('setheader', { name: 'B', value: '2', operationName: ['Other'] });
    const { request, outcomes } = await applyPolicies(timeline(), [a, b], ctx('UserTimeline'));
    assert.equal(request.headers.A, undefined);
    assert.equal(request.headers.B, undefined);
    assert.deepEqual(outcomes.map((o) => o.status), ['skipped', 'skipped']);
    assert.match(outcomes[0].message, /applies only to Other/);
  });

  it('treats template ids case-insensitively (setHeader, SetProperty, StringReplace ... occur in accepted connectors)', async () => {
    const p = instance('setHeader', { name: 'Accept', value: 'application/json', 'x-ms-apimTemplate-policySection': 'Request' });
    const { request } = await applyPolicies(timeline(), [p], ctx('UserTimeline'));
    assert.equal(request.headers.Accept, 'application/json');
  });

  it('does not run Response-section instances on the request, nor Request ones on the response', async () => {
    const p = instance('setheader', { name: 'X', value: 'r', 'x-ms-apimTemplate-policySection': 'Response' });
    const req = await applyPolicies(timeline(), [p], ctx('UserTimeline'));
    assert.equal(req.request.headers.X, undefined);
    assert.equal(req.outcomes[0].status, 'skipped');
    const q = instance('setheader', { name: 'Y', value: 'q', 'x-ms-apimTemplate-policySection': 'Request' });
    const res = applyResponsePolicies({ status: 200, headers: {} }, [q], ctx('UserTimeline'));
    assert.equal(res.response.headers.Y, undefined);
  });
});

describe('request/policies: setheader', () => {
  // Doc example: headers test=foo, connectionParameters cat=bar.
  const request = () => timeline({ test: 'foo' });
  const run = (name: string, value: string, existsAction?: string) =>
    applyPolicies(request(), [instance('setheader', { name, value, existsAction, 'x-ms-apimTemplate-policySection': 'Request' })], ctx('UserTimeline', { cat: 'bar' }));

  it("test | @headers('test')moo -> test=foomoo", async () => {
    assert.equal((await run('test', "@headers('test')moo")).request.headers.test, 'foomoo');
  });
  it("test | moo@headers('test') -> test=moofoo", async () => {
    assert.equal((await run('test', "moo@headers('test')")).request.headers.test, 'moofoo');
  });
  it("cat | @connectionParameters('cat', '') -> test=foo; cat=bar (curly quotes as on the page)", async () => {
    const { request: r } = await run('cat', '@connectionParameters(‘cat’, ‘’)');
    assert.equal(r.headers.test, 'foo');
    assert.equal(r.headers.cat, 'bar');
  });
  it("name | @connectionParameters('name', '') -> name=\"\"", async () => {
    const { request: r } = await run('name', "@connectionParameters('name', '')");
    assert.equal(r.headers.name, '');
  });
  it('existsAction skip keeps the existing value; append adds to it; override replaces', async () => {
    assert.equal((await run('test', 'new', 'skip')).request.headers.test, 'foo');
    assert.equal((await run('test', 'new', 'append')).request.headers.test, 'foo,new');
    assert.equal((await run('test', 'new', 'override')).request.headers.test, 'new');
  });
  it('fails clearly when a connection parameter has no value and no default', async () => {
    const { outcomes, request: r } = await run('x-key', "@connectionParameters('apiKey')");
    assert.equal(outcomes[0].status, 'failed');
    assert.match(outcomes[0].message, /connection parameter 'apiKey' has no value/i);
    assert.equal(r.headers['x-key'], undefined);
  });
  it('marks a header fed by a secret connection parameter as secret for display', async () => {
    const p = instance('setheader', { name: 'x-access-key', value: "@connectionParameters('username')", 'x-ms-apimTemplate-policySection': 'Request' });
    const { request: r } = await applyPolicies(timeline(), [p], ctx('UserTimeline', { username: 'u-secret' }, { secretConnectionParameters: ['username'] }));
    assert.equal(r.headers['x-access-key'], 'u-secret');
    assert.equal(redact(r).headers['x-access-key'], '***');
  });
  it('sets a response header on the Response section and only on failures on the Failure section', () => {
    const response = instance('setheader', { name: 'Location', value: 'https://x/@headers(\'id\')', 'x-ms-apimTemplate-policySection': 'Response' });
    const failure = instance('setheader', { name: 'X-Failed', value: 'yes', 'x-ms-apimTemplate-policySection': 'Failure' });
    const ok = applyResponsePolicies({ status: 200, headers: { id: '7' } }, [response, failure], ctx('UserTimeline'));
    assert.equal(ok.response.headers.Location, 'https://x/7');
    assert.equal(ok.response.headers['X-Failed'], undefined);
    const bad = applyResponsePolicies({ status: 500, headers: {} }, [failure], ctx('UserTimeline'));
    assert.equal(bad.response.headers['X-Failed'], 'yes');
  });
});

describe('request/policies: setqueryparameter', () => {
  // Doc example: headers test=foo, name=123; connectionParameters cat=bar; queryParameters domain=pqr.
  const run = (value: string, existsAction?: string) =>
    applyPolicies(timeline({ domain: 'pqr' }), [instance('setqueryparameter', { name: 'domain', value, existsAction })], ctx('UserTimeline', { cat: 'bar' }));

  it("domain | @connectionParameters('cat') -> domain=bar", async () => {
    assert.deepEqual((await run("@connectionParameters('cat')")).request.query, [['domain', 'bar']]);
  });
  it("domain | @queryParameters('domain')@connectionParameters('cat') -> domain=pqrbar", async () => {
    assert.deepEqual((await run("@queryParameters('domain')@connectionParameters('cat')")).request.query, [['domain', 'pqrbar']]);
  });
  it("domain | @connectionParameters('dog', 'default') -> domain=default", async () => {
    const { request: r } = await run("@connectionParameters('dog', 'default')");
    assert.deepEqual(r.query, [['domain', 'default']]);
    assert.ok(r.url.endsWith('?domain=default'));
  });
  it('adds a missing parameter; skip keeps an existing one; append adds another occurrence', async () => {
    const added = await applyPolicies(timeline(), [instance('setqueryparameter', { name: '$top', value: '50', existsAction: 'skip' })], ctx('UserTimeline'));
    assert.deepEqual(added.request.query, [['$top', '50']]);
    assert.deepEqual((await run('x', 'skip')).request.query, [['domain', 'pqr']]);
    assert.deepEqual((await run('x', 'append')).request.query, [['domain', 'pqr'], ['domain', 'x']]);
  });
});

describe('request/policies: dynamichosturl', () => {
  // Doc example: headers test=foo; port=1234, connectionParameters cat=bar; subPath=path, queryParameters domain=pqr.
  const run = (urlTemplate: string) =>
    applyPolicies(timeline({ test: 'foo', port: '1234', domain: 'pqr' }), [instance('dynamichosturl', { urlTemplate })], ctx('UserTimeline', { cat: 'bar', subPath: 'path' }));

  it("https://@header('test').abc.xyz:@header('port') -> https://foo.abc.xyz:1234", async () => {
    const { request: r } = await run("https://@header('test').abc.xyz:@header('port')");
    assert.equal(r.baseUrl, 'https://foo.abc.xyz:1234');
    assert.ok(r.url.startsWith('https://foo.abc.xyz:1234/users/u1/feed'));
  });
  it("https://@connectionParameters('cat').abc.xyz -> https://bar.abc.xyz", async () => {
    assert.equal((await run("https://@connectionParameters('cat').abc.xyz")).request.baseUrl, 'https://bar.abc.xyz');
  });
  it('https://test.abc.xyz -> https://test.abc.xyz', async () => {
    assert.equal((await run('https://test.abc.xyz')).request.baseUrl, 'https://test.abc.xyz');
  });
  it("https://@header('test').abc.@queryParameters('domain')/@connectionParameters('subPath') -> https://foo.abc.pqr/path", async () => {
    const { request: r } = await run("https://@header('test').abc.@queryParameters('domain')/@connectionParameters('subPath')");
    assert.equal(r.baseUrl, 'https://foo.abc.pqr/path');
    // The host URL replaces scheme, host and basePath; the operation path follows it.
    assert.ok(r.url.startsWith('https://foo.abc.pqr/path/users/u1/feed'));
  });
  it('fails clearly when the template does not evaluate to an absolute URL', async () => {
    const { outcomes, request: r } = await run("@connectionParameters('cat')");
    assert.equal(outcomes[0].status, 'failed');
    assert.match(outcomes[0].message, /not an absolute URL/);
    assert.equal(r.baseUrl, 'https://api.contoso.com/api');
  });
});

describe('request/policies: routerequesttoendpoint', () => {
  // Facebook connector: GET /users/{userId}/feed routed to /{userId}/feed; the new path is relative
  // to the host URL, uses {name} like the original path (training unit 4 "Route request").
  it('replaces the operation path, filling {name} from the operation parameters', async () => {
    const p = instance('routerequesttoendpoint', { newPath: '/{userId}/feed', httpMethod: '@Request.OriginalHTTPMethod', 'x-ms-apimTemplate-operationName': ['UserTimeline'] });
    const { request: r, outcomes } = await applyPolicies(timeline({ userId: 'a b' }), [p], ctx('UserTimeline'));
    assert.equal(outcomes[0].status, 'applied');
    assert.equal(r.method, 'GET');
    assert.equal(r.url, 'https://api.contoso.com/api/a%20b/feed');
  });
  it('changes the verb when httpMethod is a verb', async () => {
    const p = instance('routerequesttoendpoint', { newPath: '/ListInvoices', httpMethod: 'POST' });
    const { request: r } = await applyPolicies(timeline(), [p], ctx('UserTimeline'));
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/ListInvoices');
  });
  it("evaluates expressions in newPath and keeps a secret put into the path out of displays", async () => {
    const p = instance('routerequesttoendpoint', { newPath: "/@connectionParameters('apiKey')/codes" });
    const { request: r } = await applyPolicies(timeline(), [p], ctx('UserTimeline', { apiKey: 'k-12345' }, { secretConnectionParameters: ['apiKey'] }));
    assert.equal(r.url, 'https://api.contoso.com/api/k-12345/codes');
    assert.equal(redact(r).url, 'https://api.contoso.com/api/***/codes');
  });
  it('fails clearly when a {name} has no value', async () => {
    const p = instance('routerequesttoendpoint', { newPath: '/x/{missing}' });
    const { outcomes } = await applyPolicies(timeline(), [p], ctx('UserTimeline'));
    assert.equal(outcomes[0].status, 'failed');
    assert.match(outcomes[0].message, /\{missing\}/);
  });
});

describe('request/policies: setproperty', () => {
  it('example 1: adds location=USA to @body().peopleObject', async () => {
    const p = instance('setproperty', {
      newPropertyParentPathTemplate: '@body().peopleObject',
      newPropertySubPathTemplate: 'location',
      propertyValuePathTemplate: 'USA',
      'x-ms-apimTemplate-policySection': 'Request',
    });
    const { request: r } = await applyPolicies(create({ peopleObject: { XYZ: { Age: '30' }, ABC: { Age: '23' } } }), [p], ctx('CreateItem'));
    assert.deepEqual(bodyOf(r), { peopleObject: { location: 'USA', XYZ: { Age: '30' }, ABC: { Age: '23' } } });
  });
  it('example 2: sets age="30" on every element of the collection @body().people', async () => {
    const p = instance('setproperty', { newPropertyParentPathTemplate: '@body().people', newPropertySubPathTemplate: 'age', propertyValuePathTemplate: '30' });
    const { request: r } = await applyPolicies(create({ people: [{ name: 'xyz' }, { name: 'pqr' }] }), [p], ctx('CreateItem'));
    assert.deepEqual(bodyOf(r), { people: [{ name: 'xyz', age: '30' }, { name: 'pqr', age: '30' }] });
  });
  it('example 3: {@body().firstName} {@body().lastName} -> name "John Smith"', async () => {
    const p = instance('setproperty', { newPropertyParentPathTemplate: '@body()', newPropertySubPathTemplate: 'name', propertyValuePathTemplate: '{@body().firstName} {@body().lastName}' });
    const { request: r } = await applyPolicies(create({ firstName: 'John', lastName: 'Smith' }), [p], ctx('CreateItem'));
    assert.deepEqual(bodyOf(r), { firstName: 'John', lastName: 'Smith', name: 'John Smith' });
  });
  it("handles bracket sub paths such as ['@odata.type'] (Planner) and JSON value templates (accepted connector)", async () => {
    const odata = instance('setproperty', { newPropertyParentPathTemplate: '@body()', newPropertySubPathTemplate: "['@odata.type']", propertyValuePathTemplate: 'microsoft.graph.x' });
    const json = instance('setproperty', {
      newPropertyParentPathTemplate: '@body()',
      newPropertySubPathTemplate: 'filters',
      propertyValuePathTemplate: '[{"filter_rules": [{"type": "EVENT_TYPE", "values": {@body().filters} }] }]',
    });
    const { request: r } = await applyPolicies(create({ filters: ['a', 'b'] }), [odata, json], ctx('CreateItem'));
    assert.deepEqual(bodyOf(r), { '@odata.type': 'microsoft.graph.x', filters: [{ filter_rules: [{ type: 'EVENT_TYPE', values: ['a', 'b'] }] }] });
  });
  it('sets a property on the response body (training unit 5: "set a constant value on the response body")', () => {
    const p = instance('setproperty', { newPropertyParentPathTemplate: '@body().invoices', newPropertySubPathTemplate: 'prefix', propertyValuePathTemplate: 'INV', 'x-ms-apimTemplate-policySection': 'Response' });
    const res = applyResponsePolicies({ status: 200, headers: {}, body: '{"invoices":[{"n":1},{"n":2}]}' }, [p], ctx('ListInvoice'));
    assert.deepEqual(JSON.parse(res.response.body as string), { invoices: [{ n: 1, prefix: 'INV' }, { n: 2, prefix: 'INV' }] });
  });
});

describe('request/policies: stringtoarray', () => {
  it('doc example 1: "3;0" -> [{AgeW:"3"},{AgeW:"0"}] at @body.peopleObject.XYZ.Age', async () => {
    const p = instance('stringtoarray', {
      propertyParentPath: '@body()',
      propertySubPath: 'peopleObject.XYZ.Age',
      delimiterList: ';',
      childPropertyName: 'AgeW',
      newPropertyPath: '@body.peopleObject.XYZ.Age',
    });
    const { request: r } = await applyPolicies(create({ peopleObject: { XYZ: { Age: '3;0' }, ABC: { Age: '23;45' } } }), [p], ctx('CreateItem'));
    assert.deepEqual(bodyOf(r), { peopleObject: { XYZ: { Age: [{ AgeW: '3' }, { AgeW: '0' }] }, ABC: { Age: '23;45' } } });
  });
  it('works on the response body too', () => {
    const p = instance('StringToArray', { propertyParentPath: '@body()', propertySubPath: 'ids', delimiterList: ',', childPropertyName: 'id', newPropertyPath: '@body().idList', 'x-ms-apimTemplate-policySection': 'Response' });
    const res = applyResponsePolicies({ status: 200, headers: {}, body: new TextEncoder().encode('{"ids":"a,b"}') }, [p], ctx('X'));
    assert.deepEqual(JSON.parse(res.response.body as string), { ids: 'a,b', idList: [{ id: 'a' }, { id: 'b' }] });
  });
});

describe('request/policies: convertarraytoobject / convertobjecttoarray', () => {
  it('convertarraytoobject: elements keyed by keyWithinCollectionPath, key retained by default', async () => {
    const p = instance('ConvertArrayToObject', { propertyParentPath: '@body()', propertySubPath: 'peopleArray', keyWithinCollectionPath: 'Name', newPropertyPath: '@body().peopleObject' });
    const { request: r } = await applyPolicies(create({ peopleArray: [{ Name: 'XYZ', Age: '30' }, { Name: 'ABC', Age: '23' }] }), [p], ctx('CreateItem'));
    assert.deepEqual((bodyOf(r) as { peopleObject: unknown }).peopleObject, { XYZ: { Name: 'XYZ', Age: '30' }, ABC: { Name: 'ABC', Age: '23' } });
  });
  it('convertarraytoobject: retainKey "false" drops the key (Planner overwrites the array in place)', async () => {
    const p = instance('ConvertArrayToObject', { propertyParentPath: '@body()', propertySubPath: 'references', keyWithinCollectionPath: 'resourceLink', newPropertyPath: '@body().references', retainKey: 'false' });
    const { request: r } = await applyPolicies(create({ references: [{ resourceLink: 'https://a', alias: 'A' }] }), [p], ctx('CreateItem'));
    assert.deepEqual(bodyOf(r), { references: { 'https://a': { alias: 'A' } } });
  });
  it('convertobjecttoarray doc example 1: peopleObject -> peopleArray of {Name, Details}', () => {
    const p = instance('convertobjecttoarray', { propertyParentPath: '@body()', propertySubPath: 'peopleObject', newPropertyPath: '@body().peopleArray', keyName: 'Name', valueName: 'Details', 'x-ms-apimTemplate-policySection': 'Response' });
    const body = { peopleObject: { XYZ: { Age: '30' }, ABC: { Age: '23' } } };
    const res = applyResponsePolicies({ status: 200, headers: {}, body: JSON.stringify(body) }, [p], ctx('X'));
    assert.deepEqual(JSON.parse(res.response.body as string), {
      ...body,
      peopleArray: [
        { Name: 'XYZ', Details: { Age: '30' } },
        { Name: 'ABC', Details: { Age: '23' } },
      ],
    });
  });
  it('convertobjecttoarray on each element of a collection with an @item() target (Planner ListTasks)', () => {
    const p = instance('ConvertObjectToArray', { propertyParentPath: '@body().value', propertySubPath: 'assignments', newPropertyPath: '@item()._assignments', keyName: 'userId', valueName: 'value', 'x-ms-apimTemplate-policySection': 'Response' });
    const res = applyResponsePolicies({ status: 200, headers: {}, body: JSON.stringify({ value: [{ assignments: { u1: { o: 1 } } }, { assignments: {} }] }) }, [p], ctx('X'));
    assert.deepEqual(JSON.parse(res.response.body as string).value, [
      { assignments: { u1: { o: 1 } }, _assignments: [{ userId: 'u1', value: { o: 1 } }] },
      { assignments: {}, _assignments: [] },
    ]);
  });
});

describe('request/policies: stringreplace / encodepropertyvalue', () => {
  it('stringreplace replaces every occurrence and writes to the @item() path', async () => {
    const p = instance('StringReplace', { propertyParentPath: '@body().references', propertySubPath: 'resourceLink', sourceString: '%', replacementString: '%25', newPropertyPath: '@item().resourceLink' });
    const { request: r } = await applyPolicies(create({ references: [{ resourceLink: 'a%b%c' }, { resourceLink: 'none' }] }), [p], ctx('CreateItem'));
    assert.deepEqual(bodyOf(r), { references: [{ resourceLink: 'a%25b%25c' }, { resourceLink: 'none' }] });
  });
  it('encodepropertyvalue URL-encodes the value (noted as inferred)', async () => {
    const p = instance('EncodePropertyValue', { propertyParentPath: '@body().assignments', propertySubPath: 'userId', newPropertyPath: '@item().userId' });
    const { request: r, outcomes } = await applyPolicies(create({ assignments: [{ userId: 'a@b.c' }] }), [p], ctx('CreateItem'));
    assert.deepEqual(bodyOf(r), { assignments: [{ userId: 'a%40b.c' }] });
    assert.match(outcomes[0].message, /inferred/);
  });
  it('fails clearly when the body is not JSON', async () => {
    const p = instance('stringreplace', { propertyParentPath: '@body()', propertySubPath: 'a', sourceString: 'x', replacementString: 'y', newPropertyPath: '@body().a' });
    const request = { ...create({}), body: 'not json' };
    const { outcomes } = await applyPolicies(request, [p], ctx('CreateItem'));
    assert.equal(outcomes[0].status, 'failed');
    assert.match(outcomes[0].message, /not JSON/);
  });
});

describe('request/policies: setvaluefromurl', () => {
  // Doc: GET /v1.0/TestAPI/tasks/{id}/foo answers {"peopleObject":{"location":"USA",...}};
  // parameterTemplate @headers('location') + parameterValuePathTemplate @body().peopleObject.location -> header location=USA.
  const p = () =>
    instance('SetValueFromUrl', {
      parameterTemplate: "@headers('location')",
      httpMethod: 'GET',
      parameterValueUrl: '/v1.0/TestAPI/tasks/{userId}/foo',
      parameterValuePathTemplate: '@body().peopleObject.location',
      'x-ms-apimTemplate-policySection': 'Request',
    });

  it('is reported as not emulated without an injected side-call function', async () => {
    const { outcomes, request: r } = await applyPolicies(timeline(), [p()], ctx('UserTimeline'));
    assert.equal(outcomes[0].status, 'not-emulated');
    assert.match(outcomes[0].message, /extra call/);
    assert.equal(r.headers.location, undefined);
  });
  it('sets the header from the side call when a fetch is injected', async () => {
    const calls: string[] = [];
    const fetch: PolicyContext['fetch'] = async (req) => {
      calls.push(`${req.method} ${req.url}`);
      return { status: 200, headers: {}, body: JSON.stringify({ peopleObject: { location: 'USA', XYZ: { Age: '30' } } }) };
    };
    const { outcomes, request: r } = await applyPolicies(timeline(), [p()], ctx('UserTimeline', {}, { fetch }));
    assert.equal(outcomes[0].status, 'applied');
    assert.deepEqual(calls, ['GET https://api.contoso.com/api/v1.0/TestAPI/tasks/u1/foo']);
    assert.equal(r.headers.location, 'USA');
  });
});

describe('request/policies: response-only templates', () => {
  it('updatenextlink reports the next link named by nextLinkPropertyName', () => {
    const p = instance('updatenextlink', { nextLinkPropertyName: '@odata.nextLink', 'x-ms-apimTemplate-operationName': ['ListTasks'] });
    const res = applyResponsePolicies({ status: 200, headers: {}, body: '{"value":[],"@odata.nextLink":"https://graph/next?page=2"}' }, [p], ctx('ListTasks'));
    assert.equal(res.nextLink, 'https://graph/next?page=2');
    assert.equal(res.outcomes[0].status, 'applied');
    const last = applyResponsePolicies({ status: 200, headers: {}, body: '{"value":[]}' }, [p], ctx('ListTasks'));
    assert.equal(last.nextLink, undefined);
    assert.equal(last.outcomes[0].status, 'skipped');
  });
  it('setconnectionstatustounauthenticated marks the connection on the configured status only', () => {
    const p = instance('setconnectionstatustounauthenticated', { statusCode: 401 });
    assert.equal(applyResponsePolicies({ status: 401, headers: {} }, [p], ctx('Any')).connectionStatus, 'unauthenticated');
    const ok = applyResponsePolicies({ status: 200, headers: {} }, [p], ctx('Any'));
    assert.equal(ok.connectionStatus, undefined);
    assert.equal(ok.outcomes[0].status, 'skipped');
  });
  it('they are not run on the request', async () => {
    const { outcomes } = await applyPolicies(timeline(), [instance('updatenextlink', { nextLinkPropertyName: 'next' })], ctx('UserTimeline'));
    assert.equal(outcomes[0].status, 'skipped');
  });
});

describe('request/policies: templates that cannot be emulated', () => {
  it('pollingtrigger and unknown ids get a clear note and change nothing', async () => {
    const before = timeline();
    const { outcomes, request: r } = await applyPolicies(
      before,
      [
        { templateId: 'pollingtrigger', type: 'PollingTrigger', parameters: { [P + 'triggerConfig']: { since: '@{triggerBody().data[0].created_time}' }, [P + 'triggerDataPath']: '@triggerBody().data' } },
        { templateId: 'madeup', parameters: {} },
      ],
      ctx('UserTimeline'),
    );
    assert.deepEqual(outcomes.map((o) => o.status), ['not-emulated', 'not-emulated']);
    assert.match(outcomes[0].message, /polling state/);
    assert.match(outcomes[1].message, /unknown template id "madeup"/);
    assert.equal(r.url, before.url);
  });
  it('a missing required template parameter fails with its key', async () => {
    const { outcomes } = await applyPolicies(timeline(), [instance('setheader', { value: 'x' })], ctx('UserTimeline'));
    assert.equal(outcomes[0].status, 'failed');
    assert.match(outcomes[0].message, /x-ms-apimTemplateParameter\.name is required/);
  });
});
