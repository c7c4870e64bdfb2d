/** Operation look-up and local $ref resolution in an already parsed Swagger 2.0 document. */
import type { OperationRef, SwaggerDocument, SwaggerOperation, SwaggerParameter } from './types';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

export interface LocatedOperation {
  path: string;
  method: string;
  operation: SwaggerOperation;
  pathItem: Record<string, unknown>;
}

/** Resolves a local JSON pointer such as "#/parameters/top"; returns undefined for remote refs. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const tokens = ref
    .slice(1)
    .split('/')
    .filter((token, index) => index > 0 || token !== '')
    .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = document;
  for (const token of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Follows a chain of $refs (guarding against cycles). */
export function deref<T>(document: unknown, value: T): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof (current as { $ref?: unknown }).$ref === 'string') {
    const ref = (current as { $ref: string }).$ref;
    if (seen.has(ref)) throw new Error(`Circular $ref ${ref}`);
    seen.add(ref);
    const target = resolvePointer(document, ref);
    if (target === undefined) throw new Error(`Cannot resolve $ref ${ref}`);
    current = target;
  }
  return current as T;
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

/** Path-level parameters merged with operation-level ones (the operation wins on name + in). */
export function operationParameters(document: SwaggerDocument, located: LocatedOperation): SwaggerParameter[] {
  const resolved = (list: unknown): SwaggerParameter[] =>
    Array.isArray(list) ? list.map((p) => deref<SwaggerParameter>(document, p as SwaggerParameter)) : [];
  const byKey = new Map<string, SwaggerParameter>();
  for (const p of resolved(located.pathItem.parameters)) byKey.set(`${p.in}:${p.name}`, p);
  for (const p of resolved(located.operation.parameters)) byKey.set(`${p.in}:${p.name}`, p);
  return [...byKey.values()];
}
