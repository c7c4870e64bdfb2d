// The editor JSON Schemas of a connector: one for the definition (Swagger 2.0 + the x-ms extensions
// where Microsoft allows them) and one for apiProperties.json. Both are BUILT from the models the
// rules use, so they cannot drift: the Swagger structure from rules/schemas/swagger2-connector.json
// (the schema rule swagger-schema validates with), the x-ms keys, their positions, texts and values
// from features/xmsCatalog.ts, the policy templates from features/policyCatalog.ts, the apiProperties
// keys, capabilities and connection parameter types from rules/security.ts, and the rule ids of
// x-connector-studio-disable from rules/catalogue.ts. `npm run gen:schemas` (scripts/gen-editor-schemas.mts)
// writes them to schemas/ for the package.json `jsonValidation`/`yamlValidation` contributions; a
// unit test fails when the files differ from what this module builds.
import base from '../../rules/schemas/swagger2-connector.json';
import { EXTENSIONS, type ExtensionDoc, type Position } from '../features/xmsCatalog';
import { POLICY_TEMPLATES } from '../features/policyCatalog';
import { APIPROPERTIES_KEYS, CAPABILITIES, CONNECTION_PARAMETER_TYPES } from '../../rules/security';
import { CATALOGUE } from '../../rules/catalogue';
import { RULES_DOC_URL } from '../../rules/docsLink';

export type JsonSchema = { [key: string]: unknown };

export const DEFINITION_SCHEMA_URI = 'https://connector-studio.local/schemas/connector-definition.schema.json';
export const PROPERTIES_SCHEMA_URI = 'https://connector-studio.local/schemas/apiProperties.schema.json';
export const DEFINITION_SCHEMA_FILE = 'schemas/connector-definition.schema.json';
export const PROPERTIES_SCHEMA_FILE = 'schemas/apiProperties.schema.json';

/** Microsoft Learn's page of the x-ms extensions, scrolled to one key (a text fragment). */
export const XMS_DOCS_URL = 'https://learn.microsoft.com/en-us/connectors/custom-connectors/openapi-extensions';
export const SWAGGER_DOCS_URL = 'https://swagger.io/specification/v2/';
export const PROPERTIES_DOCS_URL = 'https://learn.microsoft.com/en-us/connectors/custom-connectors/certification-submission#step-3b-update-apipropertiesjson';
export const POLICY_DOCS_URL = 'https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates';

/** The definition in the schema that describes each x-ms position ('' = the root). */
export const POSITION_DEFINITIONS: Record<Position, string> = {
  root: '',
  info: 'info',
  pathItem: 'pathItem',
  operation: 'operation',
  parameter: 'parameter',
  schema: 'schema',
  response: 'response',
  securityDefinition: 'securityScheme',
};

// Swagger 2.0 specification text for the standard keys the official schema leaves undescribed.
const SWAGGER_TEXT: Record<string, Record<string, [string, string]>> = {
  '': {
    swagger: ['Specifies the Swagger Specification version being used. Must be `"2.0"`.', 'swagger-object'],
    info: ['Provides metadata about the API: title, description, version, contact.', 'info-object'],
    host: ['The host (name or ip) serving the API, optionally with a port. No scheme and no path.', 'swagger-object'],
    basePath: ['The base path on which the API is served, relative to the host. Must start with a leading slash (`/`).', 'swagger-object'],
    schemes: ['The transfer protocol of the API: `http`, `https`, `ws`, `wss`. Connectors use `https`.', 'swagger-object'],
    paths: ['The available paths and operations for the API.', 'paths-object'],
    definitions: ['Data types produced and consumed by operations (schemas referenced with `$ref: "#/definitions/Name"`).', 'definitions-object'],
    parameters: ['Parameters that can be used across operations (referenced with `$ref: "#/parameters/name"`).', 'parameters-definitions-object'],
    responses: ['Responses that can be used across operations (referenced with `$ref: "#/responses/name"`).', 'responses-definitions-object'],
    security: ['Which security schemes apply to the API as a whole.', 'security-requirement-object'],
    securityDefinitions: ['Security schemes available across the specification (`basic`, `apiKey` or `oauth2`). A connector declares at most one.', 'security-definitions-object'],
    tags: ['Tags used by the specification with additional metadata (the designer groups operations by tag).', 'tag-object'],
    externalDocs: ['Additional external documentation.', 'external-documentation-object'],
  },
  operation: {
    tags: ['Tags for API documentation control.', 'operation-object'],
    parameters: ['Parameters of this operation (they override the path item\'s by name and location).', 'parameter-object'],
    responses: ['The possible responses of this operation, by HTTP status code (and `default`).', 'responses-object'],
    schemes: ['The transfer protocol of this operation.', 'operation-object'],
    deprecated: ['Declares this operation deprecated (the designer hides it from new flows).', 'operation-object'],
    security: ['Which security schemes apply to this operation.', 'operation-object'],
  },
  parameter: {
    in: ['The location of the parameter: `query`, `header`, `path`, `formData` or `body`.', 'parameter-object'],
    required: ['Whether this parameter is mandatory. Path parameters must be required.', 'parameter-object'],
    type: ['The type of a non-body parameter.', 'parameter-object'],
    format: ['The extending format of the type (`int32`, `date-time`, ...).', 'data-types'],
    schema: ['The schema of a body parameter.', 'parameter-object'],
    items: ['The type of the items of an array parameter.', 'items-object'],
  },
  response: {
    description: ['A short description of the response (required).', 'response-object'],
    schema: ['The structure of the response body.', 'response-object'],
    headers: ['Headers sent with the response.', 'headers-object'],
    examples: ['Examples of the response message, by MIME type.', 'example-object'],
  },
  securityScheme: {
    type: ['The type of the security scheme: `basic`, `apiKey` or `oauth2`.', 'security-scheme-object'],
    description: ['A short description of the security scheme.', 'security-scheme-object'],
    name: ['apiKey: the name of the header or query parameter that carries the key.', 'security-scheme-object'],
    in: ['apiKey: where the key goes, `header` or `query`.', 'security-scheme-object'],
    flow: ['oauth2: the flow (`accessCode` for connectors).', 'security-scheme-object'],
    authorizationUrl: ['oauth2: the authorization URL.', 'security-scheme-object'],
    tokenUrl: ['oauth2: the token URL.', 'security-scheme-object'],
    scopes: ['oauth2: the available scopes, scope name to a short description.', 'scopes-object'],
  },
};

