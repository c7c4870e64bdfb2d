// The schema-driven layer of the editing features (issue 20): completion, hover, formatting,
// folding and selection ranges from yaml-language-server (YAML) and vscode-json-languageservice
// (JSON) with the editor schemas, merged with the connector features of handlers/features.ts
// (ours first; a schema item whose label we already offer is dropped). The services live in the
// lazily loaded bundle dist/server/schemaLanguage.js (server/src/schemaLanguage/lazy.ts).
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position, type Range } from 'vscode-languageserver/node';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFINITION_SCHEMA_FILE, DEFINITION_SCHEMA_URI, PROPERTIES_SCHEMA_FILE, PROPERTIES_SCHEMA_URI } from '../../../engine/src/languageService/schema/editorSchemas';
import { EXTENSIONS_BY_KEY } from '../../../engine/src/languageService/features/xmsCatalog';
import type { SchemaLanguage } from '../schemaLanguage/lazy';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../../../engine/src/languageService/parseDocument';
import type { TreeNode } from '../../../engine/src/languageService/tree';
import { editedSpan } from '../../../engine/src/languageService/incrementalParse';

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

/** A YAML document yaml-language-server may parse whole: one we parsed (no budget refused it) and within KEY_TREE_MAX_CHARS. */
export function yamlServiceMayParse(parsed: ParsedDocument, open: TextDocument): boolean {
  return parsed.language === 'yaml' && parsed.root !== undefined && open.getText().length <= KEY_TREE_MAX_CHARS;
}

/** Documents over this size are handed to the schema services with the far subtrees left out. */
export const SCHEMA_VIEW_MIN_CHARS = 64 * 1024;
let viewVersion = 0;

/** What the schema services read, and how positions map between it and the editor's document. */
export interface SchemaView {
  doc: TextDocument;
  /** A position of the editor's document in the view (positions inside a left-out subtree go to its place). */
  toView(p: Position): Position;
  /** A position of the view in the editor's document. */
  fromView(p: Position): Position;
}

const same = (p: Position) => p;

/**
 * The document as the schema services see it at `offset` (an offset of `doc`): the content of every
 * object or array value that does not contain the offset is left out (a flow value keeps its
 * brackets, a YAML block value leaves its key with no value), so the keys of every object on the
 * way stay (completion leaves out keys already present) and the services parse a 1 MB definition's
 * few kilobytes around the cursor instead of ~30 ms of text on each keystroke. Positions map both
 * ways. Small documents and documents without a tree are passed as they are.
 */
export function schemaView(doc: TextDocument, parsed: ParsedDocument | undefined, offset: number): SchemaView {
  const identity = { doc, toView: same, fromView: same };
  const text = doc.getText();
  if (text.length < SCHEMA_VIEW_MIN_CHARS || !parsed?.root) return identity;
  const cuts = viewCuts(parsed.root, parsed.text, text, offset);
  if (cuts.length === 0) return identity;
  // Completion and hover asked at one place of one version (VS Code asks both while typing) share a view.
  const key = `${doc.uri}|${doc.version}|${text.length}|${cuts.join(';')}`;
  if (lastView?.key === key) return lastView.view;
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of cuts) {
    parts.push(text.slice(at, start));
    at = end;
  }
  parts.push(text.slice(at));
  // A version of its own: yaml-language-server caches one parse per URI and version. Never -1: its
  // cache starts each URI with an empty document under version -1 (the first view completed nothing).
  const viewDoc = TextDocument.create(doc.uri, doc.languageId, -(++viewVersion) - 1, parts.join(''));
  const toViewOffset = (o: number) => {
    let removed = 0;
    for (const [start, end] of cuts) {
      if (o < start) break;
      if (o < end) return start - removed;
      removed += end - start;
    }
    return o - removed;
  };
  const fromViewOffset = (v: number) => {
    let o = v;
    for (const [start, end] of cuts) {
      // The cut's place in the view is its start less what was cut before it.
      if (start < o) o += end - start;
      else break;
    }
    return o;
  };
  const view: SchemaView = {
    doc: viewDoc,
    toView: (p) => viewDoc.positionAt(toViewOffset(doc.offsetAt(p))),
    fromView: (p) => doc.positionAt(fromViewOffset(viewDoc.offsetAt(p))),
  };
  lastView = { key, uri: doc.uri, view };
  return view;
}

