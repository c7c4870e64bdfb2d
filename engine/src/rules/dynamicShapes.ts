// Rule family 5 (dynamic extensions): the shape of each extension object and where it may sit.
// The calls they make to target operations are checked in dynamicExtensions.ts.
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule, RuleContext } from './types';
import { dynamicCalls, dynamicSites, paramValue, type DynamicSite } from './util/dynamicSites';
import { operationParameters, splitValuePath, successResponseSchema } from './util/operationModel';

const ptr = (site: DynamicSite, ...rest: (string | number)[]) => pathToPointer([...site.holderPath, site.kind, ...rest]);

/** Reports keys of `obj` outside `allowed` (vendor `x-` keys are tolerated). */
function extraKeys(ctx: RuleContext, ruleId: string, site: DynamicSite, obj: JsonObject, allowed: readonly string[], at: (string | number)[] = []): void {
  for (const k of Object.keys(obj)) {
    if (allowed.includes(k) || k.startsWith('x-')) continue;
    ctx.report({ ruleId, pointer: ptr(site, ...at, k), message: `"${k}" is not a ${site.kind} key; allowed keys are ${allowed.join(', ')}.` });
  }
}

function notObject(ctx: RuleContext, ruleId: string, site: DynamicSite): void {
  ctx.report({ ruleId, pointer: ptr(site), target: 'value', message: `${site.kind} must be an object, not ${Array.isArray(site.value) ? 'an array' : typeof site.value === 'object' ? 'null' : typeof site.value}.` });
}

/** `parameters` entries of list/properties/tree must be exactly one of {value} or {parameterReference}. */
function referenceEntries(ctx: RuleContext, ruleId: string, site: DynamicSite, params: unknown, at: (string | number)[], extra: readonly string[] = []): void {
  if (params === undefined) return;
  if (!isObject(params)) {
    ctx.report({ ruleId, pointer: ptr(site, ...at), target: 'value', message: `${site.kind} parameters must be an object mapping target parameter names to {"value": ...} or {"parameterReference": "..."}.` });
    return;
  }
  for (const [k, v] of Object.entries(params)) {
    const keys = isObject(v) ? Object.keys(v).filter((x) => ['value', 'parameterReference', ...extra].includes(x)) : [];
    if (keys.length === 1) continue;
    ctx.report({ ruleId, pointer: ptr(site, ...at, k), message: `Parameter "${k}" of ${site.kind} must be an object with exactly one of "value" or "parameterReference"${extra.length ? ` (or ${extra.join(', ')})` : ''}.` });
  }
}

const VALUES_KEYS = ['operationId', 'builtInOperation', 'capability', 'parameters', 'value-collection', 'value-path', 'value-title'];

