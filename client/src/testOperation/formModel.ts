/**
 * The Test Operation form, derived from an operation of a parsed definition, and the way typed
 * values are read back from what the user entered. Pure (no vscode import): unit-tested in node.
 */
import { sample } from 'openapi-sampler';
import type { JSONSchema7 } from 'json-schema';
import { deref, findOperation, operationParameters } from '../../../shared/src/request/swagger';
import type { OperationRef, SwaggerDocument, SwaggerParameter, SwaggerSchema } from '../../../shared/src/request/types';
import type { DynamicValuesSpec, FormField, FormModel, ParamLocation, Visibility } from '../../../shared/src/messages/testOperation';

const SECRET_NAME = /(authorization|api[-_]?key|secret|password|passwd|token|signature|credential|session|cookie)/i;

export function fieldKey(param: { in: string; name: string }): string {
  return `${param.in}:${param.name}`;
}

function visibilityOf(value: unknown): Visibility {
  return value === 'important' || value === 'advanced' || value === 'internal' ? value : 'none';
}

const ORDER: Record<Visibility, number> = { important: 0, none: 1, advanced: 2, internal: 3 };

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** x-ms-dynamic-values (value-collection/value-path/value-title) or x-ms-dynamic-list (itemsPath/...). */
export function dynamicSpecOf(param: SwaggerParameter): DynamicValuesSpec | undefined {
  const values = obj(param['x-ms-dynamic-values']);
  const list = obj(param['x-ms-dynamic-list']);
  const raw = values ?? list;
  if (!raw || typeof raw.operationId !== 'string') return undefined;
  const parameters: DynamicValuesSpec['parameters'] = {};
  for (const [name, spec] of Object.entries(obj(raw.parameters) ?? {})) {
    const o = obj(spec);
    if (o && typeof o.parameter === 'string') parameters[name] = { field: o.parameter };
    else if (o && typeof o.parameterReference === 'string') parameters[name] = { field: o.parameterReference };
    else if (o && 'value' in o) parameters[name] = { value: o.value };
    else parameters[name] = { value: spec };
  }
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  return values
    ? {
        operationId: raw.operationId,
        parameters,
        collection: str(raw['value-collection'], ''),
        valuePath: str(raw['value-path'], ''),
        titlePath: str(raw['value-title'], str(raw['value-path'], '')),
      }
    : {
        operationId: raw.operationId,
        parameters,
        collection: str(raw.itemsPath, ''),
        valuePath: str(raw.itemValuePath, ''),
        titlePath: str(raw.itemTitlePath, str(raw.itemValuePath, '')),
      };
}

/** Pretty JSON sample of a body schema (openapi-sampler resolves $refs against the document). */
export function sampleBody(schema: SwaggerSchema | undefined, document: SwaggerDocument): string {
  if (!schema) return '';
  try {
    const value = sample(schema as JSONSchema7, { skipReadOnly: true, quiet: true, maxSampleDepth: 8 }, document as object);
    return value === undefined ? '' : JSON.stringify(value, null, 2);
  } catch {
    return '{}';
  }
}

export function buildFormModel(document: SwaggerDocument, operationRef: OperationRef): FormModel | undefined {
  const located = findOperation(document, operationRef);
  if (!located) return undefined;
  const { operation } = located;
  const params = operationParameters(document, located);
  const fields: FormField[] = [];
  const internal: FormModel['internal'] = [];
  let body: FormModel['body'];
  for (const param of params) {
    const visibility = visibilityOf(param['x-ms-visibility']);
    const label = typeof param['x-ms-summary'] === 'string' && param['x-ms-summary'] ? param['x-ms-summary'] : param.name;
    const description = typeof param.description === 'string' ? param.description : undefined;
    if (visibility === 'internal') {
      internal.push({ name: param.name, in: param.in, default: text(param.default) });
      continue;
    }
    if (param.in === 'body') {
      let schema: SwaggerSchema | undefined;
      try {
        schema = param.schema ? deref<SwaggerSchema>(document, param.schema) : undefined;
      } catch {
        schema = undefined;
      }
      body = { key: fieldKey(param), name: param.name, label, description, required: !!param.required, sample: sampleBody(schema, document), hasSchema: !!schema };
      continue;
    }
    const items = param.items;
    const field: FormField = {
      key: fieldKey(param),
      name: param.name,
      in: param.in as ParamLocation,
      label,
      required: !!param.required,
      visibility,
      type: param.type ?? 'string',
      secret: param.format === 'password' || SECRET_NAME.test(param.name),
    };
    if (description) field.description = description;
    if (param.format) field.format = param.format;
    if (items?.type) field.itemsType = items.type;
    const collectionFormat = param.collectionFormat ?? items?.collectionFormat;
    if (collectionFormat) field.collectionFormat = collectionFormat;
    const enumValues = Array.isArray(param.enum) ? param.enum : Array.isArray((items as { enum?: unknown[] } | undefined)?.enum) ? (items as { enum: unknown[] }).enum : undefined;
    if (enumValues) field.enum = enumValues.map((v) => text(v) ?? '');
    const def = text(param.default);
    if (def !== undefined) field.default = def;
    const dynamic = dynamicSpecOf(param);
    if (dynamic) field.dynamic = dynamic;
    fields.push(field);
  }
  // Stable sort: declaration order within each visibility group.
  fields.sort((a, b) => ORDER[a.visibility] - ORDER[b.visibility]);
  const schemes = (document.schemes ?? []).map((s) => s.toLowerCase());
  const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'https');
  const basePath = document.basePath && document.basePath !== '/' ? '/' + document.basePath.replace(/^\/+|\/+$/g, '') : '';
  return {
    operationId: operation.operationId ?? `${located.method.toUpperCase()} ${located.path}`,
    method: located.method.toUpperCase(),
    path: located.path,
    summary: typeof operation.summary === 'string' ? operation.summary : undefined,
    description: typeof operation.description === 'string' ? operation.description : undefined,
    fields,
    internal,
    body,
    target: `${scheme}://${document.host ?? '(no host)'}${basePath}`,
    produces: operation.produces ?? document.produces ?? [],
  };
}

