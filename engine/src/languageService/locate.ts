// JSON pointer <-> range mapping over the positioned tree.
import { getNodePath } from 'jsonc-parser';
import { PARSE_LIMITS, treeBuilt, type ParsedDocument } from './parseDocument';
import type { LineIndex } from './lineIndex';
import { locateInText, type LocateQuery } from './textLocate';
import { pathToPointer, pointerToPath, propertyOf, walkPath, type TreeNode } from './tree';
import { locateInYaml } from './yamlLite';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export type RangeTarget = 'key' | 'value';

export interface Location { offset: number; length: number }

/**
 * Where a pointer lives in the text. `key` places it on the member's key (the usual place for
 * "this member is wrong"); a pointer that does not fully exist lands on its nearest existing
 * parent's key, so "missing X" findings sit where X must be added.
 */
export function locatePointer(doc: ParsedDocument, pointer: string, target: RangeTarget = 'key'): Location {
  const path = pointerToPath(pointer);
  const { node, matched } = walkPath(doc.root, path);
  if (!node) return { offset: 0, length: 0 };
  const exact = matched === path.length;
  return locateNode(node, exact ? target : 'key');
}

/**
 * Where each of many pointers lives, in the order given: the same answers as locatePointer. A strict
 * JSON document whose tree is not built yet (batch validation) is read by one pass over its text
 * (textLocate.ts) and keeps no tree; otherwise the tree is walked.
 */
export function locatePointers(doc: ParsedDocument, queries: readonly LocateQuery[]): Location[] {
  if (!treeBuilt(doc)) {
    if (doc.language === 'json') return locateInText(doc.text, queries);
    // YAML that parseYamlLite read: one pass too (yamlLite.ts), unless a pointer leads where it cannot place exactly.
    const placed = locateInYaml(doc.text, queries, PARSE_LIMITS);
    if (placed) return placed;
  }
  return queries.map((q) => locatePointer(doc, q.pointer, q.target));
}

export function locateNode(node: TreeNode, target: RangeTarget = 'key'): Location {
  const prop = propertyOf(node);
  if (target === 'key' && prop?.children?.[0]) {
    const key = prop.children[0];
    return { offset: key.offset, length: key.length };
  }
  if (node.type === 'object' || node.type === 'array') {
    // A whole container is too big to underline; its first line is enough.
    return { offset: node.offset, length: Math.min(node.length, 1) };
  }
  return { offset: node.offset, length: node.length };
}

/** `lines`: the document's own positions by default, or a LineIndex of its text (same positions). */
export function rangeOf(doc: ParsedDocument, loc: Location, lines: LineIndex = doc.lines): Range {
  const start = lines.positionAt(loc.offset);
  const end = lines.positionAt(Math.min(doc.text.length, loc.offset + loc.length));
  return { start, end };
}

/** The JSON pointer of the innermost node at an offset (used by editor features). */
export function pointerAt(doc: ParsedDocument, node: TreeNode): string {
  return pathToPointer(getNodePath(node));
}
