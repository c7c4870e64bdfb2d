/**
 * Which request the Test action sends: the connector's testConnection operation
 * (x-ms-capabilities.testConnection), else the first GET that needs no parameter value.
 * Pure, unit-tested in node.
 */
import { deref, operationParameters } from '../../../shared/src/request/swagger';
import type { OperationRef, SwaggerDocument, SwaggerOperation, SwaggerParameter } from '../../../shared/src/request/types';

export interface TestTarget {
  ref: OperationRef;
  values: Record<string, unknown>;
  /** "TestConnection (x-ms-capabilities.testConnection)" or "GET /me" */
  label: string;
  source: 'testConnection' | 'firstGet';
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** A parameter the request cannot be built without. */
function needsValue(p: SwaggerParameter): boolean {
  return p.required === true && p.default === undefined;
}

/**
 * testConnection parameters are `{ name: { value } }` or `{ name: { parameter: <connection parameter> } }`;
 * connection parameter values come from the connection (non-secret lookups only, done by the caller).
 */
function testConnectionValues(raw: unknown, connectionValues: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(obj(raw) ?? {})) {
    const o = obj(spec);
    if (o && 'value' in o) values[name] = o.value;
    else if (o && typeof o.parameter === 'string' && connectionValues[o.parameter] !== undefined) values[name] = connectionValues[o.parameter];
    else if (!o && spec !== undefined) values[name] = spec;
  }
  return values;
}

export function findTestTarget(definition: unknown, connectionValues: Record<string, string> = {}): TestTarget | undefined {
  const doc = obj(definition) as SwaggerDocument | undefined;
  if (!doc) return undefined;
  const testConnection = obj(obj(doc['x-ms-capabilities'])?.testConnection);
  const operationId = typeof testConnection?.operationId === 'string' ? testConnection.operationId : undefined;
  if (operationId) {
    return {
      ref: operationId,
      values: testConnectionValues(testConnection?.parameters, connectionValues),
      label: `${operationId} (x-ms-capabilities.testConnection)`,
      source: 'testConnection',
    };
  }
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const pathItem = obj(rawItem);
    const operation = obj(pathItem?.get) as SwaggerOperation | undefined;
    if (!pathItem || !operation) continue;
    let params: SwaggerParameter[];
    try {
      params = operationParameters(doc, { path, method: 'get', operation, pathItem });
    } catch {
      continue; // broken $ref: not a candidate
    }
    if (params.some((p) => needsValue(deref(doc, p)))) continue;
    const ref: OperationRef = { path, method: 'get' };
    return { ref, values: {}, label: `GET ${path}${operation.operationId ? ` (${operation.operationId})` : ''}`, source: 'firstGet' };
  }
  return undefined;
}
