// The parameters that apply to an operation, read through the one operation model
// (shared/src/swagger/operationModel.ts): path-item-level ones merged with operation-level ones
// (the operation wins on the same name + in), local refs resolved with the one hop limit.
import type { OperationEntry } from '../../languageService/connectorIndex';
import { operationParameters, parameterList, type OperationParameter, type ParameterLevel } from '../../../../shared/src/swagger/operationModel';
import { isInternal } from './visibility';

/** One parameter as the rules see it; `param` is a JSON object. */
export type EffectiveParameter = OperationParameter;

/** The entries of one parameters list with refs resolved. */
export function resolveParameterList(root: unknown, list: unknown, basePath: readonly (string | number)[], level: ParameterLevel): EffectiveParameter[] {
  return parameterList(root, list, basePath, level);
}

// Per definition, then per operation: refs resolve against the definition, and an edit re-parsed
// incrementally shares unchanged operation objects between versions whose definitions differ.
const cache = new WeakMap<object, WeakMap<object, EffectiveParameter[]>>();

/** Path-item and operation parameters merged; the operation's entry overrides on name + in. */
export function effectiveParameters(root: unknown, op: OperationEntry): EffectiveParameter[] {
  if (typeof root !== 'object' || root === null) return operationParameters(root, op.path, op.method, op.pathItem, op.operation);
  let byOperation = cache.get(root);
  if (!byOperation) cache.set(root, (byOperation = new WeakMap()));
  const hit = byOperation.get(op.operation);
  if (hit) return hit;
  const merged = operationParameters(root, op.path, op.method, op.pathItem, op.operation);
  byOperation.set(op.operation, merged);
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
