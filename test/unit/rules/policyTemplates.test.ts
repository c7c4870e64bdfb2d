import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { scanExpressions } from '../../../engine/src/rules/policyExpressions';

const P = 'x-ms-apimTemplateParameter.';

/** Base connector plus the given policy instances. */
function withPolicies(...instances: unknown[]) {
  const properties = baseProperties();
  properties.properties.policyTemplateInstances = instances;
  return { definition: baseDefinition(), properties };
}

const setHeader = (extra: Record<string, unknown> = {}) => ({
  templateId: 'setheader',
  title: 'Set the Accept header',
  parameters: { [P + 'name']: 'Accept', [P + 'value']: 'application/json', [P + 'existsAction']: 'override', 'x-ms-apimTemplate-policySection': 'Request', 'x-ms-apimTemplate-operationName': ['GetTask'], ...extra },
});

/** Line (0-based) of the first line containing `needle` in the serialized properties. */
function lineOf(props: object, needle: string): number {
  return JSON.stringify(props, null, 4).split('\n').findIndex((l) => l.includes(needle));
}

describe('rules: policy templates', () => {
  it('a well-formed setheader, dynamichosturl and routerequesttoendpoint produce no policy findings', () => {
    const input = withPolicies(
      setHeader(),
      { templateId: 'dynamichosturl', title: 'Host', parameters: { [P + 'urlTemplate']: "https://@connectionParameters('api_key').contoso.com", 'x-ms-apimTemplate-operationName': ['GetTask'] } },
      { templateId: 'routerequesttoendpoint', title: 'Route', parameters: { [P + 'newPath']: '/v2/tasks/{taskId}', [P + 'httpMethod']: '@Request.OriginalHTTPMethod', 'x-ms-apimTemplate-operationName': ['GetTask'] } },
    );
    const r = validate(input);
    assert.deepEqual(r.all.filter((d) => d.ruleId.startsWith('policy-')), []);
  });

  it('policy-template-id-known: an unknown template id is reported on the templateId value', () => {
    const input = withPolicies({ ...setHeader(), templateId: 'setheaders' });
    const found = only(validate(input).properties, 'policy-template-id-known');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /Unknown policy template "setheaders"/);
    assert.equal(found[0].range.start.line, lineOf(input.properties, '"templateId": "setheaders"'));
  });

  it('policy-template-id-known: PascalCase and camelCase spellings are accepted', () => {
    const r = validate(withPolicies({ ...setHeader(), templateId: 'SetHeader' }, { ...setHeader(), templateId: 'setHeader' }));
    assert.deepEqual(only(r.properties, 'policy-template-id-known'), []);
  });

  it('policy-title: an instance without title is reported (info)', () => {
    const inst: Record<string, unknown> = setHeader();
    delete inst.title;
    const found = only(validate(withPolicies(inst)).properties, 'policy-title');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'info');
  });

  it('policy-parameter-unknown: a misspelt parameter key gets a suggestion', () => {
    const input = withPolicies(setHeader({ [P + 'existsaction']: 'skip' }));
    const found = only(validate(input).properties, 'policy-parameter-unknown');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /did you mean "x-ms-apimTemplateParameter.existsAction"/);
    assert.equal(found[0].range.start.line, lineOf(input.properties, '"x-ms-apimTemplateParameter.existsaction"'));
  });

  it('policy-operation-names-exist: a stale operationId is reported on that array entry', () => {
    const input = withPolicies(setHeader({ 'x-ms-apimTemplate-operationName': ['GetTask', 'GetTasks'] }));
    const found = only(validate(input).properties, 'policy-operation-names-exist');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /"GetTasks", which is not an operationId/);
    assert.equal(found[0].range.start.line, lineOf(input.properties, '"GetTasks"'));
  });

  it('policy-operation-scope-all: an instance without operation list is reported as info', () => {
    const found = only(validate(withPolicies(setHeader({ 'x-ms-apimTemplate-operationName': [] }))).properties, 'policy-operation-scope-all');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'info');
    assert.deepEqual(only(validate(withPolicies(setHeader())).properties, 'policy-operation-scope-all'), []);
  });

  it('policy-section-valid: "Failure" only for setheader, lower-case "request" never', () => {
    assert.deepEqual(only(validate(withPolicies(setHeader({ 'x-ms-apimTemplate-policySection': 'Failure' }))).properties, 'policy-section-valid'), []);
    const found = only(validate(withPolicies(setHeader({ 'x-ms-apimTemplate-policySection': 'request' }))).properties, 'policy-section-valid');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    const sp = { templateId: 'setproperty', title: 'Set', parameters: { [P + 'newPropertyParentPathTemplate']: '@body()', [P + 'newPropertySubPathTemplate']: 'x', [P + 'propertyValuePathTemplate']: '1', 'x-ms-apimTemplate-policySection': 'Failure', 'x-ms-apimTemplate-operationName': ['GetTask'] } };
    assert.equal(only(validate(withPolicies(sp)).properties, 'policy-section-valid').length, 1);
  });

  it('policy-exists-action: a value outside override/skip/append is an error on the value', () => {
    const input = withPolicies(setHeader({ [P + 'existsAction']: 'replace' }));
    const found = only(validate(input).properties, 'policy-exists-action');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /"replace"/);
    assert.equal(found[0].range.start.line, lineOf(input.properties, '"replace"'));
  });

  it('policy-connection-parameter-ref: unknown names are reported unless a default is given', () => {
    const bad = withPolicies(setHeader({ [P + 'value']: "Bearer @connectionParameters('token')" }));
    const found = only(validate(bad).properties, 'policy-connection-parameter-ref');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /'token'\) is not a connection parameter/);
    assert.deepEqual(only(validate(withPolicies(setHeader({ [P + 'value']: "@connectionParameters('token', 'x')" }))).properties, 'policy-connection-parameter-ref'), []);
    assert.deepEqual(only(validate(withPolicies(setHeader({ [P + 'value']: "@connectionParameters('api_key')" }))).properties, 'policy-connection-parameter-ref'), []);
  });

  it('policy-connection-parameter-ref: a name present in only one connectionParameterSets set is reported', () => {
    const input = withPolicies(setHeader({ [P + 'value']: "@connectionParameters('region')" }));
    delete input.properties.properties.connectionParameters;
    input.properties.properties.connectionParameterSets = { uiDefinition: {}, values: [{ name: 'a', parameters: { region: { type: 'string' } } }, { name: 'b', parameters: {} }] };
    const found = only(validate(input).properties, 'policy-connection-parameter-ref');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /not defined in every connection parameter set/);
  });

  it('policy-expression-syntax: unclosed call, unquoted argument and unknown function are reported', () => {
    for (const value of ["@connectionParameters('api_key'", '@headers(name)', "@header('x')", '{"a": "@{triggerBody().x"}']) {
      const found = only(validate(withPolicies(setHeader({ [P + 'value']: value }))).properties, 'policy-expression-syntax');
      assert.equal(found.length, 1, value);
      assert.equal(found[0].severity, 'warning');
    }
    for (const value of ["Bearer @connectionParameters('api_key')", '@odata.nextLink', '@Request.OriginalHTTPMethod', '{"since":"@{triggerBody().data[0].created}"}', "@body()['x']"]) {
      assert.deepEqual(only(validate(withPolicies(setHeader({ [P + 'value']: value }))).properties, 'policy-expression-syntax'), [], value);
    }
  });

  it('scanExpressions parses arguments and terminates on odd input', () => {
    assert.deepEqual(scanExpressions("https://@connectionParameters('a','b')/x").map((c) => c.args), [['a', 'b']]);
    assert.ok(scanExpressions('@a(@b(@c(').every((c) => c.problem));
    assert.equal(scanExpressions('@'.repeat(10000) + 'x(').length, 1);
  });

  it('per-template params: each template reports its missing required parameters', () => {
    const cases: [string, string][] = [
      ['convertarraytoobject', 'policy-convertarraytoobject-params'], ['convertobjecttoarray', 'policy-convertobjecttoarray-params'],
      ['dynamichosturl', 'policy-dynamichosturl-params'], ['encodepropertyvalue', 'policy-encodepropertyvalue-params'],
      ['pollingtrigger', 'policy-pollingtrigger-params'], ['routerequesttoendpoint', 'policy-routerequesttoendpoint-params'],
      ['setheader', 'policy-setheader-params'], ['setproperty', 'policy-setproperty-params'], ['setqueryparameter', 'policy-setqueryparameter-params'],
      ['setvaluefromurl', 'policy-setvaluefromurl-params'], ['stringreplace', 'policy-stringreplace-params'], ['stringtoarray', 'policy-stringtoarray-params'],
      ['updatenextlink', 'policy-updatenextlink-params'], ['setconnectionstatustounauthenticated', 'policy-setconnectionstatus-params'],
    ];
    for (const [templateId, ruleId] of cases) {
      const found = only(validate(withPolicies({ templateId, title: 'T', parameters: { 'x-ms-apimTemplate-operationName': ['GetTask'] } })).properties, ruleId);
      assert.ok(found.length >= 1, templateId);
      assert.equal(found[0].severity, 'error');
      assert.ok(found.some((d) => /missing required parameter/.test(d.message)), templateId);
    }
  });

  it('policy-dynamichosturl-params: urlTemplate must be absolute', () => {
    const mk = (url: string) => withPolicies({ templateId: 'dynamichosturl', title: 'Host', parameters: { [P + 'urlTemplate']: url } });
    assert.equal(only(validate(mk('api.contoso.com/v1')).properties, 'policy-dynamichosturl-params').length, 1);
    assert.deepEqual(only(validate(mk("@connectionParameters('api_key')/api")).properties, 'policy-dynamichosturl-params'), []);
  });

  it('policy-setheader-params: name is required, the finding sits on the parameters object', () => {
    const inst = setHeader();
    delete (inst.parameters as Record<string, unknown>)[P + 'name'];
    const input = withPolicies(inst);
    const found = only(validate(input).properties, 'policy-setheader-params');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /"x-ms-apimTemplateParameter.name"/);
    assert.equal(found[0].range.start.line, lineOf(input.properties, '"parameters"'));
  });

  it('policy-routerequesttoendpoint-params: httpMethod and {variables} of newPath are checked', () => {
    const mk = (newPath: string, httpMethod: string) => withPolicies({ templateId: 'routerequesttoendpoint', title: 'R', parameters: { [P + 'newPath']: newPath, [P + 'httpMethod']: httpMethod, 'x-ms-apimTemplate-operationName': ['GetTask'] } });
    const bad = only(validate(mk('/v2/{itemId}', 'FETCH')).properties, 'policy-routerequesttoendpoint-params');
    assert.equal(bad.length, 2);
    assert.ok(bad.some((d) => /FETCH/.test(d.message)) && bad.some((d) => /\{itemId\}/.test(d.message)));
    assert.deepEqual(only(validate(mk('/v2/{taskId}', 'GET')).properties, 'policy-routerequesttoendpoint-params'), []);
  });

  it('policy-pollingtrigger-params: target operations must be triggers', () => {
    const inst = { templateId: 'pollingtrigger', title: 'Poll', type: 'PollingTrigger', parameters: { [P + 'triggerConfig']: { since: '@{triggerBody().value[0].id}' }, [P + 'triggerDataPath']: '@triggerBody().value', 'x-ms-apimTemplate-operationName': ['GetTask'] } };
    const found = only(validate(withPolicies(inst)).properties, 'policy-pollingtrigger-params');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /no "x-ms-trigger"/);
    const input = withPolicies(inst);
    input.definition.paths['/tasks/{taskId}'].get['x-ms-trigger'] = 'batch';
    assert.deepEqual(only(validate(input).properties, 'policy-pollingtrigger-params'), []);
  });

  it('setproperty value expressions: wrapped in braces, @body() or @item() (run-time advice: policy-expression-syntax warnings)', () => {
    const mk = (value: string) => withPolicies({ templateId: 'setproperty', title: 'Set', parameters: { [P + 'newPropertyParentPathTemplate']: '@body()', [P + 'newPropertySubPathTemplate']: 'name', [P + 'propertyValuePathTemplate']: value, 'x-ms-apimTemplate-operationName': ['GetTask'] } });
    const expr = (value: string) => only(validate(mk(value)).properties, 'policy-expression-syntax');
    assert.deepEqual(expr('{@body().first} {@body().last}'), []);
    assert.deepEqual(expr('USA'), []);
    // An accepted connector builds a value from each array element with {@item()...}.
    assert.deepEqual(expr("'{@item()['id']}-{@item()['reference']}'"), []);
    assert.deepEqual([expr('@body().first')[0]?.severity, /Wrap the expression in braces/.test(expr('@body().first')[0]?.message ?? '')], ['warning', true]);
    assert.match(expr("{@headers('x')}")[0]?.message ?? '', /evaluates \{@body\(\)\.\.\.\}/);
    // None of it is a broken template.
    assert.deepEqual(only(validate(mk("{@headers('x')}")).properties, 'policy-setproperty-params'), []);
  });

  it('policy-setconnectionstatus-params: needs an integer status code and a test connection', () => {
    const input = withPolicies({ templateId: 'setconnectionstatustounauthenticated', title: 'Unauth', parameters: { [P + 'statusCode']: 401 } });
    const found = only(validate(input).properties, 'policy-setconnectionstatus-params');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /testConnection/);
    input.definition['x-ms-capabilities'] = { testConnection: { operationId: 'GetTask' } };
    assert.deepEqual(only(validate(input).properties, 'policy-setconnectionstatus-params'), []);
  });

  it('odd input never throws (wrong types everywhere)', () => {
    for (const pti of [null, 'x', 5, [null, 1, 'a', [], { templateId: 5 }, { templateId: 'setheader', parameters: 'x' }, { templateId: 'setheader', parameters: { 'x-ms-apimTemplate-operationName': 'GetTask', [P + 'name']: 5, [P + 'value']: { a: ['@x('] } } }]]) {
      const properties = baseProperties();
      properties.properties.policyTemplateInstances = pti;
      validate({ definition: baseDefinition(), properties });
    }
  });
});
