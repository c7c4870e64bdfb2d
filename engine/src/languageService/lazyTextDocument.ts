// The language server's open documents, and each parsed document's line index:
// vscode-languageserver-textdocument's TextDocument (same
// positions, offsets, lines and text), except that an edit does not build the document's new text.
// The library splices each change into its string (prefix + change + suffix), and V8 flattens that
// into a whole new string at the next change: typing in a 1 MB definition made a 2 MB string per
// keystroke, large objects that only a full GC frees, and the heap of the server climbed to 350-550
// MB between full GCs during a burst of edits (issue 19, target 6). Here the changes are kept as
// pieces of the last text and of the inserted texts, and the text is joined once, when it is read
// (validation, an editor request): one string per version read, none per keystroke.
// The line offsets are kept up to date on each change as the library does (its algorithm, MIT,
// Microsoft), reading the few characters it needs from the pieces.
// The incremental JSON re-parse (incrementalParse.ts) moves a parsed document's line index to the new
// version with updateTo: the line offsets as for a change, the text the one it already has.
// test/unit/server/lazyTextDocument.test.ts compares it with the library's document on random edits.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** A stretch of `src`. */
interface Piece {
  src: string;
  from: number;
  to: number;
}

/** Changes kept before the text is joined anyway (each read of a character walks the pieces). */
const MAX_PIECES = 512;

const CR = 13;
const LF = 10;
const isEOL = (c: number) => c === CR || c === LF;

export class LazyTextDocument implements TextDocument {
  /** The text when joined (no change since); else undefined and `pieces` say what it is. */
  private text: string | undefined;
  private pieces: Piece[] = [];
  private length: number;
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.text = content;
    this.length = content.length;
  }

  getText(range?: Range): string {
    if (range) {
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      return this.slice(start, end);
    }
    return this.joined();
  }

  /** Whether the text is joined now (tests). */
  get pendingPieces(): number {
    return this.text === undefined ? this.pieces.length : 0;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) {
        const range = wellformed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        this.splice(startOffset, endOffset, change.text);
        const insertedEndOffset = startOffset + change.text.length;
        const crlfAtStart = this.charCodeAt(startOffset - 1) === CR && this.charCodeAt(startOffset) === LF;
        const crlfAtEnd = this.charCodeAt(insertedEndOffset - 1) === CR && this.charCodeAt(insertedEndOffset) === LF;
        if (crlfAtStart || crlfAtEnd) {
          // A CRLF pair across an edit boundary is not included in the inserted text's line offsets.
          this.lineOffsets = undefined;
          continue;
        }
        const startLine = Math.max(range.start.line, 0);
        const endLine = Math.max(range.end.line, 0);
        let lineOffsets = this.lineOffsets!;
        const added = computeLineOffsets(change.text, false, startOffset);
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i]!;
        } else if (added.length < 10000) {
          lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
        } else {
          this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] = lineOffsets[i]! + diff;
      } else if (typeof (change as { text?: unknown }).text === 'string') {
        this.text = change.text;
        this.pieces = [];
        this.length = change.text.length;
        this.lineOffsets = undefined;
      } else {
        throw new Error('Unknown change event received');
      }
    }
    this.version = version;
  }

  /**
   * One change whose resulting text is known (`result`, equal to this text with the change applied):
   * the line offsets are updated as by update(), and the document reads `result` itself, so no text
   * is built (the library's update spliced and flattened a second whole text per version).
   */
  updateTo(change: { range: Range; text: string }, version: number, result: string): this {
    this.update([change], version);
    if (result.length !== this.length) throw new Error(`LazyTextDocument.updateTo: the result has ${result.length} characters, the change gives ${this.length}`);
    this.text = result;
    this.pieces = [];
    return this;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line]!);
    return { line, character: offset - lineOffsets[line]! };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1]! : this.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.length - lineOffsets[lastLine]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line]!;
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.length;
    const endOffset = this.ensureBeforeEOL(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.length;
    const eolOffset = this.ensureBeforeEOL(nextLineOffset, lineOffsets[line]!);
    return this.slice(eolOffset, nextLineOffset);
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  private getLineOffsets(): number[] {
    if (this.lineOffsets === undefined) this.lineOffsets = computeLineOffsets(this.joined(), true);
    return this.lineOffsets;
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** The whole text, joined from the pieces once per version read. */
  private joined(): string {
    if (this.text === undefined) {
      let text = '';
      const parts: string[] = new Array<string>(this.pieces.length);
      for (let i = 0; i < this.pieces.length; i++) {
        const p = this.pieces[i]!;
        parts[i] = p.from === 0 && p.to === p.src.length ? p.src : p.src.slice(p.from, p.to);
      }
      // Array join builds one flat string (no slice of the previous text: it may go).
      text = parts.join('');
      this.text = text;
      this.pieces = [];
    }
    return this.text;
  }

  /** The character code at an offset (NaN outside), as String.prototype.charCodeAt. */
  private charCodeAt(offset: number): number {
    if (this.text !== undefined) return this.text.charCodeAt(offset);
    if (offset < 0 || offset >= this.length) return NaN;
    let at = 0;
    for (const p of this.pieces) {
      const n = p.to - p.from;
      if (offset < at + n) return p.src.charCodeAt(p.from + offset - at);
      at += n;
    }
    return NaN;
  }

  private slice(start: number, end: number): string {
    if (this.text !== undefined) return this.text.substring(start, end);
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(0, Math.min(end, this.length));
    if (start > end) [start, end] = [end, start];
    const parts: string[] = [];
    let at = 0;
    for (const p of this.pieces) {
      const n = p.to - p.from;
      if (at + n > start && at < end) parts.push(p.src.slice(p.from + Math.max(0, start - at), p.from + Math.min(n, end - at)));
      at += n;
      if (at >= end) break;
    }
    return parts.join('');
  }

  /** Replaces [start, end) with text, as pieces. */
  private splice(start: number, end: number, text: string): void {
    if (this.text !== undefined) {
      this.pieces = [{ src: this.text, from: 0, to: this.text.length }];
      this.text = undefined;
    }
    const out: Piece[] = [];
    let at = 0;
    let inserted = false;
    const insert = () => {
      if (!inserted && text.length > 0) out.push({ src: text, from: 0, to: text.length });
      inserted = true;
    };
    for (const p of this.pieces) {
      const n = p.to - p.from;
      const pStart = at;
      const pEnd = at + n;
      at = pEnd;
      if (pEnd <= start) {
        out.push(p);
        continue;
      }
      if (pStart >= end) {
        // An insertion at the very start of this piece goes before it.
        if (pStart >= start) insert();
        out.push(p);
        continue;
      }
      // The piece overlaps [start, end): keep what lies outside.
      if (pStart < start) out.push({ src: p.src, from: p.from, to: p.from + (start - pStart) });
      insert();
      if (pEnd > end) out.push({ src: p.src, from: p.from + (end - pStart), to: p.to });
    }
    insert();
    this.pieces = out;
    this.length += text.length - (end - start);
    // Many changes without a read: join them (a character read walks every piece).
    if (this.pieces.length > MAX_PIECES) this.joined();
  }
}

function isIncremental(change: TextDocumentContentChangeEvent): change is { range: Range; rangeLength?: number; text: string } {
  const c = change as { range?: unknown; rangeLength?: unknown; text?: unknown };
  return typeof c.text === 'string' && c.range !== undefined && (c.rangeLength === undefined || typeof c.rangeLength === 'number');
}

function wellformed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return { start: end, end: start };
  return range;
}

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}
