/**
 * Checks a response body against the operation's declared response schema (Swagger 2.0 is JSON
 * Schema draft-04 plus extensions). $refs resolve against the definition's `definitions`.
 * Each mismatch is reported with a JSON path such as $.items[0].id.
 */
import Ajv, { type ErrorObject } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { boundedRegExpEngine, DEFAULT_REGEXP_BUDGET, type BoundedRegExpEngine } from './boundedRegExp';
import { deref, findOperation } from './swagger';
import type { OperationRef, SwaggerDocument, SwaggerResponse, SwaggerSchema } from './types';
import { unescapePointerToken } from '../swagger/pointer';

export interface SchemaMismatch {
  /** JSON path of the offending value, "$" for the root. */
  path: string;
  message: string;
  keyword: string;
}

export interface SchemaCheckResult {
  /** False when there was no schema to check against (see `reason`). */
  checked: boolean;
  valid: boolean;
  mismatches: SchemaMismatch[];
  /** Which response entry was used: "200", "2XX" or "default". */
  responseKey?: string;
  reason?: string;
  /** What was not checked (a `pattern` that ran out of time). */
  notes?: string[];
}

const SWAGGER_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

/** A `pattern` that ran out of time: it was not checked (see boundedRegExp.ts). */
function timeoutNotes(engine: BoundedRegExpEngine): string[] {
  return [...engine.timedOut].map((p) => `pattern ${JSON.stringify(p)} was not checked: testing it took over ${DEFAULT_REGEXP_BUDGET.perTestMs} ms (catastrophic backtracking); simplify the pattern.`);
}

function createAjv(engine: BoundedRegExpEngine = boundedRegExpEngine()): Ajv {
  // User patterns run with a time bound: `^(a+)+$` on "aaaa…!" must not block the extension host.
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, validateFormats: true, code: { regExp: engine } });
  addFormats(ajv);
  for (const format of SWAGGER_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

/** Swagger-only constructs that are not JSON Schema: type "file", x-nullable. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'type' && value === 'file') continue;
    if (key === 'discriminator' && typeof value === 'string') continue;
    out[key] = key === 'enum' || key === 'required' || key === 'example' || key === 'x-ms-test-value' ? value : toJsonSchema(value);
  }
  if ((node as Record<string, unknown>)['x-nullable'] === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

export function jsonPath(instancePath: string, extra?: string): string {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map(unescapePointerToken);
  if (extra !== undefined) segments.push(extra);
  let path = '$';
  for (const s of segments) {
    if (/^\d+$/.test(s)) path += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) path += `.${s}`;
    else path += `['${s.replace(/'/g, "\\'")}']`;
  }
  return path;
}

function describe(error: ErrorObject): SchemaMismatch {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: jsonPath(error.instancePath, String(p.missingProperty)), message: 'is required but missing', keyword: error.keyword };
    case 'additionalProperties':
      return { path: jsonPath(error.instancePath, String(p.additionalProperty)), message: 'is not declared in the schema (additionalProperties: false)', keyword: error.keyword };
    case 'enum':
      return { path: jsonPath(error.instancePath), message: `must be one of ${JSON.stringify(p.allowedValues)}`, keyword: error.keyword };
    default:
      return { path: jsonPath(error.instancePath), message: error.message ?? error.keyword, keyword: error.keyword };
  }
}

function responseFor(responses: Record<string, SwaggerResponse>, status: number): [string, SwaggerResponse] | undefined {
  const keys = [String(status), `${Math.floor(status / 100)}XX`, `${Math.floor(status / 100)}xx`, 'default'];
  for (const key of keys) if (responses[key]) return [key, responses[key]];
  return undefined;
}

export function checkResponseSchema(
  document: SwaggerDocument,
  operationRef: OperationRef,
  status: number,
  body: Uint8Array | string,
): SchemaCheckResult {
  const located = findOperation(document, operationRef);
  if (!located) return { checked: false, valid: false, mismatches: [], reason: 'operation not found in the definition' };
  const found = responseFor(located.operation.responses ?? {}, status);
  if (!found) return { checked: false, valid: true, mismatches: [], reason: `no response is declared for status ${status}` };
  const [responseKey, rawResponse] = found;
  let schema: SwaggerSchema | undefined;
  try {
    schema = deref<SwaggerResponse>(document, rawResponse).schema;
  } catch (error) {
    return { checked: false, valid: false, mismatches: [], responseKey, reason: (error as Error).message };
  }
  if (!schema) return { checked: false, valid: true, mismatches: [], responseKey, reason: `response ${responseKey} declares no schema` };

  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  let value: unknown;
  try {
    value = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return { checked: true, valid: false, responseKey, mismatches: [{ path: '$', message: 'the body is not JSON, but a JSON schema is declared', keyword: 'type' }] };
  }
  if (value === undefined) {
    return { checked: true, valid: false, responseKey, mismatches: [{ path: '$', message: 'the body is empty, but a schema is declared', keyword: 'type' }] };
  }
  try {
    const root = toJsonSchema({ allOf: [schema], definitions: document.definitions ?? {} }) as object;
    const engine = boundedRegExpEngine();
    const validate = createAjv(engine).compile(root);
    const valid = validate(value) as boolean;
    const notes = timeoutNotes(engine);
    const seen = new Set<string>();
    const mismatches = (validate.errors ?? [])
      .filter((e) => e.keyword !== 'allOf')
      .map(describe)
      .filter((m) => {
        const key = `${m.path}|${m.message}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
    return { checked: true, valid, mismatches, responseKey, ...(notes.length ? { notes } : {}) };
  } catch (error) {
    return { checked: false, valid: false, mismatches: [], responseKey, reason: `the declared schema cannot be compiled: ${(error as Error).message}` };
  }
}

/** Checks any value against a Swagger schema (e.g. a request body the user typed); [] when it fits. */
export function checkValueAgainstSchema(document: SwaggerDocument, schema: SwaggerSchema, value: unknown): SchemaMismatch[] {
  return valueChecker(document, schema)(value);
}

/** The schema compiled once, for checking many values (the items of a batch trigger). */
export function valueChecker(document: SwaggerDocument, schema: SwaggerSchema): (value: unknown) => SchemaMismatch[] {
  const root = toJsonSchema({ allOf: [schema], definitions: document.definitions ?? {} }) as object;
  const validate = createAjv().compile(root);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).filter((e) => e.keyword !== 'allOf').map(describe));
}
