// One breaking and one fixed fixture for each rule id that had no unit test naming it.
import * as assert from 'node:assert/strict';
import type { ConnectorDiagnostic } from '../../../engine/src/languageService/validateConnector';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { dynDefinition, oauthConnector } from './ruleFixtures';

const cert = { profile: 'certification' as const };

/** Asserts `ruleId` is reported (at least once) and every finding has `severity`. */
function expectReported(diags: ConnectorDiagnostic[], ruleId: string, severity: string): void {
  const found = only(diags, ruleId);
  assert.ok(found.length > 0, `${ruleId} should be reported; got ${diags.map((d) => d.ruleId).join(', ') || 'nothing'}`);
  for (const d of found) assert.equal(d.severity, severity);
}

function expectAbsent(diags: ConnectorDiagnostic[], ruleId: string): void {
  assert.deepEqual(only(diags, ruleId).map((d) => d.message), []);
}


const post = (def: Record<string, any>) => def.paths['/tasks'].post;
const dv = (def: Record<string, any>) => post(def).parameters[1]['x-ms-dynamic-values'];
/** The body parameter's schema (parameters[2] after dynDefinition), made inline so extensions can sit on it. */
function bodySchema(def: Record<string, any>): Record<string, any> {
  const body = post(def).parameters[2];
  body.schema = { type: 'object', properties: { title: { type: 'string', 'x-ms-summary': 'Title', description: 'Task title.' } } };
  return body.schema;
}
const dynSchema = () => ({ operationId: 'GetProjectSchema', parameters: { projectId: { parameter: 'project' } }, 'value-path': 'schema' });

const oauthSettingsOf = (c: { properties: Record<string, any> }) => c.properties.properties.connectionParameters.token.oAuthSettings;

/** Properties with one apiKey parameter set (multi-auth) and no top-level connectionParameters. */
function setProperties(): Record<string, any> {
  const props = baseProperties();
  delete props.properties.connectionParameters;
  props.properties.connectionParameterSets = {
    uiDefinition: { displayName: 'Authentication type', description: 'Type of authentication to be used.' },
    values: [
      {
        name: 'apiKey',
        uiDefinition: { displayName: 'API key', description: 'Use an API key.' },
        parameters: {
          api_key: { type: 'securestring', uiDefinition: { displayName: 'API Key', description: 'The API key for this api', constraints: { required: 'true' } } },
          region: { type: 'string', uiDefinition: { displayName: 'Region', description: 'The service region.', schema: { type: 'string', description: 'The service region.' }, constraints: { required: 'false' } } },
        },
      },
    ],
  };
  return props;
}

