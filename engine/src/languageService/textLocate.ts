// Places many JSON pointers in a strict JSON text (JSON.parse accepted it) with one forward pass and
// no positioned tree: batch validation of a well-formed file needs the tree only to place its
// findings. The pointers are put in a trie; the pass descends only into the members and elements on
// the trie and skips every other value with a tight character loop (strings jumped with indexOf,
// brackets counted), allocating nothing for them. No recursion: the open containers on the trie are
// an explicit stack (hostile depth is refused before, by parseDocument's tooDeep).
// The answers equal locate.ts's locatePointer over the tree (test/unit/languageService/textLocate.test.ts
// checks them over the corpus): a member's key, a container's first character, a scalar's token,
// an element's value, and for a pointer that does not fully exist its nearest existing parent's key.
import type { Location, RangeTarget } from './locate';
import { pointerToPath } from './tree';

export interface LocateQuery {
  pointer: string;
  target?: RangeTarget;
}

/** One trie node: a path prefix of some pointer, and where the pass found it (found < 0: absent). */
export interface Trie {
  parent: Trie | undefined;
  /** Children by pointer token. */
  members: Map<string, Trie> | undefined;
  /** The same children by the length of their token, to match a key in place without copying it. */
  byLength: Map<number, [string, Trie][]> | undefined;
  /** Children whose token is an array index ("1", "01" -> 1), as the tree's childNode reads it. */
  elements: Map<number, Trie[]> | undefined;
  found: boolean;
  keyOffset: number;
  keyLength: number;
  valueOffset: number;
  valueLength: number;
}

const newTrie = (parent: Trie | undefined): Trie => ({ parent, members: undefined, byLength: undefined, elements: undefined, found: false, keyOffset: -1, keyLength: 0, valueOffset: 0, valueLength: 0 });

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isWs(c: number): boolean {
  // JSON's four, and a BOM (parseDocument reads it as a space).
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

export function skipWs(text: string, i: number): number {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

/** The index after the string whose opening quote is at i. */
export function endOfString(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const j = text.indexOf('"', from);
    if (j < 0) return text.length;
    let k = j - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    from = j + 1;
  }
}

/** The index after the value starting at i (a string, an object or array, or a number or literal). */
export function endOfValue(text: string, i: number): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  if (c === QUOTE) return endOfString(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === QUOTE) {
        j = endOfString(text, j);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return j + 1;
      }
      j++;
    }
    return n;
  }
  let j = i;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || isWs(d)) break;
    j++;
  }
  return j;
}

/**
 * The child of a trie node named by the key written at [start, end) (quotes included). A key without
 * an escape is its own text: it is compared in place with the wanted tokens of its length (no copy
 * per member); one with an escape is decoded by JSON.parse.
 */
function childByKey(node: Trie, text: string, start: number, end: number): Trie | undefined {
  for (let i = start + 1; i < end - 1; i++) {
    if (text.charCodeAt(i) === BACKSLASH) return node.members!.get(JSON.parse(text.slice(start, end)) as string);
  }
  const candidates = node.byLength!.get(end - start - 2);
  if (!candidates) return undefined;
  // Many wanted tokens of this length (thousands of findings under one object): one copy and a hash
  // lookup, so the cost per member stays bounded.
  if (candidates.length > 8) return node.members!.get(text.slice(start + 1, end - 1));
  for (const [token, child] of candidates) if (text.startsWith(token, start + 1)) return child;
  return undefined;
}

export function buildTrie(queries: readonly LocateQuery[]): { root: Trie; ends: Trie[] } {
  const root = newTrie(undefined);
  const ends: Trie[] = [];
  for (const q of queries) {
    let node = root;
    for (const token of pointerToPath(q.pointer)) {
      node.members ??= new Map();
      let next = node.members.get(token);
      if (!next) {
        next = newTrie(node);
        node.members.set(token, next);
        node.byLength ??= new Map();
        const sameLength = node.byLength.get(token.length);
        if (sameLength) sameLength.push([token, next]);
        else node.byLength.set(token.length, [[token, next]]);
        if (/^\d+$/.test(token)) {
          node.elements ??= new Map();
          const index = Number(token);
          const list = node.elements.get(index);
          if (list) list.push(next);
          else node.elements.set(index, [next]);
        }
      }
      node = next;
    }
    ends.push(node);
  }
  return { root, ends };
}

