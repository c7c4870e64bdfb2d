// Rule family 2 (Swagger 2.0 structure), "References": see docs/rules.md. Resolves local pointers
// and relative-file references (`other.json#/x`, relative to the definition); every finding sits at
// the "$ref" that must change.
import { isObject, resolveLocalRef, type JsonObject, type RefEntry } from '../languageService/connectorIndex';
import { pathToPointer, pointerToPath } from '../languageService/tree';
import type { FileAccess } from '../languageService/fileAccess';
import type { Rule, RuleContext } from './types';

type RefKind = 'schema' | 'parameter' | 'response' | 'other';

const SECTION: Record<Exclude<RefKind, 'other'>, string> = { schema: 'definitions', parameter: 'parameters', response: 'responses' };

/** What a $ref at this position must point to, from its place in the document. */
export function refKind(path: readonly string[]): RefKind {
  const n = path.length;
  // paths/{p}/parameters/{i} or paths/{p}/{method}/parameters/{i}
  if (path[0] === 'paths' && n >= 4 && path[n - 2] === 'parameters' && /^\d+$/.test(path[n - 1]) && (n === 4 || n === 5)) return 'parameter';
  if (path[0] === 'paths' && n === 5 && path[3] === 'responses') return 'response';
  for (let i = 0; i < n; i++) {
    // A keyword, unless it is a name: a property, definition or response code called "default".
    const prev = path[i - 1];
    if (prev === 'properties' || prev === 'definitions' || prev === 'responses' || prev === 'parameters') continue;
    const s = path[i];
    if (s === 'example' || s === 'examples' || s === 'x-example' || s === 'x-ms-test-value' || s === 'default' || s === 'enum') return 'other';
    if (s.startsWith('x-ms-') && s !== 'x-ms-dynamic-schema' && s !== 'x-ms-dynamic-properties') return 'other';
  }
  return 'schema';
}

interface ExternalTarget {
  exists: boolean;
  value?: unknown;
  parseError?: boolean;
  /** Set when the reader refused the file (outside the folder, not a regular file, too large). */
  refused?: string;
}

/**
 * Reads a referenced file beside the definition through the one reader: only regular files inside
 * the connector folder, size-capped, never through a link out of it. A refusal says "not read"
 * and nothing about whether an outside file exists.
 */
function loadExternal(files: FileAccess | undefined, fileRef: string, cache: Map<string, ExternalTarget>): ExternalTarget | undefined {
  if (!files) return undefined;
  let rel = fileRef;
  try {
    rel = decodeURIComponent(fileRef);
  } catch {
    /* keep */
  }
  const hit = cache.get(rel);
  if (hit) return hit;
  const r = files.read(rel, { maxBytes: 8 * 1024 * 1024 });
  let out: ExternalTarget;
  if (r.ok) {
    out = { exists: true };
    try {
      // Strict, not the tolerant loader (shared/src/swagger/load.ts): a broken file is a finding.
      out.value = JSON.parse(r.text.replace(/^\uFEFF/, ''));
    } catch {
      out.parseError = true;
    }
  } else out = r.reason === 'missing' ? { exists: false } : { exists: false, refused: r.reason === 'outside' ? 'is outside the connector folder: not read' : r.message.replace(/^"[^"]*" /, '').replace(/\.$/, '') };
  cache.set(rel, out);
  return out;
}

const MALFORMED_POINTER = /~[^01]|~$/;

function holderOf(root: unknown, ref: RefEntry): JsonObject | undefined {
  const h = resolveLocalRef(root, '#' + ref.pointer);
  return isObject(h) ? h : undefined;
}

function refPointer(r: RefEntry): string {
  return `${r.pointer}/$ref`;
}

const pathItemRef: Rule = {
  ids: ['path-item-ref-unsupported'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def) || !isObject(def.paths)) return;
    for (const [p, item] of Object.entries(def.paths)) {
      if (isObject(item) && '$ref' in item) report({ ruleId: 'path-item-ref-unsupported', pointer: pathToPointer(['paths', p, '$ref']), message: `Path item "${p}" uses "$ref": path item references are not supported; write the operations inline.` });
    }
  },
};

