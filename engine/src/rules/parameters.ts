// Rule family 3 (parameters): see docs/rules.md, section "Parameters". Path-item and operation
// parameters are merged and `#/parameters/x` refs resolved (util/parameters.ts).
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule, RuleContext } from './types';
import { effectiveParameters, pathTemplateVariables, resolveParameterList, visibleParameters, type EffectiveParameter } from './util/parameters';

const LOCATIONS = ['query', 'header', 'path', 'formData', 'body'];
const NON_BODY_KEYWORDS = ['type', 'format', 'items', 'collectionFormat', 'allowEmptyValue', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'multipleOf'];

const label = (p: EffectiveParameter) => (p.name !== undefined ? `"${p.name}"` : '(unnamed)');

/** Every parameter definition once: root `parameters` entries and inline (non-ref) list entries. */
function* allParameterDefinitions(ctx: RuleContext): Generator<{ param: JsonObject; pointer: string }> {
  const def = ctx.index.definitionValue;
  if (!def) return;
  if (isObject(def.parameters)) {
    for (const [k, v] of Object.entries(def.parameters)) if (isObject(v)) yield { param: v, pointer: pathToPointer(['parameters', k]) };
  }
  const seenItems = new Set<unknown>();
  for (const op of ctx.index.operations) {
    for (const [owner, base] of [[op.pathItem, ['paths', op.path]], [op.operation, ['paths', op.path, op.method]]] as const) {
      if (seenItems.has(owner)) continue;
      seenItems.add(owner);
      const list = owner.parameters;
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++) {
        const entry: unknown = list[i];
        if (isObject(entry) && typeof entry.$ref !== 'string') yield { param: entry, pointer: pathToPointer([...base, 'parameters', i]) };
      }
    }
  }
}

const parameterBasics: Rule = {
  ids: ['parameter-basics', 'body-schema-required', 'parameter-keywords-by-location', 'formdata-name-ascii', 'parameter-description-required'],
  check(ctx) {
    const { report } = ctx;
    for (const { param, pointer } of allParameterDefinitions(ctx)) {
      const name = typeof param.name === 'string' ? param.name : undefined;
      const where = param.in;
      const shown = name !== undefined ? `Parameter "${name}"` : 'Parameter';
      if (name === undefined || name === '') report({ ruleId: 'parameter-basics', pointer, message: `${shown} has no "name"; every parameter needs a name.` });
      if (typeof where !== 'string' || !LOCATIONS.includes(where)) {
        report({ ruleId: 'parameter-basics', pointer: where === undefined ? pointer : `${pointer}/in`, target: where === undefined ? 'key' : 'value', message: `${shown} has ${where === undefined ? 'no "in"' : `"in": ${JSON.stringify(where)}`}; use one of ${LOCATIONS.join(', ')}.` });
        continue;
      }
      if (where === 'body') {
        if (!isObject(param.schema)) report({ ruleId: 'body-schema-required', pointer, message: `Body ${shown.toLowerCase()} has no "schema"; describe the request body with a schema.` });
        for (const k of NON_BODY_KEYWORDS) {
          if (k in param) report({ ruleId: 'parameter-keywords-by-location', pointer: `${pointer}/${k}`, message: `Body ${shown.toLowerCase()} uses "${k}", which only non-body parameters allow; move it into "schema".` });
        }
      } else {
        if (param.type === undefined) report({ ruleId: 'parameter-basics', pointer, message: `${shown} (in ${where}) has no "type"; non-body parameters must declare one (string, integer, number, boolean, array${where === 'formData' ? ', file' : ''}).` });
        if ('schema' in param) report({ ruleId: 'parameter-keywords-by-location', pointer: `${pointer}/schema`, message: `${shown} is in ${where} but has a "schema"; only body parameters use "schema" — use "type" (and "items") instead.` });
        if (where === 'formData' && name !== undefined && /[^\x20-\x7e]/.test(name)) {
          report({ ruleId: 'formdata-name-ascii', pointer: `${pointer}/name`, target: 'value', message: `formData parameter name "${name}" contains non-ASCII characters; use US-ASCII only.` });
        }
      }
    }
    // Microsoft: "The 'description' property is required." at …/parameters/N, on the parameters
    // makers fill in (not internal ones, not those of internal operations, not the body parameter).
    for (const { p, op } of visibleParameters(ctx.index.definitionValue, ctx.index.operations)) {
      if (typeof p.param.description === 'string' && p.param.description.trim() !== '') continue;
      const shared = p.ref !== undefined ? ` (the shared parameter ${p.ref})` : '';
      report({ ruleId: 'parameter-description-required', pointer: p.pointer, message: `The 'description' property is required. ${p.name !== undefined ? `Parameter "${p.name}"` : 'A parameter'}${shared} of ${op.method.toUpperCase()} ${op.path} has no description; add one that tells makers what to enter.` });
    }
  },
};

