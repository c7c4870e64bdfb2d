// Rule family 5 (dynamic values, lists, schemas, properties and trees): the shared reference rules,
// i.e. the call each extension makes to a target operation. Shapes and positions: dynamicShapes.ts.
import { isObject, type JsonObject, type OperationEntry } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule, RuleContext } from './types';
import { dynamicCalls, dynamicSites, paramValue, type DynamicCall, type SitePath } from './util/dynamicSites';
import { isArraySchema, operationParameters, pathInBody, schemaAtPath, splitValuePath, successResponseSchema, unwrapArray, type ParameterInfo } from './util/operationModel';

const opLabel = (op: OperationEntry) => `${op.operationId ?? op.method.toUpperCase() + ' ' + op.path}`;

/** The target operation of a call, when its operationId names exactly one operation. */
function targetOf(ctx: RuleContext, call: DynamicCall): OperationEntry | undefined {
  return call.operationId !== undefined ? ctx.index.operationsById.get(call.operationId)?.[0] : undefined;
}

function calls(ctx: RuleContext): DynamicCall[] {
  return dynamicSites(ctx.index).flatMap(dynamicCalls);
}

/** A parameter key of a target: "name" or "bodyName/property/path". */
function targetParamFor(root: unknown, params: ParameterInfo[], key: string): { param?: ParameterInfo; known: boolean } {
  const exact = params.find((p) => p.name === key);
  if (exact) return { param: exact, known: true };
  const segs = splitValuePath(key);
  for (const body of params.filter((p) => p.in === 'body')) {
    const rest = pathInBody(segs, body.name);
    if (!body.schema) return { known: true };
    if (rest.length === 0) return { param: body, known: true };
    const r = schemaAtPath(root, body.schema, rest);
    if (r.kind !== 'missing') return { param: body, known: true };
  }
  return { known: false };
}

type SourceName = { kind: 'param'; param: ParameterInfo } | { kind: 'body' } | { kind: 'unknown' } | { kind: 'missing' };

/** What a `{parameter: name}` / `parameterReference` names in one source operation. */
function sourceName(root: unknown, op: OperationEntry, name: string, openBodyMayHaveIt: boolean): SourceName {
  const params = operationParameters(root, op);
  const p = params.find((x) => x.name === name);
  if (p) return { kind: 'param', param: p };
  const segs = splitValuePath(name);
  let unknown = false;
  for (const body of params.filter((x) => x.in === 'body')) {
    if (!body.schema) {
      unknown ||= openBodyMayHaveIt;
      continue;
    }
    const rest = pathInBody(segs, body.name);
    if (rest.length === 0) return { kind: 'param', param: body };
    const r = schemaAtPath(root, body.schema, rest);
    if (r.kind === 'found') return { kind: 'body' };
    if (r.kind === 'unknown') unknown ||= openBodyMayHaveIt;
  }
  return unknown ? { kind: 'unknown' } : { kind: 'missing' };
}

/** True when `name` also resolves to a declared property path inside a body parameter of `op`. */
function bodyHasPath(root: unknown, op: OperationEntry, name: string): boolean {
  const segs = splitValuePath(name);
  return operationParameters(root, op).some((b) => {
    if (b.in !== 'body' || !b.schema) return false;
    const rest = pathInBody(segs, b.name);
    return rest.length > 0 && schemaAtPath(root, b.schema, rest).kind === 'found';
  });
}

const operationExists: Rule = {
  ids: ['dynamic-operation-exists'],
  check(ctx) {
    for (const call of calls(ctx)) {
      if (call.operationId === undefined || ctx.index.operationsById.has(call.operationId)) continue;
      ctx.report({
        ruleId: 'dynamic-operation-exists',
        pointer: pathToPointer([...call.path, 'operationId']),
        target: 'value',
        message: `The 'operationId' could not be found in this swagger document. ${call.site.kind} calls operationId "${call.operationId}", which no operation of this definition has; use an existing operationId.`,
      });
    }
  },
};

