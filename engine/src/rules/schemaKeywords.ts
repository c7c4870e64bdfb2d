// Rule family 2 (Swagger 2.0 structure), "Schema keywords": see docs/rules.md. One walk over every
// schema-like object (schemaWalk.ts) feeds all keyword checks.
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import { schemaVisits, type SchemaVisit } from './schemaWalk';
import type { Finding, Rule } from './types';
import { decodePointerToken, followRefs } from '../../../shared/src/swagger/pointer';

const FORMATS: Record<string, readonly string[]> = {
  integer: ['int32', 'int64'],
  number: ['float', 'double', 'int32', 'int64', 'decimal'],
  string: ['byte', 'binary', 'date', 'date-time', 'password', 'date-no-tz', 'html', 'email', 'uri', 'uuid'],
};
const ALL_FORMATS = new Set(Object.values(FORMATS).flat());

type Report = (f: Finding) => void;

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Whether a literal fits a declared Swagger type (null is tolerated: x-nullable is common). */
function fitsType(v: unknown, type: unknown): boolean {
  if (typeof type !== 'string' || v === null) return true;
  // The platform converts literal strings ("true", "10"); accepted connectors rely on it.
  if (typeof v === 'string') {
    if (type === 'boolean') return v === 'true' || v === 'false';
    if (type === 'integer') return /^-?\d+$/.test(v.trim());
    if (type === 'number') return v.trim() !== '' && Number.isFinite(Number(v));
  }
  const t = jsonTypeOf(v);
  switch (type) {
    case 'integer':
      return t === 'integer';
    case 'number':
      return t === 'integer' || t === 'number';
    case 'string':
      return t === 'string';
    case 'boolean':
      return t === 'boolean';
    case 'array':
      return t === 'array';
    case 'object':
      return t === 'object';
    default:
      return true;
  }
}