const shapes: Rule = {
  ids: ['dynamic-values-shape', 'dynamic-list-shape', 'dynamic-schema-shape', 'dynamic-properties-shape', 'dynamic-tree-shape', 'selected-item-value-path-position'],
  check(ctx) {
    for (const site of dynamicSites(ctx.index)) {
      const v = site.value;
      switch (site.kind) {
        case 'x-ms-dynamic-values': {
          if (!isObject(v)) {
            notObject(ctx, 'dynamic-values-shape', site);
            break;
          }
          const heads = ['operationId', 'builtInOperation', 'capability'].filter((k) => k in v);
          if (heads.length !== 1) {
            ctx.report({ ruleId: 'dynamic-values-shape', pointer: ptr(site), message: heads.length === 0 ? 'x-ms-dynamic-values needs one of operationId, builtInOperation or capability.' : `x-ms-dynamic-values has ${heads.join(' and ')}; keep exactly one.` });
          }
          extraKeys(ctx, 'dynamic-values-shape', site, v, VALUES_KEYS);
          break;
        }
        case 'x-ms-dynamic-list':
          if (!isObject(v)) notObject(ctx, 'dynamic-list-shape', site);
          else {
            if (typeof v.operationId !== 'string') ctx.report({ ruleId: 'dynamic-list-shape', pointer: ptr(site), message: 'x-ms-dynamic-list needs an operationId (string).' });
            extraKeys(ctx, 'dynamic-list-shape', site, v, ['operationId', 'parameters', 'itemsPath', 'itemValuePath', 'itemTitlePath']);
            referenceEntries(ctx, 'dynamic-list-shape', site, v.parameters, ['parameters']);
          }
          break;
        case 'x-ms-dynamic-schema':
          if (!isObject(v)) notObject(ctx, 'dynamic-schema-shape', site);
          else {
            if (typeof v.operationId !== 'string') ctx.report({ ruleId: 'dynamic-schema-shape', pointer: ptr(site), message: 'x-ms-dynamic-schema needs an operationId (string).' });
            extraKeys(ctx, 'dynamic-schema-shape', site, v, ['operationId', 'parameters', 'value-path']);
          }
          break;
        case 'x-ms-dynamic-properties':
          if (!isObject(v)) notObject(ctx, 'dynamic-properties-shape', site);
          else {
            if (typeof v.operationId !== 'string') ctx.report({ ruleId: 'dynamic-properties-shape', pointer: ptr(site), message: 'x-ms-dynamic-properties needs an operationId (string).' });
            extraKeys(ctx, 'dynamic-properties-shape', site, v, ['operationId', 'parameters', 'itemValuePath']);
            referenceEntries(ctx, 'dynamic-properties-shape', site, v.parameters, ['parameters']);
          }
          break;
        case 'x-ms-dynamic-tree':
          treeShape(ctx, site);
          break;
      }
    }
  },
};

const TREE_COMMAND_KEYS = ['operationId', 'parameters', 'itemsPath', 'itemValuePath', 'itemTitlePath', 'itemFullTitlePath', 'itemIsParent', 'selectableFilter'];

function treeShape(ctx: RuleContext, site: DynamicSite): void {
  const v = site.value;
  if (!isObject(v)) return notObject(ctx, 'dynamic-tree-shape', site);
  extraKeys(ctx, 'dynamic-tree-shape', site, v, ['settings', 'open', 'browse']);
  if (v.settings !== undefined) {
    if (!isObject(v.settings)) ctx.report({ ruleId: 'dynamic-tree-shape', pointer: ptr(site, 'settings'), target: 'value', message: 'x-ms-dynamic-tree settings must be an object.' });
    else
      for (const k of ['canSelectParentNodes', 'canSelectLeafNodes']) {
        if (v.settings[k] !== undefined && typeof v.settings[k] !== 'boolean') ctx.report({ ruleId: 'dynamic-tree-shape', pointer: ptr(site, 'settings', k), target: 'value', message: `settings.${k} must be a boolean.` });
      }
  }
  if (!isObject(v.open)) ctx.report({ ruleId: 'dynamic-tree-shape', pointer: ptr(site), message: 'x-ms-dynamic-tree needs an "open" command ({"operationId": ..., "itemsPath": ...}).' });
  for (const cmd of ['open', 'browse']) {
    const c = v[cmd];
    if (c === undefined) continue;
    if (!isObject(c)) {
      ctx.report({ ruleId: 'dynamic-tree-shape', pointer: ptr(site, cmd), target: 'value', message: `x-ms-dynamic-tree ${cmd} must be an object.` });
      continue;
    }
    if (typeof c.operationId !== 'string') ctx.report({ ruleId: 'dynamic-tree-shape', pointer: ptr(site, cmd), message: `x-ms-dynamic-tree ${cmd} needs an operationId.` });
    extraKeys(ctx, 'dynamic-tree-shape', site, c, TREE_COMMAND_KEYS, [cmd]);
    if (!isObject(c.parameters)) continue;
    for (const [k, pv] of Object.entries(c.parameters)) {
      if (cmd === 'open' && isObject(pv) && 'selectedItemValuePath' in pv) {
        ctx.report({ ruleId: 'selected-item-value-path-position', pointer: ptr(site, cmd, 'parameters', k, 'selectedItemValuePath'), message: 'selectedItemValuePath is only allowed in the browse command (it reads the item the user opened); use parameterReference or value in open.' });
      }
    }
  }
}