describe('rules: ids without another unit test (dynamic extensions)', () => {
  it('dynamic-reference-internal-default: referencing an internal parameter with a default is a warning; a literal passes', () => {
    const def = dynDefinition();
    Object.assign(post(def).parameters[0], { 'x-ms-visibility': 'internal', default: 'w1' });
    expectReported(validate({ definition: def }).definition, 'dynamic-reference-internal-default', 'warning');
    dv(def).parameters.workspace = { value: 'w1' };
    expectAbsent(validate({ definition: def }).definition, 'dynamic-reference-internal-default');
  });

  it('dynamic-values-parameters: no parameters while the target takes required inputs is a warning', () => {
    const def = dynDefinition();
    const saved = dv(def).parameters;
    delete dv(def).parameters;
    expectReported(validate({ definition: def }).definition, 'dynamic-values-parameters', 'warning');
    dv(def).parameters = saved;
    expectAbsent(validate({ definition: def }).definition, 'dynamic-values-parameters');
  });

  it('dynamic-values-needs-list: a reference into the body needs x-ms-dynamic-list beside x-ms-dynamic-values', () => {
    const def = dynDefinition();
    dv(def).parameters.workspace = { parameter: 'body/title' };
    expectReported(validate({ definition: def }).definition, 'dynamic-values-needs-list', 'error');
    post(def).parameters[1]['x-ms-dynamic-list'] = { operationId: 'ListProjects', parameters: { workspace: { parameterReference: 'body/title' } }, itemsPath: 'value', itemValuePath: 'id', itemTitlePath: 'name' };
    expectAbsent(validate({ definition: def }).definition, 'dynamic-values-needs-list');
  });

  it('dynamic-values-needs-list: not when the called operation declares no response body', () => {
    const def = dynDefinition();
    dv(def).parameters.workspace = { parameter: 'body/title' };
    def.paths['/projects'].get.responses = { '200': { description: 'Projects.' } };
    expectAbsent(validate({ definition: def }).definition, 'dynamic-values-needs-list');
  });

  it('dynamic-values-needs-list: not on an operation that declares no body (the name is merely unknown there)', () => {
    const def = dynDefinition();
    dv(def).parameters.workspace = { parameter: 'title' };
    post(def).parameters = post(def).parameters.filter((p: { in: string }) => p.in !== 'body');
    expectAbsent(validate({ definition: def }).definition, 'dynamic-values-needs-list');
  });

  it('dynamic-schema-shape: keys outside operationId/parameters/value-path are warnings (accepted connectors carry odd shapes)', () => {
    const def = dynDefinition();
    const schema = bodySchema(def);
    schema['x-ms-dynamic-schema'] = { ...dynSchema(), 'value-collection': 'value' };
    expectReported(validate({ definition: def }).definition, 'dynamic-schema-shape', 'warning');
    schema['x-ms-dynamic-schema'] = dynSchema();
    expectAbsent(validate({ definition: def }).definition, 'dynamic-schema-shape');
  });

  it('dynamic-schema-position: x-ms-dynamic-schema on a non-body parameter is a warning; on the body schema it passes', () => {
    const def = dynDefinition();
    post(def).parameters[0]['x-ms-dynamic-schema'] = dynSchema();
    expectReported(validate({ definition: def }).definition, 'dynamic-schema-position', 'warning');
    delete post(def).parameters[0]['x-ms-dynamic-schema'];
    bodySchema(def)['x-ms-dynamic-schema'] = dynSchema();
    expectAbsent(validate({ definition: def }).definition, 'dynamic-schema-position');
  });

  it('dynamic-schema-needs-properties: a reference into the body needs x-ms-dynamic-properties beside x-ms-dynamic-schema', () => {
    const def = dynDefinition();
    const schema = bodySchema(def);
    schema['x-ms-dynamic-schema'] = { ...dynSchema(), parameters: { projectId: { parameter: 'body/title' } } };
    expectReported(validate({ definition: def }).definition, 'dynamic-schema-needs-properties', 'error');
    schema['x-ms-dynamic-properties'] = { operationId: 'GetProjectSchema', parameters: { projectId: { parameterReference: 'body/title' } }, itemValuePath: 'schema' };
    expectAbsent(validate({ definition: def }).definition, 'dynamic-schema-needs-properties');
  });

  it('dynamic-properties-shape: a missing operationId and a malformed parameter entry are warnings', () => {
    const def = dynDefinition();
    const schema = bodySchema(def);
    schema['x-ms-dynamic-schema'] = dynSchema();
    schema['x-ms-dynamic-properties'] = { parameters: { projectId: { parameterReference: 'project', value: 'p1' } }, itemValuePath: 'schema' };
    expectReported(validate({ definition: def }).definition, 'dynamic-properties-shape', 'warning');
    schema['x-ms-dynamic-properties'] = { operationId: 'GetProjectSchema', parameters: { projectId: { parameterReference: 'project' } }, itemValuePath: 'schema' };
    expectAbsent(validate({ definition: def }).definition, 'dynamic-properties-shape');
  });

  it('dynamic-tree-shape: a tree without an open command and with a non-boolean setting is a warning', () => {
    const def = dynDefinition();
    const p = post(def).parameters[1];
    p['x-ms-dynamic-tree'] = { settings: { canSelectParentNodes: 'yes' } };
    expectReported(validate({ definition: def }).definition, 'dynamic-tree-shape', 'warning');
    p['x-ms-dynamic-tree'] = {
      settings: { canSelectParentNodes: true, canSelectLeafNodes: true },
      open: { operationId: 'ListProjects', parameters: { workspace: { parameterReference: 'workspace' } }, itemsPath: 'value', itemValuePath: 'id', itemTitlePath: 'name' },
    };
    expectAbsent(validate({ definition: def }).definition, 'dynamic-tree-shape');
  });
});

