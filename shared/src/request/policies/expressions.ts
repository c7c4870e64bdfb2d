/**
 * The small expression language of policy template parameters:
 *  - `@connectionParameters('name')` / `@connectionParameters('name', 'default')`
 *  - `@headers('name')` (also `@header`), `@queryParameters('name')` (also `@queryParameter`)
 * embedded anywhere in a string ("https://@connectionParameters('region').example.com"),
 * and JSON paths `@body().a.b`, `@body()['@odata.etag']`, `@item().x` used by body templates.
 * Source: Microsoft Learn policy template pages (dynamichosturl, setheader, setqueryparameter, setproperty).
 */
import { getHeader } from '../headers';

export interface ExpressionScope {
  connectionParameters: Record<string, string>;
  /** Connection parameter names whose values are secret (securestring). */
  secretConnectionParameters?: string[];
  headers: Record<string, string>;
  query: Array<[string, string]>;
}

export interface Evaluated {
  value: string;
  /** True when a secret connection parameter went into the value. */
  secret: boolean;
  /** The secret values that went into the value. */
  secretValues: string[];
  /** Problems such as a connection parameter without value and without default. */
  errors: string[];
}

const Q = `['‘’"]`;
const CALL = new RegExp(
  `@(connectionParameters|headers|header|queryParameters|queryParameter)\\(\\s*${Q}(.*?)${Q}\\s*(?:,\\s*${Q}(.*?)${Q}\\s*)?\\)`,
  'g',
);

export function evaluateTemplate(template: string, scope: ExpressionScope): Evaluated {
  const errors: string[] = [];
  let secret = false;
  const secretValues: string[] = [];
  const secretNames = new Set(scope.secretConnectionParameters ?? []);
  const value = template.replace(CALL, (_whole, fn: string, name: string, fallback: string | undefined) => {
    if (fn === 'connectionParameters') {
      const v = scope.connectionParameters[name];
      if (v !== undefined && v !== '') {
        if (secretNames.has(name)) {
          secret = true;
          secretValues.push(v);
        }
        return v;
      }
      if (fallback !== undefined) return fallback;
      errors.push(`connection parameter '${name}' has no value and the expression gives no default`);
      return '';
    }
    if (fn === 'headers' || fn === 'header') return getHeader(scope.headers, name) ?? '';
    const pair = scope.query.find(([n]) => n === name);
    return pair ? pair[1] : '';
  });
  return { value, secret, secretValues, errors };
}

export type PathSegment = string | number;

export interface BodyPath {
  /** `body`: from the message body root; `item`: from the current element of a collection; `relative`: plain sub path. */
  root: 'body' | 'item' | 'relative';
  segments: PathSegment[];
}

/** Parses "@body().a['b'][0]", "@body.a", "@item().x" or a plain sub path "a.b" / "['@odata.type']". */
export function parsePath(text: string | undefined): BodyPath {
  let rest = (text ?? '').trim();
  let root: BodyPath['root'] = 'relative';
  const head = /^@(body|item|triggerBody)(\(\))?/.exec(rest);
  if (head) {
    root = head[1] === 'item' ? 'item' : 'body';
    rest = rest.slice(head[0].length);
  }
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < rest.length) {
    const c = rest[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const close = rest.indexOf(']', i);
      if (close < 0) throw new Error(`Unbalanced [ in path "${text}"`);
      const inner = rest.slice(i + 1, close).trim();
      const quoted = /^['"‘’](.*)['"‘’]$/.exec(inner);
      segments.push(quoted ? quoted[1] : /^\d+$/.test(inner) ? Number(inner) : inner);
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < rest.length && rest[j] !== '.' && rest[j] !== '[') j++;
    segments.push(rest.slice(i, j));
    i = j;
  }
  return { root, segments };
}

export function getAt(node: unknown, segments: PathSegment[]): unknown {
  let current = node;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Sets a value, creating intermediate objects; returns false when a non-object is in the way. */
export function setAt(node: unknown, segments: PathSegment[], value: unknown): boolean {
  if (segments.length === 0 || node === null || typeof node !== 'object') return false;
  let current = node as Record<string | number, unknown>;
  for (const segment of segments.slice(0, -1)) {
    let next = current[segment];
    if (next === undefined || next === null) {
      next = {};
      current[segment] = next;
    }
    if (typeof next !== 'object') return false;
    current = next as Record<string | number, unknown>;
  }
  current[segments[segments.length - 1]] = value;
  return true;
}

/**
 * setproperty's value template: a constant, `{@body().x}` expressions inside text, or text that
 * is JSON once expressions are filled in. A lone `{expr}` keeps the value's type.
 */
export function evaluateValueTemplate(template: string, root: unknown, item: unknown): unknown {
  const EXPR = /\{\s*(@(?:body|item)(?:\(\))?(?:\.[^{}\s.[\]]+|\[[^\]]*\])*)\s*\}/g;
  const lookup = (expr: string): unknown => {
    const p = parsePath(expr);
    return getAt(p.root === 'item' ? item : root, p.segments);
  };
  const lone = /^\{\s*(@(?:body|item)[^{}]*)\}$/.exec(template.trim());
  if (lone) return lookup(lone[1].trim());
  const looksJson = isJsonObjectText(template.replace(EXPR, 'null'));
  const filled = template.replace(EXPR, (_w, expr: string) => {
    const v = lookup(expr);
    if (looksJson) return JSON.stringify(v ?? null);
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
  if (looksJson) {
    try {
      return JSON.parse(filled);
    } catch {
      return filled;
    }
  }
  return filled;
}

function isJsonObjectText(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    return typeof JSON.parse(text) === 'object';
  } catch {
    return false;
  }
}
