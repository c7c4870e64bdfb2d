// Seeded defects for family 7: mutate accepted corpus connectors and expect the right rule
// in the file that must change.
import * as assert from 'node:assert/strict';
import { only, seedDefect } from '../ruleTestKit';

const APIKEY = 'certified-connectors/AssemblyAI';
const OAUTH = 'certified-connectors/Egnyte';

describe('seeded defects: security and connection parameters', () => {
  it('the required connection parameter of an apiKey scheme removed from apiProperties -> auth-kind-consistency (in apiProperties.json)', () => {
    const r = seedDefect(APIKEY, (_def, props) => {
      if (!props?.properties?.connectionParameters?.api_key) return false;
      delete props.properties.connectionParameters.api_key;
    });
    assert.ok(r);
    const found = only(r.properties, 'auth-kind-consistency');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /apiKey scheme/);
    assert.equal(only(r.definition, 'auth-kind-consistency').length, 0);
  });

  it('oauth2 securityDefinition with no oauthSetting connection parameter -> auth-kind-consistency', () => {
    const r = seedDefect(OAUTH, (_def, props) => {
      if (!props?.properties?.connectionParameters?.token) return false;
      props.properties.connectionParameters = { api_key: { type: 'securestring', uiDefinition: { displayName: 'API key', description: 'Key' } } };
    });
    assert.ok(r);
    assert.match(only(r.properties, 'auth-kind-consistency')[0]?.message ?? '', /oauth2, but apiProperties.json has no connection parameter of type "oauthSetting"/);
  });

  it('oAuthSettings without identityProvider -> oauth-identity-provider-required', () => {
    const r = seedDefect(OAUTH, (_def, props) => {
      const s = props?.properties?.connectionParameters?.token?.oAuthSettings;
      if (!s) return false;
      delete s.identityProvider;
    });
    assert.ok(r);
    const found = only(r.properties, 'oauth-identity-provider-required');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
  });

  it('security requirement naming an undefined scheme -> security-requirement-defined', () => {
    const r = seedDefect(OAUTH, (def) => {
      def.security = [{ not_defined: [] }];
    });
    assert.ok(r);
    assert.match(only(r.definition, 'security-requirement-defined')[0]?.message ?? '', /"not_defined"/);
  });

  it('apiKey scheme without "in" -> security-scheme-property-required', () => {
    const r = seedDefect(APIKEY, (def) => {
      const s = Object.values<any>(def.securityDefinitions ?? {}).find((x) => x?.type === 'apiKey');
      if (!s) return false;
      delete s.in;
    });
    assert.ok(r);
    assert.match(only(r.definition, 'security-scheme-property-required')[0]?.message ?? '', /needs "in"/);
  });

  it('oauth2 scheme with an unknown type -> security-definition-type', () => {
    const r = seedDefect(OAUTH, (def) => {
      const s = Object.values<any>(def.securityDefinitions ?? {})[0];
      if (!s) return false;
      s.type = 'oauth';
    });
    assert.ok(r);
    assert.equal(only(r.definition, 'security-definition-type').length, 1);
  });

  it('connection parameter with an unknown type -> connection-parameter-type (in apiProperties.json)', () => {
    const r = seedDefect(APIKEY, (_def, props) => {
      const p = props?.properties?.connectionParameters?.api_key;
      if (!p) return false;
      p.type = 'password';
    });
    assert.ok(r);
    assert.match(only(r.properties, 'connection-parameter-type')[0]?.message ?? '', /"password"/);
  });

  it('iconBrandColor removed -> icon-brand-color-required', () => {
    const r = seedDefect(APIKEY, (_def, props) => {
      if (!props?.properties) return false;
      delete props.properties.iconBrandColor;
    });
    assert.ok(r);
    assert.equal(only(r.properties, 'icon-brand-color-required').length, 1);
  });
});
