// Rule family 6 (triggers and webhooks): see docs/rules.md, section "Triggers and webhooks".
import { isObject, type JsonObject, type OperationEntry } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule, RuleContext } from './types';
import { followRefs, isArraySchema, operationParameters, resolveSchema, successResponseSchema } from './util/operationModel';
import { isInternal } from './util/visibility';
import { encodePointerToken } from '../../../shared/src/swagger/pointer';

interface Trigger {
  op: OperationEntry;
  kind: unknown;
  webhook: boolean;
  /** Pointer of the x-ms-notification-url property, when the input has one. */
  notificationUrl?: string;
}

/** Finds an `x-ms-notification-url: true` member in an operation's inputs (bounded walk, refs followed once each). */
export function notificationUrlIn(root: unknown, op: OperationEntry): string | undefined {
  for (const p of operationParameters(root, op)) {
    if (p.param['x-ms-notification-url'] === true) return p.pointer;
    if (p.in !== 'body') continue;
    const stack: { v: unknown; ptr: string; depth: number }[] = [{ v: p.param.schema, ptr: `${p.pointer}/schema`, depth: 0 }];
    const seen = new Set<unknown>();
    while (stack.length) {
      const { v, ptr, depth } = stack.pop()!;
      const r = followRefs(root, v, ptr);
      if (!r || !isObject(r.value) || seen.has(r.value) || depth > 64) continue;
      seen.add(r.value);
      const s = r.value;
      if (s['x-ms-notification-url'] === true) return r.pointer;
      if (isObject(s.properties)) for (const [k, c] of Object.entries(s.properties)) stack.push({ v: c, ptr: `${r.pointer}/properties/${encodePointerToken(k)}`, depth: depth + 1 });
      if (s.items !== undefined) stack.push({ v: s.items, ptr: `${r.pointer}/items`, depth: depth + 1 });
      if (Array.isArray(s.allOf)) s.allOf.forEach((c, i) => stack.push({ v: c, ptr: `${r.pointer}/allOf/${i}`, depth: depth + 1 }));
    }
  }
  return undefined;
}

const cache = new WeakMap<object, Trigger[]>();

function triggers(ctx: RuleContext): Trigger[] {
  const def = ctx.index.definitionValue;
  if (!def) return [];
  const hit = cache.get(def);
  if (hit) return hit;
  const out: Trigger[] = [];
  for (const op of ctx.index.operations) {
    if (op.operation['x-ms-trigger'] === undefined) continue;
    const notificationUrl = notificationUrlIn(def, op);
    out.push({ op, kind: op.operation['x-ms-trigger'], notificationUrl, webhook: notificationUrl !== undefined || 'x-ms-notification-content' in op.pathItem });
  }
  cache.set(def, out);
  return out;
}

const label = (op: OperationEntry) => op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;

/** The schema a trigger fires with: notification content for webhooks, the success response for polling. */
function outputSchema(root: unknown, t: Trigger): { schema?: JsonObject; where: string } {
  if (t.webhook) {
    const nc = followRefs(root, t.op.pathItem['x-ms-notification-content'], '');
    const schema = nc && isObject(nc.value) ? resolveSchema(root, nc.value.schema) : undefined;
    if (schema) return { schema, where: 'x-ms-notification-content schema' };
  }
  const r = successResponseSchema(root, t.op);
  return { schema: r?.schema, where: r ? `${r.code} response schema` : 'response' };
}

