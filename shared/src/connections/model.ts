/** Types of the connection model: what a connector's auth needs and what to ask the author. */

export type ConnectionKind =
  | 'none'
  | 'apiKey'
  | 'basic'
  | 'oauth2AuthorizationCode' // with PKCE
  | 'oauth2ClientCredentials';

/** apiProperties oAuthSettings.identityProvider; 'oauth2' = generic OAuth 2.0 with custom URLs. */
export type IdentityProvider = 'oauth2' | 'oauth2generic' | 'aad' | 'aadcertificate' | 'facebook' | (string & {});

export type PromptInput = 'text' | 'password' | 'pick';

/** What a prompt value is used for when building requests (undefined = a plain connection parameter). */
export type PromptRole =
  | 'apiKey'
  | 'username'
  | 'password'
  | 'clientId'
  | 'clientSecret'
  | 'scopes'
  | 'authorizationUrl'
  | 'tokenUrl'
  | 'refreshUrl'
  | 'tenantId'
  | 'resourceUri'
  | 'loginUri'
  | 'grantType';

export interface PromptOption {
  value: string;
  label: string;
}

export interface ConnectionPrompt {
  /** Key of the value: the connection parameter name, or `<oauthParam>.<role>` for synthesized OAuth prompts. */
  name: string;
  label: string;
  tooltip?: string;
  input: PromptInput;
  options?: PromptOption[];
  default?: string;
  required: boolean;
  /** Hidden in the portal's dialog (uiDefinition.constraints.hidden); still settable. */
  hidden: boolean;
  /** Value goes to SecretStore only and is registered with the redacting logger. */
  secret: boolean;
  role?: PromptRole;
}

export interface ApiKeyPlacement {
  in: 'header' | 'query';
  /** Header or query parameter name, from the securityDefinition. */
  name: string;
}

export interface OAuthModel {
  identityProvider: IdentityProvider;
  /** The grant the definition asks for; a grantType prompt may switch it per connection. */
  grant: 'authorizationCode' | 'clientCredentials';
  /** Name of the oauthSetting connection parameter (usually "token"). */
  parameter: string;
}

export interface ConnectionModel {
  /** connectionParameterSets value name, when the connector has multi-auth. */
  setName?: string;
  setLabel?: string;
  kind: ConnectionKind;
  /** Human label of the kind, e.g. "API key (header X-Api-Key)". */
  label: string;
  apiKey?: ApiKeyPlacement;
  oauth?: OAuthModel;
  prompts: ConnectionPrompt[];
  /** Things the emulation does differently from the platform, for the author to know. */
  notes: string[];
}

export interface ConnectionModels {
  /** Set when the author must pick one of several models (connectionParameterSets). */
  choice?: { label: string; tooltip?: string };
  models: ConnectionModel[];
}

/** Decorations a request needs for a connection; only ever built in the extension host. */
export interface RequestDecorations {
  headers: Record<string, string>;
  query: Record<string, string>;
}
