/** Operation look-up and local $ref resolution in an already parsed Swagger 2.0 document. */
import type { OperationRef, SwaggerDocument, SwaggerOperation, SwaggerParameter } from './types';
import { followRefs, MAX_REF_HOPS, resolveLocalRef } from '../swagger/pointer';
import { operationParameters as mergedParameters } from '../swagger/operationModel';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

export interface LocatedOperation {
  path: string;
  method: string;
  operation: SwaggerOperation;
  pathItem: Record<string, unknown>;
}

/** Resolves a local JSON pointer such as "#/parameters/top"; undefined for remote or missing refs. */
export const resolvePointer = resolveLocalRef;

/** Follows a chain of $refs through the one resolver (bounded: cycles and dangling refs throw). */
export function deref<T>(document: unknown, value: T): T {
  const r = followRefs(document, value, '');
  if (r === undefined) {
    const ref = (value as { $ref?: unknown }).$ref;
    throw new Error(`Cannot resolve $ref ${String(ref)} (missing, remote, cyclic or over ${MAX_REF_HOPS} hops)`);
  }
  return r.value as T;
}

export function findOperation(document: SwaggerDocument, ref: OperationRef): LocatedOperation | undefined {
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    if (!pathItem || typeof pathItem !== 'object') continue;
    for (const method of METHODS) {
      const operation = pathItem[method] as SwaggerOperation | undefined;
      if (!operation || typeof operation !== 'object') continue;
      const match =
        typeof ref === 'string'
          ? operation.operationId === ref
          : ref.path === path && ref.method.toLowerCase() === method;
      if (match) return { path, method, operation, pathItem };
    }
  }
  return undefined;
}

/** Path-level parameters merged with operation-level ones by the one model (the operation wins on name + in). */
export function operationParameters(document: SwaggerDocument, located: LocatedOperation): SwaggerParameter[] {
  return mergedParameters(document, located.path, located.method, located.pathItem, located.operation).map((p) => {
    if (!p.resolved) throw new Error(`Cannot resolve $ref ${String(p.ref)} (missing, remote, cyclic or over ${MAX_REF_HOPS} hops)`);
    return p.param as unknown as SwaggerParameter;
  });
}