const positions: Rule = {
  ids: ['dynamic-on-body-parameter', 'dynamic-schema-position', 'file-picker-needs-dynamic-tree', 'dynamic-path-string-format', 'dynamic-values-parameters'],
  check(ctx) {
    const root = ctx.index.definitionValue;
    for (const site of dynamicSites(ctx.index)) {
      const holderPtr = pathToPointer(site.holderPath);
      if (site.onParameter && site.holder.in === 'body') {
        ctx.report({ ruleId: 'dynamic-on-body-parameter', pointer: ptr(site), message: `${site.kind} sits on body parameter "${String(site.holder.name)}"; move it inside the parameter's schema.` });
      } else if (site.kind === 'x-ms-dynamic-schema' && site.onParameter) {
        ctx.report({ ruleId: 'dynamic-schema-position', pointer: ptr(site), message: `x-ms-dynamic-schema is on non-body parameter "${String(site.holder.name)}"; put it on a body parameter's schema or a response schema (use x-ms-dynamic-values for a list of values).` });
      }
      const v = site.value;
      if (site.kind === 'x-ms-dynamic-values' && isObject(v) && v.capability === 'file-picker' && !('x-ms-dynamic-tree' in site.holder)) {
        ctx.report({ ruleId: 'file-picker-needs-dynamic-tree', pointer: holderPtr, message: 'This parameter uses the file-picker capability but has no x-ms-dynamic-tree; add one describing how to open and browse folders.' });
      }
      for (const call of dynamicCalls(site)) {
        for (const p of [call.collection, ...call.itemPaths, ...call.rootPaths]) {
          if (!p) continue;
          if (p.value.startsWith('/') || p.value.endsWith('/') || p.value.includes('//')) {
            ctx.report({ ruleId: 'dynamic-path-string-format', pointer: pathToPointer(p.path), target: 'value', message: `${p.key} "${p.value}" should have no leading, trailing or doubled "/": write "${splitValuePath(p.value).join('/')}".` });
          }
        }
        if (site.kind !== 'x-ms-dynamic-values' || isObject(v) === false || (v as JsonObject).parameters !== undefined || call.operationId === undefined) continue;
        const target = ctx.index.operationsById.get(call.operationId)?.[0];
        if (!target) continue;
        const inputs = operationParameters(root, target).filter((p) => p.required && !p.hasDefault);
        if (inputs.length > 0) {
          ctx.report({ ruleId: 'dynamic-values-parameters', pointer: ptr(site), message: `x-ms-dynamic-values has no parameters, but ${call.operationId} takes ${inputs.map((p) => `"${p.name}"`).join(', ')}; add "parameters" (it may be empty).` });
        }
      }
    }
  },
};

