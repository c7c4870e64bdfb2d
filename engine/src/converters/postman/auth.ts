// Postman auth (collection, folder or request level) -> securityDefinitions, security and
// apiProperties connectionParameters in the shape the Power Platform expects.
import type { PmAuth, PmKeyValue } from './types';
import type { Variables } from './variables';
import type { ReportBuilder } from './report';

export type AuthSpec =
  | { kind: 'none' }
  | { kind: 'basic' }
  | { kind: 'apiKey'; name: string; in: 'header' | 'query'; bearer: boolean }
  | { kind: 'oauth2'; authUrl: string; tokenUrl: string; refreshUrl: string; scopes: string[]; clientId: string; grantType: string; hasSecret: boolean }
  | { kind: 'unsupported'; type: string };

export const CONSENT_REDIRECT_URL = 'https://global.consent.azure-apim.net/redirect';

function params(auth: PmAuth, type: string): Map<string, unknown> {
  const raw = auth[type];
  const map = new Map<string, unknown>();
  if (Array.isArray(raw)) for (const p of raw as PmKeyValue[]) if (p && typeof p.key === 'string') map.set(p.key, p.value);
  else if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) map.set(k, v);
  return map;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** Reads one Postman auth object; undefined means "inherit from the parent". */
export function readAuth(auth: PmAuth | null | undefined, vars: Variables): AuthSpec | undefined {
  if (!auth || typeof auth.type !== 'string') return undefined;
  const type = auth.type;
  const p = params(auth, type);
  const resolved = (k: string) => {
    const r = vars.resolve(str(p.get(k)));
    return r.unresolved.length ? '' : r.text;
  };
  switch (type) {
    case 'noauth':
      return { kind: 'none' };
    case 'inherit':
      return undefined;
    case 'basic':
      return { kind: 'basic' };
    case 'bearer':
      return { kind: 'apiKey', name: 'Authorization', in: 'header', bearer: true };
    case 'apikey': {
      const name = resolved('key') || str(p.get('key')) || 'X-API-Key';
      return { kind: 'apiKey', name, in: str(p.get('in')) === 'query' ? 'query' : 'header', bearer: false };
    }
    case 'oauth2': {
      const scopes = resolved('scope')
        .split(/[\s,]+/)
        .filter(Boolean);
      return {
        kind: 'oauth2',
        authUrl: resolved('authUrl'),
        tokenUrl: resolved('accessTokenUrl'),
        refreshUrl: resolved('refreshTokenUrl'),
        scopes: [...new Set(scopes)],
        clientId: resolved('clientId'),
        grantType: str(p.get('grant_type')) || 'authorization_code',
        hasSecret: str(p.get('clientSecret')) !== '',
      };
    }
    default:
      return { kind: 'unsupported', type };
  }
}

/** Equal auth settings give equal keys, so requests can be grouped by the auth they use. */
export function authKey(a: AuthSpec): string {
  switch (a.kind) {
    case 'apiKey':
      return `apiKey:${a.in}:${a.name.toLowerCase()}:${a.bearer}`;
    case 'oauth2':
      return `oauth2:${a.authUrl}:${a.tokenUrl}`;
    case 'unsupported':
      return `unsupported:${a.type}`;
    default:
      return a.kind;
  }
}

export function describeAuth(a: AuthSpec): string {
  switch (a.kind) {
    case 'none':
      return 'no auth';
    case 'basic':
      return 'basic auth';
    case 'apiKey':
      return a.bearer ? 'bearer token' : `API key (${a.in} "${a.name}")`;
    case 'oauth2':
      return 'OAuth 2.0';
    case 'unsupported':
      return `"${a.type}" auth`;
  }
}

export interface SecurityOutput {
  securityDefinitions: Record<string, Record<string, unknown>>;
  security: Array<Record<string, string[]>>;
  connectionParameters: Record<string, unknown>;
}

function isAbsoluteUrl(s: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(s);
}

