// Completion for connector files: x-ms keys valid at the cursor, their values, operationIds in
// dynamic extensions and policy templates, the target operation's parameter names, $ref targets,
// parameter in/type/format, policy template ids and connection parameter types.
import type { ParsedDocument } from '../parseDocument';
import { buildConnectorIndex, HTTP_METHODS, isObject, valueAtPath as valueAt, type ConnectorIndex } from '../connectorIndex';
import { cursorContext, type CursorContext } from './cursorContext';
import { EXTENSIONS, EXTENSIONS_BY_KEY, positionOf } from './xmsCatalog';
import { POLICY_TEMPLATES } from './policyCatalog';
import { encodePointerToken } from '../../../../shared/src/swagger/pointer';
import { operationParameters } from '../../../../shared/src/swagger/operationModel';

export type ItemKind = 'property' | 'value' | 'reference' | 'enum' | 'snippet';

export interface Completion {
  label: string;
  kind: ItemKind;
  detail?: string;
  documentation?: string;
  /** Text inserted in place of ctx.replace (a snippet when isSnippet). */
  insertText: string;
  isSnippet?: boolean;
  replace: { offset: number; length: number };
  sortText?: string;
}

const DYNAMIC = new Set(['x-ms-dynamic-values', 'x-ms-dynamic-schema', 'x-ms-dynamic-list', 'x-ms-dynamic-tree', 'x-ms-dynamic-properties', 'x-ms-notification', 'simulate', 'testConnection', 'open', 'browse']);
const PARAMETER_VALUES: Record<string, string[]> = {
  in: ['query', 'header', 'path', 'formData', 'body'],
  type: ['string', 'number', 'integer', 'boolean', 'array', 'object', 'file'],
  format: ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'date', 'date-time', 'date-no-tz', 'password', 'email', 'uri', 'uuid', 'html'],
  collectionFormat: ['csv', 'ssv', 'tsv', 'pipes', 'multi'],
};
const CONNECTION_PARAMETER_TYPES = ['string', 'securestring', 'oauthSetting', 'int', 'bool', 'gatewaySetting'];
/** apiProperties `capabilities` entries (rule capabilities-values). */
const CAPABILITIES = ['actions', 'triggers', 'gateway', 'cloud only'];

interface FieldDoc {
  name: string;
  doc: string;
  values?: string[];
  snippet?: string;
  /** Only at these positions of the extension (x-ms-capabilities differs at the root and on operations). */
  at?: ('root' | 'operation')[];
}

/** Fields of the object-valued extensions whose members are fixed. */
const EXTENSION_FIELDS: Record<string, FieldDoc[]> = {
  'x-ms-api-annotation': [
    { name: 'family', doc: 'The operation family: the name shared by all revisions of this operation.', snippet: '"${1:family}"' },
    { name: 'revision', doc: 'Revision number within the family (integer >= 1).', snippet: '${1:1}' },
    { name: 'status', doc: '`Preview` or `Production`.', values: ['Preview', 'Production'] },
    { name: 'replacement', doc: 'On a deprecated operation: the operation that replaces it (`api`, `operationId`).', snippet: '{ "api": "${1:api}", "operationId": "${2:operationId}" }' },
  ],
  'x-ms-capabilities': [
    { name: 'testConnection', doc: 'The operation called to test a new connection: `operationId` and its `parameters`.', snippet: '{ "operationId": "${1:TestConnection}", "parameters": {} }', at: ['root'] },
    { name: 'file-picker', doc: 'A file picker: `open` and `browse` operations, `value-title`, `value-collection`, `value-folder-property`, `value-media-property`.', snippet: '{\n\t"open": { "operationId": "${1:ListRoot}" },\n\t"browse": { "operationId": "${2:ListFolder}", "parameters": {} },\n\t"value-collection": "${3:value}",\n\t"value-title": "${4:name}",\n\t"value-folder-property": "${5:isFolder}"\n}', at: ['root'] },
    { name: 'chunkTransfer', doc: 'Boolean: upload or download the content in chunks.', values: ['true', 'false'], at: ['operation'] },
  ],
};

