// An index of the connector built once per validation: operations, $refs and cross-references.
// Rules and editor features read it instead of re-walking the document.
import { pathToPointer } from './tree';
import { stepPath, type ValueStep } from './valueSteps';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type JsonObject = Record<string, unknown>;

export interface OperationEntry {
  path: string;
  method: HttpMethod;
  /** Pointer of the operation object, e.g. /paths/~1items/get */
  pointer: string;
  operation: JsonObject;
  pathItem: JsonObject;
  operationId?: string;
}

export interface RefEntry {
  /** Pointer of the object holding "$ref". */
  pointer: string;
  ref: string;
}

export interface ConnectorIndex {
  definitionValue?: JsonObject;
  propertiesValue?: JsonObject;
  operations: OperationEntry[];
  operationsById: Map<string, OperationEntry[]>;
  refs: RefEntry[];
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function buildConnectorIndex(definitionValue: unknown, propertiesValue: unknown): ConnectorIndex {
  const def = isObject(definitionValue) ? definitionValue : undefined;
  const index: ConnectorIndex = {
    definitionValue: def,
    propertiesValue: isObject(propertiesValue) ? propertiesValue : undefined,
    operations: [],
    operationsById: new Map(),
    refs: [],
  };
  if (!def) return index;
  const paths = def.paths;
  if (isObject(paths)) {
    for (const [p, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!isObject(op)) continue;
        const operationId = typeof op.operationId === 'string' ? op.operationId : undefined;
        const entry: OperationEntry = { path: p, method, pointer: pathToPointer(['paths', p, method]), operation: op, pathItem: item, operationId };
        index.operations.push(entry);
        if (operationId !== undefined) {
          const list = index.operationsById.get(operationId) ?? [];
          list.push(entry);
          index.operationsById.set(operationId, list);
        }
      }
    }
  }
  collectRefs(def, [], index.refs);
  return index;
}

function collectRefs(value: unknown, path: (string | number)[], out: RefEntry[]): void {
  // Iterative, with a path built only for the objects holding a "$ref" (valueSteps.ts).
  const stack: ValueStep[] = [{ v: value }];
  while (stack.length) {
    const step = stack.pop()!;
    const v = step.v;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'object' && v[i] !== null) stack.push({ v: v[i], key: i, parent: step });
    } else if (isObject(v)) {
      if (typeof v.$ref === 'string') out.push({ pointer: pathToPointer(stepPath(step, path)), ref: v.$ref });
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const c = v[keys[i]];
        if (typeof c === 'object' && c !== null) stack.push({ v: c, key: keys[i], parent: step });
      }
    }
  }
}

/** The value at a path of plain JSON (undefined when any step is missing). */
export function valueAtPath(root: unknown, path: readonly (string | number)[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[String(seg)];
    else return undefined;
  }
  return cur;
}

/** Resolves a local "#/..." reference against the definition (the one resolver, shared/src/swagger/pointer.ts). */
export { resolveLocalRef } from '../../../shared/src/swagger/pointer';
