/**
 * Derive the connection models of a connector, as the platform does when it creates a
 * connection: from securityDefinitions (definition) and connectionParameters /
 * connectionParameterSets (apiProperties.json). Total over any JSON input: never throws.
 */
import type {
  ApiKeyPlacement,
  ConnectionKind,
  ConnectionModel,
  ConnectionModels,
  ConnectionPrompt,
  IdentityProvider,
  OAuthModel,
  PromptOption,
  PromptRole,
} from './model';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** Case-insensitive property lookup: the corpus has oAuthSettings/oauthSettings, TenantId/tenantId. */
function prop(o: Json | undefined, key: string): unknown {
  if (!o) return undefined;
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  const found = Object.keys(o).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : o[found];
}

/** customParameters entries are `{ "value": ... }`. */
function customValue(custom: Json | undefined, key: string): string | undefined {
  const entry = prop(custom, key);
  const value = str(prop(obj(entry), 'value')) ?? str(entry);
  return value === undefined || value === '' ? undefined : value;
}

/** Placeholder client ids like "[[DUMMY]]" or "<<Please add...>>" are not real defaults. */
function realValue(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\s*(\[\[|<<|<|\{)|PLACEHOLDER|DUMMY|please add/i.test(value)) return undefined;
  return value;
}

/** A URL template that still has `{Placeholder}` parts cannot be a default. */
function concreteUrl(value: string | undefined): string | undefined {
  return value && !/[{}]/.test(value) && /^https?:\/\//i.test(value) ? value : undefined;
}

interface SecurityDefinition {
  key: string;
  type: string;
  in?: string;
  name?: string;
  flow?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  scopes: string[];
}

function securityDefinitions(definition: unknown): SecurityDefinition[] {
  const defs = obj(obj(definition)?.securityDefinitions);
  if (!defs) return [];
  const result: SecurityDefinition[] = [];
  for (const [key, raw] of Object.entries(defs)) {
    const d = obj(raw);
    const type = str(d?.type);
    if (!d || !type) continue;
    result.push({
      key,
      type,
      in: str(d.in),
      name: str(d.name),
      flow: str(d.flow),
      authorizationUrl: str(d.authorizationUrl),
      tokenUrl: str(d.tokenUrl),
      scopes: Object.keys(obj(d.scopes) ?? {}),
    });
  }
  return result;
}

function allowedValues(param: Json, ui: Json | undefined): PromptOption[] | undefined {
  const list = prop(obj(ui?.constraints), 'allowedValues') ?? param.allowedValues;
  if (!Array.isArray(list)) return undefined;
  const options: PromptOption[] = [];
  for (const item of list) {
    const o = obj(item);
    const value = str(o?.value) ?? str(item);
    if (value === undefined) continue;
    options.push({ value, label: str(o?.text) ?? value });
  }
  return options.length > 0 ? options : undefined;
}

function isSecureType(type: string | undefined): boolean {
  return (type ?? '').toLowerCase() === 'securestring';
}

function isOAuthType(type: string | undefined): boolean {
  return (type ?? '').toLowerCase() === 'oauthsetting';
}

/** A prompt for an ordinary connection parameter. */
function parameterPrompt(name: string, param: Json, role?: PromptRole): ConnectionPrompt {
  const ui = obj(param.uiDefinition);
  const constraints = obj(ui?.constraints);
  const secret = isSecureType(str(param.type));
  const options = allowedValues(param, ui);
  const tooltip = str(ui?.tooltip) ?? str(ui?.description) ?? str(obj(ui?.schema)?.description);
  const input = options ? 'pick' : secret && !truthy(constraints?.clearText) ? 'password' : 'text';
  const prompt: ConnectionPrompt = {
    name,
    label: str(ui?.displayName) ?? name,
    input,
    required: truthy(constraints?.required),
    hidden: truthy(constraints?.hidden),
    secret,
  };
  if (tooltip) prompt.tooltip = tooltip;
  if (options) prompt.options = options;
  const def = str(param.defaultValue);
  if (def !== undefined) prompt.default = def;
  if (role) prompt.role = role;
  return prompt;
}

function syntheticPrompt(
  name: string,
  role: PromptRole,
  label: string,
  tooltip: string,
  options: { secret?: boolean; required?: boolean; default?: string; hidden?: boolean } = {},
): ConnectionPrompt {
  const prompt: ConnectionPrompt = {
    name,
    label,
    tooltip,
    input: options.secret ? 'password' : 'text',
    required: options.required ?? true,
    hidden: options.hidden ?? false,
    secret: options.secret ?? false,
    role,
  };
  if (options.default !== undefined) prompt.default = options.default;
  return prompt;
}

const FACEBOOK = {
  authorizationUrl: 'https://www.facebook.com/v19.0/dialog/oauth',
  tokenUrl: 'https://graph.facebook.com/v19.0/oauth/access_token',
};

/** Find an existing parameter playing an OAuth role, e.g. "token:clientId" or "token:TenantId". */
function findRoleParameter(names: string[], oauthParam: string, suffix: string): string | undefined {
  const wanted = `${oauthParam}:${suffix}`.toLowerCase();
  return names.find((n) => n.toLowerCase() === wanted);
}

function oauthPrompts(
  oauthParam: string,
  setting: Json,
  params: Record<string, Json>,
  secDef: SecurityDefinition | undefined,
  notes: string[],
): { oauth: OAuthModel; prompts: ConnectionPrompt[] } {
  const settings = obj(prop(setting, 'oAuthSettings')) ?? {};
  const custom = obj(prop(settings, 'customParameters'));
  const idp = (str(prop(settings, 'identityProvider')) ?? 'oauth2') as IdentityProvider;
  const idpLower = idp.toLowerCase();
  const isAad = idpLower === 'aad' || idpLower === 'aadcertificate';
  const names = Object.keys(params);
  const grantTypeValue = customValue(custom, 'grantType');
  const clientCredentials = grantTypeValue === 'client_credentials' || secDef?.flow === 'application';
  const oauth: OAuthModel = {
    identityProvider: idp,
    grant: clientCredentials ? 'clientCredentials' : 'authorizationCode',
    parameter: oauthParam,
  };
  const prompts: ConnectionPrompt[] = [];
  const add = (suffix: string, role: PromptRole, make: (name: string) => ConnectionPrompt): void => {
    const existing = findRoleParameter(names, oauthParam, suffix);
    if (existing) {
      const p = params[existing];
      if (p) prompts.push(parameterPrompt(existing, p, role));
    } else {
      prompts.push(make(`${oauthParam}.${role}`));
    }
  };

  const clientId = realValue(str(prop(settings, 'clientId')));
  add('clientId', 'clientId', (name) =>
    syntheticPrompt(name, 'clientId', 'Client ID', 'Client (application) ID of your app registration.', { default: clientId }),
  );
  add('clientSecret', 'clientSecret', (name) =>
    syntheticPrompt(name, 'clientSecret', 'Client secret', 'Client secret of your app registration. Leave empty for a public client (PKCE only).', {
      secret: true,
      required: clientCredentials,
    }),
  );

  const scopes = (Array.isArray(prop(settings, 'scopes')) ? (prop(settings, 'scopes') as unknown[]) : [])
    .map(str)
    .filter((s): s is string => !!s && !/[{}]/.test(s));
  const scopeDefault = (scopes.length > 0 ? scopes : (secDef?.scopes ?? [])).join(' ');
  add('scopes', 'scopes', (name) =>
    syntheticPrompt(name, 'scopes', 'Scopes', 'Space-separated scopes to request.', { default: scopeDefault, required: false }),
  );

  if (isAad) {
    if (idpLower === 'aadcertificate') notes.push('Certificate credentials are not emulated; sign-in uses a client secret or PKCE instead.');
    add('TenantId', 'tenantId', (name) =>
      syntheticPrompt(name, 'tenantId', 'Tenant ID', 'Directory (tenant) ID or domain; "common" or "organizations" for multi-tenant apps.', {
        default: customValue(custom, 'tenantId') ?? 'common',
      }),
    );
    add('resourceUri', 'resourceUri', (name) =>
      syntheticPrompt(name, 'resourceUri', 'Resource URI', 'Application ID URI of the API; scopes are requested for this resource.', {
        default: realValue(customValue(custom, 'resourceUri')),
        required: false,
      }),
    );
    add('loginUri', 'loginUri', (name) =>
      syntheticPrompt(name, 'loginUri', 'Login URI', 'Microsoft identity platform authority host.', {
        default: customValue(custom, 'loginUri') ?? customValue(custom, 'loginUriAAD') ?? 'https://login.microsoftonline.com',
        required: false,
        hidden: true,
      }),
    );
  } else {
    let authorizationUrl = customValue(custom, 'authorizationUrl') ?? customValue(custom, 'authorizationUrlTemplate') ?? secDef?.authorizationUrl;
    let tokenUrl = customValue(custom, 'tokenUrl') ?? customValue(custom, 'tokenUrlTemplate') ?? secDef?.tokenUrl;
    let refreshUrl = customValue(custom, 'refreshUrl') ?? customValue(custom, 'refreshUrlTemplate');
    if (idpLower === 'facebook') {
      authorizationUrl ??= FACEBOOK.authorizationUrl;
      tokenUrl ??= FACEBOOK.tokenUrl;
    }
    if (idpLower === 'oauth2generic') {
      notes.push('oauth2generic query/body templates are not emulated; standard OAuth 2.0 requests are sent to the template URLs.');
    }
    authorizationUrl = concreteUrl(authorizationUrl);
    tokenUrl = concreteUrl(tokenUrl);
    refreshUrl = concreteUrl(refreshUrl);
    if (!clientCredentials) {
      prompts.push(
        syntheticPrompt(`${oauthParam}.authorizationUrl`, 'authorizationUrl', 'Authorization URL', 'Authorization endpoint of the identity provider.', {
          default: authorizationUrl,
        }),
      );
    }
    prompts.push(
      syntheticPrompt(`${oauthParam}.tokenUrl`, 'tokenUrl', 'Token URL', 'Token endpoint of the identity provider.', { default: tokenUrl }),
      syntheticPrompt(`${oauthParam}.refreshUrl`, 'refreshUrl', 'Refresh URL', 'Endpoint used to refresh tokens; defaults to the token URL.', {
        default: refreshUrl,
        required: false,
      }),
    );
  }
  const grantParam = findRoleParameter(names, oauthParam, 'grantType');
  if (grantParam && params[grantParam]) prompts.push(parameterPrompt(grantParam, params[grantParam], 'grantType'));
  return { oauth, prompts };
}

function pickSecurityDefinition(defs: SecurityDefinition[], setName: string | undefined, params: Record<string, Json>): SecurityDefinition | undefined {
  if (defs.length === 0) return undefined;
  if (setName) {
    const byName = defs.find((d) => d.key.toLowerCase() === setName.toLowerCase());
    if (byName) return byName;
  }
  const names = Object.keys(params).map((n) => n.toLowerCase());
  const hasOAuth = Object.values(params).some((p) => isOAuthType(str(p.type)));
  if (hasOAuth) return defs.find((d) => d.type === 'oauth2') ?? defs[0];
  if (names.includes('username') && names.includes('password')) {
    const basic = defs.find((d) => d.type === 'basic');
    if (basic) return basic;
  }
  return defs.find((d) => d.type === 'apiKey') ?? defs.find((d) => d.type === 'basic') ?? defs[0];
}

function buildModel(
  definition: unknown,
  params: Record<string, Json>,
  set?: { name: string; label?: string },
): ConnectionModel {
  const notes: string[] = [];
  const defs = securityDefinitions(definition);
  const secDef = pickSecurityDefinition(defs, set?.name, params);
  if (defs.length > 1 && !set) notes.push(`Several securityDefinitions; using "${secDef?.key}".`);
  const entries = Object.entries(params);
  const oauthEntry = entries.find(([, p]) => isOAuthType(str(p.type)));
  const prompts: ConnectionPrompt[] = [];
  const used = new Set<string>();
  let kind: ConnectionKind = 'none';
  let label = 'No authentication';
  let apiKey: ApiKeyPlacement | undefined;
  let oauth: OAuthModel | undefined;

  if (oauthEntry || secDef?.type === 'oauth2') {
    const oauthParam = oauthEntry?.[0] ?? 'token';
    const derived = oauthPrompts(oauthParam, oauthEntry?.[1] ?? {}, params, secDef, notes);
    oauth = derived.oauth;
    for (const p of derived.prompts) used.add(p.name);
    used.add(oauthParam);
    prompts.push(...derived.prompts);
    kind = oauth.grant === 'clientCredentials' ? 'oauth2ClientCredentials' : 'oauth2AuthorizationCode';
    const grantLabel = oauth.grant === 'clientCredentials' ? 'client credentials' : 'authorization code with PKCE';
    label = `OAuth 2.0 ${grantLabel} (${oauth.identityProvider})`;
  } else if (secDef?.type === 'apiKey') {
    kind = 'apiKey';
    apiKey = { in: secDef.in === 'query' ? 'query' : 'header', name: secDef.name || 'api_key' };
    label = `API key (${apiKey.in} ${apiKey.name})`;
    const keyName =
      entries.find(([n]) => n === 'api_key')?.[0] ??
      entries.find(([, p]) => isSecureType(str(p.type)))?.[0] ??
      (entries.length === 1 ? entries[0]?.[0] : undefined);
    if (keyName && params[keyName]) {
      prompts.push(parameterPrompt(keyName, params[keyName], 'apiKey'));
      used.add(keyName);
    } else {
      // The portal generates this parameter when apiProperties has none.
      prompts.push(syntheticPrompt('api_key', 'apiKey', 'API key', `Value sent in the ${apiKey.in} "${apiKey.name}".`, { secret: true }));
    }
  } else if (secDef?.type === 'basic') {
    kind = 'basic';
    label = 'Basic authentication';
    for (const role of ['username', 'password'] as const) {
      const name = entries.find(([n]) => n.toLowerCase() === role)?.[0];
      if (name && params[name]) {
        prompts.push(parameterPrompt(name, params[name], role));
        used.add(name);
      } else {
        prompts.push(
          syntheticPrompt(role, role, role === 'username' ? 'Username' : 'Password', `Basic authentication ${role}.`, {
            secret: role === 'password',
          }),
        );
      }
    }
  } else if (secDef) {
    notes.push(`Security type "${secDef.type}" is not supported; requests are sent without authentication.`);
  }

  // The remaining parameters (hosts, instance ids, keys used by policies) are asked for as they are.
  for (const [name, p] of entries) {
    if (used.has(name) || isOAuthType(str(p.type))) continue;
    prompts.push(parameterPrompt(name, p));
  }
  const model: ConnectionModel = { kind, label, prompts, notes };
  if (set) {
    model.setName = set.name;
    if (set.label) model.setLabel = set.label;
  }
  if (apiKey) model.apiKey = apiKey;
  if (oauth) model.oauth = oauth;
  return model;
}

function paramsOf(value: unknown): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const [name, raw] of Object.entries(obj(value) ?? {})) {
    const p = obj(raw);
    if (p) result[name] = p;
  }
  return result;
}