const pairs: Rule = {
  ids: ['dynamic-list-matches-values', 'dynamic-properties-item-value-path', 'dynamic-schema-value-path-properties', 'dynamic-values-needs-list', 'dynamic-schema-needs-properties'],
  check(ctx) {
    const root = ctx.index.definitionValue;
    for (const site of dynamicSites(ctx.index)) {
      const h = site.holder;
      const v = site.value;
      if (!isObject(v)) continue;
      if (site.kind === 'x-ms-dynamic-list' && isObject(h['x-ms-dynamic-values'])) {
        const dv = h['x-ms-dynamic-values'];
        const mismatches: string[] = [];
        if (typeof dv.operationId === 'string' && typeof v.operationId === 'string' && dv.operationId !== v.operationId) mismatches.push(`operationId "${v.operationId}" vs "${dv.operationId}"`);
        for (const [lk, vk] of [['itemsPath', 'value-collection'], ['itemValuePath', 'value-path'], ['itemTitlePath', 'value-title']]) {
          if (typeof v[lk] === 'string' && typeof dv[vk] === 'string' && v[lk] !== dv[vk]) mismatches.push(`${lk} "${String(v[lk])}" vs ${vk} "${String(dv[vk])}"`);
        }
        if (mismatches.length) ctx.report({ ruleId: 'dynamic-list-matches-values', pointer: ptr(site), message: `x-ms-dynamic-list and x-ms-dynamic-values on this field disagree: ${mismatches.join('; ')}.` });
      }
      if (site.kind === 'x-ms-dynamic-schema' && typeof v['value-path'] === 'string') {
        const vp = v['value-path'];
        const segs = splitValuePath(vp);
        const dp = h['x-ms-dynamic-properties'];
        if (segs[segs.length - 1] === 'properties' && !isObject(dp)) {
          ctx.report({ ruleId: 'dynamic-schema-value-path-properties', pointer: ptr(site, 'value-path'), target: 'value', message: `value-path "${vp}" ends at a schema's properties; add x-ms-dynamic-properties with itemValuePath "${segs.slice(0, -1).join('/')}" next to x-ms-dynamic-schema.` });
        }
        if (isObject(dp) && typeof dp.itemValuePath === 'string') {
          const expected = segs[segs.length - 1] === 'properties' ? segs.slice(0, -1).join('/') : segs.join('/');
          if (splitValuePath(dp.itemValuePath).join('/') !== expected) {
            ctx.report({ ruleId: 'dynamic-properties-item-value-path', pointer: pathToPointer([...site.holderPath, 'x-ms-dynamic-properties', 'itemValuePath']), target: 'value', message: `itemValuePath "${dp.itemValuePath}" should be "${expected}" (the sibling x-ms-dynamic-schema value-path "${vp}" without a trailing /properties).` });
          }
        }
      }
      // References into body properties need the list/properties form beside values/schema.
      const partner = site.kind === 'x-ms-dynamic-values' ? 'x-ms-dynamic-list' : site.kind === 'x-ms-dynamic-schema' ? 'x-ms-dynamic-properties' : undefined;
      if (!partner || isObject(h[partner]) || !isObject(v.parameters) || site.sources.length === 0) continue;
      // A target that declares no response body cannot feed a list or a schema: nothing to pair (Microsoft accepts it).
      const targets = typeof v.operationId === 'string' ? (ctx.index.operationsById.get(v.operationId) ?? []) : [];
      if (targets.length > 0 && targets.every((t) => !successResponseSchema(root, t))) continue;
      for (const [k, raw] of Object.entries(v.parameters)) {
        const pv = paramValue(raw);
        if (pv.kind !== 'reference') continue;
        // Only an operation that declares a body can be referred into; without one the name is simply
        // unknown (dynamic-param-names-exist's concern), and a site in a response has no body to refer to.
        const hasBody = (op: (typeof site.sources)[number]) => operationParameters(root, op).some((p) => p.in === 'body');
        const intoBody = !site.holderPath.includes('responses') && site.sources.some((op) => hasBody(op) && !operationParameters(root, op).some((p) => p.name === pv.name)) && splitValuePath(pv.name).length > 0;
        const isParam = site.sources.every((op) => operationParameters(root, op).some((p) => p.name === pv.name));
        if (!intoBody || isParam) continue;
        const ruleId = site.kind === 'x-ms-dynamic-values' ? 'dynamic-values-needs-list' : 'dynamic-schema-needs-properties';
        ctx.report({ ruleId, pointer: ptr(site, 'parameters', k), message: `"${pv.name}" is not a parameter of the operation, so it refers into the body; define ${partner} next to ${site.kind} with a parameterReference to it.` });
      }
    }
  },
};

export const rules: Rule[] = [shapes, positions, pairs];
