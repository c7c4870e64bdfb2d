// Document symbols (tag > path > method), workspace symbols of operations, folding ranges and
// the per-operation CodeLens data.
import type { ParsedDocument } from '../parseDocument';
import { childNode, type TreeNode } from '../tree';
import { HTTP_METHODS, isObject } from '../connectorIndex';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'tag' | 'path' | 'operation' | 'section' | 'definition';
  /** Whole node span and the span to select (its key). */
  offset: number;
  length: number;
  selectionOffset: number;
  selectionLength: number;
  children: OutlineSymbol[];
}

export interface OperationInfo {
  operationId?: string;
  method: string;
  path: string;
  summary?: string;
  visibility?: string;
  isTrigger: boolean;
  /** Span of the method key. */
  keyOffset: number;
  keyLength: number;
  offset: number;
  length: number;
}

export function operationsOf(doc: ParsedDocument): OperationInfo[] {
  const out: OperationInfo[] = [];
  for (const pathProp of childNode(doc.root, 'paths')?.children ?? []) {
    const item = pathProp.children?.[1];
    for (const prop of item?.children ?? []) {
      const key = prop.children?.[0];
      const method = String(key?.value);
      if (!key || !(HTTP_METHODS as readonly string[]).includes(method)) continue;
      const op = prop.children?.[1];
      const str = (k: string) => {
        const n = childNode(op, k);
        return n?.type === 'string' ? String(n.value) : undefined;
      };
      out.push({
        operationId: str('operationId'),
        method,
        path: String(pathProp.children?.[0]?.value),
        summary: str('summary'),
        visibility: str('x-ms-visibility'),
        isTrigger: childNode(op, 'x-ms-trigger') !== undefined,
        keyOffset: key.offset,
        keyLength: key.length,
        offset: prop.offset,
        length: prop.length,
      });
    }
  }
  return out;
}

export function documentSymbols(doc: ParsedDocument): OutlineSymbol[] {
  if (!doc.root || doc.root.type !== 'object') return [];
  const value = isObject(doc.value) ? doc.value : {};
  const tags = new Map<string, OutlineSymbol>();
  const untagged: OutlineSymbol[] = [];
  for (const op of operationsOf(doc)) {
    const raw = isObject(value.paths) && isObject(value.paths[op.path]) ? (value.paths[op.path] as Record<string, unknown>)[op.method] : undefined;
    const tagList = isObject(raw) && Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : [];
    const symbol: OutlineSymbol = {
      name: `${op.method.toUpperCase()} ${op.path}`,
      detail: operationDetail(op),
      kind: 'operation',
      offset: op.offset,
      length: op.length,
      selectionOffset: op.keyOffset,
      selectionLength: op.keyLength,
      children: [],
    };
    if (!tagList.length) untagged.push(symbol);
    for (const tag of tagList.length ? tagList : []) {
      const t = tags.get(tag) ?? { name: tag, kind: 'tag' as const, offset: symbol.offset, length: symbol.length, selectionOffset: symbol.selectionOffset, selectionLength: symbol.selectionLength, children: [] };
      t.children.push(symbol);
      const end = Math.max(t.offset + t.length, symbol.offset + symbol.length);
      t.offset = Math.min(t.offset, symbol.offset);
      t.length = end - t.offset;
      tags.set(tag, t);
    }
  }
  const result: OutlineSymbol[] = [...tags.values()];
  if (untagged.length) result.push(...untagged);
  for (const section of ['definitions', 'parameters', 'responses', 'securityDefinitions'] as const) {
    const prop = propertyNode(doc.root, section);
    if (!prop) continue;
    // Only an object's members are entries; "definitions: [null]" (a wrong type) has none.
    const value = prop.children?.[1];
    const children = value?.type === 'object' ? (value.children ?? []).filter((p) => p.type === 'property' && p.children?.[0]).map((p) => symbolOf(p, 'definition')) : [];
    result.push({ ...symbolOf(prop, 'section'), children });
  }
  return result;
}

/** What the outline shows beside an operation: "operationId - summary". */
function operationDetail(op: OperationInfo): string {
  return [op.operationId, op.summary].filter(Boolean).join(' - ');
}

/** A node of another provider's key tree, in LSP shape (yaml-language-server's findDocumentSymbols2). */
export interface KeyTreeSymbol {
  name: string;
  detail?: string;
  kind: number;
  children?: KeyTreeSymbol[];
}

/**
 * The outline of a YAML definition: our connector view (tag groups and untagged operations, as
 * documentSymbols gives them) followed by the document's key tree. documentSymbols' sections
 * (definitions, parameters...) are left out: the key tree holds those keys with their children. The
 * method keys under `paths` that are our operations get our detail and `methodKind`, so both views
 * agree (the key tree is annotated in place). Operations are matched by path and method name, so a
 * tree one edit behind the text still finds them.
 */
export function outlineWithKeyTree<S extends KeyTreeSymbol>(doc: ParsedDocument, keyTree: S[], toSymbol: (s: OutlineSymbol) => S, methodKind: number): S[] {
  const ops = new Map(operationsOf(doc).map((op) => [`${op.path}\n${op.method}`, op]));
  for (const paths of keyTree) {
    if (paths.name !== 'paths') continue;
    for (const pathKey of paths.children ?? []) {
      for (const method of pathKey.children ?? []) {
        const op = ops.get(`${pathKey.name}\n${method.name}`);
        if (!op) continue;
        method.kind = methodKind;
        method.detail = operationDetail(op);
      }
    }
  }
  return [...documentSymbols(doc).filter((s) => s.kind !== 'section').map(toSymbol), ...keyTree];
}

function propertyNode(obj: TreeNode, key: string): TreeNode | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === key);
}

function symbolOf(prop: TreeNode, kind: OutlineSymbol['kind']): OutlineSymbol {
  const key = prop.children![0];
  return { name: String(key.value), kind, offset: prop.offset, length: prop.length, selectionOffset: key.offset, selectionLength: key.length, children: [] };
}

/** Folding ranges: every multi-line object and array. */
export function foldingRanges(doc: ParsedDocument): { startLine: number; endLine: number }[] {
  const out: { startLine: number; endLine: number }[] = [];
  const stack: TreeNode[] = doc.root ? [doc.root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'object' || node.type === 'array') {
      const start = doc.lines.positionAt(node.offset).line;
      const end = doc.lines.positionAt(node.offset + node.length).line;
      const startLine = doc.language === 'yaml' && node.parent?.type === 'property' ? doc.lines.positionAt(node.parent.offset).line : start;
      if (end - 1 > startLine) out.push({ startLine, endLine: doc.language === 'yaml' ? end - 1 : end - 1 });
    }
    for (const c of node.children ?? []) stack.push(c);
  }
  return out;
}
