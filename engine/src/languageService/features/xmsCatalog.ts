// What each x-ms extension means, where it may appear and which values it takes: the source of
// hover text and completion for extension keys and values (wording after Microsoft Learn's
// "OpenAPI extensions" page).
import { AGENTIC_PROTOCOL_VALUES } from '../../../../shared/src/mcp/agenticProtocol';

export type Position = 'root' | 'info' | 'pathItem' | 'operation' | 'parameter' | 'schema' | 'response' | 'securityDefinition';

export interface ExtensionDoc {
  key: string;
  positions: Position[];
  doc: string;
  values?: string[];
  /** A JSON snippet body for the value (VS Code snippet syntax). */
  snippet?: string;
}

export const EXTENSIONS: ExtensionDoc[] = [
  { key: 'x-ms-summary', positions: ['parameter', 'schema', 'response'], doc: 'Display name of a parameter or property in the designer (title case, at most 80 characters).', snippet: '"${1:Display name}"' },
  { key: 'x-ms-visibility', positions: ['operation', 'parameter', 'schema'], doc: 'How prominently the designer shows the item: `important` (always shown first), `advanced` (behind "Show advanced options") or `internal` (hidden; internal required values need a default).', values: ['important', 'advanced', 'internal'] },
  { key: 'x-ms-trigger', positions: ['operation'], doc: 'Marks the operation as a trigger: `single` for one event per call (object response) or `batch` for an array of events.', values: ['single', 'batch'] },
  { key: 'x-ms-trigger-hint', positions: ['operation'], doc: 'A short hint shown under a trigger, e.g. "To see it work, create a task".', snippet: '"${1:To see it work, ...}"' },
  { key: 'x-ms-trigger-metadata', positions: ['operation'], doc: 'Polling trigger metadata: `{ "kind": "query", "mode": "polling" }`.', snippet: '{ "kind": "query", "mode": "polling" }' },
  { key: 'x-ms-trigger-value', positions: ['parameter'], doc: 'For a polling trigger parameter: where to take its next value from the response (`value-collection`, `value-path`).' },
  { key: 'x-ms-notification-content', positions: ['pathItem'], doc: 'On a webhook path item: the schema of the payload the service posts to the callback URL.', snippet: '{ "description": "${1:Payload}", "schema": { "type": "object" } }' },
  { key: 'x-ms-notification-url', positions: ['schema', 'parameter'], doc: 'Marks the body property that receives the callback URL of a webhook trigger (must be `true`, a required internal string).', values: ['true'] },
  { key: 'x-ms-notification', positions: ['operation'], doc: 'On a trigger: the webhook operation (`operationId`) that registers the callback.' },
  { key: 'x-ms-url-encoding', positions: ['parameter'], doc: 'How a path parameter value is encoded: `single` (default) or `double`. Not for query parameters.', values: ['single', 'double'] },
  { key: 'x-ms-dynamic-values', positions: ['parameter', 'schema'], doc: 'Fills a dropdown from another operation: `operationId`, its `parameters`, and `value-collection`, `value-path`, `value-title` in its response.', snippet: '{\n\t"operationId": "${1:ListItems}",\n\t"value-collection": "${2:value}",\n\t"value-path": "${3:id}",\n\t"value-title": "${4:name}"\n}' },
  { key: 'x-ms-dynamic-list', positions: ['parameter', 'schema'], doc: 'Like x-ms-dynamic-values with unambiguous references (`itemsPath`, `itemValuePath`, `itemTitlePath`) and parameter references by `parameterReference`.', snippet: '{\n\t"operationId": "${1:ListItems}",\n\t"itemsPath": "${2:value}",\n\t"itemValuePath": "${3:id}",\n\t"itemTitlePath": "${4:name}"\n}' },
  { key: 'x-ms-dynamic-schema', positions: ['parameter', 'schema', 'response'], doc: 'The schema of this value comes from another operation: `operationId`, `parameters`, and `value-path` to the schema in its response.', snippet: '{\n\t"operationId": "${1:GetSchema}",\n\t"parameters": {},\n\t"value-path": "${2:schema}"\n}' },
  { key: 'x-ms-dynamic-properties', positions: ['parameter', 'schema', 'response'], doc: 'Like x-ms-dynamic-schema with unambiguous references: `operationId`, `parameters`, `itemValuePath`.' },
  { key: 'x-ms-dynamic-tree', positions: ['parameter', 'schema'], doc: 'A hierarchical picker: `settings` (`canSelectParentNodes`, `canSelectLeafNodes`), `open` and `browse` operations.' },
  { key: 'x-ms-enum-values', positions: ['parameter', 'schema'], doc: 'Display names for `enum` values: an array of `{ "value": ..., "displayName": "..." }`.' },
  { key: 'x-ms-api-annotation', positions: ['operation', 'info'], doc: 'Operation versioning: `family`, `revision` (integer >= 1), `status` (`Preview`/`Production`), `replacement` {`api`, `operationId`} on deprecated operations.' },
  { key: 'x-ms-operation-context', positions: ['operation'], doc: 'Simulates a trigger by calling another operation: `{ "simulate": { "operationId": ..., "parameters": {} } }`.' },
  { key: 'x-ms-capabilities', positions: ['root', 'operation'], doc: 'Root: `testConnection` (operation to test a connection) and `file-picker`; operation: `chunkTransfer` (boolean).' },
  { key: 'x-ms-pageable', positions: ['operation'], doc: 'Paging: `{ "nextLinkName": "nextLink" }` (or `@odata.nextLink`); the designer follows the link.' },
  { key: 'x-ms-connector-metadata', positions: ['root'], doc: 'Certification metadata: entries `Website`, `Privacy policy` and `Categories` (`propertyName`/`propertyValue`).', snippet: '[\n\t{ "propertyName": "Website", "propertyValue": "${1:https://contoso.com}" },\n\t{ "propertyName": "Privacy policy", "propertyValue": "${2:https://contoso.com/privacy}" },\n\t{ "propertyName": "Categories", "propertyValue": "${3:Productivity}" }\n]' },
  { key: 'x-ms-docs', positions: ['root'], doc: 'Links to documentation: an array of `{ "url", "description" }`.' },
  { key: 'x-ms-deployment-version', positions: ['info'], doc: 'Deployment version of the connector, a dotted number such as `1.0.0`.' },
  { key: 'x-ms-test-value', positions: ['parameter', 'schema'], doc: 'A sample value used by automated tests; never a real key, token or personal data.' },
  { key: 'x-ms-no-generic-test', positions: ['operation'], doc: 'Boolean: exclude this operation from generic tests.', values: ['true', 'false'] },
  { key: 'x-ms-safe-operation', positions: ['operation'], doc: 'Boolean: this POST has no side effects (GET and HEAD are safe by default).', values: ['true', 'false'] },
  { key: 'x-ms-localizeDefaultValue', positions: ['parameter', 'schema'], doc: 'Boolean: the default value is localized text.', values: ['true', 'false'] },
  { key: 'x-ms-media-kind', positions: ['schema'], doc: 'Media kind of a binary value: `image` or `audio`.', values: ['image', 'audio'] },
  { key: 'x-ms-editor', positions: ['parameter', 'schema'], doc: 'Custom editor for the value, e.g. `dictionary` for key/value objects.', values: ['dictionary'] },
  { key: 'x-ms-editor-options', positions: ['parameter', 'schema'], doc: 'Options of the custom editor (`items` of `{ title, value }`).' },
  { key: 'x-ms-openai-data', positions: ['operation'], doc: 'Copilot plugin data: `openai-enabled` and `operations` with `x-ms-require-user-confirmation`.' },
  { key: 'x-ms-keywords', positions: ['operation'], doc: 'Keywords that help Copilot find this operation.' },
  { key: 'x-ms-agentic-protocol', positions: ['operation'], doc: 'Makes this POST operation an MCP server for Copilot Studio agents: `mcp-streamable-1.0` (JSON-RPC 2.0 over streamable HTTP; the SSE transport is retired).', values: [...AGENTIC_PROTOCOL_VALUES] },
  { key: 'x-connector-studio-disable', positions: ['root', 'info', 'pathItem', 'operation', 'parameter', 'schema', 'response', 'securityDefinition'], doc: 'Connector Studio: rule ids to silence for this object and everything inside it (e.g. `["operation-summary-required"]`). Not sent to the platform\'s validator.', snippet: '[ "${1:rule-id}" ]' },
];

