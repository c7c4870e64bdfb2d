// One iterative walk over every schema-like object of a definition (definitions, body/response
// schemas, non-body parameters, headers, items), with where it sits. Shared by the schema-keyword
// and size rules so each rule does not re-walk the document. Depth-capped; never follows $ref.
import { HTTP_METHODS, isObject, type JsonObject } from '../languageService/connectorIndex';

export type SchemaRole =
  /** A JSON schema: definitions, body parameter schema, response schema and everything nested. */
  | 'schema'
  /** A non-body parameter (its type/items/enum live on the parameter itself). */
  | 'parameter'
  /** A response header or a non-body `items` object. */
  | 'header'
  | 'items';

export type SchemaOrigin = 'definition' | 'body' | 'response' | 'parameter' | 'header';

export interface SchemaVisit {
  node: JsonObject;
  path: (string | number)[];
  role: SchemaRole;
  origin: SchemaOrigin;
  /** Nesting below the schema root (0 = the schema itself). */
  depth: number;
  /** How it was reached from its parent schema: property, items, additionalProperties, allOf. */
  via?: 'properties' | 'items' | 'additionalProperties' | 'allOf';
  /** The parameter's `in`, for parameter roots. */
  paramIn?: string;
}

const MAX_DEPTH = 200;

/**
 * A nested schema's visit: its path is built on first read from its parent's (few visits need one),
 * from how it was reached (`via`) and its key under that (a property name, an items or allOf index).
 */
class NestedVisit implements SchemaVisit {
  private builtPath?: (string | number)[];
  constructor(
    readonly node: JsonObject,
    private readonly parent: SchemaVisit,
    private readonly key: string | number | undefined,
    readonly role: SchemaRole,
    readonly origin: SchemaOrigin,
    readonly depth: number,
    readonly via: NonNullable<SchemaVisit['via']>,
  ) {}

  get path(): (string | number)[] {
    if (this.builtPath) return this.builtPath;
    const p = this.parent.path.slice();
    p.push(this.via);
    if (this.key !== undefined) p.push(this.key);
    return (this.builtPath = p);
  }
}

