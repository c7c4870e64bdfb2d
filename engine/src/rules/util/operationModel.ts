// Reading operations the way the platform does: parameters merged from the path item and the
// operation (with #/parameters refs resolved), and response schemas with $refs followed.
// Pure and defensive: every function accepts arbitrary JSON and never recurses on user data.
import { isObject, type JsonObject, type OperationEntry } from '../../languageService/connectorIndex';
import { followRefs } from '../../../../shared/src/swagger/pointer';
import { operationParameters as mergedParameters, parameterKey } from '../../../../shared/src/swagger/operationModel';
import { isInternal } from './visibility';

// The one `$ref` chain follower (hop limit MAX_REF_HOPS) lives in shared/src/swagger/pointer.ts.
export { followRefs, type ResolvedValue } from '../../../../shared/src/swagger/pointer';

/** A schema with its $ref chain followed; undefined when not an object or the ref dangles. */
export function resolveSchema(root: unknown, schema: unknown): JsonObject | undefined {
  const r = followRefs(root, schema, '');
  return r && isObject(r.value) ? r.value : undefined;
}

export interface ParameterInfo {
  name: string;
  in: string;
  /** The resolved parameter object. */
  param: JsonObject;
  /** Pointer of the parameter as written in the operation or path item (where a fix goes). */
  pointer: string;
  required: boolean;
  /** `type` for non-body parameters, the resolved schema's `type` for body parameters. */
  type?: string;
  hasDefault: boolean;
  internal: boolean;
  /** Body parameters: the resolved schema. */
  schema?: JsonObject;
  /** Where it is declared. */
  level: 'operation' | 'path';
}

/**
 * Parameters of an operation (the one model, shared/src/swagger/operationModel.ts): path-level
 * ones overridden by operation-level ones with the same name and location; entries whose `$ref`
 * does not resolve or that lack a name or location are left out, and a key listed twice counts once.
 */
export function operationParameters(root: unknown, op: OperationEntry): ParameterInfo[] {
  const byKey = new Map<string, ParameterInfo>();
  for (const e of mergedParameters(root, op.path, op.method, op.pathItem, op.operation)) {
    const key = parameterKey(e);
    if (!e.resolved || key === undefined || e.name === undefined || e.in === undefined) continue;
    const p = e.param;
    const schema = e.in === 'body' ? resolveSchema(root, p.schema) : undefined;
    const type = e.in === 'body' ? (typeof schema?.type === 'string' ? schema.type : undefined) : typeof p.type === 'string' ? p.type : undefined;
    byKey.set(key, {
      name: e.name,
      in: e.in,
      param: p,
      pointer: e.pointer,
      required: p.required === true || e.in === 'path',
      type,
      hasDefault: p.default !== undefined || (schema !== undefined && schema.default !== undefined),
      internal: isInternal(p),
      schema,
      level: e.level,
    });
  }
  return [...byKey.values()];
}

/** Status codes tried, in order, for "the" success response. */
function successCodes(responses: JsonObject): string[] {
  const codes = Object.keys(responses).filter((c) => /^2\d\d$/.test(c)).sort();
  if (codes.length === 0 && 'default' in responses) codes.push('default');
  return codes;
}

export interface ResponseSchema {
  code: string;
  schema: JsonObject;
}

/**
 * The first success response that declares a schema (resolved). `undefined` when the operation
 * declares none, so callers cannot check paths against it.
 */
export function successResponseSchema(root: unknown, op: OperationEntry): ResponseSchema | undefined {
  const responses = op.operation.responses;
  if (!isObject(responses)) return undefined;
  for (const code of successCodes(responses)) {
    const resp = followRefs(root, responses[code], '');
    if (!resp || !isObject(resp.value) || resp.value.schema === undefined) continue;
    const schema = resolveSchema(root, resp.value.schema);
    if (schema) return { code, schema };
  }
  return undefined;
}

export type SchemaLookup =
  | { kind: 'found'; schema: JsonObject }
  /** `segment` (index into the path) names no property of a schema that lists its properties. */
  | { kind: 'missing'; segment: number; parent: JsonObject }
  /** The schema is open at some point (no properties, additionalProperties, dynamic schema): cannot tell. */
  | { kind: 'unknown' };

