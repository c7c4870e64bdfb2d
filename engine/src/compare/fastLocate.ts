// Positions of a few JSON pointers in a JSON text, found by one scan (jsonc-parser's visitor)
// without building the positioned tree: the CLI compares two 1 MB definitions and needs the
// places of only its findings. Same answers as locate.ts's locatePointer (the key of a member, a
// container's first character, the nearest existing parent's key for a pointer that is missing).
import { visit } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Range, RangeTarget } from '../languageService/locate';
import { encodePointerToken } from '../../../shared/src/swagger/pointer';

export interface PointerLocator {
  locate(pointer: string, target?: RangeTarget): Range;
}

/** Every ancestor of the pointers (and the pointers), so a missing one falls back to its parent. */
function withAncestors(pointers: Iterable<string>): Set<string> {
  const out = new Set<string>(['']);
  for (const p of pointers) {
    let i = p.length;
    for (;;) {
      out.add(p.slice(0, i));
      i = p.lastIndexOf('/', i - 1);
      if (i <= 0) break;
    }
  }
  return out;
}

export function jsonLocator(text: string, pointers: Iterable<string>): PointerLocator {
  const wanted = withAncestors(pointers);
  const keys = new Map<string, Location>();
  const values = new Map<string, Location>();
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  type Frame = { array: boolean; path: string; index: number; key?: string; start: number };
  const stack: Frame[] = [];
  const valuePointer = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.array) return `${top.path}/${top.index++}`;
    return `${top.path}/${encodePointerToken(top.key ?? '')}`;
  };
  const open = (array: boolean, offset: number) => {
    const path = valuePointer();
    if (wanted.has(path)) values.set(path, { offset: offset + bom, length: 1 });
    stack.push({ array, path, index: 0, start: offset });
  };
  visit(body, {
    onObjectBegin: (offset) => open(false, offset),
    onArrayBegin: (offset) => open(true, offset),
    onObjectEnd: () => void stack.pop(),
    onArrayEnd: () => void stack.pop(),
    onObjectProperty: (property, offset, length) => {
      const top = stack[stack.length - 1];
      if (!top) return;
      top.key = property;
      const p = `${top.path}/${encodePointerToken(property)}`;
      if (wanted.has(p)) keys.set(p, { offset: offset + bom, length });
    },
    onLiteralValue: (_v, offset, length) => {
      const p = valuePointer();
      if (wanted.has(p)) values.set(p, { offset: offset + bom, length });
    },
  });
  let lines: TextDocument | undefined;
  const toRange = (loc: Location): Range => {
    lines ??= TextDocument.create('', 'json', 0, text);
    return { start: lines.positionAt(loc.offset), end: lines.positionAt(Math.min(text.length, loc.offset + loc.length)) };
  };
  return {
    locate(pointer, target = 'key') {
      let p = pointer;
      let exact = true;
      while (p !== '' && !values.has(p)) {
        p = p.slice(0, p.lastIndexOf('/'));
        exact = false;
      }
      const t = exact ? target : 'key';
      const loc = (t === 'key' ? keys.get(p) : undefined) ?? values.get(p) ?? { offset: 0, length: 0 };
      return toRange(loc);
    },
  };
}
