// The parameters that apply to an operation: path-item-level ones merged with operation-level
// ones (the operation wins on the same name + in), with local `#/parameters/x` refs resolved.
import { isObject, resolveLocalRef, type JsonObject, type OperationEntry } from '../../languageService/connectorIndex';
import { pathToPointer } from '../../languageService/tree';
import { isInternal } from './visibility';

export interface EffectiveParameter {
  /** The resolved parameter object (the written one when it is not a reference). */
  param: JsonObject;
  /** Pointer of the list entry as written in the path item or operation. */
  pointer: string;
  /** Pointer of the resolved definition (equals `pointer` when not a reference). */
  targetPointer: string;
  level: 'path' | 'operation';
  /** The `$ref` text when the entry is a reference. */
  ref?: string;
  name?: string;
  in?: string;
}

/** The entries of one parameters list with refs resolved (one level plus a short ref chain). */
export function resolveParameterList(root: unknown, list: unknown, basePath: readonly (string | number)[], level: 'path' | 'operation'): EffectiveParameter[] {
  if (!Array.isArray(list)) return [];
  const out: EffectiveParameter[] = [];
  list.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const pointer = pathToPointer([...basePath, 'parameters', i]);
    let param: JsonObject = entry;
    let targetPointer = pointer;
    let ref: string | undefined;
    // Follow up to 8 refs (cycles and long chains stop there).
    for (let hops = 0; hops < 8 && typeof param.$ref === 'string'; hops++) {
      ref ??= param.$ref;
      const target = resolveLocalRef(root, param.$ref);
      if (!isObject(target)) break;
      targetPointer = param.$ref.slice(1);
      param = target;
    }
    out.push({ param, pointer, targetPointer, level, ref, name: typeof param.name === 'string' ? param.name : undefined, in: typeof param.in === 'string' ? param.in : undefined });
  });
  return out;
}

const cache = new WeakMap<object, EffectiveParameter[]>();

/** Path-item and operation parameters merged; the operation's entry overrides on name + in. */
export function effectiveParameters(root: unknown, op: OperationEntry): EffectiveParameter[] {
  const hit = cache.get(op.operation);
  if (hit) return hit;
  const pathLevel = resolveParameterList(root, op.pathItem.parameters, ['paths', op.path], 'path');
  const opLevel = resolveParameterList(root, op.operation.parameters, ['paths', op.path, op.method], 'operation');
  const key = (p: EffectiveParameter) => `${p.name ?? ''}\u0000${p.in ?? ''}`;
  const overridden = new Set(opLevel.map(key));
  const merged = [...pathLevel.filter((p) => !overridden.has(key(p))), ...opLevel];
  cache.set(op.operation, merged);
  return merged;
}

/** `{name}` variables of a path template, in order. */
export function pathTemplateVariables(path: string): string[] {
  const out: string[] = [];
  const re = /\{([^{}]*)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) out.push(m[1]);
  return out;
}

/**
 * The parameters a maker sees and fills in, the ones Microsoft's certification rules require an
 * `x-ms-summary` and a `description` on (its messages point at `…/parameters/N`): parameters of
 * operations that are not `x-ms-visibility: internal`, themselves not internal, and not the body
 * parameter (its schema's properties are what makers see). Each list entry once, at the pointer
 * where it is written (path-item entries shared by several operations are reported once).
 */
export function visibleParameters(root: unknown, operations: readonly OperationEntry[]): { p: EffectiveParameter; op: OperationEntry }[] {
  const out: { p: EffectiveParameter; op: OperationEntry }[] = [];
  const seen = new Set<string>();
  for (const op of operations) {
    if (isInternal(op.operation)) continue;
    for (const p of effectiveParameters(root, op)) {
      // An unresolved reference is ref-target-exists's finding.
      if (p.ref !== undefined && p.targetPointer === p.pointer) continue;
      if (p.in === 'body' || isInternal(p.param) || seen.has(p.pointer)) continue;
      seen.add(p.pointer);
      out.push({ p, op });
    }
  }
  return out;
}
