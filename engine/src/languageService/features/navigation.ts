// Go to definition, find references and rename over the connector's cross-references.
import { collectOccurrences, occurrenceAt, sameSymbol, type Occurrence } from './symbols';
import type { ParsedDocument } from '../parseDocument';

export interface ConnectorDocs {
  definition?: ParsedDocument;
  properties?: ParsedDocument;
}

export interface TextSpan {
  file: 'definition' | 'properties';
  offset: number;
  length: number;
}

function at(docs: ConnectorDocs, file: TextSpan['file'], offset: number): { target: Occurrence; all: Occurrence[] } | undefined {
  const all = collectOccurrences(docs.definition, docs.properties);
  const target = occurrenceAt(all, file, offset);
  return target ? { target, all } : undefined;
}

export function findDefinition(docs: ConnectorDocs, file: TextSpan['file'], offset: number): TextSpan[] {
  const hit = at(docs, file, offset);
  if (!hit) return [];
  return hit.all.filter((o) => o.declaration && sameSymbol(o, hit.target)).map(span);
}

export function findReferences(docs: ConnectorDocs, file: TextSpan['file'], offset: number, includeDeclaration: boolean): TextSpan[] {
  const hit = at(docs, file, offset);
  if (!hit) return [];
  return hit.all.filter((o) => sameSymbol(o, hit.target) && (includeDeclaration || !o.declaration)).map(span);
}

/** Number of uses (not declarations) of each operationId, for CodeLens. */
export function operationReferenceCounts(docs: ConnectorDocs): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of collectOccurrences(docs.definition, docs.properties)) {
    if (o.kind === 'operation' && !o.declaration) counts.set(o.name, (counts.get(o.name) ?? 0) + 1);
  }
  return counts;
}

export interface RenameTarget {
  span: TextSpan;
  placeholder: string;
  kind: Occurrence['kind'];
}

export function prepareRename(docs: ConnectorDocs, file: TextSpan['file'], offset: number): RenameTarget | undefined {
  const hit = at(docs, file, offset);
  if (!hit) return undefined;
  return { span: span(hit.target), placeholder: hit.target.name, kind: hit.target.kind };
}

export type RenameResult = { edits: (TextSpan & { newText: string })[] } | { error: string };

export function rename(docs: ConnectorDocs, file: TextSpan['file'], offset: number, newName: string): RenameResult {
  const hit = at(docs, file, offset);
  if (!hit) return { error: 'Nothing to rename here: place the cursor on an operationId or a definition, parameter or response name.' };
  if (hit.target.kind === 'operation' && !/^[A-Za-z0-9_]+$/.test(newName)) {
    return { error: `"${newName}" is not a valid operationId: use letters, digits and underscores only (operation-id-sanitized).` };
  }
  if (hit.target.kind !== 'operation' && (newName.length === 0 || /[/~#\s"]/.test(newName))) {
    return { error: `"${newName}" cannot be used as a ${hit.target.kind} name: avoid spaces, "/", "~", "#" and quotes.` };
  }
  if (newName !== hit.target.name && hit.all.some((o) => o.kind === hit.target.kind && o.declaration && o.name === newName)) {
    return { error: `A ${hit.target.kind === 'operation' ? 'operation' : hit.target.kind.replace(/s$/, '')} named "${newName}" already exists.` };
  }
  return { edits: hit.all.filter((o) => sameSymbol(o, hit.target)).map((o) => ({ ...span(o), newText: newName })) };
}

function span(o: Occurrence): TextSpan {
  return { file: o.file, offset: o.offset, length: o.length };
}