/** .NET-style patterns (the platform's validator is .NET) rewritten to their closest JS form. */
function compiles(pattern: string): boolean {
  const attempts = [pattern, pattern.replace(/^\(\?[imnsx-]+\)/, '').replace(/\(\?>/g, '(?:').replace(/\\A/g, '^').replace(/\\[zZ]/g, '$')];
  for (const p of attempts) {
    try {
      new RegExp(p);
      return true;
    } catch {
      /* next */
    }
  }
  return false;
}

const ptr = (path: (string | number)[], key?: string) => pathToPointer(key === undefined ? path : [...path, key]);

function checkNode(v: SchemaVisit, report: Report): void {
  const { node: s, role } = v;
  const type = s.type;

  // array-items-required
  if (type === 'array' && !('items' in s) && typeof s.$ref !== 'string') {
    const where = role === 'parameter' ? `Parameter "${String(s.name)}"` : 'This schema';
    report({ ruleId: 'array-items-required', pointer: ptr(v.path, 'type'), target: 'value', message: `${where} is an array without "items": add "items" describing its elements.` });
  }

  // type-format-recognized
  if (typeof s.format === 'string' && typeof type === 'string') {
    const known = FORMATS[type];
    if (!ALL_FORMATS.has(s.format)) {
      report({ ruleId: 'type-format-recognized', pointer: ptr(v.path, 'format'), target: 'value', message: `Format "${s.format}" is not recognized; known formats: ${[...ALL_FORMATS].join(', ')}.` });
    } else if (known && !known.includes(s.format)) {
      report({ ruleId: 'type-format-recognized', pointer: ptr(v.path, 'format'), target: 'value', message: `Format "${s.format}" does not apply to type "${type}" (for "${type}" use ${known.join(', ')}).` });
    } else if (!known && (type === 'boolean' || type === 'object' || type === 'array')) {
      report({ ruleId: 'type-format-recognized', pointer: ptr(v.path, 'format'), target: 'value', message: `Format "${s.format}" does not apply to type "${type}".` });
    }
  }

  // file-type-position
  if (type === 'file') {
    const ok = role === 'parameter' ? v.paramIn === 'formData' : role === 'schema' && v.origin === 'response' && v.depth === 0;
    if (!ok) {
      const msg = role === 'parameter' ? `Parameter "${String(s.name)}" has type "file" but is in "${String(s.in)}": file parameters must be "in": "formData".` : '"type": "file" is allowed only on formData parameters and at the root of a response schema; use "type": "string", "format": "binary" here.';
      report({ ruleId: 'file-type-position', pointer: ptr(v.path, 'type'), target: 'value', message: msg });
    }
  }

  // string-binary-position: not nested inside an inline body schema's properties.
  if (type === 'string' && s.format === 'binary' && role === 'schema' && v.via === 'properties' && v.origin === 'body') {
    // Only inline body schemas: accepted connectors keep binary properties in shared definitions.
    report({ ruleId: 'string-binary-position', pointer: ptr(v.path, 'format'), target: 'value', message: 'A binary string nested in an object cannot be sent: put "format": "binary" only on the body parameter\'s top schema or a formData parameter.' });
  }

  // schema-required-list
  if (role === 'schema' && Array.isArray(s.required)) {
    if (s.required.length === 0) {
      report({ ruleId: 'schema-required-list', pointer: ptr(v.path, 'required'), target: 'value', message: 'Empty "required" list: omit "required" when no property is required.' });
    } else if (typeof type === 'string' && type !== 'object') {
      report({ ruleId: 'schema-required-list', pointer: ptr(v.path, 'required'), message: `"required" lists properties, but this schema is of type "${type}": move it to an object schema.` });
    } else if (isObject(s.properties) && !Array.isArray(s.allOf)) {
      const props = s.properties;
      s.required.forEach((r, i) => {
        if (typeof r === 'string' && !Object.prototype.hasOwnProperty.call(props, r)) report({ ruleId: 'schema-required-list', pointer: ptr([...v.path, 'required', i]), target: 'value', message: `Required property "${r}" is not defined in "properties": add it there or remove it from "required".` });
      });
    }
  }

  // enum-valid
  if (Array.isArray(s.enum)) {
    if (s.enum.length === 0) report({ ruleId: 'enum-valid', pointer: ptr(v.path, 'enum'), target: 'value', message: '"enum" is empty: list at least one value or remove it.' });
    s.enum.forEach((e, i) => {
      if (!fitsType(e, type)) report({ ruleId: 'enum-valid', pointer: ptr([...v.path, 'enum', i]), target: 'value', message: `Enum value ${JSON.stringify(e)} is not of the declared type "${String(type)}".` });
    });
  }

  // default-matches-type (Microsoft names the value's JSON type as Newtonsoft does: Integer, Float, ...)
  if ('default' in s) {
    const d = s.default;
    if (d !== undefined && !fitsType(d, type)) {
      report({ ruleId: 'default-matches-type', pointer: ptr(v.path, 'default'), target: 'value', message: `The 'default' value is of type '${jsonTypeName(d)}', but should match the given type '${capitalize(String(type))}'. Write the default ${JSON.stringify(d)} as a ${String(type)} value.` });
    } else if (d !== undefined && d !== null && Array.isArray(s.enum) && s.enum.length > 0 && type !== 'array' && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(d) || (typeof d !== 'object' && String(e) === String(d)))) {
      report({ ruleId: 'default-matches-type', pointer: ptr(v.path, 'default'), target: 'value', message: `Default ${JSON.stringify(d)} is not one of the "enum" values.` });
    }
  }

  // numeric-keywords-valid
  if ('multipleOf' in s && !(typeof s.multipleOf === 'number' && s.multipleOf > 0)) report({ ruleId: 'numeric-keywords-valid', pointer: ptr(v.path, 'multipleOf'), target: 'value', message: '"multipleOf" must be a number greater than zero.' });
  // `false` means "not exclusive", the default: accepted without a bound (legacy generators write it).
  if (s.exclusiveMaximum !== undefined && s.exclusiveMaximum !== false && !('maximum' in s)) report({ ruleId: 'numeric-keywords-valid', pointer: ptr(v.path, 'exclusiveMaximum'), message: '"exclusiveMaximum" needs "maximum": add "maximum" or remove it.' });
  if (s.exclusiveMinimum !== undefined && s.exclusiveMinimum !== false && !('minimum' in s)) report({ ruleId: 'numeric-keywords-valid', pointer: ptr(v.path, 'exclusiveMinimum'), message: '"exclusiveMinimum" needs "minimum": add "minimum" or remove it.' });
  // Most schemas have none of the keywords below: one pass over the node's own keys tells
  // (the loops over the keyword lists were most of this function's time).
  const keywords = keywordsOf(s);
  if (keywords & HAS_NUMERIC) {
    for (const k of COUNT_KEYWORDS) {
      if (k in s && !(typeof s[k] === 'number' && Number.isInteger(s[k]) && (s[k] as number) >= 0)) report({ ruleId: 'numeric-keywords-valid', pointer: ptr(v.path, k), target: 'value', message: `"${k}" must be an integer of zero or more.` });
    }

    // bounds-ordered
    for (const [lo, hi] of BOUNDS) {
      if (typeof s[lo] === 'number' && typeof s[hi] === 'number' && (s[lo] as number) > (s[hi] as number)) report({ ruleId: 'bounds-ordered', pointer: ptr(v.path, lo), target: 'value', message: `"${lo}" (${String(s[lo])}) is greater than "${hi}" (${String(s[hi])}).` });
    }
  }

  // pattern-valid-regex
  if (typeof s.pattern === 'string' && !compiles(s.pattern)) report({ ruleId: 'pattern-valid-regex', pointer: ptr(v.path, 'pattern'), target: 'value', message: `"pattern" ${JSON.stringify(s.pattern)} is not a valid regular expression.` });

  // allow-empty-value-location / collection-format-supported (parameters and their items)
  if (role === 'parameter' && 'allowEmptyValue' in s && v.paramIn !== 'query' && v.paramIn !== 'formData') {
    report({ ruleId: 'allow-empty-value-location', pointer: ptr(v.path, 'allowEmptyValue'), message: `"allowEmptyValue" is only valid on query and formData parameters, not "${String(s.in)}".` });
  }
  if ('collectionFormat' in s && role !== 'schema') {
    const cf = s.collectionFormat;
    if (!COLLECTION_FORMATS.includes(cf as string)) {
      report({ ruleId: 'collection-format-supported', pointer: ptr(v.path, 'collectionFormat'), target: 'value', message: `collectionFormat ${JSON.stringify(cf)} is not supported: use csv, ssv, tsv, pipes or multi.` });
    } else if (cf === 'multi' && !(role === 'parameter' && (v.paramIn === 'query' || v.paramIn === 'formData'))) {
      report({ ruleId: 'collection-format-supported', pointer: ptr(v.path, 'collectionFormat'), target: 'value', message: '"multi" is only valid on query and formData parameters.' });
    }
  }

  // swagger-keyword-unsupported: JSON Schema / OpenAPI 3 keywords Swagger 2.0 schemas do not have.
  if (role === 'schema' && keywords & HAS_UNSUPPORTED) {
    for (const k of UNSUPPORTED_SCHEMA_KEYWORDS) {
      if (k in s) report({ ruleId: 'swagger-keyword-unsupported', pointer: ptr(v.path, k), message: `"${k}" is not supported in a Swagger 2.0 schema${k === 'nullable' ? ' (use "x-nullable")' : k === 'oneOf' || k === 'anyOf' ? ' (use "allOf" or a broader schema)' : ''}.` });
    }
  }
}

