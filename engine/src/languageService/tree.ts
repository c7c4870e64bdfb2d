// The one positioned tree both JSON and YAML parse into. It is jsonc-parser's Node shape, so
// jsonc-parser's helpers (findNodeAtLocation, getNodePath, getNodeValue) work on YAML too.
import type { Node } from 'jsonc-parser';

export type TreeNode = Node;
export type PathSegment = string | number;

// RFC 6901 pointers: the one implementation lives in shared/src/swagger/pointer.ts.
export { pathToPointer, pointerToPath } from '../../../shared/src/swagger/pointer';

/** Key and value strings up to this length are shared within a tree (see compactChildren). */
const SHARED_STRING_MAX = 64;

/**
 * Makes a freshly parsed tree smaller, in place, before anything else holds its nodes (issue 19,
 * memory; measured on the six largest corpus definitions, the trees alone):
 * - every children array gets its exact length (a copy). jsonc-parser grows them by push from
 *   empty, so V8 reserves room for 17 elements: a property node's two children then take 152 bytes
 *   instead of 32 (61 -> 45 MB of heap for the parsed documents the language server keeps);
 * - every property node is a new object with all its fields in the object itself: jsonc-parser adds
 *   `colonOffset` after creating the node, which puts it in a separate 40-byte property store
 *   (-3.4 MB). Object, array and value nodes stay the same objects; key and value nodes get the new
 *   property as their parent;
 * - the strings of keys and property values up to 64 characters are shared within the tree: the
 *   scanner makes a new string for each of the thousands of `"type"`, `"description"` or
 *   `"string"` (-4.4 MB; 39.9 -> 32.1 MB with the step above, ~5 ms per MB of JSON).
 * The tree stays jsonc-parser's: same types, offsets, lengths, colon offsets, values and links.
 */
export function compactChildren(root: TreeNode): void {
  const shared = new Map<string, string>();
  const share = (node: TreeNode | undefined) => {
    const v = node?.value;
    if (typeof v !== 'string' || v.length > SHARED_STRING_MAX) return;
    const s = shared.get(v);
    if (s === undefined) shared.set(v, v);
    else (node as { value?: unknown }).value = s;
  };
  const stack: TreeNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const children = node.children;
    if (!children) continue;
    const copy: TreeNode[] = new Array<TreeNode>(children.length);
    for (let i = 0; i < children.length; i++) {
      let child = children[i]!;
      if (child.type === 'property' && child.children) {
        const members = child.children;
        // One literal per shape, so V8 keeps every field inside the object.
        const prop: TreeNode =
          child.colonOffset !== undefined
            ? { type: 'property', offset: child.offset, length: child.length, parent: node, children: members, colonOffset: child.colonOffset }
            : { type: 'property', offset: child.offset, length: child.length, parent: node, children: members };
        for (let j = 0; j < members.length; j++) (members[j] as { parent?: TreeNode }).parent = prop;
        share(members[0]);
        share(members[1]);
        child = prop;
      }
      copy[i] = child;
      stack.push(child);
    }
    (node as { children?: TreeNode[] }).children = copy; // jsonc-parser types it readonly
  }
}

/** V8 makes a substring of 13 characters or more a slice holding its whole parent string. */
const SLICE_MIN = 13;

/**
 * Points the tree's longer key and value strings at the equal strings of the document's plain value
 * (JSON.parse of the same text), in place; returns how many it replaced. jsonc-parser cuts each
 * string out of the text, and V8 keeps such a substring as a slice of the whole text: the tree kept
 * the text it was parsed from alive, after an edit a second copy of it (Encodian: 2 MB), and the
 * value's strings, alive anyway, held the same characters a second time. Only a string equal to the
 * value's at the same place is replaced (a duplicate key or a partial value leaves the rest as it
 * was); the tree's shape, offsets and values are unchanged.
 */
