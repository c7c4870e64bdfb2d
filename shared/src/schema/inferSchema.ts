// Infers a Swagger 2.0 schema from example JSON values. Used by the Postman import (request
// bodies, saved responses) and by "update response schema from a response".
//
// Rules, chosen to be predictable and to always yield valid Swagger 2.0:
// - Types: string, integer, number, boolean, object, array. Integers and numbers mixed -> number.
//   Any other mix of types (for example string and object) -> no `type` at all (any value).
// - null is not a Swagger 2.0 type: a value seen as null is marked `x-nullable: true`; a value
//   only ever seen as null becomes `{ type: string, x-nullable: true }`.
// - Objects: properties are the union over all examples, in order of first appearance.
//   `required` lists the properties present (and not null) in every object example, but only
//   when at least two object examples were seen: one example says nothing about optionality.
// - Arrays: one item schema merged from every element of every example; empty arrays give
//   `items: {}`.
// - Strings: `format` date-time, date, email, uri or uuid when every string example has it.
// - Output is deterministic: same inputs in the same order give the same schema.

export type SwaggerType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface SwaggerSchema {
  type?: SwaggerType;
  format?: string;
  items?: SwaggerSchema;
  properties?: Record<string, SwaggerSchema>;
  required?: string[];
  'x-nullable'?: boolean;
  [key: string]: unknown;
}

export interface InferOptions {
  /** When objects get `required`: 'consistent' (default, see above) or 'never'. */
  required?: 'consistent' | 'never';
  /** Deeper nesting is cut off with an empty (any) schema. Default 64. */
  maxDepth?: number;
}

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** What all examples seen at one position have in common. */
interface Acc {
  kinds: Set<Kind>;
  /** Format shared by every string seen so far; '' once two strings disagree. */
  format: string | undefined;
  objectCount: number;
  props: Map<string, { acc: Acc; present: number }>;
  items: Acc | undefined;
}

function newAcc(): Acc {
  return { kinds: new Set(), format: undefined, objectCount: 0, props: new Map(), items: undefined };
}

/** Schema for one example value. */
export function inferSchema(value: unknown, options: InferOptions = {}): SwaggerSchema {
  return inferSchemaFromExamples([value], options);
}

/** Schema that fits every example (see the rules at the top of this file). */
export function inferSchemaFromExamples(values: readonly unknown[], options: InferOptions = {}): SwaggerSchema {
  const maxDepth = options.maxDepth ?? 64;
  const acc = newAcc();
  for (const v of values) observe(acc, v, 0, maxDepth);
  return finish(acc, options.required ?? 'consistent');
}

function observe(acc: Acc, value: unknown, depth: number, maxDepth: number): void {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return;
  if (depth > maxDepth) {
    // Too deep: record a type conflict so the schema at this position stays "any".
    acc.kinds.add('string');
    acc.kinds.add('object');
    return;
  }
  if (value === null) {
    acc.kinds.add('null');
    return;
  }
  if (Array.isArray(value)) {
    acc.kinds.add('array');
    acc.items ??= newAcc();
    for (const item of value) observe(acc.items, item, depth + 1, maxDepth);
    return;
  }
  switch (typeof value) {
    case 'string': {
      acc.kinds.add('string');
      const f = detectFormat(value);
      acc.format = acc.format === undefined ? f : acc.format === f ? f : '';
      return;
    }
    case 'number':
      acc.kinds.add(Number.isInteger(value) ? 'integer' : 'number');
      return;
    case 'bigint':
      acc.kinds.add('integer');
      return;
    case 'boolean':
      acc.kinds.add('boolean');
      return;
    case 'object': {
      acc.kinds.add('object');
      acc.objectCount++;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        let p = acc.props.get(key);
        if (!p) {
          p = { acc: newAcc(), present: 0 };
          acc.props.set(key, p);
        }
        // A null member counts as "not really there" for `required`.
        if (v !== null && v !== undefined) p.present++;
        observe(p.acc, v, depth + 1, maxDepth);
      }
      return;
    }
    default:
      return;
  }
}

function finish(acc: Acc, required: 'consistent' | 'never'): SwaggerSchema {
  const nullable = acc.kinds.has('null');
  const kinds = [...acc.kinds].filter((k) => k !== 'null');
  let type: SwaggerType | undefined;
  if (kinds.length === 1) type = kinds[0] as SwaggerType;
  else if (kinds.length === 2 && kinds.includes('integer') && kinds.includes('number')) type = 'number';
  else if (kinds.length === 0 && nullable) type = 'string';

  const schema: SwaggerSchema = {};
  if (type) schema.type = type;
  if (type === 'string' && acc.format) schema.format = acc.format;
  if (type === 'object') {
    const properties: Record<string, SwaggerSchema> = {};
    const req: string[] = [];
    for (const [key, p] of acc.props) {
      properties[key] = finish(p.acc, required);
      if (required === 'consistent' && acc.objectCount >= 2 && p.present === acc.objectCount) req.push(key);
    }
    schema.properties = properties;
    if (req.length) schema.required = req;
  }
  if (type === 'array') schema.items = acc.items && acc.items.kinds.size ? finish(acc.items, required) : {};
  if (nullable) schema['x-nullable'] = true;
  return schema;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;

/** The Swagger format a string example suggests ('' when none). */
export function detectFormat(s: string): string {
  if (s.length > 2048) return '';
  if (UUID.test(s)) return 'uuid';
  if (DATE_TIME.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T')))) return 'date-time';
  if (DATE.test(s)) return 'date';
  if (EMAIL.test(s)) return 'email';
  if (URI.test(s)) return 'uri';
  return '';
}