// Constant lists of checkNode, made once (not at each of the thousands of visits).
const COUNT_KEYWORDS = ['maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties', 'minProperties'];
const BOUNDS = [['minimum', 'maximum'], ['minItems', 'maxItems'], ['minLength', 'maxLength'], ['minProperties', 'maxProperties']] as const;
const COLLECTION_FORMATS: readonly string[] = ['csv', 'ssv', 'tsv', 'pipes', 'multi'];

const UNSUPPORTED_SCHEMA_KEYWORDS = ['oneOf', 'anyOf', 'not', 'nullable', 'const', 'if', 'then', 'else', 'patternProperties', 'dependencies', 'contains', 'propertyNames'];

const HAS_NUMERIC = 1;
const HAS_UNSUPPORTED = 2;
const KEYWORD_FLAGS = new Map<string, number>([...COUNT_KEYWORDS, ...BOUNDS.flat()].map((k) => [k, HAS_NUMERIC]));
for (const k of UNSUPPORTED_SCHEMA_KEYWORDS) KEYWORD_FLAGS.set(k, HAS_UNSUPPORTED);

/**
 * Which keyword groups a schema object has among its own keys. The same answer as `k in s` for
 * each keyword: none of them is a property of Object.prototype, and JSON and YAML values have no
 * other prototype.
 */
function keywordsOf(s: JsonObject): number {
  let flags = 0;
  for (const k in s) flags |= KEYWORD_FLAGS.get(k) ?? 0;
  return flags;
}

