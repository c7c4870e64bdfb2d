// JSON <-> YAML for connector definitions, keeping key order. JSON.parse would move
// integer-like keys ("200", "404") to the front of an object, so both directions go through
// the `yaml` package's Map-based output instead of plain objects.
import { Document, parseDocument } from 'yaml';

export type DefinitionFormat = 'json' | 'yaml';

export class ConvertError extends Error {}

/** Parses JSON or YAML text into Maps/arrays/scalars in source order. Throws ConvertError. */
export function parseOrdered(text: string): unknown {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new ConvertError(`${line ? `line ${line}: ` : ''}${e.message.split('\n')[0]}`);
  }
  return doc.toJS({ mapAsMap: true, maxAliasCount: 1000 });
}

/**
 * JSON text with 2-space indentation (the layout of the connectors repository's files).
 * Why not JSON.stringify(value, null, 2): it only writes plain objects, and a plain object puts
 * integer-like keys ("200", "404") first whatever the file said; so Maps are written here in their
 * own order, and every scalar still goes through JSON.stringify. What it adds for YAML input: a
 * !!binary value is written as base64 (JSON.stringify would write {"0":..}), .inf/.nan are refused
 * (JSON.stringify would silently write null), and null/number/boolean keys become their text.
 */
export function toJsonText(value: unknown, indent = 2): string {
  return `${stringify(value, indent, '')}\n`;
}

function stringify(v: unknown, indent: number, pad: string): string {
  const inner = pad + ' '.repeat(indent);
  if (v instanceof Map) {
    if (!v.size) return '{}';
    const parts = [...v.entries()].map(([k, val]) => `${inner}${JSON.stringify(keyString(k))}: ${stringify(val, indent, inner)}`);
    return `{\n${parts.join(',\n')}\n${pad}}`;
  }
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return `[\n${v.map((x) => inner + stringify(x, indent, inner)).join(',\n')}\n${pad}]`;
  }
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return 'null';
  if (typeof v === 'number' && !Number.isFinite(v)) throw new ConvertError(`${v} cannot be written as JSON`);
  if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v).toString('base64'));
  return JSON.stringify(v);
}

function keyString(k: unknown): string {
  if (typeof k === 'string') return k;
  if (k === null) return 'null';
  if (k instanceof Map || Array.isArray(k)) throw new ConvertError('a mapping key is itself a collection; JSON keys must be strings');
  return String(k);
}

/** YAML text in block style; strings that would read as numbers or booleans stay quoted. */
export function toYamlText(value: unknown): string {
  const doc = new Document(normalizeKeys(value));
  return doc.toString({ indent: 2, lineWidth: 0, minContentWidth: 0 });
}

function normalizeKeys(v: unknown): unknown {
  if (v instanceof Map) return new Map([...v.entries()].map(([k, val]) => [keyString(k), normalizeKeys(val)]));
  if (Array.isArray(v)) return v.map(normalizeKeys);
  return v;
}

export function jsonToYaml(jsonText: string): string {
  return toYamlText(parseOrdered(jsonText));
}

export function yamlToJson(yamlText: string): string {
  return toJsonText(parseOrdered(yamlText));
}

export function formatOfName(fileName: string): DefinitionFormat | undefined {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  return undefined;
}

/** The file name after conversion: apiDefinition.swagger.json <-> apiDefinition.swagger.yaml. */
export function convertedName(fileName: string, to: DefinitionFormat): string {
  const stem = fileName.replace(/\.(json|ya?ml)$/i, '');
  return `${stem}.${to === 'json' ? 'json' : 'yaml'}`;
}
