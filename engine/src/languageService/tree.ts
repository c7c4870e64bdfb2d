// The one positioned tree both JSON and YAML parse into. It is jsonc-parser's Node shape, so
// jsonc-parser's helpers (findNodeAtLocation, getNodePath, getNodeValue) work on YAML too.
import type { Node } from 'jsonc-parser';

export type TreeNode = Node;
export type PathSegment = string | number;

// RFC 6901 pointers: the one implementation lives in shared/src/swagger/pointer.ts.
export { pathToPointer, pointerToPath } from '../../../shared/src/swagger/pointer';

/**
 * Gives every children array of a tree its exact length (a copy; the nodes stay the same objects).
 * jsonc-parser grows them by push from empty, so V8 reserves room for 17 elements: a property node's
 * two children then take 152 bytes instead of 32. Measured on the six largest corpus definitions:
 * 61 -> 45 MB of heap for the parsed documents the language server keeps (issue 19, memory).
 */
export function compactChildren(root: TreeNode): void {
  const stack: TreeNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const children = node.children;
    if (!children) continue;
    (node as { children?: TreeNode[] }).children = children.slice(); // jsonc-parser types it readonly
    for (let i = 0; i < children.length; i++) stack.push(children[i]!);
  }
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