/** Forgets what was found under a node (a key given again: the later member wins, as in JSON.parse). */
function forgetBelow(node: Trie): void {
  const stack: Trie[] = [node];
  while (stack.length) {
    const t = stack.pop()!;
    if (t !== node) t.found = false;
    if (t.members) for (const c of t.members.values()) if (c.found) stack.push(c);
  }
}

/** Where each query's pointer lives in `text` (strict JSON), in the order of the queries. */
export function locateInText(text: string, queries: readonly LocateQuery[]): Location[] {
  const { root, ends } = buildTrie(queries);
  scan(text, root);
  return answerQueries(root, ends, queries);
}

/**
 * The answers once a pass marked what it found on the trie: the deepest found node of each query
 * (its nearest existing parent for a pointer that does not fully exist), on its key or its value.
 */
export function answerQueries(root: Trie, ends: readonly Trie[], queries: readonly LocateQuery[]): Location[] {
  return queries.map((q, i) => {
    if (!root.found) return { offset: 0, length: 0 };
    let node = ends[i];
    const exact = node.found;
    while (!node.found) node = node.parent!;
    const target = exact ? (q.target ?? 'key') : 'key';
    if (target === 'key' && node.keyOffset >= 0) return { offset: node.keyOffset, length: node.keyLength };
    return { offset: node.valueOffset, length: node.valueLength };
  });
}

/**
 * One frame per open container on the trie: the trie nodes it stands for (usually one; more when an
 * index is written two ways, "1" and "01"), object or array, and the next element's index.
 */
interface Frame {
  tries: Trie[];
  object: boolean;
  index: number;
}

function scan(text: string, root: Trie): void {
  const n = text.length;
  const stack: Frame[] = [];
  let i = skipWs(text, 0);
  if (i >= n) return;
  // Records the value at i for the trie nodes naming it (with its key, if a member), then enters it or skips it.
  const visit = (nodes: Trie[], keyOffset: number, keyLength: number): void => {
    const c = text.charCodeAt(i);
    const container = c === 0x7b || c === 0x5b;
    // A whole container is too big to underline: its first character.
    const end = container ? i + 1 : endOfValue(text, i);
    let inner: Trie[] | undefined;
    for (const node of nodes) {
      if (node.found) forgetBelow(node);
      node.found = true;
      node.keyOffset = keyOffset;
      node.keyLength = keyLength;
      node.valueOffset = i;
      node.valueLength = end - i;
      if (container && node.members) (inner ??= []).push(node);
    }
    if (inner) {
      stack.push({ tries: inner, object: c === 0x7b, index: 0 });
      i++;
    } else i = container ? endOfValue(text, i) : end;
  };
  visit([root], -1, 0);
  while (stack.length) {
    const frame = stack[stack.length - 1];
    i = skipWs(text, i);
    if (text.charCodeAt(i) === 0x2c) i = skipWs(text, i + 1);
    if (i >= n) return;
    const c = text.charCodeAt(i);
    if (c === 0x7d || c === 0x5d) {
      stack.pop();
      i++;
      continue;
    }
    let children: Trie[] | undefined;
    let keyOffset = -1;
    let keyLength = 0;
    if (frame.object) {
      if (c !== QUOTE) return; // not strict JSON: stop (what was found stays)
      const keyEnd = endOfString(text, i);
      for (const t of frame.tries) {
        const child = childByKey(t, text, i, keyEnd);
        if (child) (children ??= []).push(child);
      }
      keyOffset = i;
      keyLength = keyEnd - i;
      i = skipWs(text, keyEnd);
      if (text.charCodeAt(i) !== 0x3a) return;
      i = skipWs(text, i + 1);
    } else {
      const index = frame.index++;
      for (const t of frame.tries) {
        const list = t.elements?.get(index);
        if (list) (children ??= []).push(...list);
      }
    }
    if (children) visit(children, keyOffset, keyLength);
    else i = endOfValue(text, i);
  }
}