// The draft-04 meta-schema fragments the official Swagger schema refers to: inlined, so an editor
// needs no network to resolve them.
const DRAFT04 = 'http://json-schema.org/draft-04/schema#';
const META: Record<string, JsonSchema> = {
  [`${DRAFT04}/properties/title`]: { type: 'string' },
  [`${DRAFT04}/properties/description`]: { type: 'string' },
  [`${DRAFT04}/properties/default`]: {},
  [`${DRAFT04}/properties/multipleOf`]: { type: 'number', minimum: 0, exclusiveMinimum: true },
  [`${DRAFT04}/properties/maximum`]: { type: 'number' },
  [`${DRAFT04}/properties/exclusiveMaximum`]: { type: 'boolean', default: false },
  [`${DRAFT04}/properties/minimum`]: { type: 'number' },
  [`${DRAFT04}/properties/exclusiveMinimum`]: { type: 'boolean', default: false },
  [`${DRAFT04}/definitions/positiveInteger`]: { type: 'integer', minimum: 0 },
  [`${DRAFT04}/definitions/positiveIntegerDefault0`]: { type: 'integer', minimum: 0, default: 0 },
  [`${DRAFT04}/properties/pattern`]: { type: 'string', format: 'regex' },
};

/** Default values Microsoft documents for x-ms extensions. */
const XMS_DEFAULTS: Record<string, unknown> = { 'x-ms-url-encoding': 'single' };

export function buildDefinitionSchema(): JsonSchema {
  const s = inlineMeta(structuredClone(base)) as JsonSchema;
  s.id = DEFINITION_SCHEMA_URI;
  s.title = 'Power Platform custom connector definition (Swagger 2.0 with x-ms extensions)';
  s.description = 'A custom connector\'s OpenAPI 2.0 definition. Generated by Connector Studio from its rule catalogue.';
  const defs = s.definitions as Record<string, JsonSchema>;
  const at = (name: string): JsonSchema => (name === '' ? s : defs[name]);
  for (const [defName, props] of Object.entries(SWAGGER_TEXT)) {
    const properties = (at(defName).properties ??= {}) as Record<string, JsonSchema>;
    for (const [key, [text, anchor]] of Object.entries(props)) {
      properties[key] = describe(properties[key] ?? {}, text, `${SWAGGER_DOCS_URL}#${anchor}`, 'Swagger 2.0 specification');
    }
  }
  // Every described standard key also gets a markdownDescription with the specification link.
  for (const [defName, def] of [['', s] as const, ...Object.entries(defs)]) {
    const properties = def.properties as Record<string, JsonSchema> | undefined;
    if (!properties || defName === 'schema') continue;
    for (const [key, p] of Object.entries(properties)) {
      if (!key.startsWith('x-') && typeof p.description === 'string' && p.markdownDescription === undefined) {
        p.markdownDescription = `${p.description}\n\n[Swagger 2.0 specification](${SWAGGER_DOCS_URL})`;
      }
    }
  }
  // "*" silences every rule (rules/index.ts reads the same list).
  defs.connectorStudioRuleIds = { items: valueHints(['*', ...CATALOGUE.map((r) => r.id)]) };
  for (const ext of EXTENSIONS) {
    for (const position of ext.positions) {
      const def = at(POSITION_DEFINITIONS[position]);
      const properties = (def.properties ??= {}) as Record<string, JsonSchema>;
      properties[ext.key] = extensionSchema(ext, properties[ext.key]);
    }
  }
  return s;
}

