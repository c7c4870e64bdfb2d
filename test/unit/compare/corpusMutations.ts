// Mutations of real corpus connectors for the breaking-change tests: each one makes one kind of
// change to a deep copy of a connector, or says it does not apply to that connector. Refs are
// resolved here with a reader of our own test code (plain "#/a/b" walk), not the engine's resolver.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_CONNECTORS, corpusConnectorNames, requireCorpus } from '../ruleTestKit';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type D = any;

export interface CorpusConnector {
  name: string;
  def: D;
  props: D | undefined;
  defText: string;
}

let cache: CorpusConnector[] | undefined;

export function corpusConnectors(): CorpusConnector[] {
  if (cache) return cache;
  requireCorpus();
  const out: CorpusConnector[] = [];
  for (const name of corpusConnectorNames()) {
    const dir = path.join(CORPUS_CONNECTORS, name);
    try {
      const defText = fs.readFileSync(path.join(dir, 'apiDefinition.swagger.json'), 'utf8').replace(/^\uFEFF/, '');
      const def = JSON.parse(defText);
      const pp = path.join(dir, 'apiProperties.json');
      let props: D | undefined;
      try {
        props = fs.existsSync(pp) ? JSON.parse(fs.readFileSync(pp, 'utf8').replace(/^\uFEFF/, '')) : undefined;
      } catch {
        props = undefined;
      }
      if (def && typeof def === 'object' && def.paths && typeof def.paths === 'object') out.push({ name, def, props, defText });
    } catch {
      /* not valid JSON: not a mutation base */
    }
  }
  if (out.length < 250) throw new Error(`only ${out.length} parseable corpus definitions in ${CORPUS_CONNECTORS} (expected 250+)`);
  return (cache = out);
}

export const clone = <T>(v: T): T => structuredClone(v);
export const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export interface Op {
  path: string;
  method: string;
  op: D;
  item: D;
}

export function operations(def: D): Op[] {
  const out: Op[] = [];
  for (const [p, item] of Object.entries<D>(def.paths ?? {})) {
    if (!isObj(item)) continue;
    for (const m of METHODS) if (isObj(item[m]) && typeof item[m].operationId === 'string') out.push({ path: p, method: m, op: item[m], item });
  }
  return out;
}

/** Follows "#/x/y" refs (test's own reader), at most 20 hops. */
export function deref(def: D, v: D): D {
  let cur = v;
  for (let i = 0; i < 20 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
    const ref: string = cur.$ref;
    if (!ref.startsWith('#/')) return undefined;
    cur = ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).reduce<D>((a, k) => (isObj(a) || Array.isArray(a) ? (a as D)[k] : undefined), def);
  }
  return isObj(cur) && typeof cur.$ref === 'string' ? undefined : cur;
}

/** The operation-level parameter entries, each replaced by a resolved copy (so a mutation stays in this operation). */
export function inlineParams(def: D, op: D): D[] {
  if (!Array.isArray(op.parameters)) return [];
  op.parameters = op.parameters.map((p: D) => (isObj(p) && typeof p.$ref === 'string' ? clone(deref(def, p)) ?? p : p));
  return op.parameters.filter(isObj);
}

/** The 200-ish response schema of an operation replaced by a resolved copy; undefined when none has properties. */
export function inlineResponseSchema(def: D, op: D): { schema: D; code: string } | undefined {
  if (!isObj(op.responses)) return undefined;
  for (const code of Object.keys(op.responses).filter((c) => /^2\d\d$/.test(c)).sort()) {
    const r = deref(def, op.responses[code]);
    if (!isObj(r) || !isObj(r.schema)) continue;
    const s = deref(def, r.schema);
    if (!isObj(s) || !isObj(s.properties) || Object.keys(s.properties).length === 0) continue;
    const copy = clone(s);
    op.responses[code] = { ...clone(r), schema: copy };
    return { schema: copy, code };
  }
  return undefined;
}

/** A property of a schema, replaced by its resolved copy. */
export function inlineProperty(def: D, schema: D, name: string): D {
  const p = deref(def, schema.properties[name]);
  if (!isObj(p)) return undefined;
  const copy = clone(p);
  schema.properties[name] = copy;
  return copy;
}
