// The schema-driven language services, loaded on first use: yaml-language-server's
// getLanguageService for YAML definitions and vscode-json-languageservice for JSON files, each
// configured with the editor schemas (engine/src/languageService/schema/editorSchemas.ts). The
// production build bundles this file as dist/server/schemaLanguage.js (yaml-language-server brings
// prettier: ~2 MB), required by the server on the first completion, hover or formatting request
// (esbuild.mjs). Validation is off in both: the rules validate, with their own severities.
import { getLanguageService as getYamlService, type LanguageService as YamlService } from 'yaml-language-server';
import { getLanguageService as getJsonService, type LanguageService as JsonService, type JSONSchema } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, FoldingRange, FormattingOptions, Hover, Position, Range, SelectionRange, TextEdit, DocumentSymbol } from 'vscode-languageserver-types';
import { diffLines } from 'diff';

export type SchemaFile = 'definition' | 'properties';

export interface SchemaLanguage {
  complete(file: SchemaFile, doc: TextDocument, position: Position): Promise<CompletionItem[]>;
  hover(file: SchemaFile, doc: TextDocument, position: Position): Promise<Hover | null>;
  /** Whole document (no range) or the lines of a range; comments and key order are kept. */
  format(file: SchemaFile, doc: TextDocument, range: Range | undefined, options: FormattingOptions): Promise<TextEdit[]>;
  yamlSymbols(file: SchemaFile, doc: TextDocument): DocumentSymbol[];
  foldingRanges(file: SchemaFile, doc: TextDocument): FoldingRange[];
  selectionRanges(file: SchemaFile, doc: TextDocument, positions: Position[]): SelectionRange[];
}

const MARKDOWN_CLIENT = {
  textDocument: {
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};
const noFetch = (uri: string) => Promise.reject(new Error(`Connector Studio does not fetch schemas (${uri})`));

export function createSchemaLanguage(schemas: Record<SchemaFile, { uri: string; schema: object }>): SchemaLanguage {
  // One service per schema: each file kind is matched to its schema without URI globbing.
  const yaml = {} as Record<SchemaFile, YamlService>;
  const json = {} as Record<SchemaFile, JsonService>;
  for (const file of ['definition', 'properties'] as const) {
    const { uri, schema } = schemas[file];
    yaml[file] = getYamlService({ schemaRequestService: noFetch, workspaceContext: { resolveRelativePath: (p) => p }, clientCapabilities: MARKDOWN_CLIENT as never });
    yaml[file].configure({ validate: false, hover: true, completion: true, format: true, hoverSchemaSource: false, schemas: [{ uri, fileMatch: ['*'], schema }] });
    json[file] = getJsonService({ schemaRequestService: noFetch, clientCapabilities: MARKDOWN_CLIENT as never });
    json[file].configure({ validate: false, allowComments: true, schemas: [{ uri, fileMatch: ['*'], schema: schema as JSONSchema }] });
  }
  const isYaml = (doc: TextDocument) => doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri);
  // One parse per document (view) and version for the requests asked together (completion and hover
  // while typing). The editor's documents change in place, hence the version in the key.
  const jsonParses = new WeakMap<TextDocument, { version: number; file: SchemaFile; parsed: ReturnType<JsonService['parseJSONDocument']> }>();
  const parsedJson = (file: SchemaFile, doc: TextDocument) => {
    const hit = jsonParses.get(doc);
    if (hit && hit.version === doc.version && hit.file === file) return hit.parsed;
    const parsed = json[file].parseJSONDocument(doc);
    jsonParses.set(doc, { version: doc.version, file, parsed });
    return parsed;
  };
  return {
    async complete(file, doc, position) {
      if (isYaml(doc)) return (await yaml[file].doComplete(doc, position, false)).items;
      return (await json[file].doComplete(doc, position, parsedJson(file, doc)))?.items ?? [];
    },
    async hover(file, doc, position) {
      if (isYaml(doc)) return yaml[file].doHover(doc, position);
      return json[file].doHover(doc, position, parsedJson(file, doc));
    },
    async format(file, doc, range, options) {
      if (!isYaml(doc)) return json[file].format(doc, range, options);
      const edits = await yaml[file].doFormat(doc, { enable: true, printWidth: 120, proseWrap: 'preserve', singleQuote: false, bracketSpacing: true, tabSize: options.tabSize, insertSpaces: true } as never);
      if (edits.length === 0) return edits;
      // Changed lines only (the cursor, folds and undo stay where nothing changed); a range keeps its hunks.
      return editsWithin(doc, applied(doc, edits), range ?? { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } });
    },
    yamlSymbols(file, doc) {
      return yaml[file].findDocumentSymbols2(doc, { resultLimit: 5000 });
    },
    foldingRanges(file, doc) {
      return isYaml(doc) ? yaml[file].getFoldingRanges(doc, { rangeLimit: 5000 }) ?? [] : json[file].getFoldingRanges(doc, { rangeLimit: 5000 });
    },
    selectionRanges(file, doc, positions) {
      return isYaml(doc) ? yaml[file].getSelectionRanges(doc, positions) : json[file].getSelectionRanges(doc, positions, parsedJson(file, doc));
    },
  };
}

function applied(doc: TextDocument, edits: TextEdit[]): string {
  let text = doc.getText();
  for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) {
    text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  }
  return text;
}

/** The line hunks between the text and its formatted form that lie inside the range's lines. */
export function editsWithin(doc: TextDocument, formatted: string, range: Range): TextEdit[] {
  const out: TextEdit[] = [];
  let line = 0;
  let pending: { start: number; removed: number; added: string } | undefined;
  const flush = () => {
    if (!pending) return;
    const last = pending.start + pending.removed - 1;
    if (pending.start >= range.start.line && last <= range.end.line) {
      out.push({ range: { start: { line: pending.start, character: 0 }, end: { line: pending.start + pending.removed, character: 0 } }, newText: pending.added });
    }
    pending = undefined;
  };
  for (const part of diffLines(doc.getText(), formatted)) {
    const count = part.count ?? 0;
    if (!part.added && !part.removed) {
      flush();
      line += count;
    } else if (part.removed) {
      pending ??= { start: line, removed: 0, added: '' };
      pending.removed += count;
      line += count;
    } else {
      pending ??= { start: line, removed: 0, added: '' };
      pending.added += part.value;
    }
  }
  flush();
  return out;
}
