// OpenAPI text (JSON or YAML) -> a value, with budgets (characters, nesting depth, YAML aliases)
// and errors that say where the text is broken (line and column).
import { parseDocument } from 'yaml';
import { parseJsonText } from '../postman/parseJson';

/** Largest source text read (Microsoft Graph's description is 47 MB). */
export const MAX_SOURCE_CHARS = 64 * 1024 * 1024;
/** Deepest nesting of the parsed value. */
export const MAX_SOURCE_DEPTH = 512;
/** YAML alias expansions allowed (billion-laughs guard). */
export const MAX_YAML_ALIASES = 10_000;

export type SourceParse = { ok: true; value: unknown; format: 'json' | 'yaml' } | { ok: false; message: string; where: string };

/** Parses `text` named `name` (a file name or URL, for messages). JSON when it starts with { or [, else YAML. */
export function parseSourceText(text: string, name: string): SourceParse {
  if (text.length > MAX_SOURCE_CHARS) return { ok: false, message: `${name} is ${(text.length / (1024 * 1024)).toFixed(0)} MB of text; the importer reads at most ${MAX_SOURCE_CHARS / (1024 * 1024)} MB.`, where: name };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body)?.[0];
  if (first === undefined) return { ok: false, message: `${name} is empty.`, where: name };
  let value: unknown;
  let format: 'json' | 'yaml';
  if (first === '{' || first === '[') {
    const parsed = parseJsonText(body);
    if (!parsed.ok) return { ok: false, message: `${name} is not valid JSON: ${parsed.message}.`, where: `${name} line ${parsed.line}, column ${parsed.column}` };
    value = parsed.value;
    format = 'json';
  } else {
    try {
      const doc = parseDocument(body, { uniqueKeys: false, prettyErrors: true, strict: false });
      const err = doc.errors[0];
      if (err) {
        const pos = err.linePos?.[0];
        return { ok: false, message: `${name} is not valid YAML: ${err.message.split('\n')[0]!.replace(/:$/, '')}.`, where: pos ? `${name} line ${pos.line}, column ${pos.col}` : name };
      }
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      return { ok: false, message: `${name} could not be read as YAML: ${(e as Error).message}.`, where: name };
    }
    format = 'yaml';
  }
  if (depthOver(value, MAX_SOURCE_DEPTH)) return { ok: false, message: `${name} nests deeper than ${MAX_SOURCE_DEPTH} levels; the importer reads at most ${MAX_SOURCE_DEPTH}.`, where: name };
  return { ok: true, value, format };
}

/** Whether a value nests deeper than `limit`, counted without recursion. */
export function depthOver(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > limit) return true;
    if (typeof v === 'object' && v !== null) for (const c of Object.values(v)) if (typeof c === 'object' && c !== null) stack.push([c, d + 1]);
  }
  return false;
}