const pathParams: Rule = {
  ids: ['path-param-declared', 'path-param-in-template', 'path-param-required'],
  check({ index, report }) {
    for (const op of index.operations) {
      const vars = pathTemplateVariables(op.path).map((v) => v.split('=')[0]);
      const params = effectiveParameters(index.definitionValue, op);
      const pathParamNames = new Set(params.filter((p) => p.in === 'path' && p.name !== undefined).map((p) => p.name!));
      for (const v of vars) {
        if (pathParamNames.has(v)) continue;
        report({ ruleId: 'path-param-declared', pointer: isObject(op.operation) && Array.isArray(op.operation.parameters) ? `${op.pointer}/parameters` : op.pointer, message: `${op.method.toUpperCase()} ${op.path}: path variable "{${v}}" has no matching parameter; add { "name": "${v}", "in": "path", "required": true, "type": "string" }.` });
      }
      for (const p of params) {
        if (p.in !== 'path') continue;
        if (p.name !== undefined && !vars.includes(p.name)) {
          report({ ruleId: 'path-param-in-template', pointer: p.pointer, message: `Path parameter ${label(p)} is not in the path template "${op.path}"; add "{${p.name}}" to the path or change "in".` });
        }
        if (p.param.required !== true) {
          report({ ruleId: 'path-param-required', pointer: p.param.required === undefined ? p.targetPointer : `${p.targetPointer}/required`, target: 'value', message: `Path parameter ${label(p)} must have "required": true.` });
        }
      }
    }
  },
};

const parameterLists: Rule = {
  ids: ['parameters-unique', 'single-body-parameter', 'body-and-formdata'],
  check({ index, report }) {
    const root = index.definitionValue;
    const checked = new Set<unknown>();
    for (const op of index.operations) {
      for (const [owner, base, level] of [[op.pathItem, ['paths', op.path], 'path'], [op.operation, ['paths', op.path, op.method], 'operation']] as const) {
        if (checked.has(owner)) continue;
        checked.add(owner);
        const list = resolveParameterList(root, owner.parameters, base, level);
        const seen = new Map<string, EffectiveParameter>();
        let body: EffectiveParameter | undefined;
        for (const p of list) {
          const key = p.name !== undefined && p.in !== undefined ? `${p.name}\u0000${p.in}` : p.ref !== undefined ? `ref:${p.ref}` : undefined;
          if (key !== undefined) {
            const prior = seen.get(key);
            if (prior) report({ ruleId: 'parameters-unique', pointer: p.pointer, message: `Parameter ${label(p)} (in ${p.in ?? '?'}) is listed twice in this parameters list; remove one.` });
            else seen.set(key, p);
          }
          if (p.in === 'body') {
            if (body) report({ ruleId: 'single-body-parameter', pointer: p.pointer, message: `Second body parameter ${label(p)}; an operation has at most one body parameter (${label(body)} is already one). Merge them into one schema.` });
            else body = p;
          }
        }
      }
      // After merging path-level parameters.
      const merged = effectiveParameters(root, op);
      const bodies = merged.filter((p) => p.in === 'body');
      if (bodies.length > 1 && new Set(bodies.map((b) => b.level)).size > 1) {
        const b = bodies.find((x) => x.level === 'operation')!;
        report({ ruleId: 'single-body-parameter', pointer: b.pointer, message: `${op.method.toUpperCase()} ${op.path} gets a body parameter from both the path item and the operation; keep only one.` });
      }
      const formData = merged.find((p) => p.in === 'formData');
      if (bodies.length && formData) {
        report({ ruleId: 'body-and-formdata', pointer: formData.pointer, message: `${op.method.toUpperCase()} ${op.path} mixes a body parameter (${label(bodies[0])}) with formData parameter ${label(formData)}; use one or the other.` });
      }
    }
  },
};

export const rules: Rule[] = [parameterBasics, pathParams, parameterLists];
