// Strict JSON parsing that says where the text is broken (line and column, 1-based).
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string; line: number; column: number };

export function parseJsonText(text: string): JsonParseResult {
  // JSON.parse is the fast path; jsonc-parser only runs to locate an error.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const errors: ParseError[] = [];
    parseJsonc(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first ? first.offset : 0;
    const { line, column } = lineColumn(body, offset);
    const what = first ? describe(printParseErrorCode(first.error)) : (e as Error).message;
    return { ok: false, message: `${what} at line ${line}, column ${column}`, line, column };
  }
}

function describe(code: string): string {
  // "CommaExpected" -> "comma expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