/** All the ways a connection can be made for this connector (one per connectionParameterSet). */
export function deriveConnectionModels(definition: unknown, apiProperties: unknown): ConnectionModels {
  try {
    const properties = obj(obj(apiProperties)?.properties);
    const sets = obj(properties?.connectionParameterSets);
    const values = Array.isArray(sets?.values) ? sets.values : undefined;
    if (sets && values && values.length > 0) {
      const ui = obj(sets.uiDefinition);
      const models = values.flatMap((raw, i) => {
        const v = obj(raw);
        if (!v) return [];
        const name = str(v.name) ?? `set${i + 1}`;
        return [buildModel(definition, paramsOf(v.parameters), { name, label: str(obj(v.uiDefinition)?.displayName) ?? name })];
      });
      if (models.length > 0) {
        const choice: ConnectionModels['choice'] = { label: str(ui?.displayName) ?? 'Authentication type' };
        const tooltip = str(ui?.tooltip) ?? str(ui?.description);
        if (tooltip) choice.tooltip = tooltip;
        return { choice, models };
      }
    }
    return { models: [buildModel(definition, paramsOf(properties?.connectionParameters))] };
  } catch (err) {
    // Defensive: a model is always returned so the UI can still offer a connection.
    return {
      models: [{ kind: 'none', label: 'No authentication', prompts: [], notes: [`Could not read the connection parameters: ${String(err)}`] }],
    };
  }
}

/** The model for a stored connection (by set name), or the only one. */
export function findModel(models: ConnectionModels, setName: string | undefined): ConnectionModel | undefined {
  if (setName === undefined) return models.models.length === 1 ? models.models[0] : undefined;
  return models.models.find((m) => m.setName === setName);
}

/**
 * The kind of a concrete connection: a grantType parameter (allowedValues code /
 * client_credentials, as some connectors have) can switch the OAuth grant.
 */
export function effectiveKind(model: ConnectionModel, values: Record<string, string>): ConnectionKind {
  const grantPrompt = model.prompts.find((p) => p.role === 'grantType');
  const grant = grantPrompt ? values[grantPrompt.name] : undefined;
  if (model.oauth && grant === 'client_credentials') return 'oauth2ClientCredentials';
  if (model.oauth && grant === 'code') return 'oauth2AuthorizationCode';
  return model.kind;
}
