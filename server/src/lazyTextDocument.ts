// The TextDocuments configuration of the language server: open documents that build their text
// when it is read, not at each keystroke (engine/src/languageService/lazyTextDocument.ts; issue 19,
// target 6).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import { LazyTextDocument } from '../../engine/src/languageService/lazyTextDocument';

export { LazyTextDocument };

export const LazyTextDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => new LazyTextDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    if (document instanceof LazyTextDocument) {
      document.update(changes, version);
      return document;
    }
    return TextDocument.update(document, changes, version);
  },
};
