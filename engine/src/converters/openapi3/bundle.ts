// External `$ref`s (other files, URLs) bundled into one document before the conversion. The host
// passes a reader (files beside the source, or HTTP); the engine never touches the disk or the
// network. Component-shaped targets (…#/components/schemas/Pet, or a whole file used as a schema)
// become components of the root; anything else is copied in place. Budgets: documents read,
// characters read, refs rewritten.
import { decodePointerToken, encodePointerToken, resolveLocalRef } from '../../../../shared/src/swagger/pointer';
import { isRecord, type JsonObject } from './context';
import { parseSourceText } from './parse';

/** Reads the text of a referenced document (absolute URL or path as resolved against the source); undefined when it cannot. */
export type RefReader = (location: string) => Promise<string | undefined>;

export interface BundleBudgets {
  documents: number;
  chars: number;
  refs: number;
}

export const DEFAULT_BUNDLE_BUDGETS: BundleBudgets = { documents: 64, chars: 64 * 1024 * 1024, refs: 20_000 };

export interface BundleResult {
  value: JsonObject;
  /** External documents read. */
  documents: string[];
  /** Refs that could not be bundled, with why (they are left for the converter to report). */
  problems: { ref: string; where: string; message: string }[];
}

const SCHEMA_PARENTS = new Set(['schema', 'items', 'additionalProperties', 'not']);
const SCHEMA_GRANDPARENTS = new Set(['properties', 'allOf', 'oneOf', 'anyOf', 'schemas', 'prefixItems', 'patternProperties', 'definitions', '$defs']);
const COMPONENT_KINDS = new Set(['schemas', 'parameters', 'responses', 'requestBodies', 'headers', 'examples', 'securitySchemes', 'links', 'callbacks', 'pathItems']);

/** Resolves `ref`'s document part against `base` (a URL or a path with "/" separators). */
export function resolveLocation(base: string, ref: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return ref;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) return new URL(ref, base).href;
  if (ref.startsWith('/')) return ref;
  const dir = base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : '';
  const parts: string[] = [];
  for (const seg of (dir + ref).split('/')) {
    if (seg === '..' && parts.length && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

interface Pending {
  holder: JsonObject;
  /** Document the ref was written in. */
  base: string;
  /** Key path of the holder (to guess whether it is a schema). */
  path: string[];
}

export async function bundleExternalRefs(root: JsonObject, rootLocation: string, read: RefReader, budgets: BundleBudgets = DEFAULT_BUNDLE_BUDGETS): Promise<BundleResult> {
  const value = structuredClone(root);
  const docs = new Map<string, JsonObject | null>();
  const problems: BundleResult['problems'] = [];
  let chars = 0;
  let refsLeft = budgets.refs;
  /** "location#pointer" -> local ref in the root. */
  const placed = new Map<string, string>();
  const components = (isRecord(value.components) ? value.components : (value.components = {})) as JsonObject;

  const collect = (v: unknown, base: string, path: string[], out: Pending[]) => {
    const stack: { v: unknown; path: string[] }[] = [{ v, path }];
    while (stack.length) {
      const { v: cur, path: p } = stack.pop()!;
      if (Array.isArray(cur)) cur.forEach((c, i) => typeof c === 'object' && c !== null && stack.push({ v: c, path: [...p, String(i)] }));
      else if (isRecord(cur)) {
        if (typeof cur.$ref === 'string' && (!cur.$ref.startsWith('#') || base !== rootLocation)) out.push({ holder: cur, base, path: p });
        for (const [k, c] of Object.entries(cur)) if (typeof c === 'object' && c !== null && k !== 'example' && k !== 'examples') stack.push({ v: c, path: [...p, k] });
      }
    }
  };
  const load = async (location: string): Promise<JsonObject | null> => {
    if (docs.has(location)) return docs.get(location)!;
    if (docs.size >= budgets.documents) throw new Error(`more than ${budgets.documents} referenced documents`);
    docs.set(location, null);
    const text = await read(location);
    if (text === undefined) return null;
    chars += text.length;
    if (chars > budgets.chars) throw new Error(`the referenced documents hold more than ${budgets.chars / (1024 * 1024)} MB of text`);
    const parsed = parseSourceText(text, location);
    const doc = parsed.ok && isRecord(parsed.value) ? parsed.value : null;
    docs.set(location, doc);
    return doc;
  };

  let pending: Pending[] = [];
  collect(value, rootLocation, [], pending);
  while (pending.length) {
    const next: Pending[] = [];
    for (const item of pending) {
      const ref = item.holder.$ref as string;
      const hash = ref.indexOf('#');
      const file = hash < 0 ? ref : ref.slice(0, hash);
      const fragment = hash < 0 ? '' : ref.slice(hash + 1);
      const location = file === '' ? item.base : resolveLocation(item.base, file);
      if (location === rootLocation) {
        item.holder.$ref = `#${fragment}`;
        continue;
      }
      if (--refsLeft < 0) {
        problems.push({ ref, where: item.base, message: `the budget of ${budgets.refs} external refs is spent` });
        continue;
      }
      const key = `${location}#${fragment}`;
      const already = placed.get(key);
      if (already) {
        item.holder.$ref = already;
        continue;
      }
      let doc: JsonObject | null;
      try {
        doc = await load(location);
      } catch (e) {
        problems.push({ ref, where: item.base, message: (e as Error).message });
        continue;
      }
      const target = doc ? resolveLocalRef(doc, `#${fragment}`) : undefined;
      if (target === undefined) {
        problems.push({ ref, where: item.base, message: doc ? `no ${fragment || 'document'} in ${location}` : `${location} could not be read` });
        continue;
      }
      const copy = structuredClone(target) as unknown;
      const segs = fragment.startsWith('/') ? fragment.slice(1).split('/').map(decodePointerToken) : [];
      const parent = item.path[item.path.length - 1] ?? '';
      const grand = item.path[item.path.length - 2] ?? '';
      const kind = segs.length === 3 && segs[0] === 'components' && COMPONENT_KINDS.has(segs[1]!) ? segs[1]! : segs.length === 2 && segs[0] === 'definitions' ? 'schemas' : SCHEMA_PARENTS.has(parent) || SCHEMA_GRANDPARENTS.has(grand) ? 'schemas' : undefined;
      if (kind && isRecord(copy)) {
        const base = (segs[segs.length - 1] ?? location.split('/').pop()!.replace(/\.(ya?ml|json)$/i, '')).replace(/[^A-Za-z0-9_.-]+/g, '_') || 'External';
        const bucket = (isRecord(components[kind]) ? components[kind] : (components[kind] = {})) as JsonObject;
        let name = base;
        for (let i = 2; name in bucket; i++) name = `${base}_${i}`;
        bucket[name] = copy;
        const local = `#/components/${kind}/${encodePointerToken(name)}`;
        placed.set(key, local);
        item.holder.$ref = local;
        collect(copy, location, ['components', kind, name], next);
      } else {
        // Copied in place: the holder becomes the target (its own refs are relative to `location`).
        delete item.holder.$ref;
        if (isRecord(copy)) Object.assign(item.holder, copy);
        collect(item.holder, location, item.path, next);
      }
    }
    pending = next;
  }
  return { value, documents: [...docs.keys()], problems };
}