const parameterRules: Rule = {
  ids: ['dynamic-param-names-exist', 'dynamic-source-partial', 'dynamic-param-ambiguous', 'dynamic-target-required-params', 'dynamic-param-required-mismatch', 'dynamic-param-type-mismatch', 'dynamic-static-type-mismatch', 'dynamic-source-internal', 'dynamic-reference-internal-default'],
  check(ctx) {
    const root = ctx.index.definitionValue;
    for (const call of calls(ctx)) {
      const target = targetOf(ctx, call);
      if (!target) continue;
      const targetParams = operationParameters(root, target);
      const supplied = call.parameters ?? {};
      const suppliedKeys = Object.keys(supplied);
      const paramsPath = [...call.path, 'parameters'];
      for (const key of suppliedKeys) {
        const keyPointer = pathToPointer([...paramsPath, key]);
        const t = targetParamFor(root, targetParams, key);
        if (!t.known) {
          ctx.report({ ruleId: 'dynamic-param-names-exist', msCode: 'OperationParameterNameNotFound', pointer: keyPointer, message: `The parameter could not be found in operation '${target.operationId ?? opLabel(target)}' in the swagger document. "${key}" is not a parameter of ${opLabel(target)} (called by ${call.site.kind}); its parameters are: ${targetParams.map((p) => p.name).join(', ') || 'none'}.` });
          continue;
        }
        const v = paramValue(supplied[key]);
        const tp = t.param && t.param.name === key && t.param.in !== 'body' ? t.param : undefined;
        if (v.kind === 'literal' && tp) checkLiteral(ctx, tp, v.value, keyPointer, target);
        if (v.kind !== 'reference') continue;
        // A plain name on a parameter names a parameter or a declared body property; only paths
        // ("body/x") or references from inside a body schema may reach into an open body.
        const resolved = call.site.sources.map((op) => ({ op, s: sourceName(root, op, v.name, !call.site.onParameter || v.name.includes('/')) }));
        // A shared parameter used by several operations: missing in only some of them is accepted by
        // Microsoft (the dropdown gets no value there), missing in all of them is a broken reference.
        const missingEverywhere = resolved.every((x) => x.s.kind === 'missing');
        for (const { op, s } of resolved) {
          const refPointer = pathToPointer([...paramsPath, key, v.key]);
          if (s.kind === 'missing') {
            ctx.report({ ruleId: missingEverywhere ? 'dynamic-param-names-exist' : 'dynamic-source-partial', pointer: refPointer, target: 'value', message: `"${v.name}" is neither a parameter nor a body property of ${opLabel(op)}; reference one of its parameters or give a literal value.${missingEverywhere ? '' : ` (Other operations using this field have it: there the value is passed, here it is not.)`}` });
          } else if (s.kind === 'param' && s.param.in !== 'body') {
            if (bodyHasPath(root, op, v.name)) {
              ctx.report({ ruleId: 'dynamic-param-ambiguous', pointer: refPointer, target: 'value', message: `"${v.name}" names both a parameter and a body property of ${opLabel(op)}; rename one, or reference the body property by its full path (e.g. "body/${v.name}").` });
            }
            checkSourceParam(ctx, s.param, tp, refPointer, op, target);
          }
        }
      }
      // Required target parameters that nothing supplies.
      for (const p of targetParams) {
        if (!p.required || p.hasDefault) continue;
        // Keys name the parameter, a path inside it ("body/a", legacy "body.a"), or a body property ("a", "a.b").
        const fed = suppliedKeys.some((k) => k === p.name || k.startsWith(p.name + '/') || k.startsWith(p.name + '.') || (p.in === 'body' && p.schema && isObject(p.schema.properties) && (splitValuePath(k)[0] in p.schema.properties || splitValuePath(k)[0].split('.')[0] in p.schema.properties)));
        if (fed) continue;
        if (p.in === 'body' && !(Array.isArray(p.schema?.required) && p.schema.required.length > 0)) continue;
        ctx.report({
          ruleId: 'dynamic-target-required-params',
          pointer: pathToPointer(call.parameters ? paramsPath : [...call.path, 'operationId']),
          message: `${call.site.kind} does not supply required parameter "${p.name}" of ${opLabel(target)}; add "${p.name}" to parameters (a literal or {"parameter": "<name>"}), or give the target parameter a default.`,
        });
      }
    }
  },
};

/** JSON type names a parameter `type` accepts for a literal. */
function literalFits(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value));
    case 'number':
      return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)));
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
    default:
      return true;
  }
}