let lastView: { key: string; uri: string; view: SchemaView } | undefined;

/**
 * The subtrees left out of the view: the object and array values not holding `offset`, placed in
 * `text` through the tree of `old`. A function of its own: the view's closures must not hold `old`
 * (a second whole text, kept while the view was: issue 19, target 6).
 */
function viewCuts(root: TreeNode, old: string, text: string, offset: number): [number, number][] {
  // The tree may be a version behind (validation waits for a pause in typing): map it through the
  // one changed region between its text and this one (common prefix and suffix).
  const { start: prefix, suffix } = old === text ? { start: text.length, suffix: 0 } : editedSpan(old, text);
  const changedEnd = old.length - suffix;
  const delta = text.length - old.length;
  const oldOffset = offset < prefix ? offset : offset >= text.length - suffix ? offset - delta : prefix;
  const cuts: [number, number][] = [];
  const visit = (node: TreeNode) => {
    for (const child of node.children ?? []) {
      const value = child.type === 'property' ? child.children?.[1] : child;
      if (!value || (value.type !== 'object' && value.type !== 'array')) continue;
      // A cursor on the blank or indented lines right after a value may be inside it (YAML: by indentation).
      let reach = child.offset + child.length;
      while (reach < oldOffset && (old[reach] === ' ' || old[reach] === '\t' || old[reach] === '\r' || old[reach] === '\n')) reach++;
      if (oldOffset >= child.offset && oldOffset <= reach) visit(value);
      else {
        const flow = old[value.offset] === '{' || old[value.offset] === '[';
        let start = flow ? value.offset + 1 : value.offset;
        let end = flow ? value.offset + value.length - 1 : value.offset + value.length;
        if (!flow) [start, end] = blockCut(old, start, end);
        if (end - start <= 16 || (start < changedEnd && end > prefix)) continue; // small, or touched by the edit
        if (start >= changedEnd) {
          start += delta;
          end += delta;
        }
        cuts.push([start, end]);
      }
    }
  };
  visit(root);
  return cuts;
}


/** A closed document's view goes with it (the view's closures hold its text and parsed tree). */
export function forgetSchemaView(uri: string): void {
  if (lastView?.uri === uri) lastView = undefined;
}

/**
 * What to cut of a YAML block value so its key is left with none: from the line break before its
 * first line when only indentation precedes it (that indentation would nest the next key), to its
 * last character that is not a line break or a space (the line break after it stays, so the next
 * line keeps its place; after "- " an empty item remains).
 */
function blockCut(text: string, start: number, end: number): [number, number] {
  let e = end;
  while (e > start && /[\s]/.test(text[e - 1])) e--;
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  if (s > 0 && text[s - 1] === '\n') {
    s--;
    if (s > 0 && text[s - 1] === '\r') s--;
  } else s = start;
  return [s, e];
}

/** A range of the view in the editor's document. */
export function rangeFromView(view: SchemaView, r: Range): Range {
  return { start: view.fromView(r.start), end: view.fromView(r.end) };
}

/** The schema services' completion items with their edits placed in the editor's document. */
export function itemsFromView(view: SchemaView, items: CompletionItem[]): CompletionItem[] {
  if (view.fromView === same) return items;
  return items.map((item) => {
    const edit = item.textEdit;
    const textEdit = !edit ? undefined : 'range' in edit ? { ...edit, range: rangeFromView(view, edit.range) } : { ...edit, insert: rangeFromView(view, edit.insert), replace: rangeFromView(view, edit.replace) };
    const additionalTextEdits = item.additionalTextEdits?.map((e) => ({ ...e, range: rangeFromView(view, e.range) }));
    return { ...item, ...(textEdit ? { textEdit } : {}), ...(additionalTextEdits ? { additionalTextEdits } : {}) };
  });
}

/** The schema services' hover with its range placed in the editor's document. */
export function hoverFromView(view: SchemaView, hover: Hover | null): Hover | null {
  return hover?.range && view.fromView !== same ? { ...hover, range: rangeFromView(view, hover.range) } : hover;
}