const refSiblings: Rule = {
  ids: ['ref-sibling-properties'],
  check({ definition, index, report }) {
    const def = definition?.value;
    for (const r of index.refs) {
      const pathSegs = pointerToPath(r.pointer);
      if (refKind(pathSegs) === 'other' || (pathSegs[0] === 'paths' && pathSegs.length === 2)) continue;
      const holder = holderOf(def, r);
      if (!holder) continue;
      const siblings = Object.keys(holder).filter((k) => k !== '$ref' && k !== 'x-connector-studio-disable');
      if (siblings.length) report({ ruleId: 'ref-sibling-properties', pointer: refPointer(r), message: `Keys next to "$ref" are ignored (${siblings.map((s) => `"${s}"`).join(', ')}): move them into the referenced object or remove them.` });
    }
  },
};

type Classified = { r: RefEntry; kind: RefKind; local: boolean }[];
const classified = new WeakMap<object, Classified>();

/** Each $ref with its kind, computed once per validation (several rules need it). */
function classify(ctx: RuleContext): Classified {
  let c = classified.get(ctx.index);
  if (!c) {
    c = ctx.index.refs.map((r) => ({ r, kind: refKind(pointerToPath(r.pointer)), local: r.ref.startsWith('#') }));
    classified.set(ctx.index, c);
  }
  return c;
}

const jsonPointerValid: Rule = {
  ids: ['json-pointer-valid', 'ref-target-exists'],
  check(ctx) {
    const { definition, report } = ctx;
    const def = definition?.value;
    if (!definition || !isObject(def)) return;
    const cache = new Map<string, ExternalTarget>();
    for (const { r, kind, local } of classify(ctx)) {
      if (kind === 'other') continue;
      const at = refPointer(r);
      const hash = r.ref.indexOf('#');
      const fragment = hash >= 0 ? r.ref.slice(hash + 1) : '';
      if (fragment !== '' && (!fragment.startsWith('/') || MALFORMED_POINTER.test(fragment))) {
        report({ ruleId: 'json-pointer-valid', pointer: at, target: 'value', message: `"${r.ref}" is not a valid JSON pointer: write "#/definitions/Name" (escape "/" as "~1" and "~" as "~0").` });
        continue;
      }
      if (local) {
        if (resolveLocalRef(def, r.ref) === undefined) {
          // Microsoft's words for a schema; its validator may instead fail with HTTP 500
          // ("Encountered internal server error"), which names no reference at all.
          const noun = kind === 'parameter' ? 'parameter' : kind === 'response' ? 'response' : 'schema';
          const msCode = kind === 'parameter' ? 'ParameterReferenceNotFound' : kind === 'response' ? 'ResponseReferenceNotFound' : 'SchemaReferenceNotFound';
          report({ ruleId: 'ref-target-exists', msCode, pointer: at, target: 'value', message: `The ${noun} reference '${r.ref}' could not be found in the swagger document. ${describeMissing(def, r.ref)} (Microsoft's validator may answer this with HTTP 500 "Encountered internal server error" instead.)` });
        }
        continue;
      }
      const file = hash >= 0 ? r.ref.slice(0, hash) : r.ref;
      if (/^[a-z][a-z0-9+.-]*:/i.test(file)) {
        report({ ruleId: 'json-pointer-valid', pointer: at, target: 'value', message: `"${r.ref}" is a URL: the platform does not follow remote references; copy the schema into "#/${SECTION[kind]}/".` });
        continue;
      }
      const ext = loadExternal(ctx.files, file, cache);
      if (ext?.refused) {
        report({ ruleId: 'json-pointer-valid', pointer: at, target: 'value', message: `"${r.ref}": "${file}" ${ext.refused}. The platform accepts only local references: copy the target into "#/${SECTION[kind]}/" and reference it there.` });
        continue;
      }
      if (ext && !ext.exists) {
        report({ ruleId: 'ref-target-exists', pointer: at, target: 'value', message: `"${r.ref}": file "${file}" does not exist next to the definition.` });
        continue;
      }
      if (ext && !ext.parseError && resolveLocalRef(ext.value, '#' + fragment) === undefined) {
        report({ ruleId: 'ref-target-exists', pointer: at, target: 'value', message: `"${r.ref}": "#${fragment}" does not exist in "${file}".` });
        continue;
      }
      report({ ruleId: 'json-pointer-valid', pointer: at, target: 'value', message: `"${r.ref}" refers to another file: the platform accepts only local references, so copy the target into "#/${SECTION[kind]}/" and reference it there.` });
    }
  },
};

