// The schema-driven layer of the editing features (issue 20): completion, hover, formatting,
// folding and selection ranges from yaml-language-server (YAML) and vscode-json-languageservice
// (JSON) with the editor schemas, merged with the connector features of handlers/features.ts
// (ours first; a schema item whose label we already offer is dropped). The services live in the
// lazily loaded bundle dist/server/schemaLanguage.js (server/src/schemaLanguage/lazy.ts).
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover } from 'vscode-languageserver/node';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFINITION_SCHEMA_FILE, DEFINITION_SCHEMA_URI, PROPERTIES_SCHEMA_FILE, PROPERTIES_SCHEMA_URI } from '../../../engine/src/languageService/schema/editorSchemas';
import { EXTENSIONS_BY_KEY } from '../../../engine/src/languageService/features/xmsCatalog';
import type { SchemaLanguage } from '../schemaLanguage/lazy';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../../../engine/src/languageService/parseDocument';
import type { TreeNode } from '../../../engine/src/languageService/tree';

let loading: Promise<SchemaLanguage> | undefined;

const NO_SCHEMA: SchemaLanguage = {
  complete: async () => [],
  hover: async () => null,
  format: async () => [],
  yamlSymbols: () => [],
  foldingRanges: () => [],
  selectionRanges: () => [],
};

/**
 * VS Code's own JSON language features read the schemas the extension contributes (package.json
 * `jsonValidation`) and complete and hover from them in connector JSON files already: the client
 * says so (initializationOptions.editorServesJsonSchemas) and then, in JSON, this server leaves the
 * schema's keys, values and hovers to the editor, x-ms keys included, so nothing is offered twice.
 * Other clients (and the LSP tests) get everything from this server.
 */
let editorServesJsonSchemas = false;
/** Likewise for YAML when Red Hat's YAML extension (yaml-language-server) reads `yamlValidation`. */
let editorServesYamlSchemas = false;

export function setEditorServesJsonSchemas(json: boolean, yaml = false): void {
  editorServesJsonSchemas = json;
  editorServesYamlSchemas = yaml;
}

/** True when the editor serves the schema in this document (a JSON file in VS Code, YAML with Red Hat's extension). */
export function editorServesSchemaOf(doc: { uri: string; languageId: string }): boolean {
  const yaml = doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri);
  return yaml ? editorServesYamlSchemas : editorServesJsonSchemas;
}

/** Our x-ms key items and hovers say what the schema says: left out where the editor serves it. */
export function isSchemaKey(label: string): boolean {
  return EXTENSIONS_BY_KEY.has(label.replace(/^["']|["']$/g, ''));
}

/** The schema language services, created on the first call (loads dist/server/schemaLanguage.js). */
export function schemaLanguage(): Promise<SchemaLanguage> {
  // The switch the bench uses to measure what the schema services add (bench/lspBench.ts).
  if (process.env.CONNECTOR_STUDIO_SCHEMA_FEATURES === 'off') return Promise.resolve(NO_SCHEMA);
  return (loading ??= import('../schemaLanguage/lazy').then((m) =>
    m.createSchemaLanguage({
      definition: { uri: DEFINITION_SCHEMA_URI, schema: readSchema(DEFINITION_SCHEMA_FILE) },
      properties: { uri: PROPERTIES_SCHEMA_URI, schema: readSchema(PROPERTIES_SCHEMA_FILE) },
    }),
  ));
}

/**
 * The generated schema file the extension ships (schemas/, beside dist/; the unit test keeps it
 * equal to what editorSchemas.ts builds), so the builder and its texts stay out of the server bundle.
 */
function readSchema(file: string): object {
  const candidates = [path.join(__dirname, '../..', file), path.join(__dirname, '../../..', file)];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`Connector Studio: ${file} is missing (looked in ${candidates.join(', ')})`);
  return JSON.parse(fs.readFileSync(found, 'utf8')) as object;
}

/** A label without the quotes JSON value items carry (`"query"` and `query` are one item). */
function labelKey(item: CompletionItem): string {
  const l = item.label;
  return l.length >= 2 && l.startsWith('"') && l.endsWith('"') ? l.slice(1, -1) : l;
}

/**
 * Keys: ours first, then the schema's keys whose label we do not offer already (sorted after ours).
 * Values: when we offer values (operationIds, $ref targets, capabilities not yet listed...), ours are
 * the more precise list and the schema's are left out.
 */
export function mergeCompletions(ours: CompletionItem[], schema: CompletionItem[]): CompletionItem[] {
  if (ours.some((i) => i.kind !== CompletionItemKind.Property)) return ours;
  const seen = new Set(ours.map(labelKey));
  const out = [...ours];
  for (const item of schema) {
    const key = labelKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...item, sortText: `~${item.sortText ?? key}` });
  }
  return out;
}

