// Re-parses an edited JSON document from its previous version: only the innermost object or array
// that strictly contains the edited span is parsed again and put in place of its old node; the
// nodes after the edit move by the length change and the enclosing ones grow or shrink. The plain
// value comes from JSON.parse of the whole text (a few ms). It applies only when the previous version
// was strict, clean JSON and the new one is too; anything else (a BOM, a syntax error, a duplicate
// key, an edit of the root's own brackets) returns undefined and the caller parses from scratch.
// The previous version's tree is reused, so that ParsedDocument must no longer be used after this.
// The plain value shares the untouched subtrees with the previous version's (its ancestors are copies).
// test/unit/languageService/incrementalParse.test.ts checks the result equals parseDocument's on
// random edits of real corpus definitions.
import { parseTree, type ParseError } from 'jsonc-parser';
import { LazyTextDocument } from './lazyTextDocument';
import { PARSE_LIMITS, type ParsedDocument } from './parseDocument';
import { compactChildren, forgetKeyIndex, type TreeNode } from './tree';

/** jsonc-parser's nodes are read-only in its types; this module moves them in place. */
type MutableNode = { -readonly [K in keyof TreeNode]: TreeNode[K] };
const mutable = (n: TreeNode) => n as MutableNode;

export function reparseJson(old: ParsedDocument, text: string, version: number): ParsedDocument | undefined {
  const root = old.root;
  if (old.language !== 'json' || !old.usable || old.overCeiling || old.syntax.length > 0 || !root) return undefined;
  if (text.charCodeAt(0) === 0xfeff || old.text.charCodeAt(0) === 0xfeff) return undefined;
  // Within the size ceiling, and short enough that the node budget cannot be reached (a node takes at least 2 characters).
  if (text.length * 3 > PARSE_LIMITS.maxAnalyzedBytes || text.length > 2 * PARSE_LIMITS.maxNodes) return undefined;
  // Misdecoded UTF-16 is looked for in the first 4 KB (parseDocument): an edit there parses again.
  const a = old.text;
  const { start, suffix } = editedSpan(a, text);
  if (start === a.length && a.length === text.length) return undefined;
  if (start < 4096) return undefined;
  const oldEnd = a.length - suffix;
  const delta = text.length - a.length;

  // The innermost object or array strictly containing [start, oldEnd) (its brackets untouched), and its depth.
  let target = root;
  let depth = 1;
  const strictlyInside = (n: TreeNode) => n.offset < start && oldEnd < n.offset + n.length;
  for (;;) {
    let next: TreeNode | undefined;
    for (const child of target.children ?? []) {
      const value = child.type === 'property' ? child.children?.[1] : child;
      if (value && (value.type === 'object' || value.type === 'array') && strictlyInside(value)) {
        next = value;
        break;
      }
      if (child.offset > oldEnd) break;
    }
    if (!next) break;
    target = next;
    depth++;
  }
  if (target === root || !target.parent) return undefined;

  // A copy, not a substring: see detached().
  const slice = detached(text.slice(target.offset, target.offset + target.length + delta));
  const errors: ParseError[] = [];
  const fresh = parseTree(slice, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !fresh || fresh.type !== target.type || fresh.offset !== 0 || fresh.length !== slice.length) return undefined;
  if (!withinBudgets(fresh, depth)) return undefined;
  // The value: the previous one with the changed subtree parsed again and its ancestors copied
  // (the previous version's value is left as it was; untouched subtrees are shared).
  const location = locationOf(target);
  let value: unknown;
  try {
    value = replaceAt(old.value, location, JSON.parse(slice));
  } catch {
    return undefined;
  }
  if (value === undefined) return undefined;

  // Everything checked: from here the old tree is changed in place.
  compactChildren(fresh);
  shiftTree(root, target, oldEnd, delta);
  moveBy(fresh, target.offset);
  const parent = target.parent;
  const at = parent.children!.indexOf(target);
  parent.children![at] = fresh;
  mutable(fresh).parent = parent;
  for (let n: TreeNode | undefined = parent; n; n = n.parent) forgetKeyIndex(n);
  // The line offsets too are updated, not recomputed (the previous version's document is reused).
  const replaced = text.slice(start, oldEnd + delta);
  const change = { range: { start: old.lines.positionAt(start), end: old.lines.positionAt(oldEnd) }, text: replaced };
  // The line index reads this version's text (TextDocument.update would splice a second one).
  const lines = old.lines instanceof LazyTextDocument ? old.lines.updateTo(change, version, text) : new LazyTextDocument(old.uri, old.lines.languageId, version, text);
  return { uri: old.uri, version, language: 'json', text, lines, root, value, syntax: [], usable: true };
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8's substrings point into
 * their parent string, and so would every key and value parsed from the slice: each place edited
 * kept the whole text of its version alive while its nodes lived (Encodian, one edit at each of 40
 * places: +86 MB of heap, 2.2 MB per place; issue 19, target 6).
 */
function detached(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

const CHUNK = 4096;

/** Length of the common prefix, and of the common suffix after it, compared a chunk at a time. */
export function editedSpan(a: string, b: string): { start: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start + CHUNK <= max && a.slice(start, start + CHUNK) === b.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix + CHUNK <= max - start && a.slice(a.length - suffix - CHUNK, a.length - suffix) === b.slice(b.length - suffix - CHUNK, b.length - suffix)) suffix += CHUNK;
  while (suffix < max - start && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { start, suffix };
}

/** The keys and indexes from the root to a node. */
function locationOf(node: TreeNode): (string | number)[] {
  const out: (string | number)[] = [];
  for (let n = node; n.parent; ) {
    const parent = n.parent;
    if (parent.type === 'property') {
      out.push(String(parent.children?.[0]?.value));
      n = parent.parent!;
    } else {
      out.push(parent.children!.indexOf(n));
      n = parent;
    }
    if (!n) break;
  }
  return out.reverse();
}

/** root with the value at location replaced, every container on the way copied; undefined when the location is missing. */
function replaceAt(root: unknown, location: readonly (string | number)[], replacement: unknown): unknown {
  if (location.length === 0) return replacement;
  const [head, ...rest] = location;
  if (Array.isArray(root) && typeof head === 'number' && head < root.length) {
    const copy = root.slice();
    const inner = replaceAt(root[head], rest, replacement);
    if (inner === undefined) return undefined;
    copy[head] = inner;
    return copy;
  }
  if (typeof root === 'object' && root !== null && !Array.isArray(root) && typeof head === 'string' && Object.prototype.hasOwnProperty.call(root, head)) {
    const inner = replaceAt((root as Record<string, unknown>)[head], rest, replacement);
    if (inner === undefined) return undefined;
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(root)) Object.defineProperty(copy, k, { value: k === head ? inner : v, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  return undefined;
}

/** No duplicate key in the new subtree, and its nesting below `depth` within the budget. */
function withinBudgets(node: TreeNode, depth: number): boolean {
  const stack: { n: TreeNode; d: number }[] = [{ n: node, d: depth }];
  while (stack.length) {
    const { n, d } = stack.pop()!;
    if ((n.type === 'object' || n.type === 'array') && d > PARSE_LIMITS.maxNesting) return false;
    if (!n.children) continue;
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const prop of n.children) {
        const key = String(prop.children?.[0]?.value);
        if (seen.has(key)) return false;
        seen.add(key);
      }
    }
    const inner = n.type === 'object' || n.type === 'array' ? d + 1 : d;
    for (const c of n.children) stack.push({ n: c, d: inner });
  }
  return true;
}

/** Nodes after the edit move by delta; the ones enclosing it change length; the replaced subtree is skipped. */
function shiftTree(root: TreeNode, skip: TreeNode, oldEnd: number, delta: number): void {
  const stack: TreeNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === skip || n.offset + n.length < oldEnd) continue;
    if (n.offset >= oldEnd) {
      moveBy(n, delta);
      continue;
    }
    mutable(n).length += delta;
    if (n.colonOffset !== undefined && n.colonOffset >= oldEnd) mutable(n).colonOffset = n.colonOffset + delta;
    for (const c of n.children ?? []) stack.push(c);
  }
}

/** Moves a whole subtree by delta. */
function moveBy(node: TreeNode, delta: number): void {
  const stack: TreeNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    mutable(n).offset += delta;
    if (n.colonOffset !== undefined) mutable(n).colonOffset = n.colonOffset + delta;
    for (const c of n.children ?? []) stack.push(c);
  }
}