export function adoptValueStrings(root: TreeNode, value: unknown): number {
  let replaced = 0;
  const adopt = (node: TreeNode | undefined, s: unknown) => {
    if (node && typeof s === 'string' && node.value === s) {
      (node as { value?: unknown }).value = s;
      replaced++;
    }
  };
  const stack: [TreeNode, unknown][] = [[root, value]];
  while (stack.length) {
    const [node, v] = stack.pop()!;
    const children = node.children;
    if (node.type === 'string') {
      if (typeof node.value === 'string' && node.value.length >= SLICE_MIN) adopt(node, v);
      continue;
    }
    if (!children || typeof v !== 'object' || v === null) continue;
    if (node.type === 'array') {
      if (!Array.isArray(v)) continue;
      for (let i = 0; i < children.length && i < v.length; i++) stack.push([children[i]!, v[i]]);
      continue;
    }
    if (node.type !== 'object' || Array.isArray(v)) continue;
    const obj = v as Record<string, unknown>;
    // The value's own keys, in its order: the text's, except that integer-like keys come first.
    const keys = Object.keys(obj);
    let byKey: Map<string, string> | undefined;
    for (let i = 0; i < children.length; i++) {
      const keyNode = children[i]!.children?.[0];
      const valueNode = children[i]!.children?.[1];
      const key = keyNode?.value;
      if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(obj, key)) continue;
      if (key.length >= SLICE_MIN) {
        if (keys[i] === key) adopt(keyNode, keys[i]);
        else adopt(keyNode, (byKey ??= new Map(keys.map((k) => [k, k]))).get(key));
      }
      if (valueNode) stack.push([valueNode, obj[key]]);
    }
  }
  return replaced;
}

/** Key -> value index of big objects (`paths`, `definitions`), built on first lookup. */
const KEY_INDEX = new WeakMap<TreeNode, Map<string, TreeNode>>();
const INDEX_FROM = 32;

/** Drops the key index of an object node whose members were replaced (incrementalParse.ts). */
export function forgetKeyIndex(node: TreeNode): void {
  KEY_INDEX.delete(node);
}

/** The child value node of an object (by key) or array (by index), if present. */
export function childNode(node: TreeNode | undefined, segment: PathSegment): TreeNode | undefined {
  if (!node || !node.children) return undefined;
  if (node.type === 'object' && node.children.length >= INDEX_FROM) {
    // Thousands of findings in an object of thousands of members must not cost a scan each.
    let index = KEY_INDEX.get(node);
    if (!index) {
      index = new Map();
      // Later duplicates win, as in JSON.parse.
      for (const prop of node.children) {
        const value = prop.children?.[1];
        if (prop.children?.[0] && value) index.set(String(prop.children[0].value), value);
      }
      KEY_INDEX.set(node, index);
    }
    return index.get(String(segment));
  }
  if (node.type === 'object') {
    // Later duplicates win, as in JSON.parse.
    for (let i = node.children.length - 1; i >= 0; i--) {
      const prop = node.children[i];
      if (prop.children?.[0]?.value === String(segment)) return prop.children[1];
    }
    return undefined;
  }
  if (node.type === 'array') {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
    return index >= 0 ? node.children[index] : undefined;
  }
  return undefined;
}

/**
 * Walks a path as far as it exists. Returns the deepest node found and how many segments matched,
 * so a finding about a missing member can be placed on its nearest existing parent.
 */
export function walkPath(root: TreeNode | undefined, path: readonly PathSegment[]): { node: TreeNode | undefined; matched: number } {
  let node = root;
  let matched = 0;
  for (const seg of path) {
    const next = childNode(node, seg);
    if (!next) break;
    node = next;
    matched++;
  }
  return { node, matched };
}

/** The property node (key + value) holding a value node, when the value is an object member. */
export function propertyOf(node: TreeNode | undefined): TreeNode | undefined {
  return node?.parent?.type === 'property' ? node.parent : undefined;
}