function describeMissing(root: JsonObject, ref: string): string {
  const segs = pointerToPath(ref);
  if (segs.length >= 2 && isObject(root[segs[0]])) return `"${segs[0]}" has no entry "${segs[1]}"${segs.length > 2 ? ' (or a deeper part is missing)' : ''}; add it or fix the name.`;
  if (segs.length >= 1 && !(segs[0] in root)) return `the document has no "${segs[0]}" section.`;
  return 'the target does not exist.';
}

const THREE_SEGMENTS = 'Only reference paths with 3 segments are supported.';

const refTargetSection: Rule = {
  ids: ['ref-target-section', 'ref-three-segments'],
  check(ctx) {
    for (const { r, kind, local } of classify(ctx)) {
      if (!local || kind === 'other' || r.ref === '#') continue;
      const section = SECTION[kind];
      const segs = pointerToPath(r.ref);
      const what = kind === 'schema' ? 'A schema reference' : kind === 'parameter' ? 'A parameter reference' : 'A response reference';
      const msCode = kind === 'schema' ? 'SchemaReferenceNotValid' : kind === 'parameter' ? 'ParameterReferenceNotValid' : 'ResponseReferenceNotValid';
      const last = segs.length ? segs[segs.length - 1] : 'Name';
      if (segs[0] !== section) {
        ctx.report({ ruleId: 'ref-target-section', msCode, pointer: refPointer(r), target: 'value', message: `${segs.length !== 2 ? `${THREE_SEGMENTS} ` : ''}${what} must point under "#/${section}/", not "${r.ref}": move the target into "${section}" and write "#/${section}/${last}".` });
      } else if (segs.length !== 2) {
        // Microsoft's validator lets these through; deployment then fails with this exception.
        ctx.report({ ruleId: 'ref-three-segments', pointer: refPointer(r), target: 'value', message: `${THREE_SEGMENTS} "${r.ref}" points inside an entry of "${section}"; the platform only deploys references of the form "#/${section}/<name>". Give the target its own entry (e.g. "#/${section}/${last}") and reference that.` });
      }
    }
  },
};

