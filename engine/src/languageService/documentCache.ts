// Parses each document version once; editor features and validation share the result.
import { parseDocument, type ParsedDocument } from './parseDocument';
import type { SourceFile } from './validateConnector';

export class DocumentCache {
  private readonly entries = new Map<string, ParsedDocument>();

  get(file: SourceFile): ParsedDocument {
    const cached = this.entries.get(file.uri);
    if (cached && cached.text === file.text && cached.version === (file.version ?? 0)) return cached;
    const parsed = parseDocument(file.uri, file.text, { languageId: file.languageId, version: file.version });
    this.entries.set(file.uri, parsed);
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
