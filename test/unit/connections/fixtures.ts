/**
 * In-memory connectors of every connection kind, with OAuth URLs pointing at the test
 * oidc-provider, and a tiny echo server that records what requests carried.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorFiles } from '../../../shared/src/connections/connectionManager';
import { TENANT, type TestOidcServer } from '../auth/oidcTestServer';

const secure = (displayName: string) => ({ type: 'securestring', uiDefinition: { displayName, constraints: { required: 'true' } } });
const text = (displayName: string) => ({ type: 'string', uiDefinition: { displayName, constraints: { required: 'true' } } });

function oauthSetting(identityProvider: string, clientId: string, scopes: string[], customParameters: Record<string, string>) {
  return {
    type: 'oauthSetting',
    oAuthSettings: {
      identityProvider,
      clientId,
      scopes,
      redirectMode: 'GlobalPerConnector',
      customParameters: Object.fromEntries(Object.entries(customParameters).map(([k, v]) => [k, { value: v }])),
    },
    uiDefinition: { displayName: 'Sign in', constraints: { required: 'true' } },
  };
}

const props = (connectionParameters: object) => ({ properties: { connectionParameters } });

export function connectorFixtures(server: TestOidcServer, clientId: string): Record<string, ConnectorFiles> {
  const oauthDef = { securityDefinitions: { oauth2_auth: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://ignored.example/a', tokenUrl: 'https://ignored.example/t', scopes: {} } } };
  return {
    'apikey-header': {
      definition: { securityDefinitions: { api_key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
      apiProperties: props({ api_key: secure('API key') }),
    },
    'apikey-query': {
      definition: { securityDefinitions: { api_key: { type: 'apiKey', in: 'query', name: 'code' } } },
      apiProperties: props({ api_key: secure('Function key') }),
    },
    basic: {
      definition: { securityDefinitions: { basic_auth: { type: 'basic' } } },
      apiProperties: props({ username: text('User'), password: secure('Password') }),
    },
    none: {
      definition: {},
      apiProperties: props({ siteUrl: text('Site'), policyKey: secure('Key used by a policy') }),
    },
    'oauth-code': {
      definition: oauthDef,
      apiProperties: props({
        token: oauthSetting('oauth2', clientId, ['openid', 'offline_access'], {
          authorizationUrl: server.authorizationUrl,
          tokenUrl: server.tokenUrl,
          refreshUrl: server.tokenUrl,
        }),
      }),
    },
    'oauth-cc': {
      definition: {},
      apiProperties: props({
        token: oauthSetting('oauth2', clientId, ['api:read'], { tokenUrl: server.tokenUrl, grantType: 'client_credentials' }),
      }),
    },
    aad: {
      definition: oauthDef,
      apiProperties: props({
        token: oauthSetting('aad', clientId, ['openid'], { loginUri: server.loginUri, tenantId: TENANT }),
      }),
    },
    'aad-cc': {
      definition: {},
      apiProperties: props({
        token: oauthSetting('aad', clientId, [], { loginUri: server.loginUri, tenantId: TENANT, grantType: 'client_credentials' }),
      }),
    },
  };
}

export interface EchoServer {
  url: string;
  requests: { url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startEchoServer(): Promise<EchoServer> {
  const requests: EchoServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
