// THE operation parameter model of the project (Swagger 2.0): the parameters that apply to an
// operation are the path item's, overridden by the operation's with the same `name` + `in`
// (case-sensitive, as OpenAPI 2.0 says), each `$ref` resolved through the one resolver with its
// hop limit. The server's rules, the request builder and the Test Operation panel use it.
import { followRefs, pathToPointer, type PathSegment } from './pointer';

export type ParameterLevel = 'path' | 'operation';

export interface OperationParameter {
  /** The resolved parameter object; the written entry when its `$ref` does not resolve. */
  param: Record<string, unknown>;
  /** Pointer of the list entry as written in the path item or operation (where a fix goes). */
  pointer: string;
  /** Pointer of the resolved definition (equals `pointer` when not a reference or unresolved). */
  targetPointer: string;
  level: ParameterLevel;
  /** The `$ref` text when the entry is a reference. */
  ref?: string;
  /** False when the entry's `$ref` dangles, is remote, cyclic or longer than MAX_REF_HOPS. */
  resolved: boolean;
  name?: string;
  in?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object entries of one `parameters` list (at `base` + "parameters"), refs resolved. */
export function parameterList(root: unknown, list: unknown, base: readonly PathSegment[], level: ParameterLevel): OperationParameter[] {
  if (!Array.isArray(list)) return [];
  const out: OperationParameter[] = [];
  list.forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const pointer = pathToPointer([...base, 'parameters', i]);
    const ref = typeof entry.$ref === 'string' ? entry.$ref : undefined;
    const r = followRefs(root, entry, pointer);
    const resolved = r !== undefined && isRecord(r.value);
    const param = resolved ? (r.value as Record<string, unknown>) : entry;
    out.push({
      param,
      pointer,
      targetPointer: resolved ? r.pointer : pointer,
      level,
      ref,
      resolved,
      name: typeof param.name === 'string' ? param.name : undefined,
      in: typeof param.in === 'string' ? param.in : undefined,
    });
  });
  return out;
}

/** The override key: `in` and the case-sensitive `name`; undefined when either is missing. */
export function parameterKey(p: { name?: string; in?: string }): string | undefined {
  return p.name !== undefined && p.in !== undefined ? `${p.in}\u0000${p.name}` : undefined;
}

/** Path-level entries not overridden by an operation-level one with the same name + in, then the operation's. */
export function mergeParameters(pathLevel: readonly OperationParameter[], operationLevel: readonly OperationParameter[]): OperationParameter[] {
  const overridden = new Set(operationLevel.map(parameterKey).filter((k) => k !== undefined));
  return [...pathLevel.filter((p) => !overridden.has(parameterKey(p) as string)), ...operationLevel];
}

/** The parameters that apply to the operation `method` of the path item at `paths[path]`. */
export function operationParameters(root: unknown, path: string, method: string, pathItem: unknown, operation: unknown): OperationParameter[] {
  const pathLevel = isRecord(pathItem) ? parameterList(root, pathItem.parameters, ['paths', path], 'path') : [];
  const opLevel = isRecord(operation) ? parameterList(root, operation.parameters, ['paths', path, method], 'operation') : [];
  return mergeParameters(pathLevel, opLevel);
}
