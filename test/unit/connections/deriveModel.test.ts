import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deriveConnectionModels, effectiveKind } from '../../../shared/src/connections/deriveModel';
import { loadConnectorFiles } from '../../../shared/src/connections/loadConnector';
import type { ConnectionModel } from '../../../shared/src/connections/model';
import { aadEndpoints, aadScopes, oauthConfigFor } from '../../../shared/src/connections/oauthConfig';
import { requireCorpus } from '../ruleTestKit';

const repoRoot = resolve(__dirname, '../../..');
const corpus = resolve(repoRoot, '../shared/corpus/connectors');

function connectorFolders(): string[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((group) => readdirSync(join(corpus, group.name)).map((name) => join(corpus, group.name, name)));
}

function only(models: ConnectionModel[]): ConnectionModel {
  assert.equal(models.length, 1);
  return models[0]!;
}

function prompt(model: ConnectionModel, name: string) {
  const p = model.prompts.find((x) => x.name === name);
  assert.ok(p, `no prompt ${name} in ${model.prompts.map((x) => x.name).join(', ')}`);
  return p;
}

async function corpusModels(relative: string): Promise<ConnectionModel[]> {
  requireCorpus(join(corpus, relative)); // a missing corpus is a failure naming the folder
  const files = await loadConnectorFiles(join(corpus, relative));
  return deriveConnectionModels(files.definition, files.apiProperties).models;
}