const outputRules: Rule = {
  ids: ['trigger-output-schema', 'trigger-kind-matches-response'],
  check(ctx) {
    const root = ctx.index.definitionValue;
    for (const t of triggers(ctx)) {
      const { schema, where } = outputSchema(root, t);
      if (!schema) {
        ctx.report({
          ruleId: 'trigger-output-schema',
          pointer: t.op.pointer,
          message: t.webhook
            ? `Webhook trigger ${label(t.op)} does not describe its payload; add a schema to x-ms-notification-content on the path item.`
            : `Polling trigger ${label(t.op)} has no schema on its 200/201 response; describe the items it returns.`,
        });
        continue;
      }
      const isArray = isArraySchema(schema);
      const pointer = `${t.op.pointer}/x-ms-trigger`;
      if (t.kind === 'batch' && isArray === false && !hasArrayProperty(root, schema)) {
        ctx.report({ ruleId: 'trigger-kind-matches-response', pointer, target: 'value', message: `Trigger ${label(t.op)} is "batch" but its ${where} is a single object with no array of items; return an array (or a wrapper holding one), or use "single".` });
      } else if (t.kind === 'single' && isArray === true) {
        ctx.report({ ruleId: 'trigger-kind-matches-response', pointer, target: 'value', message: `Trigger ${label(t.op)} is "single" but its ${where} is an array; use "batch" so each item fires a run.` });
      }
    }
  },
};

function hasArrayProperty(root: unknown, schema: JsonObject): boolean {
  if (!isObject(schema.properties)) return schema.type === undefined || Array.isArray(schema.allOf);
  return Object.values(schema.properties).some((p) => {
    const s = resolveSchema(root, p);
    return s !== undefined && isArraySchema(s) !== false;
  });
}

const webhookRules: Rule = {
  ids: ['webhook-notification-url-property', 'webhook-location-header', 'webhook-delete-operation'],
  check(ctx) {
    const root = ctx.index.definitionValue;
    const deletes = ctx.index.operations.filter((o) => o.method === 'delete');
    for (const t of triggers(ctx).filter((x) => x.webhook)) {
      if (!t.notificationUrl) {
        ctx.report({ ruleId: 'webhook-notification-url-property', pointer: t.op.pointer, message: `Webhook trigger ${label(t.op)} has x-ms-notification-content but no request property marked "x-ms-notification-url": true; add a required, internal string body property (e.g. "callbackUrl") carrying it.` });
      }
      const responses = isObject(t.op.operation.responses) ? t.op.operation.responses : {};
      const hasLocation = Object.keys(responses).some((code) => {
        if (!/^2\d\d$/.test(code)) return false;
        const r = followRefs(root, responses[code], '');
        return !!r && isObject(r.value) && isObject(r.value.headers) && Object.keys(r.value.headers).some((h) => h.toLowerCase() === 'location');
      });
      if (!hasLocation) {
        ctx.report({ ruleId: 'webhook-location-header', pointer: pathToPointer([...pointerPath(t.op), 'responses']), message: `Webhook registration ${label(t.op)} should return 201 with a "Location" header naming the subscription; the platform calls DELETE on it when the flow is turned off.` });
      }
      // The platform DELETEs the Location URL, which may live anywhere under the API; accept a DELETE
      // sharing the registration's first path segment, or any internal DELETE.
      const base = t.op.path.replace(/\/+$/, '');
      const first = firstSegment(base);
      const related = deletes.some((d) => firstSegment(d.path) === first || isInternal(d.operation));
      if (!related) {
        ctx.report({ ruleId: 'webhook-delete-operation', pointer: t.op.pointer, message: `No DELETE operation removes the subscription ${label(t.op)} creates; add one (e.g. DELETE ${base}/{id}, x-ms-visibility internal) so flows can unregister.` });
      }
    }
  },
};

/** First literal path segment, skipping version-like ones (v1, api, 2.0). */
function firstSegment(path: string): string {
  const segs = path.split('/').filter((x) => x && !/^(v\d+(\.\d+)?|api|\d+(\.\d+)*)$/i.test(x));
  return (segs[0] ?? '').toLowerCase();
}

const pointerPath = (op: OperationEntry) => ['paths', op.path, op.method];

