// The schema-driven layer of the editing features (issue 20): completion, hover, formatting,
// folding and selection ranges from yaml-language-server (YAML) and vscode-json-languageservice
// (JSON) with the editor schemas, merged with the connector features of handlers/features.ts
// (ours first; a schema item whose label we already offer is dropped). The services live in the
// lazily loaded bundle dist/server/schemaLanguage.js (server/src/schemaLanguage/lazy.ts).
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover } from 'vscode-languageserver/node';
import {
  buildDefinitionSchema,
  buildPropertiesSchema,
  DEFINITION_SCHEMA_URI,
  PROPERTIES_SCHEMA_URI,
} from '../../../engine/src/languageService/schema/editorSchemas';
import type { SchemaLanguage } from '../schemaLanguage/lazy';

let loading: Promise<SchemaLanguage> | undefined;

/** The schema language services, created on the first call (loads dist/server/schemaLanguage.js). */
export function schemaLanguage(): Promise<SchemaLanguage> {
  return (loading ??= import('../schemaLanguage/lazy').then((m) =>
    m.createSchemaLanguage({
      definition: { uri: DEFINITION_SCHEMA_URI, schema: buildDefinitionSchema() },
      properties: { uri: PROPERTIES_SCHEMA_URI, schema: buildPropertiesSchema() },
    }),
  ));
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
