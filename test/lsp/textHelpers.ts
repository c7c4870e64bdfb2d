// Text helpers shared by the LSP feature tests.
import type { Position, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Position of the n-th occurrence of needle in text (0-based), plus a character offset. */
export function positionOf(text: string, needle: string, nth = 0, delta = 0): Position {
  let idx = -1;
  for (let i = 0; i <= nth; i++) idx = text.indexOf(needle, idx + 1);
  if (idx < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, idx + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** The text after applying LSP edits (as the client would). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), edits);
}