export function completeDefinition(doc: ParsedDocument, offset: number, properties?: ParsedDocument): Completion[] {
  const ctx = cursorContext(doc, offset);
  const index = buildConnectorIndex(doc.value, properties?.value);
  const path = ctx.path;
  const last = path[path.length - 1];
  if (ctx.atKey) {
    // Keys of the object that contains the cursor: path points at the key being typed.
    const objectPath = doc.language === 'json' ? path.slice(0, -1) : path;
    const parentKey = objectPath[objectPath.length - 1];
    const grandKey = objectPath[objectPath.length - 2];
    if (parentKey === 'parameters' && typeof grandKey === 'string' && DYNAMIC.has(grandKey)) {
      return targetParameterNames(doc, index, objectPath.slice(0, -1), ctx);
    }
    // Keys already in the object are not offered again (the key being typed does not count).
    const present = presentKeys(doc, objectPath, ctx);
    if (typeof parentKey === 'string' && EXTENSION_FIELDS[parentKey]) {
      const at = positionOf(objectPath.slice(0, -1));
      return EXTENSION_FIELDS[parentKey]
        .filter((f) => !present.has(f.name) && (!f.at || (at !== undefined && (f.at as string[]).includes(at))))
        .map((f) => keyItem(doc, ctx, f.name, f.doc, f.snippet ?? (f.values ? valueSnippet(doc, f.values) : '"$1"')));
    }
    const position = positionOf(objectPath);
    if (!position) return [];
    return EXTENSIONS.filter((e) => e.positions.includes(position) && !present.has(e.key)).map((e) => keyItem(doc, ctx, e.key, e.doc, e.snippet ?? (e.values ? valueSnippet(doc, e.values) : '"$1"')));
  }
  if (typeof last !== 'string') return [];
  const parentKey = path[path.length - 2];
  if (last === 'operationId' && typeof parentKey === 'string' && DYNAMIC.has(parentKey)) return operationIds(doc, index, ctx);
  if (last === '$ref') return refTargets(doc, ctx);
  if (last === 'operationId' && parentKey === 'replacement' && path[path.length - 3] === 'x-ms-api-annotation') return operationIds(doc, index, ctx);
  const field = typeof parentKey === 'string' ? EXTENSION_FIELDS[parentKey]?.find((f) => f.name === last) : undefined;
  if (field?.values) return field.values.map((v) => valueItem(doc, ctx, v, field.doc, v === 'true' || v === 'false'));
  const ext = EXTENSIONS_BY_KEY.get(last);
  if (ext?.values) return ext.values.map((v) => valueItem(doc, ctx, v, ext.doc, v === 'true' || v === 'false'));
  const inParameter = positionOf(path.slice(0, -1)) === 'parameter' || positionOf(path.slice(0, -1)) === 'schema';
  if (inParameter && PARAMETER_VALUES[last]) {
    return PARAMETER_VALUES[last].filter((v) => last !== 'in' || positionOf(path.slice(0, -1)) === 'parameter').map((v) => valueItem(doc, ctx, v));
  }
  return [];
}

export function completeProperties(doc: ParsedDocument, offset: number, definition?: ParsedDocument): Completion[] {
  const ctx = cursorContext(doc, offset);
  const path = ctx.path;
  const last = path[path.length - 1];
  const index = buildConnectorIndex(definition?.value, doc.value);
  if (!ctx.atKey) {
    if (last === 'templateId') return POLICY_TEMPLATES.map((t) => valueItem(doc, ctx, t.id, t.doc, false, t.title));
    if (last === 'type' && path[1] === 'connectionParameters' && path.length === 4) return CONNECTION_PARAMETER_TYPES.map((t) => valueItem(doc, ctx, t));
    if (path[0] === 'properties' && path[1] === 'capabilities' && path.length === 3) {
      const present = new Set(asArray(valueAt(doc.value, ['properties', 'capabilities'])).filter((v, i) => i !== path[2]));
      return CAPABILITIES.filter((c) => !present.has(c)).map((c) => valueItem(doc, ctx, c, 'Where the connector can be used (shown in the designer).'));
    }
    // x-ms-apimTemplate-operationName: [ "<operationId>", ... ]
    if (path.includes('x-ms-apimTemplate-operationName') || (path[1] === 'scriptOperations')) return operationIds(doc, index, ctx);
    return [];
  }
  const objectPath = doc.language === 'json' ? path.slice(0, -1) : path;
  // properties.policyTemplateInstances[i].parameters: the template's parameter names.
  if (objectPath[objectPath.length - 1] === 'parameters' && objectPath[1] === 'policyTemplateInstances') {
    const instance = valueAt(doc.value, objectPath.slice(0, -1));
    const template = POLICY_TEMPLATES.find((t) => isObject(instance) && t.id === instance.templateId);
    return (template?.parameters ?? []).map((p) => keyItem(doc, ctx, p.name, p.doc, p.name === 'x-ms-apimTemplate-operationName' ? '[ "$1" ]' : '"$1"'));
  }
  return [];
}

