// Validation of the same sources twice, as batch runs it (trees deferred: findings placed from the
// text) and with every tree built at once, for tests that check the two give the same output.
import { parseDocument, type ParsedDocument } from '../../../engine/src/languageService/parseDocument';
import { validateConnector, type ConnectorSources, type FileDiagnostics, type ParseFn } from '../../../engine/src/languageService/validateConnector';

export function validateBothWays(sources: ConnectorSources): { lazy: FileDiagnostics[]; eager: FileDiagnostics[]; docs: ParsedDocument[] } {
  const docs: ParsedDocument[] = [];
  const lazyParse: ParseFn = (f) => {
    const d = parseDocument(f.uri, f.text, { languageId: f.languageId, version: f.version });
    docs.push(d);
    return d;
  };
  const eagerParse: ParseFn = (f) => parseDocument(f.uri, f.text, { languageId: f.languageId, version: f.version, eagerTree: true });
  return { lazy: validateConnector(sources, {}, lazyParse), eager: validateConnector(sources, {}, eagerParse), docs };
}