function checkLiteral(ctx: RuleContext, tp: ParameterInfo, value: unknown, pointer: string, target: OperationEntry): void {
  if (!tp.type || literalFits(tp.type, value)) return;
  // A string parameter fed a number or boolean is coerced by the platform; only clear clashes count.
  if (tp.type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return;
  ctx.report({ ruleId: 'dynamic-static-type-mismatch', pointer, target: 'value', message: `Literal ${JSON.stringify(value)} does not fit "${tp.name}" of ${opLabel(target)}, which has type ${tp.type}; give a ${tp.type} value.` });
}

const NUMERIC = new Set(['integer', 'number']);

function checkSourceParam(ctx: RuleContext, sp: ParameterInfo, tp: ParameterInfo | undefined, pointer: string, source: OperationEntry, target: OperationEntry): void {
  if (sp.internal) {
    if (sp.hasDefault) {
      ctx.report({ ruleId: 'dynamic-reference-internal-default', pointer, target: 'value', message: `"${sp.name}" of ${opLabel(source)} is internal with a default; pass that default as a literal value instead of referencing the parameter.` });
    } else {
      ctx.report({ ruleId: 'dynamic-source-internal', pointer, target: 'value', message: `"${sp.name}" of ${opLabel(source)} is internal, so the user never fills it; reference a visible parameter or use a literal.` });
    }
  }
  if (!tp) return;
  if (tp.required && !tp.hasDefault && !sp.required && !sp.hasDefault) {
    ctx.report({ ruleId: 'dynamic-param-required-mismatch', pointer, target: 'value', message: `Required parameter "${tp.name}" of ${opLabel(target)} is fed from optional "${sp.name}" of ${opLabel(source)}; the lookup cannot run until the user fills it. Make "${sp.name}" required.` });
  }
  if (sp.type && tp.type && sp.type !== tp.type && !(NUMERIC.has(sp.type) && NUMERIC.has(tp.type))) {
    ctx.report({ ruleId: 'dynamic-param-type-mismatch', pointer, target: 'value', message: `"${sp.name}" of ${opLabel(source)} has type ${sp.type} but feeds "${tp.name}" of ${opLabel(target)}, which has type ${tp.type}; make the types agree.` });
  }
}

const responseRules: Rule = {
  ids: ['dynamic-collection-array', 'dynamic-path-property'],
  check(ctx) {
    const root = ctx.index.definitionValue;
    for (const call of calls(ctx)) {
      const target = targetOf(ctx, call);
      if (!target) continue;
      const resp = successResponseSchema(root, target);
      if (!resp) continue;
      const where = `the ${resp.code} response of ${opLabel(target)}`;
      for (const rp of call.rootPaths) checkPath(ctx, root, resp.schema, rp, where);
      if (!call.listsItems) continue;
      let list: JsonObject | undefined;
      if (call.collection) {
        const segs = splitValuePath(call.collection.value);
        const r = schemaAtPath(root, resp.schema, segs);
        if (r.kind === 'missing') {
          ctx.report({ ruleId: 'dynamic-collection-array', pointer: pathToPointer(call.collection.path), target: 'value', message: `${call.collection.key} "${call.collection.value}" is not in ${where}: "${segs[r.segment]}" is not a property there (known: ${knownProps(r.parent)}).` });
          continue;
        }
        if (r.kind === 'unknown') continue;
        if (isArraySchema(r.schema) === false) {
          ctx.report({ ruleId: 'dynamic-collection-array', pointer: pathToPointer(call.collection.path), target: 'value', message: `${call.collection.key} "${call.collection.value}" resolves to a ${String(r.schema.type)} in ${where}, not an array; point it at the array of items.` });
          continue;
        }
        list = r.schema;
      } else {
        if (isArraySchema(resp.schema) === false && !isOpen(resp.schema)) {
          const key = call.site.kind === 'x-ms-dynamic-values' ? 'value-collection' : 'itemsPath';
          ctx.report({ ruleId: 'dynamic-collection-array', pointer: pathToPointer(call.path), message: `${call.site.kind} has no ${key}, so ${where} must be an array, but it is an object; set ${key} to the array property.` });
          continue;
        }
        list = resp.schema;
      }
      const items = unwrapArray(root, list);
      if (!items) continue;
      for (const ip of call.itemPaths) checkPath(ctx, root, items, ip, `the items of ${where}`);
    }
  },
};

function isOpen(s: JsonObject): boolean {
  return !isObject(s.properties) || 'x-ms-dynamic-schema' in s || (s.additionalProperties !== undefined && s.additionalProperties !== false);
}

function knownProps(s: JsonObject): string {
  const names = isObject(s.properties) ? Object.keys(s.properties) : [];
  return names.length ? names.slice(0, 8).join(', ') + (names.length > 8 ? ', ...' : '') : 'none';
}

function checkPath(ctx: RuleContext, root: unknown, schema: JsonObject, sp: SitePath, where: string): void {
  const segs = splitValuePath(sp.value);
  if (segs.length === 0) return;
  const r = schemaAtPath(root, schema, segs);
  if (r.kind !== 'missing') return;
  ctx.report({ ruleId: 'dynamic-path-property', pointer: pathToPointer(sp.path), target: 'value', message: `${sp.key} "${sp.value}" does not resolve in ${where}: "${segs[r.segment]}" is not a property there (known: ${knownProps(r.parent)}).` });
}

export const rules: Rule[] = [operationExists, parameterRules, responseRules];
