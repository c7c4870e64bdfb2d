// Where the cursor is in a JSON or YAML connector file: the JSON path of the value or key being
// typed, and whether a key or a value is expected. JSON uses jsonc-parser's scanner-based
// getLocation (works on incomplete text); YAML uses indentation, since half-typed YAML has no tree.
import { getLocation } from 'jsonc-parser';
import type { ParsedDocument } from '../parseDocument';

export interface CursorContext {
  path: (string | number)[];
  atKey: boolean;
  /** Text range to replace (the partial word/string under the cursor). */
  replace: { offset: number; length: number };
  /** Text already typed in that range (without quotes). */
  prefix: string;
  inQuotes: boolean;
}

export function cursorContext(doc: ParsedDocument, offset: number): CursorContext {
  return doc.language === 'yaml' ? yamlContext(doc.text, offset) : jsonContext(doc.text, offset);
}

function jsonContext(text: string, offset: number): CursorContext {
  const loc = getLocation(text, offset);
  const node = loc.previousNode;
  let replace = { offset, length: 0 };
  let prefix = '';
  let inQuotes = false;
  if (node && (node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null') && offset >= node.offset && offset <= node.offset + node.length) {
    replace = { offset: node.offset, length: node.length };
    inQuotes = node.type === 'string';
    prefix = text.slice(node.offset + (inQuotes ? 1 : 0), offset);
  } else {
    const m = /[\w$@.-]*$/.exec(text.slice(Math.max(0, offset - 100), offset));
    if (m && m[0]) {
      replace = { offset: offset - m[0].length, length: m[0].length };
      prefix = m[0];
    }
  }
  return { path: [...loc.path], atKey: loc.isAtPropertyKey, replace, prefix, inQuotes };
}

const KEY_LINE = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(\s|$)/;

function yamlContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const keyMatch = KEY_LINE.exec(before);
  const atKey = !keyMatch;
  let indent = /^\s*/.exec(before)![0].length;
  const path: (string | number)[] = [];
  if (keyMatch) {
    path.unshift(unquote(keyMatch[3].trim()));
    indent = keyMatch[1].length + (keyMatch[2]?.length ?? 0);
  } else if (/^\s*-\s+/.test(before)) {
    indent = /^\s*/.exec(before)![0].length + 1;
  }
  // Walk up: each earlier line with a smaller indent opens an enclosing mapping or sequence.
  let cursor = lineStart - 1;
  let current = indent;
  while (cursor > 0 && current > 0) {
    const start = text.lastIndexOf('\n', cursor - 1) + 1;
    const line = text.slice(start, cursor);
    cursor = start - 1;
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const lineIndent = /^\s*/.exec(line)![0].length;
    const dash = /^(\s*)-\s+/.exec(line);
    if (dash && dash[1].length < current) {
      path.unshift(0);
      const m = KEY_LINE.exec(line);
      if (m && m[1].length + (m[2]?.length ?? 0) < current) {
        // "- key: value" on a line above: we are inside that item's mapping.
      }
      current = dash[1].length;
      continue;
    }
    if (lineIndent < current) {
      const m = KEY_LINE.exec(line);
      if (m) path.unshift(unquote(m[3].trim()));
      current = lineIndent;
    }
  }
  const word = /[\w$@.\-"']*$/.exec(before)![0];
  const inQuotes = word.startsWith('"') || word.startsWith("'");
  return { path, atKey, replace: { offset: offset - word.length, length: word.length }, prefix: inQuotes ? word.slice(1) : word, inQuotes };
}

function unquote(s: string): string {
  return /^["'].*["']$/.test(s) ? s.slice(1, -1) : s;
}