export interface FormValues {
  /** Typed values by parameter name, for buildRequest. */
  values: Record<string, unknown>;
  /** One message per value that cannot be read (e.g. "Top: not an integer"). */
  problems: string[];
}

function scalar(raw: string, type: string | undefined, label: string, problems: string[]): unknown {
  const t = raw.trim();
  if (type === 'integer') {
    if (!/^-?\d+$/.test(t)) problems.push(`${label}: "${raw}" is not an integer.`);
    return Number(t);
  }
  if (type === 'number') {
    if (t === '' || !Number.isFinite(Number(t))) problems.push(`${label}: "${raw}" is not a number.`);
    return Number(t);
  }
  if (type === 'boolean') {
    if (t !== 'true' && t !== 'false') problems.push(`${label}: "${raw}" is not true or false.`);
    return t === 'true';
  }
  return raw;
}

/**
 * Reads the entered text back into typed values. Empty inputs mean "not sent" (buildRequest then
 * reports a missing required parameter). Arrays are entered as a JSON array or comma-separated.
 */
export function readFormValues(model: FormModel, raw: Record<string, string>, bodyText: string | undefined): FormValues {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of model.fields) {
    const entered = raw[field.key];
    if (entered === undefined || entered === '') continue;
    if (field.type === 'array') {
      let list: string[];
      const trimmed = entered.trim();
      if (trimmed.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(trimmed);
          list = Array.isArray(parsed) ? parsed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [trimmed];
        } catch {
          problems.push(`${field.label}: the JSON array does not parse.`);
          list = [];
        }
      } else list = trimmed.split(',').map((s) => s.trim()).filter((s) => s !== '');
      values[field.name] = list.map((v) => scalar(v, field.itemsType, field.label, problems));
    } else values[field.name] = scalar(entered, field.type, field.label, problems);
  }
  if (model.body && bodyText !== undefined && bodyText.trim() !== '') {
    try {
      values[model.body.name] = JSON.parse(bodyText);
    } catch (error) {
      problems.push(`${model.body.label}: the body is not valid JSON (${(error as Error).message}).`);
    }
  }
  return { values, problems };
}

/** Reads a value at a slash path ("data/items") or dotted path ("data.items"); '' is the value itself. */
export function valueAtPath(value: unknown, path: string): unknown {
  if (!path) return value;
  let node = value;
  for (const part of path.split(/[/.]/).filter(Boolean)) {
    const o = obj(node);
    if (o) node = o[part];
    else if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else return undefined;
  }
  return node;
}

/** Parameter values for the operation a dynamic dropdown calls. */
export function dynamicCallValues(spec: DynamicValuesSpec, model: FormModel, raw: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(spec.parameters)) {
    if ('value' in source) values[name] = source.value;
    else {
      const field = model.fields.find((f) => f.name === source.field);
      const entered = field ? raw[field.key] : undefined;
      if (entered !== undefined && entered !== '') values[name] = entered;
    }
  }
  return values;
}

/** Options of a dynamic dropdown from the referenced operation's JSON response. */
export function dynamicOptions(spec: DynamicValuesSpec, response: unknown): Array<{ value: string; title: string }> {
  const collection = valueAtPath(response, spec.collection);
  if (!Array.isArray(collection)) {
    throw new Error(spec.collection ? `the response has no array at "${spec.collection}"` : 'the response is not an array');
  }
  return collection.map((item) => {
    const value = valueAtPath(item, spec.valuePath);
    const title = valueAtPath(item, spec.titlePath);
    const valueText = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    return { value: valueText, title: typeof title === 'string' ? title : title === undefined ? valueText : JSON.stringify(title) };
  });
}
