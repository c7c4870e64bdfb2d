// The New Connector scaffolder: from a few answers, the files of a connector folder in the
// layout paconn, pac and the public connectors repository use. Pure: returns file contents.
import { AUTH_KINDS, identityProvider, isOAuth, type AuthKind } from './authKinds';
import { toJsonText, toYamlText, type DefinitionFormat } from './convert';
import { hexToRgb, iconPlaceholderPng } from './png';
import { README_SECTIONS } from './readmeSections';

export interface ScaffoldOptions {
  /** Connector title (info.title): at most 30 characters for certification. */
  title: string;
  /** info.description: 30 to 500 characters for certification. */
  description: string;
  /** Base URL of the API, e.g. https://api.contoso.com/v1 (scheme optional: https assumed). */
  baseUrl: string;
  /** One kind, or several for multi-auth (connectionParameterSets). */
  auth: readonly AuthKind[];
  format: DefinitionFormat;
  publisher?: string;
  stackOwner?: string;
  contact?: { name: string; url: string; email: string };
  website?: string;
  privacyPolicy?: string;
  categories?: readonly string[];
  /** #rrggbb, the icon background; never #ffffff or #007ee5. */
  brandColor?: string;
  /** 'mcp': an MCP server for Copilot Studio (POST /mcp with x-ms-agentic-protocol); default 'rest'. */
  kind?: ConnectorKind;
}

export type ConnectorKind = 'rest' | 'mcp';

/** The authentication kinds an MCP connector offers: an API key or OAuth 2.0 (Copilot Studio's MCP onboarding). */
export function mcpAuthAllowed(kind: AuthKind): boolean {
  return kind === 'apiKey' || isOAuth(kind);
}

export interface ScaffoldFile {
  name: string;
  content: string | Buffer;
}

export const DEFAULT_BRAND_COLOR = '#3a5f8a';
const REDIRECT_URL = 'https://global.consent.azure-apim.net/redirect';

export class ScaffoldError extends Error {}

export interface ParsedBaseUrl {
  scheme: 'https' | 'http';
  host: string;
  basePath: string;
}

export function parseBaseUrl(input: string): ParsedBaseUrl {
  const raw = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new ScaffoldError(`"${input}" is not a URL or host name`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ScaffoldError(`the base URL must use https (got ${url.protocol})`);
  if (!url.hostname) throw new ScaffoldError('the base URL has no host');
  const basePath = url.pathname.replace(/\/+$/, '') || '/';
  return { scheme: url.protocol === 'https:' ? 'https' : 'http', host: url.host, basePath };
}

/** A validation message for the wizard's title input, or undefined when it is fine. */
export function checkTitle(title: string): string | undefined {
  const t = title.trim();
  if (!t) return 'Enter a name.';
  if (t.length > 30) return `At most 30 characters (certification rule); this is ${t.length}.`;
  if (/\b(api|connector)\b/i.test(t)) return 'Certification rejects the words "API" and "Connector" in titles.';
  if (!/[A-Za-z0-9)]$/.test(t)) return 'The title must end with a letter or digit.';
  return undefined;
}

export function checkDescription(description: string): string | undefined {
  const n = description.trim().length;
  if (n < 30 || n > 500) return `30 to 500 characters (certification rule); this is ${n}.`;
  if (/\bapi\b/i.test(description)) return 'Certification rejects the word "API" in the description.';
  return undefined;
}

