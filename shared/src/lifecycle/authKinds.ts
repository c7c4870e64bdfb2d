// The authentication kinds the New Connector wizard offers, and what each writes into
// securityDefinitions (definition) and connectionParameters (apiProperties.json).
export type AuthKind = 'none' | 'apiKey' | 'basic' | 'oauth2' | IdentityProviderId;

/** Named identity providers the custom-connector wizard lists (besides generic OAuth 2.0). */
export type IdentityProviderId = 'aad' | 'github' | 'google' | 'facebook' | 'dropbox' | 'salesforce' | 'microsoftaccount' | 'slack';

export interface IdentityProvider {
  id: IdentityProviderId;
  label: string;
  authorizationUrl: string;
  tokenUrl: string;
  refreshUrl: string;
  scopes: string[];
}

export const IDENTITY_PROVIDERS: readonly IdentityProvider[] = [
  { id: 'aad', label: 'Microsoft Entra ID (Azure Active Directory)', authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/authorize', tokenUrl: 'https://login.microsoftonline.com/common/oauth2/token', refreshUrl: 'https://login.microsoftonline.com/common/oauth2/token', scopes: [] },
  { id: 'github', label: 'GitHub', authorizationUrl: 'https://github.com/login/oauth/authorize', tokenUrl: 'https://github.com/login/oauth/access_token', refreshUrl: 'https://github.com/login/oauth/access_token', scopes: ['repo'] },
  { id: 'google', label: 'Google', authorizationUrl: 'https://accounts.google.com/o/oauth2/auth', tokenUrl: 'https://oauth2.googleapis.com/token', refreshUrl: 'https://oauth2.googleapis.com/token', scopes: ['openid', 'email'] },
  { id: 'facebook', label: 'Facebook', authorizationUrl: 'https://www.facebook.com/dialog/oauth', tokenUrl: 'https://graph.facebook.com/oauth/access_token', refreshUrl: 'https://graph.facebook.com/oauth/access_token', scopes: ['email'] },
  { id: 'dropbox', label: 'Dropbox', authorizationUrl: 'https://www.dropbox.com/oauth2/authorize', tokenUrl: 'https://api.dropboxapi.com/oauth2/token', refreshUrl: 'https://api.dropboxapi.com/oauth2/token', scopes: [] },
  { id: 'salesforce', label: 'Salesforce', authorizationUrl: 'https://login.salesforce.com/services/oauth2/authorize', tokenUrl: 'https://login.salesforce.com/services/oauth2/token', refreshUrl: 'https://login.salesforce.com/services/oauth2/token', scopes: ['api', 'refresh_token'] },
  { id: 'microsoftaccount', label: 'Microsoft Account', authorizationUrl: 'https://login.live.com/oauth20_authorize.srf', tokenUrl: 'https://login.live.com/oauth20_token.srf', refreshUrl: 'https://login.live.com/oauth20_token.srf', scopes: ['wl.signin'] },
  { id: 'slack', label: 'Slack', authorizationUrl: 'https://slack.com/oauth/authorize', tokenUrl: 'https://slack.com/api/oauth.access', refreshUrl: 'https://slack.com/api/oauth.access', scopes: ['chat:write'] },
];

export const AUTH_KINDS: readonly { kind: AuthKind; label: string; detail: string }[] = [
  { kind: 'none', label: 'No authentication', detail: 'The API is public.' },
  { kind: 'apiKey', label: 'API key', detail: 'A key sent in a request header.' },
  { kind: 'basic', label: 'Basic authentication', detail: 'User name and password.' },
  { kind: 'oauth2', label: 'OAuth 2.0 (generic)', detail: 'Authorization code flow against your own authorization server.' },
  ...IDENTITY_PROVIDERS.map((p) => ({ kind: p.id, label: `OAuth 2.0: ${p.label}`, detail: `identityProvider "${p.id}"` })),
];

export function identityProvider(kind: AuthKind): IdentityProvider | undefined {
  return IDENTITY_PROVIDERS.find((p) => p.id === kind);
}

export function isOAuth(kind: AuthKind): boolean {
  return kind === 'oauth2' || !!identityProvider(kind);
}

export function isAuthKind(v: unknown): v is AuthKind {
  return typeof v === 'string' && AUTH_KINDS.some((k) => k.kind === v);
}