/** The connector-level security for the chosen auth. */
export function buildSecurity(a: AuthSpec, report: ReportBuilder, where: string): SecurityOutput {
  const out: SecurityOutput = { securityDefinitions: {}, security: [], connectionParameters: {} };
  switch (a.kind) {
    case 'basic':
      out.securityDefinitions.basic_auth = { type: 'basic' };
      out.security.push({ basic_auth: [] });
      out.connectionParameters.username = {
        type: 'securestring',
        uiDefinition: { displayName: 'Username', description: 'The username for this connection', tooltip: 'Provide the username', constraints: { tabIndex: 2, clearText: true, required: 'true' } },
      };
      out.connectionParameters.password = {
        type: 'securestring',
        uiDefinition: { displayName: 'Password', description: 'The password for this connection', tooltip: 'Provide the password', constraints: { tabIndex: 3, clearText: false, required: 'true' } },
      };
      return out;
    case 'apiKey':
      out.securityDefinitions.api_key = { type: 'apiKey', in: a.in, name: a.name };
      out.security.push({ api_key: [] });
      out.connectionParameters.api_key = {
        type: 'securestring',
        uiDefinition: {
          displayName: a.bearer ? 'Access token' : 'API key',
          description: a.bearer ? 'The access token, entered as "Bearer YOUR_TOKEN"' : 'The API key for this connection',
          tooltip: a.bearer ? 'Enter "Bearer " followed by your token' : 'Provide your API key',
          constraints: { tabIndex: 2, clearText: false, required: 'true' },
        },
      };
      if (a.bearer) report.info('bearer-as-api-key', 'Bearer token auth is written as an API key in the Authorization header: users enter "Bearer <token>" when they create a connection.', where);
      return out;
    case 'oauth2': {
      const flow = 'accessCode';
      if (a.grantType !== 'authorization_code' && a.grantType !== 'authorization_code_with_pkce') {
        report.warn('oauth2-grant-type', `OAuth 2.0 grant type "${a.grantType}" is not supported by the platform, which uses the authorization code flow; written as accessCode: check the URLs.`, where);
      }
      let authorizationUrl = a.authUrl;
      let tokenUrl = a.tokenUrl;
      if (!isAbsoluteUrl(authorizationUrl)) {
        report.warn('oauth2-url-missing', `OAuth 2.0 authorization URL is missing or uses an undefined variable; a placeholder was written.`, where);
        authorizationUrl = 'https://login.example.com/oauth2/authorize';
      }
      if (!isAbsoluteUrl(tokenUrl)) {
        report.warn('oauth2-url-missing', `OAuth 2.0 token URL is missing or uses an undefined variable; a placeholder was written.`, where);
        tokenUrl = 'https://login.example.com/oauth2/token';
      }
      const refreshUrl = isAbsoluteUrl(a.refreshUrl) ? a.refreshUrl : tokenUrl;
      const scopes: Record<string, string> = {};
      for (const s of a.scopes) scopes[s] = s;
      out.securityDefinitions.oauth2_auth = { type: 'oauth2', flow, authorizationUrl, tokenUrl, scopes };
      out.security.push({ oauth2_auth: [...a.scopes] });
      if (a.hasSecret) report.info('oauth2-secret-omitted', 'The OAuth 2.0 client secret is not written to apiProperties.json; enter it when you deploy the connector.', where);
      if (!a.clientId) report.warn('oauth2-client-id-missing', 'The OAuth 2.0 client id is missing or uses an undefined variable; set oAuthSettings.clientId in apiProperties.json.', where);
      out.connectionParameters.token = {
        type: 'oauthSetting',
        oAuthSettings: {
          identityProvider: 'oauth2',
          clientId: a.clientId || 'CLIENT_ID',
          scopes: [...a.scopes],
          redirectMode: 'Global',
          redirectUrl: CONSENT_REDIRECT_URL,
          properties: { IsFirstParty: 'False' },
          customParameters: { authorizationUrl: { value: authorizationUrl }, tokenUrl: { value: tokenUrl }, refreshUrl: { value: refreshUrl } },
        },
      };
      return out;
    }
    default:
      return out;
  }
}
