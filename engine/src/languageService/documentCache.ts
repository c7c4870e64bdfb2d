// Parses each document version once; editor features and validation share the result. A JSON
// edit re-parses only the innermost object or array around it (incrementalParse.ts). The tree is
// built at once: the editor's incremental parse, rules and features all walk it.
import { languageOf, parseDocument, type ParsedDocument } from './parseDocument';
import { reparseJson } from './incrementalParse';
import type { SourceFile } from './validateConnector';

export class DocumentCache {
  private readonly entries = new Map<string, ParsedDocument>();

  get(file: SourceFile): ParsedDocument {
    const cached = this.entries.get(file.uri);
    if (cached && cached.text === file.text && cached.version === (file.version ?? 0)) return cached;
    // An edit of the version before: only the innermost object or array around it is parsed again.
    const parsed = (cached && cached.language === languageOf(file.uri, file.languageId) && reparseJson(cached, file.text, file.version ?? 0)) || parseDocument(file.uri, file.text, { languageId: file.languageId, version: file.version, eagerTree: true });
    this.entries.set(file.uri, parsed);
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Drops every document `keep` says no to (the language server: files no longer open). */
  retainOnly(keep: (uri: string) => boolean): void {
    for (const uri of [...this.entries.keys()]) if (!keep(uri)) this.entries.delete(uri);
  }

  /** How many parsed documents are held. */
  get size(): number {
    return this.entries.size;
  }
}
