/**
 * Turn a connection's model and values into a concrete OAuth client configuration,
 * building Microsoft identity platform (v2.0) URLs for the aad identity provider.
 */
import type { AuthorizationCodeConfig } from '../auth/authorizationCodeFlow';
import type { ConnectionModel, PromptRole } from './model';

const MICROSOFT_LOGIN = 'https://login.microsoftonline.com';
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

export class ConnectionConfigError extends Error {
  override readonly name = 'ConnectionConfigError';
}

export function valueFor(model: ConnectionModel, values: Record<string, string>, role: PromptRole): string | undefined {
  const prompt = model.prompts.find((p) => p.role === role);
  if (!prompt) return undefined;
  const value = values[prompt.name] ?? prompt.default;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Authority host: login.windows.net (the v1 name in many connectors) maps to login.microsoftonline.com. */
function authority(loginUri: string | undefined): string {
  if (!loginUri) return MICROSOFT_LOGIN;
  const trimmed = loginUri.replace(/\/+$/, '');
  return /^https:\/\/login\.windows\.net$/i.test(trimmed) ? MICROSOFT_LOGIN : trimmed;
}

export function aadEndpoints(tenantId: string, loginUri?: string): { authorizationUrl: string; tokenUrl: string } {
  const base = `${authority(loginUri)}/${encodeURIComponent(tenantId)}/oauth2/v2.0`;
  return { authorizationUrl: `${base}/authorize`, tokenUrl: `${base}/token` };
}

/**
 * v2.0 scopes: short names are qualified with the resource (`User.Read` -> `https://graph.../User.Read`),
 * `<resource>/.default` when nothing resource-specific was asked for, plus offline_access for
 * the authorization code grant so a refresh token is issued.
 */
export function aadScopes(resourceUri: string | undefined, scopes: string[], grant: 'authorizationCode' | 'clientCredentials'): string[] {
  const resource = resourceUri?.replace(/\/+$/, '');
  const qualified = scopes.map((s) => (resource && !OIDC_SCOPES.has(s) && !s.includes('/') && !s.includes(':') ? `${resource}/${s}` : s));
  if (grant === 'clientCredentials') return resource ? [`${resource}/.default`] : qualified.filter((s) => s.endsWith('/.default'));
  const result = [...qualified];
  if (resource && !result.some((s) => !OIDC_SCOPES.has(s))) result.push(`${resource}/.default`);
  if (!result.includes('offline_access')) result.push('offline_access');
  return result;
}

function splitScopes(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter(Boolean);
}

/** Full configuration for signing in / refreshing; throws ConnectionConfigError when a required URL or id is missing. */
export function oauthConfigFor(model: ConnectionModel, values: Record<string, string>): AuthorizationCodeConfig & { grant: 'authorizationCode' | 'clientCredentials' } {
  if (!model.oauth) throw new ConnectionConfigError(`Connection kind "${model.kind}" does not use OAuth.`);
  const grantValue = valueFor(model, values, 'grantType');
  const grant = grantValue === 'client_credentials' ? 'clientCredentials' : grantValue === 'code' ? 'authorizationCode' : model.oauth.grant;
  const clientId = valueFor(model, values, 'clientId');
  if (!clientId) throw new ConnectionConfigError('The connection has no client ID.');
  const clientSecret = valueFor(model, values, 'clientSecret');
  const scopes = splitScopes(valueFor(model, values, 'scopes'));
  const idp = model.oauth.identityProvider.toLowerCase();

  if (idp === 'aad' || idp === 'aadcertificate') {
    const tenant = valueFor(model, values, 'tenantId') ?? 'common';
    const urls = aadEndpoints(tenant, valueFor(model, values, 'loginUri'));
    const config = {
      grant,
      clientId,
      scopes: aadScopes(valueFor(model, values, 'resourceUri'), scopes, grant),
      authorizationUrl: urls.authorizationUrl,
      tokenUrl: urls.tokenUrl,
      refreshUrl: urls.tokenUrl,
    };
    return clientSecret ? { ...config, clientSecret } : config;
  }

  const authorizationUrl = valueFor(model, values, 'authorizationUrl') ?? '';
  const tokenUrl = valueFor(model, values, 'tokenUrl');
  if (!tokenUrl) throw new ConnectionConfigError('The connection has no token URL.');
  if (grant === 'authorizationCode' && !authorizationUrl) throw new ConnectionConfigError('The connection has no authorization URL.');
  const config: AuthorizationCodeConfig & { grant: 'authorizationCode' | 'clientCredentials' } = {
    grant,
    clientId,
    scopes,
    authorizationUrl,
    tokenUrl,
    refreshUrl: valueFor(model, values, 'refreshUrl') ?? tokenUrl,
  };
  // OpenID Connect Core 11: offline_access is only honoured together with prompt=consent.
  if (scopes.includes('offline_access')) config.authorizationParams = { prompt: 'consent' };
  return clientSecret ? { ...config, clientSecret } : config;
}