/** Our hover when we have one (x-ms keys, $ref previews, operations, policies); else the schema's. */
export function mergeHover(ours: Hover | null, schema: Hover | null): Hover | null {
  if (ours || !schema) return ours;
  // vscode-json-languageservice answers with MarkedString[]: one markdown block for the client.
  const parts = Array.isArray(schema.contents) ? schema.contents : [schema.contents];
  const value = parts.map((p) => (typeof p === 'string' ? p : 'kind' in p ? p.value : '```' + p.language + '\n' + p.value + '\n```')).filter(Boolean).join('\n\n');
  return value ? { contents: { kind: MarkupKind.Markdown, value }, range: schema.range } : null;
}

/**
 * YAML definitions up to this size get yaml-language-server's key tree in their outline, its folding
 * and selection ranges (its parse takes ~1 s for the largest real connectors, 0.9 MB as YAML; 39 s for 7 MB).
 * It is the platform's 1 MB limit for a definition.
 */
export const KEY_TREE_MAX_CHARS = 1024 * 1024;

/** Documents over this size are handed to the schema services with the far subtrees blanked. */
export const SCHEMA_VIEW_MIN_CHARS = 64 * 1024;
let viewVersion = 0;

/**
 * The document as the schema services see it at `offset`: every object or array value that does
 * not contain the offset is blanked (spaces, line breaks kept; a flow value keeps its brackets), so
 * offsets and positions are the same as in the real text, the keys of every object on the way stay
 * (completion leaves out keys already present), and the services parse a 1 MB definition in a few
 * milliseconds instead of ~70 ms on each keystroke. Small documents and a tree of another version
 * than the text are passed as they are.
 */
export function schemaView(doc: TextDocument, parsed: ParsedDocument | undefined, offset: number): TextDocument {
  const text = doc.getText();
  if (text.length < SCHEMA_VIEW_MIN_CHARS || !parsed?.root) return doc;
  // The tree may be a version behind (validation waits for a pause in typing): map it through the
  // one changed region between its text and this one (common prefix and suffix).
  const old = parsed.text;
  const shortest = Math.min(old.length, text.length);
  let prefix = 0;
  while (prefix < shortest && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const changedEnd = old.length - suffix;
  const delta = text.length - old.length;
  const oldOffset = offset < prefix ? offset : offset >= text.length - suffix ? offset - delta : prefix;
  const blanks: [number, number][] = [];
  const visit = (node: TreeNode) => {
    for (const child of node.children ?? []) {
      const value = child.type === 'property' ? child.children?.[1] : child;
      if (!value || (value.type !== 'object' && value.type !== 'array')) continue;
      if (oldOffset >= child.offset && oldOffset <= child.offset + child.length) visit(value);
      else {
        const flow = old[value.offset] === '{' || old[value.offset] === '[';
        let start = flow ? value.offset + 1 : value.offset;
        let end = flow ? value.offset + value.length - 1 : value.offset + value.length;
        if (end - start <= 16 || (start < changedEnd && end > prefix)) continue; // small, or touched by the edit
        if (start >= changedEnd) {
          start += delta;
          end += delta;
        }
        blanks.push([start, end]);
      }
    }
  };
  visit(parsed.root);
  if (blanks.length === 0) return doc;
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of blanks) {
    parts.push(text.slice(at, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
    at = end;
  }
  parts.push(text.slice(at));
  // A version of its own: yaml-language-server caches one parse per URI and version.
  return TextDocument.create(doc.uri, doc.languageId, -(++viewVersion), parts.join(''));
}
