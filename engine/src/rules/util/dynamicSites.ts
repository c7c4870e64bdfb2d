// Finds every x-ms-dynamic-* extension in a definition once (cached per document value) and
// works out which operations it belongs to, so the dynamic-extension rules do not re-walk.
import { HTTP_METHODS, isObject, type ConnectorIndex, type JsonObject, type OperationEntry } from '../../languageService/connectorIndex';
import { encodePointerToken } from '../../../../shared/src/swagger/pointer';
import { stepPath, type ValueStep } from '../../languageService/valueSteps';

export const DYNAMIC_KINDS = ['x-ms-dynamic-values', 'x-ms-dynamic-list', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties', 'x-ms-dynamic-tree'] as const;
export type DynamicKind = (typeof DYNAMIC_KINDS)[number];

export interface DynamicSite {
  kind: DynamicKind;
  /** The extension's value (any JSON). */
  value: unknown;
  /** The object carrying the extension (parameter or schema). */
  holder: JsonObject;
  /** Path of the holder. */
  holderPath: (string | number)[];
  /** Operations whose inputs/outputs include the holder (empty when it cannot be told, e.g. under #/definitions). */
  sources: OperationEntry[];
  /** The holder is a parameter object (directly in a `parameters` array or #/parameters). */
  onParameter: boolean;
  /** The holder sits in a response (responses/.../schema) rather than an input. */
  inResponse: boolean;
}

const DYNAMIC_KEYS: ReadonlySet<string> = new Set(DYNAMIC_KINDS);
const cache = new WeakMap<object, DynamicSite[]>();
const MAX_DEPTH = 256;
/** Sections whose entries are searched (and cached) one entry at a time. */
const ENTRY_SECTIONS = new Set(['paths', 'definitions', 'parameters', 'responses']);

type RawSite = Omit<DynamicSite, 'sources'>;
/**
 * The sites inside one section entry, kept per entry object: an edit re-parses one entry
 * (incrementalParse.ts shares the untouched ones), so only that entry is searched again.
 */
const entryCache = new WeakMap<object, { section: string; key: string; sites: RawSite[] }>();

export function dynamicSites(index: ConnectorIndex): DynamicSite[] {
  const def = index.definitionValue;
  if (!def) return [];
  const hit = cache.get(def);
  if (hit) return hit;
  const raw: RawSite[] = [];
  sitesOn(def, [], raw);
  for (const key of Object.keys(def)) {
    if ((DYNAMIC_KINDS as readonly string[]).includes(key)) continue;
    const section = def[key];
    if (!ENTRY_SECTIONS.has(key) || !isObject(section)) {
      searchFrom(section, [key], raw);
      continue;
    }
    sitesOn(section, [key], raw);
    for (const entryKey of Object.keys(section)) {
      if ((DYNAMIC_KINDS as readonly string[]).includes(entryKey)) continue;
      const entry = section[entryKey];
      if (!isObject(entry)) {
        searchFrom(entry, [key, entryKey], raw);
        continue;
      }
      let cached = entryCache.get(entry);
      if (!cached || cached.section !== key || cached.key !== entryKey) {
        cached = { section: key, key: entryKey, sites: [] };
        searchFrom(entry, [key, entryKey], cached.sites);
        entryCache.set(entry, cached);
      }
      for (const site of cached.sites) raw.push(site);
    }
  }
  const sites = raw.map((s) => ({ ...s, sources: sourcesOf(index, s.holderPath) }));
  cache.set(def, sites);
  return sites;
}

/** The sites an object itself carries. */
function sitesOn(v: JsonObject, p: (string | number)[], out: RawSite[]): void {
  for (const kind of DYNAMIC_KINDS) {
    if (kind in v) out.push({ kind, value: v[kind], holder: v, holderPath: p, onParameter: isParameterPath(p), inResponse: p.includes('responses') });
  }
}

/** Every site in a value and below it, in document order (depth-first). */
function searchFrom(start: unknown, startPath: (string | number)[], out: RawSite[]): void {
  // A path is built only for the objects that hold a site (valueSteps.ts).
  interface Step extends ValueStep {
    parent?: Step;
    depth: number;
  }
  const stack: Step[] = [{ v: start, depth: startPath.length }];
  while (stack.length) {
    const step = stack.pop()!;
    const v = step.v;
    if (step.depth > MAX_DEPTH) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'object' && v[i] !== null) stack.push({ v: v[i], key: i, parent: step, depth: step.depth + 1 });
      continue;
    }
    if (!isObject(v)) continue;
    // One pass over the own keys finds the sites (JSON and YAML values have no inherited keys) and
    // the children; the sites go out before any child is searched, as the children wait on the stack.
    let holds = false;
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      // Values of extensions are not schemas; do not look for nested sites inside them.
      if (DYNAMIC_KEYS.has(keys[i])) {
        holds = true;
        continue;
      }
      const c = v[keys[i]];
      if (typeof c === 'object' && c !== null) stack.push({ v: c, key: keys[i], parent: step, depth: step.depth + 1 });
    }
    if (holds) sitesOn(v, stepPath(step, startPath), out);
  }
}

