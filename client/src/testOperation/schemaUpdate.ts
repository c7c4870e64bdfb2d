/**
 * "Update response schema from this response": where the inferred schema goes in the definition
 * text and the minimal text edits that put it there (jsonc-parser keeps the rest of the file,
 * comments and indentation included). Pure (no vscode import): unit-tested in node.
 */
import { applyEdits, modify, type Edit, type JSONPath } from 'jsonc-parser';
import { findOperation } from '../../../shared/src/request/swagger';
import type { OperationRef, SwaggerDocument } from '../../../shared/src/request/types';
import type { SwaggerSchema } from '../../../shared/src/schema/inferSchema';
import { pointerToPath, resolveLocalRef } from '../../../shared/src/swagger/pointer';

export interface SchemaUpdate {
  /** JSON path of the replaced (or added) schema. */
  target: JSONPath;
  /** e.g. "definitions/ListCollection" or "responses 200 of GetItems". */
  label: string;
  edits: Edit[];
  newText: string;
}

function localRef(value: unknown): string | undefined {
  const ref = value && typeof value === 'object' ? (value as { $ref?: unknown }).$ref : undefined;
  return typeof ref === 'string' && ref.startsWith('#/') ? ref : undefined;
}


function indentationOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const match = /\n([ \t]+)"/.exec(text);
  if (!match) return { insertSpaces: true, tabSize: 2 };
  return match[1].startsWith('\t') ? { insertSpaces: false, tabSize: 1 } : { insertSpaces: true, tabSize: match[1].length };
}

function responseKeyFor(responses: Record<string, unknown>, status: number): string | undefined {
  const keys = [String(status), `${Math.floor(status / 100)}XX`, `${Math.floor(status / 100)}xx`];
  return keys.find((k) => responses[k] !== undefined);
}

/**
 * Where the schema for `status` lives: a shared definition when the response points at one
 * (so every operation using it sees the fix), else the response's inline schema (added when the
 * status is not declared yet).
 */
export function schemaTarget(document: SwaggerDocument, operationRef: OperationRef, status: number): { path: JSONPath; label: string; addResponse: boolean } {
  const located = findOperation(document, operationRef);
  if (!located) throw new Error('The operation is no longer in the definition.');
  const opName = located.operation.operationId ?? `${located.method.toUpperCase()} ${located.path}`;
  const responses = (located.operation.responses ?? {}) as Record<string, unknown>;
  const key = responseKeyFor(responses, status);
  if (key === undefined) {
    return { path: ['paths', located.path, located.method, 'responses', String(status)], label: `new response ${status} of ${opName}`, addResponse: true };
  }
  let responsePath: JSONPath = ['paths', located.path, located.method, 'responses', key];
  let response = responses[key];
  const responseRef = localRef(response);
  if (responseRef) {
    responsePath = pointerToPath(responseRef);
    response = resolveLocalRef(document, responseRef);
  }
  const schema = response && typeof response === 'object' ? (response as { schema?: unknown }).schema : undefined;
  const schemaRef = localRef(schema);
  if (schemaRef && schemaRef.startsWith('#/definitions/')) {
    const path = pointerToPath(schemaRef);
    return { path, label: path.join('/'), addResponse: false };
  }
  return { path: [...responsePath, 'schema'], label: `response ${key} of ${opName}`, addResponse: false };
}

export function computeSchemaUpdate(
  text: string,
  document: SwaggerDocument,
  operationRef: OperationRef,
  status: number,
  statusText: string,
  schema: SwaggerSchema,
): SchemaUpdate {
  const target = schemaTarget(document, operationRef, status);
  const formattingOptions = { ...indentationOf(text), eol: text.includes('\r\n') ? '\r\n' : '\n' };
  // A status that is not declared yet gets a whole response object.
  const value = target.addResponse ? { description: statusText || `Status ${status}`, schema } : schema;
  const edits = modify(text, target.path, value, { formattingOptions });
  return { target: target.addResponse ? [...target.path, 'schema'] : target.path, label: target.label, edits, newText: applyEdits(text, edits) };
}
