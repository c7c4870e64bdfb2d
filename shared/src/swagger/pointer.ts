// THE JSON pointer (RFC 6901) and local `$ref` resolver of the project: the server's rules, the
// request builder and the client's Test Operation panel all read `#/...` references through it.
// Pure and defensive: arbitrary JSON in, no recursion on user data, bounded `$ref` chains.

export type PathSegment = string | number;

/** Cap on `$ref` hops when following a chain: cyclic refs and longer chains end unresolved. */
export const MAX_REF_HOPS = 32;

/** One pointer token, escaped: "~" -> "~0", "/" -> "~1". */
export function encodePointerToken(segment: PathSegment): string {
  const s = String(segment);
  // Hot (rules build pointers for every node they visit): most tokens have nothing to escape.
  if (s.indexOf('~') < 0 && s.indexOf('/') < 0) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One token of a plain pointer (an ajv instancePath, an index pointer), unescaped: "~1" -> "/", "~0" -> "~". */
export function unescapePointerToken(token: string): string {
  if (token.indexOf('~') < 0) return token;
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** One pointer token as written in a `$ref` URI fragment (percent-encoding tolerated), unescaped. */
export function decodePointerToken(raw: string): string {
  let s = raw;
  if (s.includes('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      /* keep as written */
    }
  }
  return unescapePointerToken(s);
}

/** RFC 6901 pointer for a path: ['paths', '/a/{b}', 'get'] -> "/paths/~1a~1{b}/get". */
export function pathToPointer(path: readonly PathSegment[]): string {
  // join, not +=: a flat string, where += leaves a rope of one piece per segment in every pointer kept.
  return path.map((s) => '/' + encodePointerToken(s)).join('');
}

/** The segments of a pointer ("/a/b" or "#/a/b"). */
export function pointerToPath(pointer: string): string[] {
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (p === '') return [];
  return p.slice(1).split('/').map(decodePointerToken);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Resolves a local "#/..." reference (own properties, array indices); undefined when absent or remote. */
export function resolveLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const body = ref.slice(1);
  if (body === '') return root;
  if (!body.startsWith('/')) return undefined;
  let cur: unknown = root;
  for (const raw of body.slice(1).split('/')) {
    const seg = decodePointerToken(raw);
    if (Array.isArray(cur)) cur = /^\d+$/.test(seg) ? cur[Number(seg)] : undefined;
    else if (isRecord(cur)) cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

export interface ResolvedValue {
  value: unknown;
  /** Pointer of the value finally reached (the last ref's target when a `$ref` was followed). */
  pointer: string;
}

/**
 * Follows a `$ref` chain from `value` (found at `pointer`), at most MAX_REF_HOPS hops; undefined
 * when a ref dangles, is remote, or the chain is cyclic or too long.
 */
export function followRefs(root: unknown, value: unknown, pointer: string): ResolvedValue | undefined {
  let cur = value;
  let ptr = pointer;
  for (let hops = 0; hops <= MAX_REF_HOPS; hops++) {
    if (!isRecord(cur) || typeof cur.$ref !== 'string') return { value: cur, pointer: ptr };
    if (hops === MAX_REF_HOPS) return undefined;
    const ref = cur.$ref;
    const next = resolveLocalRef(root, ref);
    if (next === undefined) return undefined;
    cur = next;
    ptr = ref.slice(1);
  }
  return undefined;
}