describe('rules: ids without another unit test (apiProperties and security)', () => {
  it('publisher-stackowner-required: off by default, a certification warning when publisher is missing', () => {
    const props = baseProperties();
    delete props.properties.publisher;
    expectAbsent(validate({ definition: baseDefinition(), properties: props }).properties, 'publisher-stackowner-required');
    expectReported(validate({ definition: baseDefinition(), properties: props }, cert).properties, 'publisher-stackowner-required', 'warning');
    props.properties.publisher = 'Contoso';
    expectAbsent(validate({ definition: baseDefinition(), properties: props }, cert).properties, 'publisher-stackowner-required');
  });

  it('publisher-stackowner-alphanumeric: punctuation is a certification warning', () => {
    const props = baseProperties();
    props.properties.publisher = 'Contoso, Inc.';
    expectAbsent(validate({ definition: baseDefinition(), properties: props }).properties, 'publisher-stackowner-alphanumeric');
    expectReported(validate({ definition: baseDefinition(), properties: props }, cert).properties, 'publisher-stackowner-alphanumeric', 'warning');
    props.properties.publisher = 'Contoso Inc';
    expectAbsent(validate({ definition: baseDefinition(), properties: props }, cert).properties, 'publisher-stackowner-alphanumeric');
  });

  it('connection-parameter-constraints: boolean required, string clearText and an allowedValues entry without value are info', () => {
    const props = baseProperties();
    const c = props.properties.connectionParameters.api_key.uiDefinition.constraints;
    Object.assign(c, { required: true, clearText: 'false', allowedValues: [{ text: 'A' }] });
    const found = only(validate({ definition: baseDefinition(), properties: props }).properties, 'connection-parameter-constraints');
    assert.equal(found.length, 3);
    for (const d of found) assert.equal(d.severity, 'info');
    Object.assign(c, { required: 'true', clearText: false, allowedValues: [{ text: 'A', value: 'a' }] });
    expectAbsent(validate({ definition: baseDefinition(), properties: props }).properties, 'connection-parameter-constraints');
  });

  it('oauth-identity-provider-known: an unknown identityProvider is a warning', () => {
    const c = oauthConnector();
    oauthSettingsOf(c).identityProvider = 'contosoAuth';
    expectReported(validate(c).properties, 'oauth-identity-provider-known', 'warning');
    oauthSettingsOf(c).identityProvider = 'oauth2';
    expectAbsent(validate(c).properties, 'oauth-identity-provider-known');
  });

  it('oauth-aadcertificate-first-party: aadcertificate without IsFirstParty "True" is a warning in both profiles', () => {
    const c = oauthConnector();
    Object.assign(oauthSettingsOf(c), { identityProvider: 'aadcertificate', customParameters: { resourceUri: { value: 'https://api.contoso.com' } } });
    expectReported(validate(c).properties, 'oauth-aadcertificate-first-party', 'warning');
    expectReported(validate(c, cert).properties, 'oauth-aadcertificate-first-party', 'warning');
    oauthSettingsOf(c).properties.IsFirstParty = 'True';
    expectAbsent(validate(c).properties, 'oauth-aadcertificate-first-party');
    expectAbsent(validate(c, cert).properties, 'oauth-aadcertificate-first-party');
  });

  it('oauth-settings-types: string scopes and a boolean IsFirstParty are warnings', () => {
    const c = oauthConnector();
    Object.assign(oauthSettingsOf(c), { scopes: 'tasks.read', properties: { IsFirstParty: false } });
    const found = only(validate(c).properties, 'oauth-settings-types');
    assert.equal(found.length, 2);
    for (const d of found) assert.equal(d.severity, 'warning');
    Object.assign(oauthSettingsOf(c), { scopes: ['tasks.read'], properties: { IsFirstParty: 'False' } });
    expectAbsent(validate(c).properties, 'oauth-settings-types');
  });

  it('parameter-sets-string-description: a string parameter in a set without uiDefinition.schema.description is info', () => {
    const props = setProperties();
    const region = props.properties.connectionParameterSets.values[0].parameters.region;
    delete region.uiDefinition.schema;
    expectReported(validate({ definition: baseDefinition(), properties: props }).properties, 'parameter-sets-string-description', 'info');
    region.uiDefinition.schema = { type: 'string', description: 'The service region.' };
    expectAbsent(validate({ definition: baseDefinition(), properties: props }).properties, 'parameter-sets-string-description');
  });

  it('parameter-sets-and-parameters: connectionParameters next to connectionParameterSets is info', () => {
    const props = setProperties();
    props.properties.connectionParameters = baseProperties().properties.connectionParameters;
    expectReported(validate({ definition: baseDefinition(), properties: props }).properties, 'parameter-sets-and-parameters', 'info');
    delete props.properties.connectionParameters;
    expectAbsent(validate({ definition: baseDefinition(), properties: props }).properties, 'parameter-sets-and-parameters');
  });

  it('gateway-capability-consistency: a gateway capability without a gatewaySetting parameter (and the reverse) is info', () => {
    const props = baseProperties();
    props.properties.capabilities = ['gateway'];
    expectReported(validate({ definition: baseDefinition(), properties: props }).properties, 'gateway-capability-consistency', 'info');
    props.properties.capabilities = [];
    props.properties.connectionParameters.gateway = { type: 'gatewaySetting', gatewaySetting: { dataSourceType: 'CustomConnector', connectionDetails: [] } };
    expectReported(validate({ definition: baseDefinition(), properties: props }).properties, 'gateway-capability-consistency', 'info');
    props.properties.capabilities = ['gateway'];
    expectAbsent(validate({ definition: baseDefinition(), properties: props }).properties, 'gateway-capability-consistency');
  });
});