const pollingRules: Rule = {
  ids: ['polling-trigger-incremental', 'polling-trigger-method', 'trigger-summary-pattern'],
  check(ctx) {
    const root = ctx.index.definitionValue;
    const policies = ctx.index.propertiesValue?.properties;
    const instances = isObject(policies) && Array.isArray(policies.policyTemplateInstances) ? policies.policyTemplateInstances : [];
    const pollingPolicyFor = (id: string | undefined) =>
      instances.some((inst) => {
        if (!isObject(inst) || typeof inst.templateId !== 'string' || inst.templateId.toLowerCase() !== 'pollingtrigger') return false;
        const names = isObject(inst.parameters) ? inst.parameters['x-ms-apimTemplate-operationName'] : undefined;
        return !Array.isArray(names) || names.length === 0 || (id !== undefined && names.includes(id));
      });
    for (const t of triggers(ctx)) {
      const op = t.op;
      if (!t.webhook) {
        const responses = isObject(op.operation.responses) ? op.operation.responses : {};
        const incremental = operationParameters(root, op).some((p) => p.param['x-ms-trigger-value'] !== undefined) || pollingPolicyFor(op.operationId) || '202' in responses;
        if (!incremental) {
          ctx.report({ ruleId: 'polling-trigger-incremental', pointer: op.pointer, message: `Polling trigger ${label(op)} has no way to ask only for new items; add an internal query parameter fed by x-ms-trigger-value, or a pollingtrigger policy template.` });
        }
      }
      const expected = t.webhook ? 'post' : 'get';
      if (op.method !== expected) {
        ctx.report({ ruleId: 'polling-trigger-method', pointer: op.pointer, message: `${t.webhook ? 'Webhook registration' : 'Polling trigger'} ${label(op)} uses ${op.method.toUpperCase()}; accepted connectors use ${expected.toUpperCase()}.` });
      }
      const summary = op.operation.summary;
      if (typeof summary === 'string' && !/^when\b/i.test(summary.trim())) {
        ctx.report({ ruleId: 'trigger-summary-pattern', pointer: `${op.pointer}/summary`, target: 'value', message: `Trigger summary "${summary}" should start with "When ..." (e.g. "When a task is created").` });
      }
      const description = op.operation.description;
      if (typeof description === 'string' && !/^this operation triggers when\b/i.test(description.trim())) {
        ctx.report({ ruleId: 'trigger-summary-pattern', pointer: `${op.pointer}/description`, target: 'value', message: 'Trigger description should start with "This operation triggers when ...".' });
      }
    }
  },
};

const fetchSubscribe: Rule = {
  ids: ['fetch-subscribe-same-params'],
  check(ctx) {
    const root = ctx.index.definitionValue;
    for (const op of ctx.index.operations) {
      const n = op.operation['x-ms-notification'];
      if (!isObject(n) || typeof n.operationId !== 'string') continue;
      const sub = ctx.index.operationsById.get(n.operationId)?.[0];
      if (!sub || sub === op) continue;
      const subParams = operationParameters(root, sub);
      for (const p of operationParameters(root, op)) {
        if (p.in === 'body') continue;
        const q = subParams.find((x) => x.name === p.name && x.in !== 'body');
        if (!q) continue;
        const vis = (x: JsonObject) => (typeof x['x-ms-visibility'] === 'string' ? x['x-ms-visibility'] : 'none');
        if ((p.type ?? '') !== (q.type ?? '') || vis(p.param) !== vis(q.param)) {
          ctx.report({ ruleId: 'fetch-subscribe-same-params', pointer: p.pointer, message: `Parameter "${p.name}" differs between ${label(op)} (type ${p.type ?? 'none'}, visibility ${vis(p.param)}) and its subscribe operation ${label(sub)} (type ${q.type ?? 'none'}, visibility ${vis(q.param)}); make them agree.` });
        }
      }
    }
  },
};

export const rules: Rule[] = [outputRules, webhookRules, pollingRules, fetchSubscribe];