/** Calls visit for every schema-like object; return false from visit to skip its children. */
export function walkSchemas(def: JsonObject, visit: (v: SchemaVisit) => void | boolean): void {
  const stack: SchemaVisit[] = [];
  const pushParam = (p: unknown, path: (string | number)[]) => {
    if (!isObject(p) || typeof p.$ref === 'string') return;
    if (p.in === 'body') {
      if (isObject(p.schema)) stack.push({ node: p.schema, path: [...path, 'schema'], role: 'schema', origin: 'body', depth: 0 });
    } else {
      stack.push({ node: p, path, role: 'parameter', origin: 'parameter', depth: 0, paramIn: typeof p.in === 'string' ? p.in : undefined });
    }
  };
  const pushResponse = (r: unknown, path: (string | number)[]) => {
    if (!isObject(r) || typeof r.$ref === 'string') return;
    if (isObject(r.schema)) stack.push({ node: r.schema, path: [...path, 'schema'], role: 'schema', origin: 'response', depth: 0 });
    if (isObject(r.headers)) for (const [h, hv] of Object.entries(r.headers)) if (isObject(hv)) stack.push({ node: hv, path: [...path, 'headers', h], role: 'header', origin: 'header', depth: 0 });
  };
  if (isObject(def.definitions)) for (const [k, s] of Object.entries(def.definitions)) if (isObject(s)) stack.push({ node: s, path: ['definitions', k], role: 'schema', origin: 'definition', depth: 0 });
  if (isObject(def.parameters)) for (const [k, p] of Object.entries(def.parameters)) pushParam(p, ['parameters', k]);
  if (isObject(def.responses)) for (const [k, r] of Object.entries(def.responses)) pushResponse(r, ['responses', k]);
  if (isObject(def.paths)) {
    for (const [p, item] of Object.entries(def.paths)) {
      if (!isObject(item)) continue;
      if (Array.isArray(item.parameters)) item.parameters.forEach((x, i) => pushParam(x, ['paths', p, 'parameters', i]));
      for (const m of HTTP_METHODS) {
        const op = item[m];
        if (!isObject(op)) continue;
        if (Array.isArray(op.parameters)) op.parameters.forEach((x, i) => pushParam(x, ['paths', p, m, 'parameters', i]));
        if (isObject(op.responses)) for (const [c, r] of Object.entries(op.responses)) pushResponse(r, ['paths', p, m, 'responses', c]);
      }
    }
  }
  stack.reverse();
  while (stack.length) {
    const v = stack.pop()!;
    if (visit(v) === false || v.depth >= MAX_DEPTH) continue;
    // The children go on the stack in order, then that stretch is reversed: they pop in order.
    const first = stack.length;
    const { node, origin } = v;
    const depth = v.depth + 1;
    if (v.role === 'schema') {
      const props = node.properties;
      if (isObject(props)) {
        const keys = Object.keys(props);
        for (let i = 0; i < keys.length; i++) {
          const s = props[keys[i]];
          if (isObject(s)) stack.push(new NestedVisit(s, v, keys[i], 'schema', origin, depth, 'properties'));
        }
      }
      if (isObject(node.additionalProperties)) stack.push(new NestedVisit(node.additionalProperties, v, undefined, 'schema', origin, depth, 'additionalProperties'));
      const items = node.items;
      if (isObject(items)) stack.push(new NestedVisit(items, v, undefined, 'schema', origin, depth, 'items'));
      else if (Array.isArray(items)) {
        for (let i = 0; i < items.length; i++) {
          const s: unknown = items[i];
          if (isObject(s)) stack.push(new NestedVisit(s, v, i, 'schema', origin, depth, 'items'));
        }
      }
      const allOf = node.allOf;
      if (Array.isArray(allOf)) {
        for (let i = 0; i < allOf.length; i++) {
          const s: unknown = allOf[i];
          if (isObject(s)) stack.push(new NestedVisit(s, v, i, 'schema', origin, depth, 'allOf'));
        }
      }
    } else if (isObject(node.items)) {
      stack.push(new NestedVisit(node.items, v, undefined, 'items', origin, depth, 'items'));
    }
    for (let i = first, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i];
      stack[i] = stack[j];
      stack[j] = t;
    }
  }
}

/**
 * Every visit of walkSchemas (no child skipped), in walk order, kept per definition value: the rules
 * that read every schema share one walk (a few thousand visits for the largest corpus definitions).
 */
export function schemaVisits(def: JsonObject): readonly SchemaVisit[] {
  let visits = visitsCache.get(def);
  if (!visits) {
    const all: SchemaVisit[] = [];
    walkSchemas(def, (v) => {
      all.push(v);
    });
    visitsCache.set(def, (visits = all));
  }
  return visits;
}

const visitsCache = new WeakMap<object, readonly SchemaVisit[]>();

/** Schema counts per section entry, kept per entry object (an edit re-parses one entry; the rest are shared). */
const entryCounts = new WeakMap<object, { section: string; count: number }>();
const COUNTED_SECTIONS = ['definitions', 'parameters', 'responses', 'paths'] as const;

/**
 * How many objects walkSchemas visits in the role `schema`: counted on the shared visits when a rule
 * already walked this definition value (batch validation; the language server's whole-document run),
 * else the same count, summed entry by entry.
 */
export function countSchemas(def: JsonObject): number {
  const walked = visitsCache.get(def);
  if (walked) {
    let count = 0;
    for (const v of walked) if (v.role === 'schema') count++;
    return count;
  }
  let total = 0;
  for (const section of COUNTED_SECTIONS) {
    const entries = def[section];
    if (!isObject(entries)) continue;
    for (const key of Object.keys(entries)) {
      const entry = entries[key];
      if (!isObject(entry)) continue;
      let cached = entryCounts.get(entry);
      if (!cached || cached.section !== section) {
        let count = 0;
        walkSchemas({ [section]: { [key]: entry } }, (v) => {
          if (v.role === 'schema') count++;
        });
        entryCounts.set(entry, (cached = { section, count }));
      }
      total += cached.count;
    }
  }
  return total;
}
