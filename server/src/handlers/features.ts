// LSP handlers for editing features. Each maps the request onto the pure functions in
// languageService/features and their offsets back onto ranges.
import {
  CodeActionKind,
  CompletionItemKind,
  type CodeAction,
  InsertTextFormat,
  MarkupKind,
  ResponseError,
  SymbolKind,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type Location,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from '../../../engine/src/languageService/parseDocument';
import { completeDefinition, completeProperties, type Completion } from '../../../engine/src/languageService/features/completion';
import { hover } from '../../../engine/src/languageService/features/hover';
import { findDefinition, findReferences, operationReferenceCounts, prepareRename, rename, type TextSpan } from '../../../engine/src/languageService/features/navigation';
import { documentSymbols, foldingRanges, operationsOf, outlineWithKeyTree, type OutlineSymbol } from '../../../engine/src/languageService/features/outline';
import type { ConnectorView, DiagnosticsPublisher } from './diagnostics';
import type { BreakingChanges } from './breakingChanges';
import { extractSchemaAction, quickFixes, type CodeActionResult } from '../../../engine/src/languageService/features/codeActions';
import { findNodeAtOffset, getNodePath } from 'jsonc-parser';
import { isPropertiesName } from '../../../engine/src/languageService/connectorFolder';
import { uriToPath as toPath } from '../../../engine/src/languageService/fileUris';
import { editorServesSchemaOf, hoverFromView, isSchemaKey, itemsFromView, mergeCompletions, mergeHover, schemaLanguage, schemaView, yamlServiceMayParse } from './schemaFeatures';

type FileKind = 'definition' | 'properties';

export function registerFeatureHandlers(connection: Connection, documents: TextDocuments<TextDocument>, publisher: DiagnosticsPublisher, breaking?: BreakingChanges): void {
  const context = (uri: string): { view: ConnectorView; file: FileKind; doc: ParsedDocument } | undefined => {
    const view = publisher.connectorFor(uri);
    if (!view) return undefined;
    if (view.properties?.uri === uri) return { view, file: 'properties', doc: view.properties.parsed };
    if (view.definition?.uri === uri && !isPropertiesName(toPath(uri) ?? '')) return { view, file: 'definition', doc: view.definition.parsed };
    return undefined;
  };
  const docs = (view: ConnectorView) => ({ definition: view.definition?.parsed, properties: view.properties?.parsed });
  const offsetOf = (doc: ParsedDocument, position: { line: number; character: number }) => doc.lines.offsetAt(position);
  const toLocation = (view: ConnectorView, span: TextSpan): Location | undefined => {
    const target = span.file === 'definition' ? view.definition : view.properties;
    if (!target) return undefined;
    const lines = target.parsed.lines;
    return { uri: target.uri, range: { start: lines.positionAt(span.offset), end: lines.positionAt(span.offset + span.length) } };
  };
  const isConnectorDoc = (uri: string) => {
    const doc = documents.get(uri);
    return doc !== undefined && context(uri) !== undefined;
  };

  connection.onCompletion(async (params) => {
    const c = context(params.textDocument.uri);
    if (!c) return [];
    const offset = offsetOf(c.doc, params.position);
    // Completion needs the text as typed, even when it does not parse yet.
    const items = c.file === 'definition' ? completeDefinition(c.doc, offset, c.view.properties?.parsed) : completeProperties(c.doc, offset, c.view.definition?.parsed);
    const ours = items.map((i) => toCompletionItem(c.doc, i));
    // Every other key and value valid at the cursor comes from the editor schema (schemaFeatures.ts).
    const open = documents.get(params.textDocument.uri);
    if (open && editorServesSchemaOf(open)) return ours.filter((i) => !(i.kind === CompletionItemKind.Property && isSchemaKey(i.label)));
    // Values we complete (operationIds, $ref targets...) are the precise list: no schema lookup.
    if (ours.some((i) => i.kind !== CompletionItemKind.Property)) return ours;
    let schemaItems: CompletionItem[] = [];
    if (open) {
      const view = schemaView(open, c.doc, open.offsetAt(params.position));
      schemaItems = itemsFromView(view, await (await schemaLanguage()).complete(c.file, view.doc, view.toView(params.position)));
    }
    return mergeCompletions(ours, schemaItems);
  });

  connection.onHover(async (params) => {
    const c = context(params.textDocument.uri);
    if (!c) return null;
    const h = hover(c.file, docs(c.view), offsetOf(c.doc, params.position));
    const ours = h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: c.doc.lines.positionAt(h.offset), end: c.doc.lines.positionAt(h.offset + h.length) } } : null;
    const open = documents.get(params.textDocument.uri);
    if (open && editorServesSchemaOf(open)) return h && isSchemaKey(c.doc.text.slice(h.offset, h.offset + h.length)) ? null : ours;
    if (ours || !open) return ours;
    const view = schemaView(open, c.doc, open.offsetAt(params.position));
    return mergeHover(ours, hoverFromView(view, await (await schemaLanguage()).hover(c.file, view.doc, view.toView(params.position))));
  });

  connection.onDocumentFormatting(async (params) => {
    const c = context(params.textDocument.uri);
    const open = documents.get(params.textDocument.uri);
    return c && open ? (await schemaLanguage()).format(c.file, open, undefined, params.options) : [];
  });

  connection.onDocumentRangeFormatting(async (params) => {
    const c = context(params.textDocument.uri);
    const open = documents.get(params.textDocument.uri);
    return c && open ? (await schemaLanguage()).format(c.file, open, params.range, params.options) : [];
  });

  connection.onSelectionRanges(async (params) => {
    const c = context(params.textDocument.uri);
    const open = documents.get(params.textDocument.uri);
    if (!c || !open) return [];
    // The same budget as folding for YAML (yaml-language-server parses the whole document).
    if (c.doc.language === 'yaml' && !yamlServiceMayParse(c.doc, open)) return [];
    return (await schemaLanguage()).selectionRanges(c.file, open, params.positions);
  });

  connection.onDefinition((params) => {
    const c = context(params.textDocument.uri);
    if (!c) return [];
    return findDefinition(docs(c.view), c.file, offsetOf(c.doc, params.position)).map((s) => toLocation(c.view, s)).filter((l): l is Location => !!l);
  });

  connection.onReferences((params) => {
    const c = context(params.textDocument.uri);
    if (!c) return [];
    return findReferences(docs(c.view), c.file, offsetOf(c.doc, params.position), params.context.includeDeclaration)
      .map((s) => toLocation(c.view, s))
      .filter((l): l is Location => !!l);
  });

  connection.onPrepareRename((params) => {
    const c = context(params.textDocument.uri);
    if (!c) return null;
    const t = prepareRename(docs(c.view), c.file, offsetOf(c.doc, params.position));
    if (!t) return null;
    const loc = toLocation(c.view, t.span);
    return loc ? { range: loc.range, placeholder: t.placeholder } : null;
  });

  connection.onRenameRequest((params) => {
    const c = context(params.textDocument.uri);
    if (!c) return null;
    const result = rename(docs(c.view), c.file, offsetOf(c.doc, params.position), params.newName);
    if ('error' in result) throw new ResponseError(-32803, result.error);
    const changes: Record<string, TextEdit[]> = {};
    for (const e of result.edits) {
      const loc = toLocation(c.view, e);
      if (!loc) continue;
      (changes[loc.uri] ??= []).push({ range: loc.range, newText: e.newText });
    }
    const edit: WorkspaceEdit = { changes };
    return edit;
  });

  connection.onDocumentSymbol(async (params) => {
    const c = context(params.textDocument.uri);
    if (!c || c.file !== 'definition') return [];
    const toSymbol = (s: OutlineSymbol) => toDocumentSymbol(c.doc, s);
    // YAML: our connector view plus yaml-language-server's key tree, as VS Code's JSON extension
    // adds the key tree beside our outline in JSON (and Red Hat's YAML extension in YAML, when the
    // editor serves the schema). Files we did not parse (over a budget, hostile) or over the
    // platform's 1 MB limit (yaml-language-server takes ~1 s per MB, blocking) keep our outline.
    const open = documents.get(params.textDocument.uri);
    if (open && yamlServiceMayParse(c.doc, open) && !editorServesSchemaOf(open)) {
      try {
        const keyTree = (await schemaLanguage()).yamlSymbols(c.file, open);
        if (keyTree.length) return outlineWithKeyTree(c.doc, keyTree, toSymbol, SymbolKind.Method);
      } catch (e) {
        connection.console.warn(`Connector Studio: YAML key tree unavailable (${e instanceof Error ? e.message : String(e)}); showing the connector outline.`);
      }
    }
    return documentSymbols(c.doc).map(toSymbol);
  });

  connection.onWorkspaceSymbol((params) => {
    const query = params.query.toLowerCase();
    const out: WorkspaceSymbol[] = [];
    for (const d of documents.all()) {
      const c = context(d.uri);
      if (!c || c.file !== 'definition') continue;
      for (const op of operationsOf(c.doc)) {
        const name = op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
        if (query && !name.toLowerCase().includes(query) && !(op.summary ?? '').toLowerCase().includes(query)) continue;
        out.push({ name, kind: SymbolKind.Method, containerName: `${op.method.toUpperCase()} ${op.path}`, location: { uri: d.uri, range: { start: c.doc.lines.positionAt(op.keyOffset), end: c.doc.lines.positionAt(op.keyOffset + op.keyLength) } } });
      }
    }
    return out;
  });

  connection.onFoldingRanges(async (params) => {
    const c = context(params.textDocument.uri);
    if (!c) return [];
    // YAML: yaml-language-server's ranges (comments and block scalars included); JSON, and YAML we
    // did not parse (a budget, hostile) or over 1 MB (its parse blocks ~1 s per MB, on every version): ours.
    const open = documents.get(params.textDocument.uri);
    if (open && yamlServiceMayParse(c.doc, open)) return (await schemaLanguage()).foldingRanges(c.file, open);
    return foldingRanges(c.doc);
  });

  connection.onCodeLens((params) => {
    const c = context(params.textDocument.uri);
    if (!c || c.file !== 'definition') return [];
    const counts = operationReferenceCounts(docs(c.view));
    const lenses: CodeLens[] = [];
    // Operations changed since the published version (handlers/breakingChanges.ts): "changed since <base>".
    const since = breaking?.changedSince(toPath(params.textDocument.uri) ?? '');
    const changed = new Map((since?.operations ?? []).map((o) => [o.operationId, o.status]));
    for (const op of operationsOf(c.doc)) {
      const range = { start: c.doc.lines.positionAt(op.keyOffset), end: c.doc.lines.positionAt(op.keyOffset + op.keyLength) };
      const refs = op.operationId ? counts.get(op.operationId) ?? 0 : 0;
      const title = [op.operationId ?? '(no operationId)', op.isTrigger ? 'trigger' : undefined, op.visibility ?? undefined, `${refs} reference${refs === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
      lenses.push({
        range,
        command: op.operationId
          ? { title, command: 'connectorStudio.showReferences', arguments: [params.textDocument.uri, range.start] }
          : { title, command: '' },
      });
      // Opens the Test Operation panel (client/src/testOperation) for this operation.
      if (op.operationId) lenses.push({ range, command: { title: '▶ Test', command: 'connectorStudio.testOperation', arguments: [params.textDocument.uri, op.operationId] } });
      const status = op.operationId ? changed.get(op.operationId) : undefined;
      if (status && since) lenses.push({ range, command: { title: `${status === 'added' ? 'new' : 'changed'} since ${since.label}`, command: 'connectorStudio.compareWithPublished', arguments: [params.textDocument.uri] } });
    }
    return lenses;
  });
  void isConnectorDoc;

  connection.onCodeAction((params) => {
    const c = context(params.textDocument.uri);
    if (!c) return [];
    const actionCtx = { file: c.file, ...docs(c.view) };
    const toAction = (a: CodeActionResult, diagnostic?: (typeof params.context.diagnostics)[number]): CodeAction => {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of a.edits) {
        const target = e.file === 'definition' ? c.view.definition : c.view.properties;
        if (!target) continue;
        const lines = target.parsed.lines;
        (changes[target.uri] ??= []).push({ range: { start: lines.positionAt(e.offset), end: lines.positionAt(e.offset + e.length) }, newText: e.newText });
      }
      return { title: a.title, kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorExtract, diagnostics: diagnostic ? [diagnostic] : undefined, isPreferred: a.isPreferred, edit: { changes } };
    };
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      if (d.source !== 'connector-studio') continue;
      const pointer = (d.data as { pointer?: string } | undefined)?.pointer;
      for (const a of quickFixes(actionCtx, { ruleId: String(d.code), pointer, message: typeof d.message === 'string' ? d.message : d.message.value })) actions.push(toAction(a, d));
    }
    if (c.doc.root) {
      const node = findNodeAtOffset(c.doc.root, offsetOf(c.doc, params.range.start), true);
      const extract = node ? extractSchemaAction(actionCtx, getNodePath(node)) : undefined;
      if (extract) actions.push(toAction(extract));
    }
    return actions;
  });
}

function toCompletionItem(doc: ParsedDocument, c: Completion): CompletionItem {
  const range = { start: doc.lines.positionAt(c.replace.offset), end: doc.lines.positionAt(c.replace.offset + c.replace.length) };
  return {
    label: c.label,
    kind: c.kind === 'property' ? CompletionItemKind.Property : c.kind === 'reference' ? CompletionItemKind.Reference : CompletionItemKind.Value,
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    textEdit: { range, newText: c.insertText },
    insertTextFormat: c.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    filterText: filterTextOf(doc, c),
    sortText: c.sortText,
  };
}

/** VS Code filters on the replaced text, quotes included: a quoted range needs a quoted filter text. */
function filterTextOf(doc: ParsedDocument, c: Completion): string {
  if (doc.language === 'json') return JSON.stringify(c.label);
  const first = doc.text[c.replace.offset];
  return c.replace.length > 0 && (first === '"' || first === "'") ? `${first}${c.label}${first}` : c.label;
}

function toDocumentSymbol(doc: ParsedDocument, s: OutlineSymbol): DocumentSymbol {
  const kind = s.kind === 'tag' ? SymbolKind.Namespace : s.kind === 'operation' ? SymbolKind.Method : s.kind === 'section' ? SymbolKind.Module : SymbolKind.Class;
  return {
    name: s.name,
    detail: s.detail,
    kind,
    range: { start: doc.lines.positionAt(s.offset), end: doc.lines.positionAt(s.offset + s.length) },
    selectionRange: { start: doc.lines.positionAt(s.selectionOffset), end: doc.lines.positionAt(s.selectionOffset + s.selectionLength) },
    children: s.children.map((c) => toDocumentSymbol(doc, c)),
  };
}
