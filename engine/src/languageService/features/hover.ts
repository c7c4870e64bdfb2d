// Hover: docs for x-ms keys and policy templates, a preview of a $ref target, and the summary,
// method and path of a referenced operation.
import { findNodeAtOffset } from 'jsonc-parser';
import type { ParsedDocument } from '../parseDocument';
import { buildConnectorIndex, resolveLocalRef } from '../connectorIndex';
import { collectOccurrences, occurrenceAt } from './symbols';
import { EXTENSIONS_BY_KEY } from './xmsCatalog';
import { POLICY_TEMPLATES } from './policyCatalog';

export interface HoverResult {
  markdown: string;
  offset: number;
  length: number;
}

export function hover(file: 'definition' | 'properties', docs: { definition?: ParsedDocument; properties?: ParsedDocument }, offset: number): HoverResult | undefined {
  const doc = file === 'definition' ? docs.definition : docs.properties;
  if (!doc?.root) return undefined;
  const node = findNodeAtOffset(doc.root, offset, true);
  if (!node) return undefined;
  const prop = node.parent?.type === 'property' ? node.parent : undefined;
  const isKey = prop?.children?.[0] === node;
  const keyName = prop?.children?.[0] ? String(prop.children[0].value) : undefined;

  if (isKey && keyName) {
    const ext = EXTENSIONS_BY_KEY.get(keyName);
    if (ext) return { markdown: `**${ext.key}**\n\n${ext.doc}${ext.values ? `\n\nValues: ${ext.values.map((v) => '`' + v + '`').join(', ')}` : ''}`, offset: node.offset, length: node.length };
  }
  if (!isKey && keyName === 'templateId' && file === 'properties') {
    const t = POLICY_TEMPLATES.find((p) => p.id === node.value);
    if (t) return { markdown: `**${t.title}** (\`${t.id}\`)\n\n${t.doc}\n\n${t.parameters.map((p) => `- \`${p.name}\`: ${p.doc}`).join('\n')}`, offset: node.offset, length: node.length };
  }
  if (!isKey && keyName === '$ref' && file === 'definition' && typeof node.value === 'string') {
    const target = resolveLocalRef(docs.definition?.value, node.value);
    const body = target === undefined ? '_Not found in this definition._' : '```json\n' + preview(target) + '\n```';
    return { markdown: `**${node.value}**\n\n${body}`, offset: node.offset, length: node.length };
  }
  const occurrence = occurrenceAt(collectOccurrences(docs.definition, docs.properties), file, offset);
  if (occurrence?.kind === 'operation') {
    const index = buildConnectorIndex(docs.definition?.value, undefined);
    const op = index.operationsById.get(occurrence.name)?.[0];
    const text = op
      ? `**${occurrence.name}**: ${op.method.toUpperCase()} \`${op.path}\`${typeof op.operation.summary === 'string' ? `\n\n${op.operation.summary}` : ''}${typeof op.operation.description === 'string' && op.operation.description !== op.operation.summary ? `\n\n${op.operation.description}` : ''}`
      : `**${occurrence.name}**: _no operation with this operationId_`;
    return { markdown: text, offset: occurrence.offset, length: occurrence.length };
  }
  return undefined;
}

function preview(value: unknown): string {
  const lines = JSON.stringify(value, null, 2).split('\n');
  return lines.length > 40 ? [...lines.slice(0, 40), '  ...'].join('\n') : lines.join('\n');
}
