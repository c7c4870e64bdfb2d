// Line and character of offsets in a text, for placing findings: the line starts are found with
// indexOf (native) instead of a character loop, which took ~2.5 ms per MB for every text placed.
// Same positions as vscode-languageserver-textdocument's positionAt: "\r\n", "\r" and "\n" end a
// line, and an offset between the "\r" and the "\n" of one line end is placed before the "\r".
import type { Position } from './locate';

export interface LineIndex {
  positionAt(offset: number): Position;
}

export function lineIndexOf(text: string): LineIndex {
  const starts = lineStarts(text);
  return {
    positionAt(offset: number): Position {
      let o = Math.max(0, Math.min(offset, text.length));
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      // Only the "\n" of a "\r\n" can follow a line end inside its line (TextDocument's ensureBeforeEOL).
      if (o > starts[lo] && text.charCodeAt(o - 1) === 0x0d) o--;
      return { line: lo, character: o - starts[lo] };
    },
  };
}

/** Offsets where each line starts: 0, then after every "\n", "\r\n" and lone "\r". */
function lineStarts(text: string): number[] {
  const starts = [0];
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  if (cr < 0) {
    for (; lf >= 0; lf = text.indexOf('\n', lf + 1)) starts.push(lf + 1);
    return starts;
  }
  while (lf >= 0 || cr >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      if (lf === cr + 1) {
        starts.push(cr + 2);
        lf = text.indexOf('\n', cr + 2);
      } else starts.push(cr + 1);
      cr = text.indexOf('\r', cr + 1);
    } else {
      starts.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return starts;
}
