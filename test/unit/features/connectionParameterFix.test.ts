import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { quickFixes, type FileEdit } from '../../../engine/src/languageService/features/codeActions';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';
import { baseDefinition } from '../ruleTestKit';

function apply(text: string, edits: FileEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

const PROPS_PATH = '/x/apiProperties.json';

function fix(securityDefinitions: object, properties: object) {
  const def = baseDefinition();
  def.securityDefinitions = securityDefinitions;
  const definition = parseDocument('/x/apiDefinition.swagger.json', JSON.stringify(def, null, 2));
  const text = JSON.stringify(properties, null, 4);
  const props = parseDocument(PROPS_PATH, text);
  const actions = quickFixes({ file: 'properties', definition, properties: props }, { ruleId: 'auth-kind-consistency', pointer: '/properties/connectionParameters', message: '' });
  return { text, actions, definition };
}

/** auth-kind-consistency findings of a definition + properties pair, through the real rule. */
function authFindings(definitionText: string, propertiesText: string): string[] {
  const results = validateConnector({ definition: { uri: 'file:///x/apiDefinition.swagger.json', text: definitionText }, properties: { uri: 'file://' + PROPS_PATH, text: propertiesText } });
  return results.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === 'auth-kind-consistency').map((d) => d.message);
}

describe('quick fix: add a missing connection parameter for a security definition', () => {
  it('adds a securestring parameter for an apiKey scheme, in apiProperties.json, keeping its indentation', () => {
    const props = { properties: { iconBrandColor: '#007ee5', connectionParameters: { instance: { type: 'string' } }, capabilities: [] } };
    const { actions } = fix({ api_key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } }, props);
    // A string parameter already counts as a holder for the key (same test as the rule): no fix.
    assert.equal(actions.length, 0);
    const props2 = { properties: { iconBrandColor: '#007ee5', connectionParameters: { region: { type: 'int' } }, capabilities: [] } };
    const r = fix({ api_key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } }, props2);
    assert.equal(r.actions.length, 1);
    assert.equal(r.actions[0].title, 'Add connection parameter "api_key" for "api_key"');
    assert.ok(r.actions[0].edits.every((e) => e.file === 'properties'));
    const after = apply(r.text, r.actions[0].edits);
    const value = JSON.parse(after);
    assert.equal(value.properties.connectionParameters.api_key.type, 'securestring');
    assert.equal(value.properties.connectionParameters.api_key.uiDefinition.displayName, 'API Key');
    assert.deepEqual(value.properties.connectionParameters.region, { type: 'int' }, 'existing parameters are kept');
    assert.match(after, /\n {12}"api_key": \{\n {16}"type": "securestring",/);
    // The finding is gone once the fix is applied.
    const defText = r.definition.text;
    assert.equal(authFindings(defText, r.text).length, 1);
    assert.deepEqual(authFindings(defText, after), []);
  });

  it('adds an oauthSetting "token" for an oauth2 scheme and username/password for basic, in one edit', () => {
    const props = { properties: { iconBrandColor: '#007ee5', connectionParameters: {} } };
    const r = fix(
      {
        oauth: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://login.contoso.com/authorize', tokenUrl: 'https://login.contoso.com/token', scopes: { 'tasks.read': 'Read tasks' } },
        basic: { type: 'basic' },
      },
      props,
    );
    assert.equal(r.actions.length, 1);
    assert.equal(r.actions[0].edits.length, 1);
    const after = apply(r.text, r.actions[0].edits);
    const cp = JSON.parse(after).properties.connectionParameters;
    assert.deepEqual(Object.keys(cp), ['token', 'username', 'password']);
    assert.equal(cp.token.type, 'oauthSetting');
    assert.deepEqual(cp.token.oAuthSettings.scopes, ['tasks.read']);
    assert.equal(cp.token.oAuthSettings.customParameters.tokenUrl.value, 'https://login.contoso.com/token');
    assert.equal(cp.password.type, 'securestring');
    assert.deepEqual(authFindings(r.definition.text, after), []);
  });

  it('offers nothing when the parameters exist or the file uses connectionParameterSets', () => {
    const sd = { api_key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } };
    assert.equal(fix(sd, { properties: { connectionParameters: { api_key: { type: 'securestring' } } } }).actions.length, 0);
    assert.equal(fix(sd, { properties: { connectionParameterSets: { uiDefinition: {}, values: [] } } }).actions.length, 0);
  });
});
