// Minimal, format-preserving edits to a JSON or YAML connector file: insert, set, remove and
// rename members. JSON goes through jsonc-parser's modify (which keeps the rest of the text);
// YAML edits are computed from the positioned tree and the file's own indentation.
import { getNodePath, modify, type FormattingOptions } from 'jsonc-parser';
import { stringify as yamlStringify } from 'yaml';
import type { ParsedDocument } from '../parseDocument';
import { childNode, type PathSegment, type TreeNode } from '../tree';

export interface TextEditSpan {
  offset: number;
  length: number;
  newText: string;
}

export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const tab = /^\t+\S/m.test(text) && !/^ {2,}\S/m.test(text);
  let size = 0;
  for (const m of text.matchAll(/\n( +)\S/g)) {
    if (!size || m[1].length < size) size = m[1].length;
    if (size === 2) break;
  }
  return { insertSpaces: !tab, tabSize: size || 4, eol };
}

/** Sets path to value (adding the member when missing); insertAfter picks the sibling it follows. */
export function setValue(doc: ParsedDocument, path: PathSegment[], value: unknown, insertAfter?: string): TextEditSpan[] {
  if (doc.language === 'json') {
    const formattingOptions = detectFormatting(doc.text);
    return modify(doc.text, path, value, {
      formattingOptions,
      getInsertionIndex: insertAfter
        ? (props) => {
            const i = props.indexOf(insertAfter);
            return i >= 0 ? i + 1 : props.length;
          }
        : undefined,
    }).map((e) => ({ offset: e.offset, length: e.length, newText: e.content }));
  }
  return yamlSet(doc, path, value, insertAfter);
}

export function removeMember(doc: ParsedDocument, path: PathSegment[]): TextEditSpan[] {
  if (doc.language === 'json') {
    return modify(doc.text, path, undefined, { formattingOptions: detectFormatting(doc.text) }).map((e) => ({ offset: e.offset, length: e.length, newText: e.content }));
  }
  const node = nodeAt(doc, path);
  const prop = node?.parent?.type === 'property' ? node.parent : undefined;
  if (!prop) return [];
  const start = doc.text.lastIndexOf('\n', prop.offset - 1) + 1;
  const endLine = doc.text.indexOf('\n', prop.offset + prop.length);
  return [{ offset: start, length: (endLine < 0 ? doc.text.length : endLine + 1) - start, newText: '' }];
}

/** Replaces a member's key text (keeps its quotes style). */
export function renameKey(doc: ParsedDocument, keyNode: TreeNode, newKey: string): TextEditSpan {
  const raw = doc.text.slice(keyNode.offset, keyNode.offset + keyNode.length);
  const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  return { offset: keyNode.offset, length: keyNode.length, newText: doc.language === 'json' ? JSON.stringify(newKey) : `${quote}${newKey}${quote}` };
}

export function nodeAt(doc: ParsedDocument, path: PathSegment[]): TreeNode | undefined {
  let node = doc.root;
  for (const seg of path) {
    node = childNode(node, seg);
    if (!node) return undefined;
  }
  return node;
}

function yamlSet(doc: ParsedDocument, path: PathSegment[], value: unknown, insertAfter?: string): TextEditSpan[] {
  const existing = nodeAt(doc, path);
  if (existing) {
    const text = yamlInline(value);
    return [{ offset: existing.offset, length: existing.length, newText: text }];
  }
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = String(path[path.length - 1]);
  if (!parent || parent.type !== 'object') return [];
  const children = parent.children ?? [];
  if (!children.length) return [{ offset: parent.offset, length: parent.length, newText: `{ ${key}: ${yamlInline(value)} }` }];
  const after = (insertAfter && children.find((c) => c.children?.[0]?.value === insertAfter)) || children[children.length - 1];
  const firstKey = children[0].children![0];
  const column = firstKey.offset - (doc.text.lastIndexOf('\n', firstKey.offset - 1) + 1);
  const indent = ' '.repeat(column);
  const unit = detectFormatting(doc.text).tabSize ?? 2;
  const block = yamlBlock(key, value, indent, unit);
  // Insert after the last line of the sibling (a block value's range can end past its newline).
  let end = after.offset + after.length;
  while (end > after.offset && /\s/.test(doc.text[end - 1])) end--;
  const nl = doc.text.indexOf('\n', end);
  end = nl < 0 ? doc.text.length : nl;
  return [{ offset: end, length: 0, newText: '\n' + block }];
}

function yamlInline(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return yamlStringify(value).trimEnd();
}

function yamlBlock(key: string, value: unknown, indent: string, unit: number): string {
  const text = yamlStringify({ [key]: value }, { indent: unit }).trimEnd();
  return text
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

export function pathOf(node: TreeNode): PathSegment[] {
  return getNodePath(node);
}