/** Definitions used as request input (reached from body parameter schemas through $ref). */
function inputDefinitions(def: JsonObject): Set<string> {
  const out = new Set<string>();
  const queue: unknown[] = [];
  // Only body schemas lead to input definitions (responses, headers and other parameters do not).
  for (const v of schemaVisits(def)) if (v.origin === 'body' && typeof v.node.$ref === 'string') queue.push(v.node.$ref);
  const defs = isObject(def.definitions) ? def.definitions : {};
  while (queue.length) {
    const ref = queue.pop();
    if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) continue;
    const name = decodePointerToken(ref.slice('#/definitions/'.length));
    if (out.has(name) || !isObject(defs[name])) continue;
    out.add(name);
    // Collect nested refs of this definition (iteratively, bounded by the definition's size).
    const stack: unknown[] = [defs[name]];
    while (stack.length) {
      const n = stack.pop();
      if (Array.isArray(n)) stack.push(...n);
      else if (isObject(n)) {
        if (typeof n.$ref === 'string') queue.push(n.$ref);
        for (const [k, c] of Object.entries(n)) if (k !== 'example' && k !== 'default' && k !== 'enum' && typeof c === 'object') stack.push(c);
      }
    }
  }
  return out;
}

const schemaKeywords: Rule = {
  ids: ['array-items-required', 'type-format-recognized', 'file-type-position', 'string-binary-position', 'schema-required-list', 'enum-valid', 'default-matches-type', 'numeric-keywords-valid', 'bounds-ordered', 'pattern-valid-regex', 'allow-empty-value-location', 'collection-format-supported', 'swagger-keyword-unsupported'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    for (const v of schemaVisits(def)) checkNode(v, report);
  },
};

const readonlyRequiredInput: Rule = {
  ids: ['readonly-required-input'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    const inputs = inputDefinitions(def);
    for (const v of schemaVisits(def)) {
      const s = v.node;
      if (v.role !== 'schema' || !Array.isArray(s.required) || !isObject(s.properties)) continue;
      const inInput = v.origin === 'body' || (v.origin === 'definition' && inputs.has(String(v.path[1])));
      if (!inInput) continue;
      for (const r of s.required) {
        if (typeof r !== 'string') continue;
        let p = s.properties[r];
        if (isObject(p) && typeof p.$ref === 'string') p = followRefs(def, p, '')?.value ?? p;
        if (isObject(p) && p.readOnly === true) {
          report({ ruleId: 'readonly-required-input', pointer: pathToPointer([...v.path, 'properties', r, 'readOnly']), message: `Property "${r}" is read-only but required in a request schema: makers cannot set it. Drop it from "required" or remove "readOnly".` });
        }
      }
    }
  },
};

const discriminatorRequiredString: Rule = {
  ids: ['discriminator-required-string'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    for (const v of schemaVisits(def)) {
      const s = v.node;
      if (v.role !== 'schema' || !('discriminator' in s)) continue;
      const name = s.discriminator;
      const at = pathToPointer([...v.path, 'discriminator']);
      if (typeof name !== 'string') continue; // json-type-incorrect
      let prop = isObject(s.properties) ? s.properties[name] : undefined;
      if (isObject(prop) && typeof prop.$ref === 'string') prop = followRefs(def, prop, '')?.value;
      if (!isObject(prop)) report({ ruleId: 'discriminator-required-string', pointer: at, target: 'value', message: `Discriminator "${name}" is not declared in "properties".` });
      else if (prop.type !== undefined && prop.type !== 'string') report({ ruleId: 'discriminator-required-string', pointer: at, target: 'value', message: `Discriminator "${name}" must be a string property (it is "${String(prop.type)}").` });
      else if (!Array.isArray(s.required) || !s.required.includes(name)) report({ ruleId: 'discriminator-required-string', pointer: at, target: 'value', message: `Discriminator "${name}" must be listed in "required".` });
    }
  },
};

export const rules: Rule[] = [schemaKeywords, readonlyRequiredInput, discriminatorRequiredString];

/** The JSON type of a value as Microsoft's validator names it (Newtonsoft token types). */
function jsonTypeName(v: unknown): string {
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  return 'Object';
}

const capitalize = (t: string) => (t ? t[0].toUpperCase() + t.slice(1) : t);