function isParameterPath(p: (string | number)[]): boolean {
  if (p.length === 2 && p[0] === 'parameters') return true;
  return p.length >= 2 && p[p.length - 2] === 'parameters' && typeof p[p.length - 1] === 'number';
}

function sourcesOf(index: ConnectorIndex, p: (string | number)[]): OperationEntry[] {
  if (p[0] === 'paths' && typeof p[1] === 'string') {
    const ops = index.operations.filter((o) => o.path === p[1]);
    if ((HTTP_METHODS as readonly unknown[]).includes(p[2])) return ops.filter((o) => o.method === p[2]);
    if (p[2] === 'parameters') return ops;
    return [];
  }
  if (p[0] === 'parameters' && typeof p[1] === 'string') {
    const ref = `#/parameters/${encodePointerToken(String(p[1]))}`;
    return index.operations.filter((o) => [o.operation.parameters, o.pathItem.parameters].some((list) => Array.isArray(list) && list.some((x) => isObject(x) && x.$ref === ref)));
  }
  return [];
}

/** A path string of an extension (e.g. value-path) with where it is written. */
export interface SitePath {
  key: string;
  value: string;
  /** Path of the member in the definition. */
  path: (string | number)[];
}

/** One call to a target operation made by an extension (a tree has two: open and browse). */
export interface DynamicCall {
  site: DynamicSite;
  /** Path of the object holding operationId/parameters. */
  path: (string | number)[];
  operationId?: string;
  parameters?: JsonObject;
  /** value-collection / itemsPath, when the call lists items. */
  collection?: SitePath;
  /** True when the call must produce a list (values, list, tree commands). */
  listsItems: boolean;
  /** Paths relative to one item of the collection. */
  itemPaths: SitePath[];
  /** Paths relative to the response root. */
  rootPaths: SitePath[];
}

export type ParamValue =
  | { kind: 'literal'; value: unknown }
  | { kind: 'reference'; name: string; key: 'parameter' | 'parameterReference' }
  | { kind: 'other' };

/** Classifies one entry of an extension's `parameters` map. */
export function paramValue(v: unknown): ParamValue {
  if (!isObject(v)) return { kind: 'literal', value: v };
  if (typeof v.parameter === 'string') return { kind: 'reference', name: v.parameter, key: 'parameter' };
  if (typeof v.parameterReference === 'string') return { kind: 'reference', name: v.parameterReference, key: 'parameterReference' };
  if ('value' in v) return { kind: 'literal', value: v.value };
  return { kind: 'other' };
}

const LIST_KEYS = { collection: 'itemsPath', item: ['itemValuePath', 'itemTitlePath'] };

export function dynamicCalls(site: DynamicSite): DynamicCall[] {
  const v = site.value;
  if (!isObject(v)) return [];
  const base = [...site.holderPath, site.kind];
  const str = (o: JsonObject, key: string, at: (string | number)[]): SitePath | undefined => (typeof o[key] === 'string' ? { key, value: o[key] as string, path: [...at, key] } : undefined);
  const make = (o: JsonObject, at: (string | number)[], listsItems: boolean, collectionKey: string | undefined, itemKeys: string[], rootKeys: string[]): DynamicCall => ({
    site,
    path: at,
    operationId: typeof o.operationId === 'string' ? o.operationId : undefined,
    parameters: isObject(o.parameters) ? o.parameters : undefined,
    collection: collectionKey ? str(o, collectionKey, at) : undefined,
    listsItems,
    itemPaths: itemKeys.map((k) => str(o, k, at)).filter((x): x is SitePath => !!x),
    rootPaths: rootKeys.map((k) => str(o, k, at)).filter((x): x is SitePath => !!x),
  });
  switch (site.kind) {
    case 'x-ms-dynamic-values':
      // builtInOperation and capability calls have no target operation in this definition.
      if (typeof v.operationId !== 'string') return [];
      return [make(v, base, true, 'value-collection', ['value-path', 'value-title'], [])];
    case 'x-ms-dynamic-list':
      return [make(v, base, true, LIST_KEYS.collection, LIST_KEYS.item, [])];
    case 'x-ms-dynamic-schema':
      return [make(v, base, false, undefined, [], ['value-path'])];
    case 'x-ms-dynamic-properties':
      return [make(v, base, false, undefined, [], ['itemValuePath'])];
    case 'x-ms-dynamic-tree': {
      const out: DynamicCall[] = [];
      for (const cmd of ['open', 'browse']) {
        const c = v[cmd];
        if (isObject(c)) out.push(make(c, [...base, cmd], true, LIST_KEYS.collection, LIST_KEYS.item, []));
      }
      return out;
    }
  }
}
