import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { oauthConnector } from './ruleFixtures';


const ours = /^(security-|oauth|props-|icon-brand-color-(required|format)|capabilities-values|publisher-stackowner|stackowner|connection-parameter|auth-kind|parameter-sets|gateway-capability)/;

describe('rules: security definitions and connection parameters', () => {
  it('the base (apiKey) connector and an oauth2 connector pass the default profile', () => {
    // stackowner-paconn-update is an info reminder that fires whenever stackOwner is present (as in the base).
    const base = validate({ definition: baseDefinition(), properties: baseProperties() }).all.filter((d) => ours.test(d.ruleId));
    assert.deepEqual(base.map((d) => d.ruleId), ['stackowner-paconn-update']);
    assert.equal(base[0].severity, 'info');
    assert.deepEqual(validate(oauthConnector()).all.filter((d) => ours.test(d.ruleId) && d.severity !== 'info'), []);
  });

  it('security-definition-type: unknown type and apiKey in are errors', () => {
    const def = baseDefinition();
    def.securityDefinitions.other = { type: 'bearer' };
    def.securityDefinitions.api_key.in = 'cookie';
    const found = only(validate({ definition: def, properties: baseProperties() }).definition, 'security-definition-type');
    assert.equal(found.length, 2);
    assert.equal(found[0].severity, 'error');
  });

  it('security-scheme-property-required and -invalid', () => {
    const def = baseDefinition();
    delete def.securityDefinitions.api_key.name;
    def.securityDefinitions.api_key.flow = 'accessCode';
    const r = validate({ definition: def, properties: baseProperties() }).definition;
    assert.match(only(r, 'security-scheme-property-required')[0]?.message ?? '', /needs "name"/);
    assert.match(only(r, 'security-scheme-property-invalid')[0]?.message ?? '', /"flow" is not allowed on a apiKey/);
  });

  it('oauth2-flow: a non-accessCode flow is a warning; security-scheme-property-required wants its URL', () => {
    const c = oauthConnector();
    c.definition.securityDefinitions.oauth2_auth.flow = 'implicit';
    delete c.definition.securityDefinitions.oauth2_auth.authorizationUrl;
    const r = validate(c).definition;
    assert.equal(only(r, 'oauth2-flow')[0]?.severity, 'warning');
    assert.match(only(r, 'security-scheme-property-required')[0]?.message ?? '', /flow implicit needs "authorizationUrl"/);
  });

  it('security requirements: undefined name, non-array, scopes on apiKey, undeclared scope', () => {
    const c = oauthConnector();
    c.definition.security = [{ missing: [] }, { oauth2_auth: ['tasks.write'] }];
    c.definition.paths['/tasks'].post.security = [{ oauth2_auth: 'tasks.read' }];
    const r = validate(c).definition;
    assert.match(only(r, 'security-requirement-defined')[0]?.message ?? '', /"missing" is not defined/);
    assert.match(only(r, 'security-requirement-oauth-scope')[0]?.message ?? '', /"tasks.write"/);
    assert.equal(only(r, 'security-requirement-has-value').length, 1);
    const def = baseDefinition();
    def.security = [{ api_key: ['x'] }];
    assert.equal(only(validate({ definition: def, properties: baseProperties() }).definition, 'security-requirement-empty-for-nonoauth').length, 1);
  });

  it('auth-kind-consistency: apiKey scheme without a connection parameter is reported in apiProperties.json', () => {
    const props = baseProperties();
    props.properties.connectionParameters = {};
    const r = validate({ definition: baseDefinition(), properties: props });
    const found = only(r.properties, 'auth-kind-consistency');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /"api_key" is an apiKey scheme/);
    // Reported in apiProperties.json, on the connectionParameters member that must gain the parameter.
    assert.match(JSON.stringify(props, null, 4).split('\n')[found[0].range.start.line], /"connectionParameters"/);
    assert.equal(only(r.definition, 'auth-kind-consistency').length, 0);
  });

  it('auth-kind-consistency: oauth2 scheme without an oauthSetting parameter, and the reverse', () => {
    const c = oauthConnector();
    c.properties.properties.connectionParameters = { api_key: baseProperties().properties.connectionParameters.api_key };
    assert.match(only(validate(c).properties, 'auth-kind-consistency')[0]?.message ?? '', /oauth2, but apiProperties.json has no connection parameter of type "oauthSetting"/);
    const d = oauthConnector();
    d.definition.securityDefinitions = { api_key: baseDefinition().securityDefinitions.api_key };
    d.definition.security = [{ api_key: [] }];
    d.properties.properties.connectionParameters.api_key = baseProperties().properties.connectionParameters.api_key;
    assert.match(only(validate(d).properties, 'auth-kind-consistency')[0]?.message ?? '', /"token" is an oauthSetting, but the definition has no oauth2/);
  });

  it('apiProperties shape: root keys, unknown keys, iconBrandColor', () => {
    const props: Record<string, any> = baseProperties();
    props.extra = 1;
    props.properties.colour = 'x';
    props.properties.iconBrandColor = 'blue';
    const r = validate({ definition: baseDefinition(), properties: props }).properties;
    // Unknown keys (at the root or under properties) are ignored by the platform: warnings.
    assert.deepEqual(only(r, 'props-known-keys').map((d) => [d.severity, /"extra" at the root/.test(d.message) || /"colour"/.test(d.message)]), [['warning', true], ['warning', true]]);
    // A root that is not an object with "properties" cannot be imported: error.
    assert.equal(only(validate({ definition: baseDefinition(), properties: { extra: 1 } }).properties, 'props-root-shape')[0]?.severity, 'error');
    assert.equal(only(r, 'icon-brand-color-format').length, 1);
    delete props.properties.iconBrandColor;
    assert.equal(only(validate({ definition: baseDefinition(), properties: props }).properties, 'icon-brand-color-required').length, 1);
  });

  it('connection parameters: name, type, secret, uiDefinition, tenant claim', () => {
    const props = baseProperties();
    props.properties.connectionParameters['API Key'] = { type: 'securestring', uiDefinition: { displayName: 'K', description: 'K' } };
    props.properties.connectionParameters.mode = { type: 'text', uiDefinition: { displayName: 'Mode', description: 'Mode' } };
    props.properties.connectionParameters.client_secret = { type: 'string', uiDefinition: { displayName: 'Secret', description: 'Secret' } };
    props.properties.connectionParameters.region = { type: 'string' };
    props.properties.connectionParameters['token:TenantId'] = { type: 'string', uiDefinition: { constraints: { hidden: 'true' } } };
    const r = validate({ definition: baseDefinition(), properties: props }).properties;
    assert.equal(only(r, 'connection-parameter-name').length, 1);
    assert.match(only(r, 'connection-parameter-type')[0]?.message ?? '', /"text"/);
    assert.match(only(r, 'connection-parameter-secret')[0]?.message ?? '', /client_secret/);
    assert.match(only(r, 'connection-parameter-ui-definition')[0]?.message ?? '', /"region" has no uiDefinition/);
    assert.equal(only(r, 'connection-parameter-tenant-claim').length, 1);
  });

  it('oAuthSettings: missing provider, aad without resourceUri, redirect mode, custom parameters, committed secret', () => {
    const c = oauthConnector();
    const s = c.properties.properties.connectionParameters.token.oAuthSettings;
    s.redirectMode = 'global';
    s.customParameters.scope = { value: 'x' };
    s.clientSecret = 'a1b2c3d4e5f6g7h8';
    let r = validate(c).properties;
    assert.equal(only(r, 'oauth-redirect').length, 1);
    assert.equal(only(r, 'oauth2-custom-parameters').length, 1);
    assert.equal(only(r, 'oauth-client-secret-not-committed')[0]?.severity, 'warning');
    s.identityProvider = 'aad';
    s.customParameters = { loginUri: { value: 'https://login.windows.net' } };
    r = validate(c).properties;
    // Without resourceUri the token may target the wrong resource; Microsoft accepts it: warning.
    assert.equal(only(r, 'oauth-aad-resource-uri')[0]?.severity, 'warning');
    // The legacy properties.AzureActiveDirectoryResourceId names the resource instead: accepted, nothing to report.
    s.properties = { ...(s.properties ?? {}), AzureActiveDirectoryResourceId: 'https://contoso.onmicrosoft.com/api' };
    assert.deepEqual(only(validate(c).properties, 'oauth-aad-resource-uri').filter((d) => /needs customParameters\.resourceUri/.test(d.message)), []);
    delete s.properties.AzureActiveDirectoryResourceId;
    delete s.identityProvider;
    assert.equal(only(validate(c).properties, 'oauth-identity-provider-required').length, 1);
  });

  it('oauth-urls-consistent: differing token URLs are info', () => {
    const c = oauthConnector();
    c.properties.properties.connectionParameters.token.oAuthSettings.customParameters.tokenUrl.value = 'https://other.contoso.com/token';
    assert.equal(only(validate(c).properties, 'oauth-urls-consistent')[0]?.severity, 'info');
  });

  it('connectionParameterSets: shape, duplicate names, required constraint', () => {
    const props = baseProperties();
    delete props.properties.connectionParameters;
    props.properties.connectionParameterSets = {
      uiDefinition: { displayName: 'Auth', description: 'Choose' },
      values: [
        { name: 'key', uiDefinition: { displayName: 'Key', description: 'Key' }, parameters: { api_key: { type: 'securestring', uiDefinition: { displayName: 'Key', description: 'Key' } } } },
        { name: 'key', uiDefinition: { displayName: 'Key 2', description: 'Key' } },
      ],
    };
    const r = validate({ definition: baseDefinition(), properties: props }).properties;
    assert.equal(only(r, 'parameter-sets-shape').length, 2);
    assert.equal(only(r, 'parameter-sets-required-constraint')[0]?.severity, 'warning');
  });

  it('never throws on odd apiProperties and securityDefinitions', () => {
    const def = baseDefinition();
    def.securityDefinitions = { a: null, b: [], c: { type: 'oauth2', flow: 3 } };
    def.security = [null, { a: null }];
    validate({ definition: def, properties: { properties: { connectionParameters: [1], connectionParameterSets: { values: [null, { parameters: 'x' }] }, capabilities: 'x' } } });
    validate({ definition: def, properties: [] });
    validate({ definition: def, properties: { properties: { connectionParameters: { token: { type: 'oauthSetting', oAuthSettings: 'x' } } } } });
  });
});
