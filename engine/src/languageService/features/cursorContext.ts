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

/** One YAML line: its indentation, the columns of leading "- " item markers, and its key if any. */
interface YamlLine {
  indent: number;
  dashes: number[];
  /** Column where the content after the item markers starts (the key of a mapping). */
  column: number;
  key?: string;
  /** Offset of the text after "key:" within the line (undefined without a key). */
  valueStart?: number;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s:#"'\-[{][^:#]*?|-[^\s:#][^:#]*?)\s*:(?=\s|$)/;

function yamlLine(line: string): YamlLine {
  const indent = /^ */.exec(line)![0].length;
  const dashes: number[] = [];
  let column = indent;
  for (let m = /^-( +|$)/.exec(line.slice(column)); m; m = /^-( +|$)/.exec(line.slice(column))) {
    dashes.push(column);
    column += m[0].length;
  }
  const k = KEY.exec(line.slice(column));
  return k ? { indent, dashes, column, key: unquote(k[1].trim()), valueStart: column + k[0].length } : { indent, dashes, column };
}

/**
 * YAML has no tree while half-typed, so the path comes from indentation: walk up from the cursor's
 * line, collecting the key of each enclosing mapping and the index of each enclosing sequence item
 * (block sequences "- name: x", also when written at their parent key's indentation).
 */
function yamlContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  const here = yamlLine(before);
  const atKey = here.valueStart === undefined;
  // Item indexes are objects while walking up, counted as earlier sibling items are met.
  const path: Segment[] = [];
  if (!atKey) {
    path.push(here.key!);
    // A flow sequence value: key: [a, b|
    const flow = /^\s*\[([^\]]*)$/.exec(before.slice(here.valueStart));
    if (flow) path.push(flow[1].split(',').length - 1);
  }
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop(); // the empty tail after the last newline before the cursor's line
  // The container the cursor's line belongs to: a mapping at `column`, inside the items its dashes open.
  let state = enterItems(path, here, here.column);
  for (let i = lines.length - 1; i >= 0 && state; i--) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#') || raw.startsWith('---') || raw.startsWith('%')) continue;
    const l = yamlLine(raw.replace(/\t/g, ' '));
    if (state.kind === 'map') {
      if (l.column > state.column) continue; // deeper content of a sibling
      if (l.column === state.column) {
        // A sibling key; if it opens a sequence item, the mapping is that item.
        if (l.dashes.length) state = enterItems(path, l, l.column);
        continue;
      }
      if (l.key === undefined) continue;
      path.unshift(l.key);
      state = enterItems(path, l, l.column);
    } else {
      if (l.indent === state.column && l.dashes.length) {
        state.count.index++;
        continue;
      }
      if (l.indent > state.column) continue;
      if (l.key === undefined) continue;
      // The sequence's parent key (at a smaller indentation, or the same for compact sequences).
      path.unshift(l.key);
      state = enterItems(path, l, l.column);
    }
    if (state.kind === 'map' && state.column === 0) break;
  }
  // Resolve the item indexes counted while walking up.
  const resolved = path.map((p) => (typeof p === 'object' ? p.index : p));
  return { path: resolved, atKey, ...yamlReplace(text, offset, lineStart, lineEnd, here, atKey) };
}

type Segment = string | number | { index: number };
type WalkState = { kind: 'map'; column: number } | { kind: 'seq'; column: number; count: { index: number } };

/** After a line's content at `column` is in path, steps out through the line's "- " item markers. */
function enterItems(path: Segment[], line: YamlLine, column: number): WalkState {
  if (!line.dashes.length) return { kind: 'map', column };
  // Inner items of "- - x" are first items; the outermost one is counted while walking up.
  let count = { index: 0 };
  for (let d = line.dashes.length - 1; d >= 0; d--) {
    count = { index: 0 };
    path.unshift(count);
  }
  return { kind: 'seq', column: line.dashes[0], count };
}

/** The scalar under the cursor: a whole quoted string, or the plain word around the cursor. */
function yamlReplace(text: string, offset: number, lineStart: number, lineEnd: number, here: YamlLine, atKey: boolean): Pick<CursorContext, 'replace' | 'prefix' | 'inQuotes'> {
  const line = text.slice(lineStart, lineEnd);
  const col = offset - lineStart;
  const valueStart = atKey ? here.column : here.valueStart!;
  const value = line.slice(valueStart);
  const lead = /^\s*(\[\s*)?/.exec(value)![0].length;
  const q = value[lead];
  if (!atKey && (q === '"' || q === "'") && col > valueStart + lead) {
    const open = lineStart + valueStart + lead;
    const close = text.indexOf(q, open + 1);
    const end = close >= 0 && close < lineEnd ? close + 1 : lineEnd;
    if (offset <= end) return { replace: { offset: open, length: end - open }, prefix: text.slice(open + 1, offset), inQuotes: true };
  }
  const word = /[^\s:,[\]{}#]*$/.exec(line.slice(0, col))![0];
  const after = atKey ? /^[^\s:,[\]{}#]*/.exec(line.slice(col))![0] : /^[^,[\]{}#]*/.exec(line.slice(col))![0].replace(/\s+$/, '');
  const inQuotes = word.startsWith('"') || word.startsWith("'");
  return { replace: { offset: offset - word.length, length: word.length + after.length }, prefix: inQuotes ? word.slice(1) : word, inQuotes };
}

function unquote(s: string): string {
  return /^["'].*["']$/.test(s) ? s.slice(1, -1) : s;
}