/** Folder name for a title: the connectors repository names folders after the title. */
export function folderNameFor(title: string): string {
  return title.trim().replace(/[\\/:*?"<>|]+/g, '').replace(/\s+/g, ' ') || 'New Connector';
}

export function scaffoldConnector(o: ScaffoldOptions): ScaffoldFile[] {
  if (!o.auth.length) throw new ScaffoldError('choose at least one authentication kind');
  if (o.auth.length > 1 && o.auth.includes('none')) throw new ScaffoldError('"No authentication" cannot be one of several parameter sets');
  if (o.kind === 'mcp' && (o.auth.length !== 1 || !mcpAuthAllowed(o.auth[0]))) throw new ScaffoldError('an MCP connector uses one authentication: an API key or OAuth 2.0');
  const brandColor = (o.brandColor ?? DEFAULT_BRAND_COLOR).toLowerCase();
  const rgb = hexToRgb(brandColor);
  if (!rgb) throw new ScaffoldError(`brand colour "${brandColor}" is not #rrggbb`);
  const definitionName = `apiDefinition.swagger.${o.format === 'json' ? 'json' : 'yaml'}`;
  const definition = buildDefinition(o);
  const files: ScaffoldFile[] = [
    { name: definitionName, content: o.format === 'json' ? toJsonText(definition) : toYamlText(definition) },
    { name: 'apiProperties.json', content: toJsonText(buildProperties(o, brandColor)) },
    // The logo placeholder is the brand colour's complement on the brand colour.
    { name: 'icon.png', content: iconPlaceholderPng(rgb, [255 - rgb[0], 255 - rgb[1], 255 - rgb[2]]) },
    { name: 'readme.md', content: buildReadme(o) },
    { name: 'settings.json', content: toJsonText(buildSettings()) },
  ];
  return files;
}

type Obj = Map<string, unknown>;
const obj = (entries: Record<string, unknown>): Obj => new Map(Object.entries(entries).filter(([, v]) => v !== undefined));

function buildDefinition(o: ScaffoldOptions): Obj {
  const base = parseBaseUrl(o.baseUrl);
  const contact = o.contact ?? { name: o.publisher ?? 'Publisher', url: `https://${base.host.replace(/^api\./, 'www.')}`, email: `support@${base.host.replace(/^api\./, '').replace(/:\d+$/, '')}` };
  const website = o.website ?? contact.url;
  const security = securityDefinitions(o);
  return obj({
    swagger: '2.0',
    info: obj({ title: o.title.trim(), description: o.description.trim(), version: '1.0', contact: obj({ name: contact.name, url: contact.url, email: contact.email }) }),
    host: base.host,
    basePath: base.basePath,
    schemes: [base.scheme],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: o.kind === 'mcp' ? mcpPaths() : obj({
      '/items': obj({
        get: obj({
          summary: 'List items',
          description: 'Lists the items of the service.',
          operationId: 'ListItems',
          'x-ms-visibility': 'important',
          parameters: [],
          responses: obj({
            '200': obj({ description: 'The items.', schema: obj({ $ref: '#/definitions/ItemList' }) }),
          }),
        }),
      }),
    }),
    definitions: o.kind === 'mcp' ? obj({}) : obj({
      ItemList: obj({
        type: 'array',
        items: obj({
          type: 'object',
          properties: obj({
            id: obj({ type: 'string', description: 'The identifier of the item.', 'x-ms-summary': 'Item ID' }),
            name: obj({ type: 'string', description: 'The display name of the item.', 'x-ms-summary': 'Name' }),
          }),
        }),
      }),
    }),
    parameters: obj({}),
    responses: obj({}),
    securityDefinitions: security.definitions,
    security: security.requirement,
    tags: [],
    'x-ms-connector-metadata': [
      obj({ propertyName: 'Website', propertyValue: website }),
      obj({ propertyName: 'Privacy policy', propertyValue: o.privacyPolicy ?? `${website.replace(/\/+$/, '')}/privacy` }),
      obj({ propertyName: 'Categories', propertyValue: (o.categories?.length ? o.categories : ['Productivity']).join(';') }),
    ],
  });
}

/** The MCP server operation as Copilot Studio's MCP onboarding writes it, with a JSON body and answer. */
function mcpPaths(): Obj {
  return obj({
    '/mcp': obj({
      post: obj({
        summary: 'MCP server',
        description: 'Gives Copilot Studio agents the tools of this service over the Model Context Protocol (streamable HTTP).',
        operationId: 'InvokeMCP',
        'x-ms-agentic-protocol': 'mcp-streamable-1.0',
        'x-ms-visibility': 'important',
        parameters: [obj({ name: 'body', in: 'body', required: false, 'x-ms-summary': 'Message', description: 'The JSON-RPC 2.0 message Copilot Studio sends.', schema: obj({ type: 'object' }) })],
        responses: obj({
          '200': obj({
            description: 'The JSON-RPC 2.0 answer.',
            schema: obj({
              type: 'object',
              properties: obj({
                jsonrpc: obj({ type: 'string', description: 'The protocol version, 2.0.', 'x-ms-summary': 'JSON-RPC version' }),
                result: obj({ type: 'object', description: 'The answer to the request.', 'x-ms-summary': 'Result' }),
              }),
            }),
          }),
        }),
      }),
    }),
  });
}

const SCHEME_NAME: Record<string, string> = { apiKey: 'API Key', basic: 'basic_auth', oauth2: 'oauth2_auth' };

function schemeName(kind: AuthKind): string {
  return isOAuth(kind) ? SCHEME_NAME.oauth2 : SCHEME_NAME[kind];
}

function securityDefinitions(o: ScaffoldOptions): { definitions: Obj; requirement: unknown[] } {
  const definitions = obj({});
  for (const kind of o.auth) {
    if (kind === 'none') continue;
    if (kind === 'apiKey') definitions.set(schemeName(kind), obj({ type: 'apiKey', in: 'header', name: 'api_key' }));
    else if (kind === 'basic') definitions.set(schemeName(kind), obj({ type: 'basic' }));
    else if (!definitions.has(schemeName(kind))) {
      const urls = oauthUrls(o, kind);
      definitions.set(schemeName(kind), obj({ type: 'oauth2', flow: 'accessCode', authorizationUrl: urls.authorizationUrl, tokenUrl: urls.tokenUrl, scopes: obj({}) }));
    }
  }
  // One requirement for single-auth connectors; multi-auth ones pick the scheme per connection.
  const requirement = o.auth.length === 1 && definitions.size === 1 ? [obj({ [[...definitions.keys()][0]]: [] })] : [];
  return { definitions, requirement };
}

function oauthUrls(o: ScaffoldOptions, kind: AuthKind) {
  const idp = identityProvider(kind);
  if (idp) return idp;
  const { scheme, host } = parseBaseUrl(o.baseUrl);
  const origin = `${scheme}://${host}`;
  return { authorizationUrl: `${origin}/oauth2/authorize`, tokenUrl: `${origin}/oauth2/token`, refreshUrl: `${origin}/oauth2/token`, scopes: [] as string[] };
}

function connectionParameters(o: ScaffoldOptions, kind: AuthKind): Obj {
  const ui = (displayName: string, description: string, tooltip: string, required = true) =>
    obj({ displayName, description, tooltip, constraints: obj({ tabIndex: undefined, clearText: undefined, required: required ? 'true' : 'false' }) });
  switch (kind) {
    case 'none':
      return obj({});
    case 'apiKey':
      return obj({ api_key: obj({ type: 'securestring', uiDefinition: ui('API Key', 'The key to call the service with.', 'Provide your key', true) }) });
    case 'basic':
      return obj({
        username: obj({ type: 'securestring', uiDefinition: ui('User name', 'The user name for this connection.', 'Provide your user name') }),
        password: obj({ type: 'securestring', uiDefinition: ui('Password', 'The password for this connection.', 'Provide your password') }),
      });
    default: {
      const idp = identityProvider(kind);
      const urls = oauthUrls(o, kind);
      const customParameters = kind === 'aad'
        ? obj({ loginUri: obj({ value: 'https://login.microsoftonline.com' }), tenantId: obj({ value: 'common' }), resourceUri: obj({ value: `https://${parseBaseUrl(o.baseUrl).host}` }) })
        : idp
          ? undefined
          : obj({ authorizationUrl: obj({ value: urls.authorizationUrl }), tokenUrl: obj({ value: urls.tokenUrl }), refreshUrl: obj({ value: urls.refreshUrl }) });
      return obj({
        token: obj({
          type: 'oauthSetting',
          oAuthSettings: obj({
            identityProvider: idp ? idp.id : 'oauth2',
            clientId: '[[DUMMY]]',
            scopes: [...urls.scopes],
            redirectMode: 'GlobalPerConnector',
            redirectUrl: REDIRECT_URL,
            properties: obj({ IsFirstParty: 'False' }),
            customParameters,
          }),
          uiDefinition: ui('Sign in', 'Sign in to the service.', 'Sign in with your account'),
        }),
      });
    }
  }
}

function buildProperties(o: ScaffoldOptions, brandColor: string): Obj {
  const props = obj({});
  if (o.auth.length === 1) {
    props.set('connectionParameters', connectionParameters(o, o.auth[0]));
  } else {
    props.set('connectionParameters', obj({}));
    props.set('connectionParameterSets', obj({
      uiDefinition: obj({ displayName: 'Authentication type', description: 'Choose how to authenticate.' }),
      values: o.auth.map((kind) => obj({
        name: setName(kind),
        uiDefinition: obj({ displayName: AUTH_KINDS.find((k) => k.kind === kind)?.label ?? kind, description: `Authenticate with ${AUTH_KINDS.find((k) => k.kind === kind)?.label ?? kind}.` }),
        parameters: connectionParameters(o, kind),
      })),
    }));
  }
  props.set('iconBrandColor', brandColor);
  props.set('capabilities', []);
  props.set('publisher', o.publisher?.trim() || 'Publisher');
  props.set('stackOwner', o.stackOwner?.trim() || o.publisher?.trim() || 'Publisher');
  props.set('policyTemplateInstances', []);
  return obj({ properties: props });
}

function setName(kind: AuthKind): string {
  return kind === 'apiKey' ? 'apiKeyAuth' : kind === 'basic' ? 'basicAuth' : kind === 'oauth2' ? 'oauthAuth' : `${kind}Auth`;
}

function buildSettings(): Obj {
  // paconn/pac "settings.json": an argument store for the command-line tools. The definition is
  // always the JSON file: a YAML definition is converted by Package Connector before deploying.
  return obj({
    connectorId: undefined,
    environment: undefined,
    apiProperties: 'apiProperties.json',
    apiDefinition: 'apiDefinition.swagger.json',
    icon: 'icon.png',
    powerAppsApiVersion: '2016-11-01',
    powerAppsUrl: 'https://api.powerapps.com',
  });
}

function buildReadme(o: ScaffoldOptions): string {
  const auth = o.auth.map((k) => AUTH_KINDS.find((x) => x.kind === k)?.label ?? k).join(', ');
  const text: Record<(typeof README_SECTIONS)[number]['id'], string> = {
    publisher: o.publisher?.trim() || 'Publisher',
    prerequisites: `You need an account with the service at ${o.website ?? o.contact?.url ?? 'the publisher'}.`,
    operations: o.kind === 'mcp' ? '### MCP server\nGives Copilot Studio agents the tools of this service over the Model Context Protocol (streamable HTTP). Add the connector to an agent in Copilot Studio as a tool.' : '### List items\nLists the items of the service.',
    credentials: o.auth.some(isOAuth)
      ? `This connector signs in with OAuth 2.0 (${auth}). Register an OAuth app with the service, add the redirect URL https://global.consent.azure-apim.net/redirect, and use its client ID and secret.`
      : o.auth.includes('none') ? 'No credentials are needed.' : `This connector uses ${auth}. Explain here how to obtain the credentials from the service.`,
    knownIssues: 'None known yet.',
    deployment: 'Run `pac connector create` (or `paconn create`) in this folder, or use the Connector Studio command "Deploy Connector".',
  };
  const sections = README_SECTIONS.map((s) => `## ${s.id === 'publisher' ? `${s.heading}: ${text.publisher}` : `${s.heading}\n\n${text[s.id]}`}`);
  return `# ${o.title.trim()}\n\n${o.description.trim()}\n\n${sections.join('\n\n')}\n`;
}