function extensionSchema(ext: ExtensionDoc, existing: JsonSchema | undefined): JsonSchema {
  const url = ext.key === 'x-connector-studio-disable' ? RULES_DOC_URL : `${XMS_DOCS_URL}#:~:text=${encodeURIComponent(ext.key)}`;
  let shape: JsonSchema = existing ? { ...existing } : {};
  if (typeof shape.$ref === 'string') shape = { allOf: [{ $ref: shape.$ref }] };
  if (ext.values) {
    const values = ext.values.map((v) => (v === 'true' ? true : v === 'false' ? false : v));
    // A strict enum only where the validator's schema already restricts the value; elsewhere the
    // values complete but do not reject (the rules judge them with their own severity).
    if (Array.isArray(shape.enum)) shape.enum = values;
    else shape.anyOf = valueHints(values).anyOf;
  }
  if (ext.key === 'x-connector-studio-disable') shape = { allOf: [{ $ref: '#/definitions/connectorStudioRuleIds' }] };
  if (XMS_DEFAULTS[ext.key] !== undefined) shape.default = XMS_DEFAULTS[ext.key];
  if (ext.snippet && !ext.values) shape.defaultSnippets = [{ label: ext.key, bodyText: ext.snippet }];
  return describe(shape, ext.doc, url, ext.key === 'x-connector-studio-disable' ? 'Connector Studio rules' : 'Microsoft Learn: OpenAPI extensions');
}

/**
 * Values that complete (both language services offer the enum of an anyOf branch) without
 * rejecting others: the editor schema must not flag what Microsoft accepts (the corpus test).
 */
export function valueHints(values: readonly unknown[]): JsonSchema {
  return { anyOf: [{ enum: [...values] }, {}] };
}

function describe(schema: JsonSchema, text: string, url: string, linkTitle: string): JsonSchema {
  return { ...schema, description: plain(text), markdownDescription: `${text}\n\n[${linkTitle}](${url})` };
}