const refNoAlias: Rule = {
  ids: ['ref-no-alias'],
  check({ definition, index, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    // Entries of definitions/parameters/responses that are only a $ref: aliases, and maybe loops.
    for (const section of ['definitions', 'parameters', 'responses']) {
      const map = def[section];
      if (!isObject(map)) continue;
      for (const [name, entry] of Object.entries(map)) {
        if (!isObject(entry) || typeof entry.$ref !== 'string' || !entry.$ref.startsWith('#')) continue;
        const at = pathToPointer([section, name, '$ref']);
        const seen = new Set<unknown>([entry]);
        let cur: unknown = entry;
        let loop = false;
        for (let hops = 0; hops < 1000 && isObject(cur) && typeof cur.$ref === 'string'; hops++) {
          cur = resolveLocalRef(def, cur.$ref);
          if (seen.has(cur)) {
            loop = true;
            break;
          }
          seen.add(cur);
        }
        if (loop) report({ ruleId: 'ref-no-alias', pointer: at, target: 'value', message: `"${section}/${name}" is a reference loop ("${entry.$ref}" leads back to itself): give the entry real content.` });
        else report({ ruleId: 'ref-no-alias', pointer: at, target: 'value', message: `"${section}/${name}" is only a reference to "${entry.$ref}": use "${entry.$ref}" directly where "${name}" is referenced, or give it its own content.` });
      }
    }
    // Inline $ref chains elsewhere that loop (a $ref to an object that is itself a looping $ref).
    for (const r of index.refs) {
      if (!r.ref.startsWith('#')) continue;
      const segs = pointerToPath(r.pointer);
      if (segs.length === 2 && (segs[0] === 'definitions' || segs[0] === 'parameters' || segs[0] === 'responses')) continue;
      let cur: unknown = resolveLocalRef(def, r.ref);
      const seen = new Set<unknown>();
      for (let hops = 0; hops < 1000 && isObject(cur) && typeof cur.$ref === 'string'; hops++) {
        if (seen.has(cur)) {
          report({ ruleId: 'ref-no-alias', pointer: refPointer(r), target: 'value', message: `"${r.ref}" leads into a reference loop: no schema is ever reached.` });
          break;
        }
        seen.add(cur);
        cur = resolveLocalRef(def, cur.$ref);
      }
    }
  },
};

const requiredRefLoop: Rule = {
  ids: ['required-ref-loop'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def) || !isObject(def.definitions)) return;
    const defs = def.definitions;
    // Edges: definition -> definition through required properties (and allOf), each at a $ref pointer.
    const edges = new Map<string, { to: string; at: string }[]>();
    const targetName = (ref: unknown): string | undefined => {
      if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return undefined;
      const segs = pointerToPath(ref);
      return segs.length === 2 && Object.prototype.hasOwnProperty.call(defs, segs[1]) ? segs[1] : undefined;
    };
    for (const [name, schema] of Object.entries(defs)) {
      const out: { to: string; at: string }[] = [];
      const stack: { s: unknown; p: (string | number)[]; depth: number }[] = [{ s: schema, p: ['definitions', name], depth: 0 }];
      while (stack.length) {
        const { s, p, depth } = stack.pop()!;
        if (!isObject(s) || depth > 50) continue;
        const t = targetName(s.$ref);
        if (t !== undefined && p.length > 2) {
          out.push({ to: t, at: pathToPointer([...p, '$ref']) });
          continue;
        }
        if (Array.isArray(s.allOf)) s.allOf.forEach((sub, i) => stack.push({ s: sub, p: [...p, 'allOf', i], depth: depth + 1 }));
        if (Array.isArray(s.required) && isObject(s.properties)) {
          for (const req of s.required) {
            if (typeof req === 'string' && Object.prototype.hasOwnProperty.call(s.properties, req)) stack.push({ s: s.properties[req], p: [...p, 'properties', req], depth: depth + 1 });
          }
        }
      }
      edges.set(name, out);
    }
    // Iterative DFS with colours; a grey target closes a loop.
    const colour = new Map<string, 1 | 2>();
    for (const start of edges.keys()) {
      if (colour.has(start)) continue;
      const stack: { node: string; i: number }[] = [{ node: start, i: 0 }];
      const onPath: string[] = [start];
      colour.set(start, 1);
      while (stack.length) {
        const top = stack[stack.length - 1];
        const list = edges.get(top.node) ?? [];
        if (top.i >= list.length) {
          colour.set(top.node, 2);
          stack.pop();
          onPath.pop();
          continue;
        }
        const e = list[top.i++];
        const c = colour.get(e.to);
        if (c === 1) {
          const loop = [...onPath.slice(onPath.indexOf(e.to)), e.to].join(' → ');
          report({ ruleId: 'required-ref-loop', pointer: e.at, target: 'value', message: `Required properties loop back through $ref (${loop}): such input can never be completed. Make one property in the loop optional.` });
        } else if (c === undefined) {
          colour.set(e.to, 1);
          stack.push({ node: e.to, i: 0 });
          onPath.push(e.to);
        }
      }
    }
  },
};

export const rules: Rule[] = [pathItemRef, refSiblings, jsonPointerValid, refTargetSection, refNoAlias, requiredRefLoop];