/** True when a schema does not describe its members fully, so a missing name proves nothing. */
function isOpenSchema(s: JsonObject): boolean {
  if ('x-ms-dynamic-schema' in s || 'x-ms-dynamic-properties' in s) return true;
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) return true;
  if (Array.isArray(s.allOf) || Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return false;
  return !isObject(s.properties) || Object.keys(s.properties).length === 0;
}

/** The key of `obj` equal to `name`, else one equal ignoring case (the platform's JSON reader matches paths case-insensitively; accepted connectors rely on it). */
function matchKey(obj: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

/** Property `name` of an object schema, looking through allOf members. */
function propertyOf(root: unknown, s: JsonObject, name: string): { found?: JsonObject; open: boolean } {
  const stack: JsonObject[] = [s];
  let open = false;
  let guard = 0;
  while (stack.length && guard++ < 64) {
    const cur = stack.pop()!;
    const key = isObject(cur.properties) ? matchKey(cur.properties, name) : undefined;
    if (key !== undefined && isObject(cur.properties)) {
      const found = resolveSchema(root, cur.properties[key]);
      if (found) return { found, open };
      return { open: true };
    }
    const composite = [cur.allOf, cur.anyOf, cur.oneOf].filter(Array.isArray).flat() as unknown[];
    if (composite.length) {
      for (const m of composite) {
        const r = resolveSchema(root, m);
        if (r) stack.push(r);
        else open = true;
      }
      if (isObject(cur.properties) === false && cur.additionalProperties !== undefined && cur.additionalProperties !== false) open = true;
    } else if (isOpenSchema(cur)) open = true;
  }
  return { open };
}

/**
 * Walks `segments` (a value-path split on "/") through a schema. Array schemas are stepped
 * through transparently (a path names properties of the items), as the platform does.
 */
export function schemaAtPath(root: unknown, schema: JsonObject, segments: readonly string[]): SchemaLookup {
  let cur: JsonObject = schema;
  for (let i = 0; i < segments.length; i++) {
    cur = unwrapArray(root, cur) ?? cur;
    const r = propertyOf(root, cur, segments[i]);
    if (r.found) {
      cur = r.found;
      continue;
    }
    // Legacy dotted form ("a.b" for "a/b"), still accepted by the platform; a property whose
    // name holds a dot ("@odata.nextLink") was matched whole above.
    const dotted = segments[i].split('.').filter((s) => s !== '');
    if (dotted.length > 1) {
      const sub = schemaAtPath(root, cur, dotted);
      if (sub.kind === 'found') {
        cur = sub.schema;
        continue;
      }
      if (sub.kind === 'unknown') return sub;
    }
    if (r.open) return { kind: 'unknown' };
    return { kind: 'missing', segment: i, parent: cur };
  }
  return { kind: 'found', schema: cur };
}

/** The items schema of an array schema (resolved), else undefined. */
export function unwrapArray(root: unknown, schema: JsonObject): JsonObject | undefined {
  if (schema.type !== 'array' && !(schema.type === undefined && schema.items !== undefined)) return undefined;
  return resolveSchema(root, schema.items) ?? {};
}

/** Whether a schema is (or may be) an array: true, false, or undefined when it cannot be told. */
export function isArraySchema(schema: JsonObject): boolean | undefined {
  if (schema.type === 'array') return true;
  if (schema.items !== undefined && schema.type === undefined) return true;
  if (schema.type === undefined || Array.isArray(schema.type)) return undefined;
  return false;
}

/**
 * The path inside a body parameter named `bodyName` that a reference names: "body/a/b", "a/b", or
 * the legacy dotted "body.a.b" (schemaAtPath also reads "a.b").
 */
export function pathInBody(segments: readonly string[], bodyName: string | undefined): string[] {
  if (bodyName === undefined || segments.length === 0) return [...segments];
  if (segments[0] === bodyName) return segments.slice(1);
  if (segments[0].startsWith(bodyName + '.')) return [segments[0].slice(bodyName.length + 1), ...segments.slice(1)];
  return [...segments];
}

/** Splits a platform path string ("value/items") into segments, tolerating a leading "/". */
export function splitValuePath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}
