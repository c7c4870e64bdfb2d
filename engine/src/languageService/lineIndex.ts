// Line and character of offsets in a text, for placing a few findings: the line starts are found with
// indexOf (native) instead of a character loop, which took ~2.5 ms per MB for every text placed.
// Same positions as vscode-languageserver-textdocument's positionAt ("\r\n", "\r" and "\n" end a
// line); a text holding "\r" uses TextDocument itself.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from './locate';

export interface LineIndex {
  positionAt(offset: number): Position;
}

export function lineIndexOf(text: string): LineIndex {
  if (text.includes('\r')) return TextDocument.create('', 'plaintext', 0, text);
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    positionAt(offset: number): Position {
      const o = Math.max(0, Math.min(offset, text.length));
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: o - starts[lo] };
    },
  };
}
