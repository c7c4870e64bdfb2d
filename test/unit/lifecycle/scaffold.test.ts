import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { AUTH_KINDS, IDENTITY_PROVIDERS, type AuthKind } from '../../../shared/src/lifecycle/authKinds';
import { hexToRgb } from '../../../shared/src/lifecycle/png';
import { decodePngIndependently } from '../independentReaders';
import { checkDescription, checkTitle, parseBaseUrl, scaffoldConnector, ScaffoldError } from '../../../shared/src/lifecycle/scaffold';
import { runReadiness as runEngineReadiness } from '../../../engine/src/lifecycle/readinessRunner';
import { diskFileAccess } from '../../../engine/node/diskFileAccess';

/** The CLI's view of a folder: readiness over the disk. */
const runReadiness = (folder: string) => runEngineReadiness(folder, { files: diskFileAccess(folder) });
import { cleanupTemp, errorsOf, options, validateFiles, writeConnector } from './lifecycleKit';

const SINGLE: AuthKind[][] = AUTH_KINDS.map((k) => [k.kind]);
const MULTI: AuthKind[][] = [['apiKey', 'oauth2'], ['basic', 'apiKey'], ['aad', 'apiKey', 'basic'], ['github', 'google']];

describe('lifecycle: New Connector scaffolder', () => {
  after(cleanupTemp);

  for (const format of ['json', 'yaml'] as const) {
    for (const auth of [...SINGLE, ...MULTI]) {
      it(`${auth.join('+')} (${format}) validates with no errors in the default and certification profiles`, () => {
        const files = scaffoldConnector(options(auth, format));
        assert.deepEqual(errorsOf(validateFiles(files, 'default')), []);
        assert.deepEqual(errorsOf(validateFiles(files, 'certification')), []);
      });
    }
  }

  it('offers none, API key, basic, generic OAuth 2.0 and named identity providers including aad, github and google', () => {
    const kinds = AUTH_KINDS.map((k) => k.kind);
    for (const k of ['none', 'apiKey', 'basic', 'oauth2', 'aad', 'github', 'google']) assert.ok(kinds.includes(k as AuthKind), k);
    assert.ok(IDENTITY_PROVIDERS.length >= 5);
  });

  it('writes the folder layout paconn/pac and the connectors repository use', () => {
    assert.deepEqual(scaffoldConnector(options(['basic'])).map((f) => f.name), ['apiDefinition.swagger.json', 'apiProperties.json', 'icon.png', 'readme.md', 'settings.json']);
    assert.equal(scaffoldConnector(options(['basic'], 'yaml'))[0].name, 'apiDefinition.swagger.yaml');
  });

  it('puts the auth kind into securityDefinitions and connection parameters', () => {
    const props = (auth: AuthKind[]) => JSON.parse(String(scaffoldConnector(options(auth))[1].content)).properties;
    const def = (auth: AuthKind[]) => JSON.parse(String(scaffoldConnector(options(auth))[0].content));
    assert.equal(props(['apiKey']).connectionParameters.api_key.type, 'securestring');
    assert.equal(def(['apiKey']).securityDefinitions['API Key'].type, 'apiKey');
    assert.deepEqual(Object.keys(props(['basic']).connectionParameters), ['username', 'password']);
    assert.equal(props(['github']).connectionParameters.token.oAuthSettings.identityProvider, 'github');
    assert.equal(props(['aad']).connectionParameters.token.oAuthSettings.customParameters.resourceUri.value, 'https://tasks.fabrikam.io');
    assert.equal(props(['oauth2']).connectionParameters.token.oAuthSettings.identityProvider, 'oauth2');
    assert.equal(def(['none']).securityDefinitions && Object.keys(def(['none']).securityDefinitions).length, 0);
    const sets = props(['apiKey', 'google']).connectionParameterSets;
    assert.deepEqual(sets.values.map((s: { name: string }) => s.name), ['apiKeyAuth', 'googleAuth']);
  });

  it('YAML and JSON scaffolds hold the same definition, in the same key order', () => {
    const json = JSON.parse(String(scaffoldConnector(options(['oauth2']))[0].content));
    const yaml = parseYaml(String(scaffoldConnector(options(['oauth2'], 'yaml'))[0].content));
    assert.deepEqual(yaml, json);
    assert.deepEqual(Object.keys(yaml), Object.keys(json));
  });

  it('writes a real 230 x 230 PNG whose background is iconBrandColor', () => {
    const files = scaffoldConnector({ ...options(['none']), brandColor: '#12a05c' });
    // Decoded by fast-png, not by pngjs that wrote it.
    const png = decodePngIndependently(files.find((f) => f.name === 'icon.png')!.content as Buffer);
    assert.equal(png.width, 230);
    assert.equal(png.height, 230);
    assert.deepEqual(png.rgba(0, 0).slice(0, 3), [...hexToRgb('#12a05c')!]);
    assert.notDeepEqual(png.rgba(115, 115).slice(0, 3), [...hexToRgb('#12a05c')!], 'the logo placeholder differs from the background');
    assert.equal(JSON.parse(String(files[1].content)).properties.iconBrandColor, '#12a05c');
  });

  it('a scaffolded folder passes every certification-readiness requirement', () => {
    for (const auth of [['apiKey'], ['aad'], ['basic', 'oauth2']] as AuthKind[][]) {
      for (const format of ['json', 'yaml'] as const) {
        const report = runReadiness(writeConnector(options(auth, format)));
        const failing = report.results.filter((r) => r.status === 'fail').map((r) => `${r.id}: ${r.findings.map((f) => f.message).join('; ')}`);
        assert.deepEqual(failing, [], `${auth.join('+')} ${format}`);
      }
    }
  });

  it('rejects bad answers with clear messages', () => {
    assert.match(checkTitle('My Contoso API')!, /API/);
    assert.match(checkTitle('A'.repeat(31))!, /30/);
    assert.equal(checkTitle('Contoso Tasks'), undefined);
    assert.match(checkDescription('short')!, /30 to 500/);
    assert.equal(parseBaseUrl('api.contoso.com/v1/').basePath, '/v1');
    assert.equal(parseBaseUrl('https://api.contoso.com').basePath, '/');
    assert.throws(() => parseBaseUrl('ftp://x'), ScaffoldError);
    assert.throws(() => scaffoldConnector(options(['none', 'apiKey'])), ScaffoldError);
    assert.throws(() => scaffoldConnector({ ...options(['apiKey']), brandColor: 'blue' }), ScaffoldError);
  });
});