export const EXTENSIONS_BY_KEY = new Map(EXTENSIONS.map((e) => [e.key, e]));

/** Where a JSON path sits in a Swagger 2.0 document. */
export function positionOf(path: readonly (string | number)[]): Position | undefined {
  const n = path.length;
  if (n === 0) return 'root';
  if (path[0] === 'info' && n === 1) return 'info';
  if (path[0] === 'securityDefinitions' && n === 2) return 'securityDefinition';
  if (path[0] === 'parameters' && n === 2) return 'parameter';
  if (path[0] === 'responses' && n === 2) return 'response';
  if (path[0] === 'definitions' && n >= 2) return schemaOrResponse(path);
  if (path[0] === 'paths') {
    if (n === 2) return 'pathItem';
    if (n === 3) return path[2] === 'parameters' ? undefined : 'operation';
    if (path[n - 2] === 'parameters' && typeof path[n - 1] === 'number' && n <= 5) return 'parameter';
    if (path[n - 3] === 'responses' || (path[n - 2] === 'responses' && n === 5)) return 'response';
    return schemaOrResponse(path);
  }
  return undefined;
}

function schemaOrResponse(path: readonly (string | number)[]): Position | undefined {
  const n = path.length;
  const last = path[n - 1];
  const parent = path[n - 2];
  if (parent === 'responses') return 'response';
  if (last === 'schema' || last === 'items' || last === 'additionalProperties' || parent === 'properties' || parent === 'allOf' || parent === 'definitions') return 'schema';
  return undefined;
}