/** The text without markdown backticks, for editors that show `description` as plain text. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}

function inlineMeta(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(inlineMeta);
  if (!node || typeof node !== 'object') return node;
  const o = node as JsonSchema;
  if (typeof o.$ref === 'string' && META[o.$ref]) return structuredClone(META[o.$ref]);
  if (typeof o.$ref === 'string' && o.$ref.startsWith('http')) throw new Error(`editor schema: unresolved external $ref ${o.$ref}`);
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(o)) out[k] = inlineMeta(v);
  return out;
}

const PROPERTY_TEXT: Record<string, string> = {
  iconBrandColor: 'The background colour of the connector\'s icon, a `#rrggbb` hex colour matching the icon (not `#007ee5` or `#ffffff`; independent publishers use `#da3b01`).',
  capabilities: 'Where the connector can be used: `actions`, `triggers`, `gateway` (on-premises data gateway), `cloud only`.',
  connectionParameters: 'The parameters a user fills in when creating a connection (API key, OAuth settings, host...), by name.',
  connectionParameterSets: 'Several ways to create a connection (e.g. API key or OAuth), each with its own connection parameters.',
  policyTemplateInstances: 'Policies applied to requests and responses (set host URL, set header, route request...), each an instance of a policy template.',
  publisher: 'The publisher of the connector (the company or, for independent publishers, the person).',
  stackOwner: 'The company that owns the service behind the connector. paconn cannot update a connector whose apiProperties.json contains it: keep it in the certification copy only.',
  scriptOperations: 'The operationIds whose requests or responses are transformed by the custom code (script.csx).',
};

export function buildPropertiesSchema(): JsonSchema {
  const link = (text: string, url = PROPERTIES_DOCS_URL, title = 'Microsoft Learn') => ({ description: plain(text), markdownDescription: `${text}\n\n[${title}](${url})` });
  const uiDefinition = {
    ...link('How the parameter appears in the connection dialog.'),
    properties: {
      displayName: { ...link('The label of the field.') },
      description: { ...link('The help text of the field.') },
      tooltip: { ...link('The tooltip of the field.') },
      constraints: {
        ...link('Constraints of the field.'),
        properties: {
          required: { ...valueHints(['true', 'false']), ...link('`"true"` when the field must be filled.') },
          hidden: { ...valueHints(['true', 'false']), ...link('`"true"` to hide the field.') },
          clearText: { ...valueHints([true, false]), ...link('Show a secure string in clear text.') },
          allowedValues: { items: { properties: { text: {}, value: {} } }, ...link('The values of a dropdown.') },
          tabIndex: { ...link('The order of the field in the dialog.') },
        },
      },
    },
  };
  const oAuthSettings = {
    ...link('OAuth 2.0 settings of an `oauthSetting` parameter.'),
    properties: {
      identityProvider: { ...valueHints(['oauth2', 'aad', 'oauth2generic']), ...link('The identity provider: `oauth2` (generic), `aad`, or a named provider.') },
      clientId: { ...link('The OAuth client id.') },
      scopes: { ...link('The scopes requested.') },
      redirectMode: { ...valueHints(['Global', 'GlobalPerConnector', 'Regional', 'Internal']), ...link('Which redirect URL is used; `GlobalPerConnector` gives each connector its own.') },
      redirectUrl: { ...link('The redirect URL registered with the provider.') },
      properties: { ...link('Provider properties (e.g. `IsFirstParty`, `AzureActiveDirectoryResourceId`).') },
      customParameters: { ...link('Provider-specific parameters (`authorizationUrl`, `tokenUrl`, `refreshUrl`, ...), each `{ "value": ... }`.') },
    },
  };
  const connectionParameter = {
    properties: {
      type: { ...valueHints(CONNECTION_PARAMETER_TYPES), ...link('The kind of value: `string`, `securestring` (masked, never exported), `int`, `bool`, `oauthSetting`, `gatewaySetting`.') },
      uiDefinition,
      oAuthSettings,
      allowedValues: { ...link('The allowed values of the parameter.') },
    },
    defaultSnippets: [{ label: 'API key', body: { type: 'securestring', uiDefinition: { displayName: '${1:API Key}', description: '${2:The API key for this connection}', tooltip: '${3:Provide your API key}', constraints: { tabIndex: 2, clearText: false, required: 'true' } } } }],
  };
  const templateIds = POLICY_TEMPLATES.map((t) => t.id);
  const policyInstance = {
    properties: {
      templateId: { anyOf: [{ enum: templateIds, markdownEnumDescriptions: POLICY_TEMPLATES.map((t) => `**${t.title}**: ${t.doc}`) }, {}], ...link('The policy template.', POLICY_DOCS_URL, 'Microsoft Learn: policy templates') },
      title: { ...link('A title for this policy instance.') },
      parameters: { ...link('The parameters of the template.', POLICY_DOCS_URL, 'Microsoft Learn: policy templates') },
    },
    allOf: POLICY_TEMPLATES.map((t) => ({
      if: { properties: { templateId: { const: t.id } }, required: ['templateId'] },
      then: { properties: { parameters: { properties: Object.fromEntries(t.parameters.map((p) => [p.name, { ...link(p.doc, POLICY_DOCS_URL, `Microsoft Learn: ${t.title}`) }])) } } },
    })),
  };
  const props: Record<string, JsonSchema> = {
    iconBrandColor: { examples: ['#da3b01'] },
    capabilities: { items: valueHints(CAPABILITIES) },
    connectionParameters: { additionalProperties: { $ref: '#/definitions/connectionParameter' } },
    connectionParameterSets: {
      properties: {
        uiDefinition: { properties: { displayName: {}, description: {} } },
        values: { items: { properties: { name: {}, uiDefinition: { properties: { displayName: {}, description: {} } }, parameters: { additionalProperties: { $ref: '#/definitions/connectionParameter' } } } } },
      },
    },
    policyTemplateInstances: { items: policyInstance },
    publisher: {},
    stackOwner: {},
    scriptOperations: {},
  };
  for (const key of APIPROPERTIES_KEYS) {
    if (!props[key]) throw new Error(`editor schema: apiProperties key ${key} has no schema`);
    Object.assign(props[key], link(PROPERTY_TEXT[key] ?? key));
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: PROPERTIES_SCHEMA_URI,
    title: 'Power Platform custom connector apiProperties.json',
    description: 'Connection parameters, policy templates, icon colour and publisher of a custom connector. Generated by Connector Studio from its rule catalogue.',
    type: 'object',
    definitions: { connectionParameter },
    properties: {
      $schema: { type: 'string' },
      properties: { type: 'object', ...link('The connector\'s properties.'), properties: props },
    },
  };
}

/** The text of a schema file as written to schemas/ (stable: two-space JSON and a final newline). */
export function schemaFileText(schema: JsonSchema): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
