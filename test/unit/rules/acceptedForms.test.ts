// Forms Microsoft's validator accepts (case-insensitive matching, legacy spellings, WHATWG URLs):
// each must leave a valid connector without an error, and without the finding of the rule that
// used to misfire on it. The rules' own defect tests live beside (their recall is kept there).
import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate, type ConnectorInput } from '../ruleTestKit';
import { dynDefinition, oauthConnector } from './ruleFixtures';

function expectAccepted(input: ConnectorInput, ruleIds: string[]): void {
  const r = validate(input);
  const errors = r.all.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}: ${d.message}`);
  assert.deepEqual(errors, [], 'no error on a form Microsoft accepts');
  for (const id of ruleIds) assert.deepEqual(only(r.all, id).map((d) => d.message), [], id);
}

const SCRIPT = (cls: string) => `public class ${cls} : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);\n    }\n}\n`;

describe('rules: forms Microsoft accepts', () => {
  it('x-ms-visibility values in any case ("Internal", "Advanced") are read as the lower-case values', () => {
    const def = baseDefinition();
    def.paths['/tasks'].post['x-ms-visibility'] = 'Advanced';
    def.definitions.Task.properties.id['x-ms-visibility'] = 'Internal';
    def.definitions.Task.properties.id.default = 'new';
    expectAccepted({ definition: def, properties: baseProperties() }, ['x-ms-visibility-value', 'json-value-not-in-enum']);
    // "Internal" really counts as internal: a required internal parameter without default is still reported.
    const d2 = baseDefinition();
    d2.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-visibility'] = 'INTERNAL';
    assert.equal(only(validate({ definition: d2 }).all, 'internal-required-needs-default').length, 1);
  });

  it('x-ms-api-annotation status in any case ("production")', () => {
    const def = baseDefinition();
    def.info['x-ms-api-annotation'] = { status: 'preview' };
    def.paths['/tasks/{taskId}'].get['x-ms-api-annotation'] = { family: 'GetTask', revision: 1, status: 'production' };
    const r = validate({ definition: def, properties: baseProperties() });
    assert.deepEqual(only(r.all, 'api-annotation-shape'), []);
    // The case-insensitive reading still applies the family rules: Production ahead of a Preview connector.
    assert.equal(only(r.all, 'operation-status-ahead-of-connector').length, 1);
  });

  it('x-ms-pageable nextLinkName in another case ("nextlink")', () => {
    const def = baseDefinition();
    def.paths['/tasks/{taskId}'].get['x-ms-pageable'] = { nextLinkName: 'nextlink' };
    expectAccepted({ definition: def, properties: baseProperties() }, ['pageable-next-link-name']);
  });

  it('a Swagger keyword in another case ("basepath") is keyword-case (warning), not an unknown property', () => {
    const def = baseDefinition();
    delete def.basePath;
    def.basepath = '/v1';
    expectAccepted({ definition: def, properties: baseProperties() }, ['root-unknown-property']);
    const found = only(validate({ definition: def }).all, 'keyword-case');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /"basepath" is read as "basePath"/);
  });

  it('the script class name in another case', () => {
    expectAccepted({ definition: baseDefinition(), properties: baseProperties(), script: SCRIPT('script') }, ['script-class-shape']);
    // A class with another name is still a defect.
    assert.ok(only(validate({ definition: baseDefinition(), properties: baseProperties(), script: SCRIPT('Handler') }).all, 'script-class-shape').length >= 1);
  });

  it('dotted value paths in x-ms-dynamic-values and parameter references', () => {
    const def = dynDefinition();
    def.definitions.ProjectList = { type: 'object', properties: { data: { type: 'object', properties: { value: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, meta: { type: 'object', properties: { name: { type: 'string' } } } } } } } } } };
    const dv = def.paths['/tasks'].post.parameters[1]['x-ms-dynamic-values'];
    dv['value-collection'] = 'data.value';
    dv['value-title'] = 'meta.name';
    expectAccepted({ definition: def, properties: baseProperties() }, ['dynamic-collection-array', 'dynamic-path-property']);
    // A dotted path that names nothing is still reported.
    dv['value-title'] = 'meta.title';
    assert.equal(only(validate({ definition: def }).all, 'dynamic-path-property').length, 1);
  });

  it('an empty string in a policy template parameter means "not set"', () => {
    const props = baseProperties();
    props.properties.policyTemplateInstances = [
      { templateId: 'setheader', title: 'Header', parameters: { 'x-ms-apimTemplateParameter.name': 'X-Client', 'x-ms-apimTemplateParameter.value': 'studio', 'x-ms-apimTemplateParameter.existsAction': '', 'x-ms-apimTemplate-policySection': '' } },
    ];
    expectAccepted({ definition: baseDefinition(), properties: props }, ['policy-section-valid', 'policy-exists-action', 'policy-setheader-params']);
    // An empty required parameter is accepted too, but the policy has nothing to work with: warning.
    props.properties.policyTemplateInstances[0].parameters['x-ms-apimTemplateParameter.name'] = '';
    const r = validate({ definition: baseDefinition(), properties: props });
    assert.deepEqual(r.all.filter((d) => d.severity === 'error').map((d) => d.ruleId), []);
    assert.equal(only(r.all, 'policy-parameter-empty')[0]?.severity, 'warning');
  });

  it('the aad identity provider without resourceUri when AzureActiveDirectoryResourceId is given', () => {
    const c = oauthConnector();
    const s = c.properties.properties.connectionParameters.token.oAuthSettings;
    s.identityProvider = 'aad';
    s.customParameters = { loginUri: { value: 'https://login.microsoftonline.com' }, tenantId: { value: 'common' } };
    s.properties = { IsFirstParty: 'False', AzureActiveDirectoryResourceId: 'https://contoso.onmicrosoft.com/api' };
    expectAccepted(c, ['oauth-aad-resource-uri']);
  });

  it('exclusiveMaximum: false without maximum', () => {
    const def = baseDefinition();
    def.definitions.Task.properties.n = { type: 'number', exclusiveMaximum: false };
    expectAccepted({ definition: def, properties: baseProperties() }, ['numeric-keywords-valid']);
  });

  it('absolute URLs by the WHATWG parser; x-ms-connector-metadata URLs are no error', () => {
    const def = baseDefinition();
    def.info.contact = { name: 'Contoso', url: 'hhttps://contoso.com/support' };
    def['x-ms-connector-metadata'] = [
      { propertyName: 'Website', propertyValue: 'Www.contoso.com' },
      { propertyName: 'Privacy policy', propertyValue: 'contoso.com/privacy' },
      { propertyName: 'Categories', propertyValue: 'Productivity' },
    ];
    expectAccepted({ definition: def, properties: baseProperties() }, ['url-valid']);
  });

  it('a templated host next to x-ms-dynamic-host-url', () => {
    const def = baseDefinition();
    def.host = '{instance}.contoso.com';
    def['x-ms-dynamic-host-url'] = { url: 'https://{instance}.contoso.com' };
    expectAccepted({ definition: def, properties: baseProperties() }, ['host-valid']);
  });

  it('a "{{placeholder}}" host beside a dynamichosturl policy', () => {
    const def = baseDefinition();
    def.host = '{{replace_with_your_domain}}';
    const props = baseProperties();
    props.properties.policyTemplateInstances = [{ templateId: 'dynamichosturl', title: 'Host', parameters: { 'x-ms-apimTemplateParameter.urlTemplate': "https://@connectionParameters('domain')/api" } }];
    expectAccepted({ definition: def, properties: props }, ['host-valid']);
  });

  it('x-ms-connector-metadata entries with "PropertyName"/"PropertyValue" keys', () => {
    const def = baseDefinition();
    def['x-ms-connector-metadata'] = [{ PropertyName: 'Website', PropertyValue: 'https://contoso.com' }, { PropertyName: 'Categories', PropertyValue: 'Productivity' }];
    expectAccepted({ definition: def, properties: baseProperties() }, ['connector-metadata-shape', 'connector-metadata-required']);
  });

  it('a body parameter named " " (its name is never sent)', () => {
    const def = baseDefinition();
    def.paths['/tasks'].post.parameters[0].name = ' ';
    expectAccepted({ definition: def, properties: baseProperties() }, ['required-value-empty']);
    def.paths['/tasks'].post.parameters[0].name = '';
    assert.equal(only(validate({ definition: def }).all, 'required-value-empty')[0]?.severity, 'error');
  });

  it('a shared parameter whose reference only some operations have: dynamic-source-partial (warning); none of them: error', () => {
    const def = dynDefinition();
    const post = def.paths['/tasks'].post;
    def.parameters = { project: post.parameters[1] };
    post.parameters[1] = { $ref: '#/parameters/project' };
    // A second operation uses the shared field but has no "workspace".
    def.paths['/tasks/{taskId}'].get.parameters.push({ $ref: '#/parameters/project' });
    const r = validate({ definition: def, properties: baseProperties() });
    assert.deepEqual(r.all.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}: ${d.message}`), []);
    const partial = only(r.all, 'dynamic-source-partial');
    assert.equal(partial.length, 1);
    assert.match(partial[0].message, /"workspace" is neither a parameter nor a body property of GetTask/);
    post.parameters = post.parameters.filter((p: { name?: string }) => p.name !== 'workspace');
    assert.ok(only(validate({ definition: def }).all, 'dynamic-param-names-exist').every((d) => d.severity === 'error'));
    assert.ok(only(validate({ definition: def }).all, 'dynamic-param-names-exist').length >= 1);
  });

  it('an MCP server connector (x-ms-agentic-protocol) is a known shape', () => {
    const def = baseDefinition();
    def.paths = { '/mcp': { post: { summary: 'Contoso MCP Server', description: 'Streams MCP messages.', operationId: 'InvokeServer', 'x-ms-agentic-protocol': 'mcp-streamable-1.0', responses: { '200': { description: 'Immediate Response' } } } } };
    delete def.definitions;
    expectAccepted({ definition: def, properties: baseProperties() }, ['x-ms-unknown-extension', 'extension-name-prefix']);
  });

  it('responses: {} and the other rules Microsoft lets through are warnings at most', () => {
    const def = baseDefinition();
    def.paths['/tasks'].post.responses = {};
    def.security = [{ undeclared: [] }];
    def.definitions.Task.required = ['id', 'missing'];
    def.paths['/tasks/{taskId}'].get['x-ms-api-annotation'] = { family: 'GetTask', revision: 0 };
    const r = validate({ definition: def, properties: baseProperties() });
    assert.deepEqual(r.all.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}: ${d.message}`), []);
    for (const id of ['operation-responses-empty', 'security-requirement-defined', 'schema-required-list', 'api-annotation-shape']) assert.equal(only(r.all, id)[0]?.severity, 'warning', id);
  });
});
