// Parses each document version once; editor features and validation share the result. A JSON
// edit re-parses only the innermost object or array around it (incrementalParse.ts). The positioned
// tree of strict JSON is a cache too: built on the first read of `root` (an edit, an editor
// feature), and let go again when the document has not been asked for a while (releaseIdleTrees),
// because the trees of the files open in the editor are most of the server's memory (issue 19,
// target 6). Validating a file just opened builds none: findings are placed from the text.
import { languageOf, parseDocument, releaseTree, treeBuilt, type ParsedDocument } from './parseDocument';
import { reparseJson } from './incrementalParse';
import type { SourceFile } from './validateConnector';

export class DocumentCache {
  private readonly entries = new Map<string, ParsedDocument>();
  /** When each document was last asked for (ms, the clock given to get). */
  private readonly lastUse = new Map<string, number>();

  get(file: SourceFile, now = Date.now()): ParsedDocument {
    this.lastUse.set(file.uri, now);
    const cached = this.entries.get(file.uri);
    if (cached && cached.text === file.text && cached.version === (file.version ?? 0)) return cached;
    // An edit of the version before: only the innermost object or array around it is parsed again.
    const language = languageOf(file.uri, file.languageId);
    // YAML is re-parsed in full at each version, and its rules' snapshot reads the tree: built at once.
    const parsed = (cached && cached.language === language && reparseJson(cached, file.text, file.version ?? 0)) || parseDocument(file.uri, file.text, { languageId: file.languageId, version: file.version, eagerTree: language === 'yaml' });
    this.entries.set(file.uri, parsed);
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.lastUse.delete(uri);
  }

  /** Drops every document `keep` says no to (the language server: files no longer open). */
  retainOnly(keep: (uri: string) => boolean): void {
    for (const uri of [...this.entries.keys()]) if (!keep(uri)) this.delete(uri);
  }

  /**
   * Lets go the trees of the documents not asked for in the last `idleMs` (the next read of a
   * tree builds it again from the text); how many were let go.
   */
  releaseIdleTrees(idleMs: number, now = Date.now()): number {
    let released = 0;
    for (const [uri, doc] of this.entries) {
      if (now - (this.lastUse.get(uri) ?? 0) < idleMs || !treeBuilt(doc)) continue;
      if (releaseTree(doc)) released++;
    }
    return released;
  }

  /** How many of them hold their positioned tree now. */
  get trees(): number {
    let n = 0;
    for (const doc of this.entries.values()) if (treeBuilt(doc) && doc.root) n++;
    return n;
  }

  /** How many parsed documents are held. */
  get size(): number {
    return this.entries.size;
  }
}
