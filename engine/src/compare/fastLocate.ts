// Positions of a few JSON pointers in a strict JSON text (one JSON.parse accepted it), found by
// descending only into the objects and arrays on their way: each container is scanned once, with
// a tight character loop, and no positioned tree is built (the CLI compares two 1 MB definitions
// and needs the places of only its findings). Same answers as locate.ts's locatePointer (the key
// of a member, a container's first character, the nearest existing parent's key for a pointer
// that is missing); test/unit/compare checks the two agree on mutated corpus connectors.
import { lineIndexOf, type LineIndex } from '../languageService/lineIndex';
import type { Location, Range, RangeTarget } from '../languageService/locate';
import { pointerToPath } from '../../../shared/src/swagger/pointer';
// The character loops are textLocate's (batch validation places its findings with them too).
import { endOfString as endOfStringAt, endOfValue as endOfValueAt, skipWs } from '../languageService/textLocate';

export interface PointerLocator {
  locate(pointer: string, target?: RangeTarget): Range;
}

interface Member {
  key: Location;
  value: number;
}

export function jsonLocator(text: string): PointerLocator {
  const n = text.length;
  const members = new Map<number, Map<string, Member>>();
  const elements = new Map<number, number[]>();

  const ws = (i: number): number => skipWs(text, i);
  const endOfString = (i: number): number => endOfStringAt(text, i);
  const endOfValue = (i: number): number => endOfValueAt(text, i);
  const membersOf = (at: number): Map<string, Member> => {
    let m = members.get(at);
    if (m) return m;
    m = new Map();
    let i = ws(at + 1);
    while (i < n && text.charCodeAt(i) === 34) {
      const keyEnd = endOfString(i);
      let key: string;
      try {
        key = JSON.parse(text.slice(i, keyEnd)) as string;
      } catch {
        break;
      }
      let j = ws(keyEnd);
      if (text.charCodeAt(j) !== 58) break;
      j = ws(j + 1);
      // A key given twice: the last one wins, as in JSON.parse.
      m.set(key, { key: { offset: i, length: keyEnd - i }, value: j });
      i = ws(endOfValue(j));
      if (text.charCodeAt(i) !== 44) break;
      i = ws(i + 1);
    }
    members.set(at, m);
    return m;
  };
  const elementsOf = (at: number): number[] => {
    let e = elements.get(at);
    if (e) return e;
    e = [];
    let i = ws(at + 1);
    while (i < n && text.charCodeAt(i) !== 93) {
      e.push(i);
      i = ws(endOfValue(i));
      if (text.charCodeAt(i) !== 44) break;
      i = ws(i + 1);
    }
    elements.set(at, e);
    return e;
  };
  const valueLocation = (at: number): Location => {
    const c = text.charCodeAt(at);
    return c === 123 || c === 91 ? { offset: at, length: 1 } : { offset: at, length: endOfValue(at) - at };
  };

  let lines: LineIndex | undefined;
  const toRange = (loc: Location): Range => {
    lines ??= lineIndexOf(text);
    return { start: lines.positionAt(loc.offset), end: lines.positionAt(Math.min(n, loc.offset + loc.length)) };
  };
  return {
    locate(pointer, target = 'key') {
      const root = ws(0);
      if (root >= n) return toRange({ offset: 0, length: 0 });
      let at = root;
      let key: Location | undefined;
      const path = pointerToPath(pointer);
      let matched = 0;
      for (const token of path) {
        const c = text.charCodeAt(at);
        if (c === 123) {
          const m = membersOf(at).get(token);
          if (!m) break;
          at = m.value;
          key = m.key;
        } else if (c === 91 && /^\d+$/.test(token)) {
          const e = elementsOf(at)[Number(token)];
          if (e === undefined) break;
          at = e;
          key = undefined;
        } else break;
        matched++;
      }
      const t = matched === path.length ? target : 'key';
      return toRange(t === 'key' && key ? key : valueLocation(at));
    },
  };
}