describe('connections: model derivation over the whole corpus', function () {
  this.timeout(20_000);

  it('never throws and yields a kind consistent with securityDefinitions for every connector', async () => {
    const folders = connectorFolders();
    assert.ok(folders.length >= 300, `corpus has ${folders.length} connectors`);
    const counts: Record<string, number> = {};
    for (const folder of folders) {
      const files = await loadConnectorFiles(folder);
      const { models, choice } = deriveConnectionModels(files.definition, files.apiProperties);
      assert.ok(models.length >= 1, folder);
      if (models.length > 1) assert.ok(choice?.label, folder);
      const defs = Object.values(
        ((files.definition as { securityDefinitions?: Record<string, { type?: string }> } | undefined)?.securityDefinitions ?? {}),
      );
      for (const m of models) {
        counts[m.kind] = (counts[m.kind] ?? 0) + 1;
        assert.ok(m.label, folder);
        if (m.kind === 'apiKey') {
          assert.ok(m.apiKey?.name && (m.apiKey.in === 'header' || m.apiKey.in === 'query'), folder);
          assert.equal(m.prompts.filter((p) => p.role === 'apiKey').length, 1, folder);
        }
        if (m.kind === 'basic') assert.deepEqual(m.prompts.filter((p) => p.role).map((p) => p.role), ['username', 'password'], folder);
        if (m.kind.startsWith('oauth2')) {
          assert.ok(m.oauth, folder);
          assert.ok(m.prompts.some((p) => p.role === 'clientId'), folder);
          assert.ok(m.prompts.some((p) => p.role === 'clientSecret' && p.secret && p.input === 'password'), folder);
        }
        // Without any securityDefinition and without an oauthSetting parameter there is no auth to emulate.
        if (defs.length === 0 && !m.oauth) assert.equal(m.kind, 'none', folder);
        for (const p of m.prompts) {
          assert.ok(p.name && p.label, folder);
          assert.ok(['text', 'password', 'pick'].includes(p.input), folder);
          if (p.input === 'pick') assert.ok(p.options && p.options.length > 0, folder);
          if (p.input === 'password') assert.ok(p.secret, `${folder} ${p.name}`);
        }
      }
    }
    // The corpus mix (see the report): mostly API keys, then OAuth, basic and none.
    assert.ok((counts.apiKey ?? 0) > 100, JSON.stringify(counts));
    assert.ok((counts.oauth2AuthorizationCode ?? 0) > 50, JSON.stringify(counts));
    assert.ok((counts.basic ?? 0) > 15, JSON.stringify(counts));
    assert.ok((counts.none ?? 0) > 20, JSON.stringify(counts));
    assert.ok((counts.oauth2ClientCredentials ?? 0) >= 1, JSON.stringify(counts));
  });

  it('multi-auth: Open Data Network offers API key (header X-App-Token) and basic', async () => {
    const models = await corpusModels('independent-publisher-connectors/Open Data Network');
    assert.deepEqual(models.map((m) => [m.setName, m.kind]), [
      ['api-auth', 'apiKey'],
      ['basic-auth', 'basic'],
    ]);
    const [apiKey, basic] = models as [ConnectionModel, ConnectionModel];
    assert.deepEqual(apiKey.apiKey, { in: 'header', name: 'X-App-Token' });
    const key = prompt(apiKey, 'api_key');
    assert.equal(key.input, 'password');
    assert.equal(key.label, 'App Token');
    assert.equal(key.tooltip, 'Enter your App Token');
    assert.equal(key.required, true);
    const env = prompt(apiKey, 'environment');
    assert.equal(env.input, 'pick');
    assert.equal(env.default, 'api.us.socrata.com');
    assert.deepEqual(env.options?.map((o) => o.label), ['North America', 'EU']);
    assert.equal(prompt(basic, 'username').input, 'text');
    assert.equal(prompt(basic, 'password').input, 'password');
  });

  it('aad client credentials set with token:clientId / token:clientSecret / token:TenantId parameters', async () => {
    const models = await corpusModels('certified-connectors/Azure Communication Services SMS Events');
    const cc = models.find((m) => m.setName === 'aadOauthClientCredentials');
    assert.ok(cc);
    assert.equal(cc.kind, 'oauth2ClientCredentials');
    assert.equal(cc.oauth?.identityProvider, 'aad');
    assert.equal(prompt(cc, 'token:clientId').role, 'clientId');
    assert.equal(prompt(cc, 'token:clientSecret').role, 'clientSecret');
    assert.equal(prompt(cc, 'token:TenantId').role, 'tenantId');
    const config = oauthConfigFor(cc, { 'token:clientId': 'app', 'token:clientSecret': 'shh', 'token:TenantId': 'contoso.onmicrosoft.com' });
    assert.equal(config.grant, 'clientCredentials');
    assert.equal(config.tokenUrl, 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
    assert.deepEqual(config.scopes, ['https://management.core.windows.net/.default']);
  });

  it('generic oauth2 identity provider takes its URLs from customParameters', async () => {
    const model = only(await corpusModels('certified-connectors/AIForged'));
    assert.equal(model.kind, 'oauth2AuthorizationCode');
    assert.equal(prompt(model, 'token.authorizationUrl').default, 'https://portal.aiforged.com/connect/authorize');
    assert.equal(prompt(model, 'token.tokenUrl').default, 'https://portal.aiforged.com/connect/token');
    assert.equal(prompt(model, 'token.clientId').default, undefined, 'placeholder client ids are not defaults');
    assert.match(prompt(model, 'token.scopes').default ?? '', /openid email/);
  });

  it('oauth2generic with templated URLs asks for them (no placeholder defaults)', async () => {
    const model = only(await corpusModels('certified-connectors/Cognite Data Fusion'));
    assert.equal(model.oauth?.identityProvider, 'oauth2generic');
    assert.equal(prompt(model, 'token.authorizationUrl').default, undefined);
    assert.ok(model.notes.length > 0);
  });

  it('a grantType parameter switches the OAuth grant per connection', async () => {
    const model = only(await corpusModels('certified-connectors/Dynamics365FraudProtection'));
    const grant = model.prompts.find((p) => p.role === 'grantType');
    assert.ok(grant);
    assert.equal(grant.input, 'pick');
    assert.equal(effectiveKind(model, { [grant.name]: 'client_credentials' }), 'oauth2ClientCredentials');
    assert.equal(effectiveKind(model, { [grant.name]: 'code' }), 'oauth2AuthorizationCode');
  });
});

describe('connections: model derivation of specific shapes', () => {
  it('API key in query without connectionParameters gets the portal-generated api_key prompt', () => {
    const model = only(
      deriveConnectionModels({ securityDefinitions: { k: { type: 'apiKey', in: 'query', name: 'code' } } }, { properties: {} }).models,
    );
    assert.equal(model.kind, 'apiKey');
    assert.deepEqual(model.apiKey, { in: 'query', name: 'code' });
    const p = prompt(model, 'api_key');
    assert.equal(p.secret, true);
    assert.equal(p.input, 'password');
  });

  it('oauth2 application flow in securityDefinitions is client credentials', () => {
    const model = only(
      deriveConnectionModels(
        { securityDefinitions: { o: { type: 'oauth2', flow: 'application', tokenUrl: 'https://idp.example/token', scopes: { 'api.read': '' } } } },
        {},
      ).models,
    );
    assert.equal(model.kind, 'oauth2ClientCredentials');
    assert.equal(prompt(model, 'token.tokenUrl').default, 'https://idp.example/token');
    assert.equal(prompt(model, 'token.scopes').default, 'api.read');
    assert.equal(prompt(model, 'token.clientSecret').required, true);
  });

  it('builds Microsoft identity platform URLs and v2 scopes for aad', () => {
    assert.deepEqual(aadEndpoints('common', 'https://login.windows.net'), {
      authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    });
    assert.deepEqual(aadScopes('https://graph.microsoft.com', ['User.Read'], 'authorizationCode'), [
      'https://graph.microsoft.com/User.Read',
      'offline_access',
    ]);
    assert.deepEqual(aadScopes('https://api.contoso.com/', [], 'authorizationCode'), ['https://api.contoso.com/.default', 'offline_access']);
    assert.deepEqual(aadScopes('https://api.contoso.com', ['x'], 'clientCredentials'), ['https://api.contoso.com/.default']);
  });

  it('never throws on junk input', () => {
    for (const junk of [null, 42, 'x', [], { properties: { connectionParameters: 'no' } }, { properties: { connectionParameterSets: { values: [null, 3] } } }]) {
      const { models } = deriveConnectionModels(junk, junk);
      assert.ok(models.length >= 1);
    }
  });
});