function operationIds(doc: ParsedDocument, index: ConnectorIndex, ctx: CursorContext): Completion[] {
  return index.operations
    .filter((o) => o.operationId)
    .map((o) => {
      const summary = typeof o.operation.summary === 'string' ? o.operation.summary : '';
      return { ...valueItem(doc, ctx, o.operationId!, summary, false, `${o.method.toUpperCase()} ${o.path}`), kind: 'reference' as const };
    });
}

function targetParameterNames(doc: ParsedDocument, index: ConnectorIndex, dynamicPath: (string | number)[], ctx: CursorContext): Completion[] {
  const ext = valueAt(doc.value, dynamicPath);
  const targetId = isObject(ext) && typeof ext.operationId === 'string' ? ext.operationId : undefined;
  const target = targetId ? index.operationsById.get(targetId)?.[0] : undefined;
  if (!target) return [];
  const params = operationParameters(doc.value, target.path, target.method, target.pathItem, target.operation)
    .filter((p) => p.resolved)
    .map((p) => p.param);
  return params
    .filter((p) => typeof p.name === 'string')
    .map((p) => keyItem(doc, ctx, String(p.name), `${p.in} parameter of ${targetId}${p.required ? ' (required)' : ''}${typeof p.description === 'string' ? ': ' + p.description : ''}`, '{ "parameter": "$1" }'));
}

function refTargets(doc: ParsedDocument, ctx: CursorContext): Completion[] {
  const out: Completion[] = [];
  if (!isObject(doc.value)) return out;
  for (const section of ['definitions', 'parameters', 'responses'] as const) {
    const s = doc.value[section];
    if (!isObject(s)) continue;
    for (const name of Object.keys(s)) {
      const ref = `#/${section}/${encodePointerToken(name)}`;
      out.push({ ...valueItem(doc, ctx, ref, undefined, false, section), kind: 'reference' });
    }
  }
  return out;
}

function keyItem(doc: ParsedDocument, ctx: CursorContext, key: string, documentation: string | undefined, valueSnippetText: string): Completion {
  const insertText = doc.language === 'yaml' ? `${key}: ${yamlValue(valueSnippetText)}` : `"${key}": ${valueSnippetText}`;
  return { label: key, kind: 'property', documentation, insertText, isSnippet: true, replace: ctx.replace };
}

function valueItem(doc: ParsedDocument, ctx: CursorContext, value: string, documentation?: string, literal = false, detail?: string): Completion {
  const insertText = literal ? value : doc.language === 'yaml' ? (ctx.inQuotes ? `"${value}"` : yamlScalar(value)) : JSON.stringify(value);
  return { label: value, kind: 'value', documentation, detail, insertText, replace: ctx.replace };
}

function valueSnippet(doc: ParsedDocument, values: string[]): string {
  const literal = values.every((v) => v === 'true' || v === 'false');
  const choices = values.map((v) => (literal ? v : doc.language === 'yaml' ? v : `"${v}"`)).join(',');
  return `\${1|${choices}|}`;
}

/** A JSON snippet value as YAML flow text (valid YAML since JSON is YAML). */
function yamlValue(snippet: string): string {
  return snippet.includes('\n') ? snippet.replace(/\n\t?/g, ' ').replace(/\s+/g, ' ') : snippet;
}

function yamlScalar(v: string): string {
  return /^[A-Za-z_][\w .-]*$/.test(v) && !/^(true|false|null|yes|no|on|off)$/i.test(v) ? v : JSON.stringify(v);
}

function presentKeys(doc: ParsedDocument, objectPath: (string | number)[], ctx: CursorContext): Set<string> {
  const obj = valueAt(doc.value, objectPath);
  if (!isObject(obj)) return new Set();
  const typed = doc.text.slice(ctx.replace.offset, ctx.replace.offset + ctx.replace.length).replace(/^["']|["']$/g, '');
  return new Set(Object.keys(obj).filter((k) => k !== typed));
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export { HTTP_METHODS };
