// Cross-references of a connector: where each operationId, definition, shared parameter and shared
// response is declared and used, across the definition and apiProperties.json. Go to definition,
// references, rename and the CodeLens counts all read this one model.
import type { ParsedDocument } from '../parseDocument';
import { childNode, type TreeNode } from '../tree';
import { HTTP_METHODS } from '../connectorIndex';
import { unescapePointerToken } from '../../../../shared/src/swagger/pointer';

export type SymbolKind = 'operation' | 'definitions' | 'parameters' | 'responses';

export interface Occurrence {
  kind: SymbolKind;
  name: string;
  file: 'definition' | 'properties';
  /** Offset and length of the NAME itself (inside quotes / after "#/definitions/"). */
  offset: number;
  length: number;
  declaration: boolean;
}

const DYNAMIC_KEYS = new Set(['x-ms-dynamic-values', 'x-ms-dynamic-schema', 'x-ms-dynamic-list', 'x-ms-dynamic-tree', 'x-ms-dynamic-properties', 'x-ms-notification', 'simulate', 'testConnection', 'open', 'browse']);
const REF_SECTIONS: SymbolKind[] = ['definitions', 'parameters', 'responses'];

// Parsed documents are immutable and cached per version, so the occurrences of a pair are too:
// hover, references, rename and every CodeLens refresh share one walk of a 1 MB definition.
const NO_PROPERTIES = {};
const cache = new WeakMap<object, WeakMap<object, Occurrence[]>>();

export function collectOccurrences(definition: ParsedDocument | undefined, properties: ParsedDocument | undefined): Occurrence[] {
  if (!definition) return computeOccurrences(definition, properties);
  let byProperties = cache.get(definition);
  if (!byProperties) cache.set(definition, (byProperties = new WeakMap()));
  let out = byProperties.get(properties ?? NO_PROPERTIES);
  if (!out) byProperties.set(properties ?? NO_PROPERTIES, (out = computeOccurrences(definition, properties)));
  return out;
}

function computeOccurrences(definition: ParsedDocument | undefined, properties: ParsedDocument | undefined): Occurrence[] {
  const out: Occurrence[] = [];
  if (definition?.root) {
    const root = definition.root;
    const paths = childNode(root, 'paths');
    for (const pathProp of paths?.children ?? []) {
      const item = pathProp.children?.[1];
      for (const method of HTTP_METHODS) {
        const opId = childNode(childNode(item, method), 'operationId');
        if (opId?.type === 'string') out.push(nameOccurrence(definition, opId, 'operation', String(opId.value), 'definition', true));
      }
    }
    for (const section of REF_SECTIONS) {
      for (const prop of childNode(root, section)?.children ?? []) {
        const key = prop.children?.[0];
        if (key?.type === 'string') out.push(nameOccurrence(definition, key, section, String(key.value), 'definition', true));
      }
    }
    walk(root, (node, parentKey, grandKey) => {
      if (node.type !== 'string') return;
      if (parentKey === '$ref') {
        const ref = String(node.value);
        const m = /^#\/(definitions|parameters|responses)\/(.+)$/.exec(ref);
        if (m) {
          const name = unescapePointer(m[2]);
          const inner = contentRange(definition, node);
          // Only when written plainly can the name be located (and renamed) inside the string.
          const raw = definition.text.slice(inner.offset, inner.offset + inner.length);
          const at = raw.lastIndexOf(m[2]);
          if (raw === ref && at >= 0) out.push({ kind: m[1] as SymbolKind, name, file: 'definition', offset: inner.offset + at, length: m[2].length, declaration: false });
        }
      } else if (parentKey === 'operationId' && grandKey !== undefined && DYNAMIC_KEYS.has(grandKey)) {
        out.push(nameOccurrence(definition, node, 'operation', String(node.value), 'definition', false));
      }
    });
  }
  if (properties?.root) {
    const props = childNode(properties.root, 'properties');
    for (const instance of childNode(props, 'policyTemplateInstances')?.children ?? []) {
      const ops = childNode(childNode(instance, 'parameters'), 'x-ms-apimTemplate-operationName');
      for (const item of ops?.type === 'array' ? ops.children ?? [] : []) {
        if (item.type === 'string') out.push(nameOccurrence(properties, item, 'operation', String(item.value), 'properties', false));
      }
    }
    for (const item of childNode(props, 'scriptOperations')?.children ?? []) {
      if (item.type === 'string') out.push(nameOccurrence(properties, item, 'operation', String(item.value), 'properties', false));
    }
  }
  return out;
}

function nameOccurrence(doc: ParsedDocument, node: TreeNode, kind: SymbolKind, name: string, file: Occurrence['file'], declaration: boolean): Occurrence {
  const inner = contentRange(doc, node);
  return { kind, name, file, offset: inner.offset, length: inner.length, declaration };
}

/** The text range of a string's content, without its quotes. */
export function contentRange(doc: ParsedDocument, node: TreeNode): { offset: number; length: number } {
  const first = doc.text[node.offset];
  if ((first === '"' || first === "'") && node.length >= 2) return { offset: node.offset + 1, length: node.length - 2 };
  return { offset: node.offset, length: node.length };
}

const unescapePointer = unescapePointerToken;

/** Visits every node with the key it sits under and that key's parent key. Iterative. */
function walk(root: TreeNode, visit: (node: TreeNode, parentKey: string | undefined, grandKey: string | undefined) => void): void {
  const stack: { node: TreeNode; key?: string; grand?: string }[] = [{ node: root }];
  while (stack.length) {
    const { node, key, grand } = stack.pop()!;
    visit(node, key, grand);
    if (node.type === 'object') {
      for (const prop of node.children ?? []) {
        const k = prop.children?.[0];
        const v = prop.children?.[1];
        if (v) stack.push({ node: v, key: k ? String(k.value) : undefined, grand: key });
      }
    } else if (node.type === 'array') {
      // Array items keep the array's key as their context (e.g. parameters[0] under "parameters").
      for (const c of node.children ?? []) stack.push({ node: c, key: undefined, grand: key });
    }
  }
}

/** The occurrence under an offset of a file, if any. */
export function occurrenceAt(occurrences: Occurrence[], file: Occurrence['file'], offset: number): Occurrence | undefined {
  return occurrences.find((o) => o.file === file && offset >= o.offset && offset <= o.offset + o.length);
}

export function sameSymbol(a: Occurrence, b: Occurrence): boolean {
  return a.kind === b.kind && a.name === b.name;
}
