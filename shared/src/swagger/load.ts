// THE tolerant loader of connector files for the hosts that need a value, not positions (the
// connections model, the Test Operation panel): JSON with a BOM, comments or trailing commas, or
// YAML by file name. The other parse paths need something this one does not give, on purpose:
// - engine/src/languageService/parseDocument.ts: the positioned tree (ranges for diagnostics, hover,
//   completion), strict JSON with every syntax error reported; the engine, server and CLI use it.
// - engine/src/converters/postman/parseJson.ts and openapi3/parse.ts (JSON through the former, and
//   YAML): strict parsing whose error names the line and column of an input the user picked.
// - shared/src/lifecycle/convert.ts: a YAML Document, to keep key order and scalars when converting.
// - strict JSON.parse where a broken text is itself the finding: external $ref files
//   (engine/src/rules/references.ts), .connector-studio.json (engine/src/languageService/config.ts),
//   the packager's validity check; and bodies that are not connector files (HTTP responses, stored
//   secrets, CLI arguments).
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';

/** Larger texts are not parsed (the language server's read budget). */
export const MAX_LOAD_CHARS = 64 * 1024 * 1024;
/** YAML alias expansions allowed (billion-laughs guard). */
const MAX_YAML_ALIASES = 100;

export type LoadResult = { ok: true; value: unknown } | { ok: false; message: string };

export function isYamlName(fileName: string): boolean {
  return /\.ya?ml$/i.test(fileName);
}

/** Parses a connector file's text (YAML when `fileName` ends in .yaml/.yml, JSON otherwise). */
export function loadConnectorText(text: string, fileName: string): LoadResult {
  if (text.length > MAX_LOAD_CHARS) return { ok: false, message: `${fileName} is larger than ${MAX_LOAD_CHARS / 1024 / 1024} MB.` };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (isYamlName(fileName)) {
    try {
      return { ok: true, value: parseYaml(body, { maxAliasCount: MAX_YAML_ALIASES }) as unknown };
    } catch (e) {
      return { ok: false, message: `${fileName}: ${(e as Error).message}` };
    }
  }
  const errors: ParseError[] = [];
  // A broken file still yields what it has: the UIs show what they can.
  return { ok: true, value: parseJsonc(body, errors, { allowTrailingComma: true, disallowComments: false }) as unknown };
}

/** The value of a connector file, or undefined when it is absent or cannot be read. */
export function loadConnectorValue(text: string | undefined, fileName: string): unknown {
  if (text === undefined) return undefined;
  const r = loadConnectorText(text, fileName);
  return r.ok ? r.value : undefined;
}
