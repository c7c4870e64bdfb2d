// Rule family 4 (x-ms extensions), trigger-related extensions: x-ms-trigger, x-ms-trigger-hint,
// x-ms-trigger-metadata/-value, x-ms-notification-content, x-ms-notification-url,
// x-ms-notification and x-ms-pageable. Trigger behaviour itself is family 6.
import { isObject, resolveLocalRef, type JsonObject, type OperationEntry } from '../languageService/connectorIndex';
import type { Rule, RuleContext } from './types';
import { effectiveParameters } from './util/parameters';
import { walkSwagger, type ExtensionUse } from './util/swaggerWalk';
import { isInternal } from './util/visibility';
import { encodePointerToken, followRefs } from '../../../shared/src/swagger/pointer';

const uses = (ctx: RuleContext, key: string): ExtensionUse[] => walkSwagger(ctx.index.definitionValue).extensionsByKey.get(key) ?? [];
const label = (op: OperationEntry) => op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
const esc = encodePointerToken;

const triggerRules: Rule = {
  ids: ['x-ms-trigger-kind', 'trigger-hint-trigger-only', 'trigger-metadata-shape', 'trigger-value-shape'],
  check(ctx) {
    const { report } = ctx;
    for (const u of uses(ctx, 'x-ms-trigger')) {
      if (u.node.kind !== 'operation') report({ ruleId: 'x-ms-trigger-kind', pointer: u.pointer, message: `x-ms-trigger belongs on an operation, not on ${u.node.kind === 'pathItem' ? 'a path item' : `a ${u.node.kind}`}.` });
      if (u.value !== 'single' && u.value !== 'batch') {
        const lower = typeof u.value === 'string' ? u.value.trim().toLowerCase() : '';
        report({ ruleId: 'x-ms-trigger-kind', pointer: u.pointer, target: 'value', message: `x-ms-trigger ${JSON.stringify(u.value)} is not supported; use ${lower === 'single' || lower === 'batch' ? `"${lower}"` : '"single" (one event, object response) or "batch" (array response)'}.` });
      }
    }
    for (const u of uses(ctx, 'x-ms-trigger-hint')) {
      if (typeof u.value !== 'string') report({ ruleId: 'trigger-hint-trigger-only', pointer: u.pointer, target: 'value', message: `x-ms-trigger-hint must be a string telling users how to fire the trigger.` });
      if (u.node.kind !== 'operation' || u.node.value['x-ms-trigger'] === undefined) report({ ruleId: 'trigger-hint-trigger-only', pointer: u.pointer, message: `x-ms-trigger-hint is only shown for triggers; ${u.node.kind === 'operation' ? 'this operation has no x-ms-trigger' : 'put it on a trigger operation'}.` });
    }
    for (const u of uses(ctx, 'x-ms-trigger-metadata')) {
      const v = u.value;
      if (!isObject(v) || v.kind !== 'query' || v.mode !== 'polling') {
        report({ ruleId: 'trigger-metadata-shape', pointer: u.pointer, target: isObject(v) ? 'key' : 'value', message: `x-ms-trigger-metadata must be { "kind": "query", "mode": "polling" }${isObject(v) ? ` (found kind ${JSON.stringify(v.kind)}, mode ${JSON.stringify(v.mode)})` : ''}.` });
      }
    }
    for (const u of uses(ctx, 'x-ms-trigger-value')) {
      const v = u.value;
      if (!isObject(v) || (typeof v['value-collection'] !== 'string' && typeof v['value-path'] !== 'string')) {
        report({ ruleId: 'trigger-value-shape', pointer: u.pointer, message: `x-ms-trigger-value must be an object with "value-collection" and/or "value-path".` });
      }
    }
  },
};

interface UrlLevel {
  required: boolean;
  internal: boolean;
  what: string;
}

interface UrlHit {
  pointer: string;
  schema: JsonObject;
  chain: UrlLevel[];
}

/** Every x-ms-notification-url inside an operation's body parameter, with the chain of levels above it. */
function notificationUrlsIn(root: unknown, op: OperationEntry): UrlHit[] {
  const hits: UrlHit[] = [];
  for (const p of effectiveParameters(root, op)) {
    if (p.in !== 'body' || !isObject(p.param.schema)) continue;
    const top: UrlLevel = { required: p.param.required === true, internal: isInternal(p.param), what: `body parameter ${p.name !== undefined ? `"${p.name}"` : ''}`.trim() };
    const stack: { schema: unknown; ptr: string; chain: UrlLevel[]; refs: Set<string> }[] = [{ schema: p.param.schema, ptr: `${p.targetPointer}/schema`, chain: [top], refs: new Set() }];
    let budget = 5000;
    while (stack.length && budget-- > 0) {
      const cur = stack.pop()!;
      let s = cur.schema;
      let ptr = cur.ptr;
      const refs = new Set(cur.refs);
      while (isObject(s) && typeof s.$ref === 'string' && !refs.has(s.$ref)) {
        refs.add(s.$ref);
        ptr = s.$ref.slice(1);
        s = resolveLocalRef(root, s.$ref);
      }
      if (!isObject(s) || typeof s.$ref === 'string' || cur.chain.length > 32) continue;
      const required = Array.isArray(s.required) ? s.required : [];
      if (isObject(s.properties)) {
        for (const [name, prop] of Object.entries(s.properties)) {
          if (!isObject(prop)) continue;
          const level: UrlLevel = { required: required.includes(name), internal: isInternal(prop), what: `property "${name}"` };
          const propPtr = `${ptr}/properties/${esc(name)}`;
          if (prop['x-ms-notification-url'] !== undefined) hits.push({ pointer: propPtr, schema: prop, chain: [...cur.chain, level] });
          stack.push({ schema: prop, ptr: propPtr, chain: [...cur.chain, level], refs });
        }
      }
      if (Array.isArray(s.allOf)) s.allOf.forEach((part, i) => stack.push({ schema: part, ptr: `${ptr}/allOf/${i}`, chain: cur.chain, refs }));
    }
  }
  return hits;
}

const notificationUrlRules: Rule = {
  ids: ['notification-url-boolean', 'notification-url-position', 'notification-url-internal', 'notification-url-required', 'notification-url-string', 'notification-content-required'],
  check(ctx) {
    const { report, index } = ctx;
    for (const u of uses(ctx, 'x-ms-notification-url')) {
      if (u.value !== true) report({ ruleId: 'notification-url-boolean', pointer: u.pointer, target: 'value', message: `x-ms-notification-url must be the boolean true${u.value === 'true' ? ' (not the string "true")' : ''}.` });
      const n = u.node;
      const where = n.side === 'response' ? 'a response' : n.kind === 'header' ? 'a header' : n.kind === 'parameter' && n.value.in !== 'body' ? `a ${String(n.value.in ?? 'non-body')} parameter` : n.paramIn !== undefined && n.paramIn !== 'body' ? `a ${n.paramIn} parameter` : undefined;
      if (where) report({ ruleId: 'notification-url-position', pointer: u.pointer, message: `x-ms-notification-url is not allowed in ${where}; mark the callback URL property inside the request body schema.` });
    }
    const def = index.definitionValue;
    for (const op of index.operations) {
      const hits = notificationUrlsIn(def, op);
      for (const h of hits) {
        if (h.schema['x-ms-notification-url'] !== true) continue;
        const prop = h.chain[h.chain.length - 1];
        if (!h.chain.some((l) => l.internal)) report({ ruleId: 'notification-url-internal', pointer: `${h.pointer}/x-ms-notification-url`, message: `The callback ${prop.what} of ${label(op)} is not hidden; add "x-ms-visibility": "internal" to it (or a parent).` });
        // The body parameter's own `required` is left out: accepted webhooks commonly omit it, and the
        // platform always sends the body it builds for the subscription.
        const notRequired = h.chain.slice(1).filter((l) => !l.required);
        if (notRequired.length) report({ ruleId: 'notification-url-required', pointer: `${h.pointer}/x-ms-notification-url`, message: `The callback ${prop.what} of ${label(op)} must be required at every level; not required: ${notRequired.map((l) => l.what).join(', ')}.` });
        if (h.schema.type !== 'string') report({ ruleId: 'notification-url-string', pointer: `${h.pointer}/x-ms-notification-url`, message: `The callback ${prop.what} of ${label(op)} must have "type": "string"${h.schema.type !== undefined ? `, not ${JSON.stringify(h.schema.type)}` : ''}.` });
      }
      if (hits.length && op.pathItem['x-ms-notification-content'] === undefined) {
        report({ ruleId: 'notification-content-required', pointer: op.pointer, message: `${label(op)} registers a callback (x-ms-notification-url) but its path item has no x-ms-notification-content; add one beside "${op.method}" describing the payload the service posts.` });
      }
    }
  },
};

const notificationContentRules: Rule = {
  ids: ['notification-content-shape'],
  check(ctx) {
    for (const u of uses(ctx, 'x-ms-notification-content')) {
      const v = u.value;
      if (u.node.kind !== 'pathItem') {
        ctx.report({ ruleId: 'notification-content-shape', pointer: u.pointer, message: `x-ms-notification-content belongs on the path item beside the verbs, not on ${u.node.kind === 'operation' ? 'the operation' : `a ${u.node.kind}`}; move it up one level.` });
      }
      if (!isObject(v) || !isObject(v.schema)) {
        ctx.report({ ruleId: 'notification-content-shape', pointer: u.pointer, target: isObject(v) ? 'key' : 'value', message: `x-ms-notification-content needs a "schema" describing the payload the service posts to the callback URL.` });
      }
    }
  },
};

/** Webhook operations: a callback URL in the body, or notification content on the path item. */
function isWebhook(root: unknown, op: OperationEntry): boolean {
  return op.pathItem['x-ms-notification-content'] !== undefined || notificationUrlsIn(root, op).length > 0;
}

const notificationRules: Rule = {
  ids: ['notification-target-webhook', 'notification-trigger-only', 'notification-not-in-webhook'],
  check(ctx) {
    const { report, index } = ctx;
    const def = index.definitionValue;
    for (const u of uses(ctx, 'x-ms-notification')) {
      const v = u.value;
      if (!isObject(v) || typeof v.operationId !== 'string') {
        report({ ruleId: 'notification-target-webhook', pointer: u.pointer, target: 'value', message: `x-ms-notification must be an object with an "operationId" naming a webhook operation.` });
      } else {
        const target = index.operationsById.get(v.operationId)?.[0];
        if (!target) report({ ruleId: 'notification-target-webhook', pointer: `${u.pointer}/operationId`, target: 'value', message: `x-ms-notification names operation "${v.operationId}", which does not exist in this definition.` });
        else if (!isWebhook(def, target)) report({ ruleId: 'notification-target-webhook', pointer: `${u.pointer}/operationId`, target: 'value', message: `x-ms-notification names "${v.operationId}", which is not a webhook operation (no x-ms-notification-url, no x-ms-notification-content).` });
      }
      if (u.node.kind !== 'operation') continue;
      const op = index.operations.find((o) => o.operation === u.node.value);
      if (!op) continue;
      if (op.operation['x-ms-trigger'] === undefined) report({ ruleId: 'notification-trigger-only', pointer: u.pointer, message: `x-ms-notification is supported on trigger operations only; ${label(op)} has no x-ms-trigger.` });
      else if (isWebhook(def, op)) report({ ruleId: 'notification-not-in-webhook', pointer: u.pointer, message: `x-ms-notification cannot be used on the webhook operation ${label(op)} itself.` });
    }
  },
};

const NEXT_LINK_NAMES = ['nextLink', '@odata.nextLink'];

const pageableRules: Rule = {
  ids: ['pageable-next-link-name', 'pageable-next-link-in-response'],
  check(ctx) {
    const { report, index } = ctx;
    const def = index.definitionValue;
    for (const u of uses(ctx, 'x-ms-pageable')) {
      const v = u.value;
      // Matched case-insensitively, as Microsoft does (accepted connectors write "nextlink").
      if (!isObject(v) || !NEXT_LINK_NAMES.some((n) => typeof v.nextLinkName === 'string' && n.toLowerCase() === v.nextLinkName.trim().toLowerCase())) {
        const name = isObject(v) ? v.nextLinkName : undefined;
        const fix = typeof name === 'string' ? NEXT_LINK_NAMES.find((n) => n.toLowerCase() === name.toLowerCase()) : undefined;
        report({ ruleId: 'pageable-next-link-name', pointer: isObject(v) && name !== undefined ? `${u.pointer}/nextLinkName` : u.pointer, target: 'value', message: `x-ms-pageable.nextLinkName must be "nextLink" or "@odata.nextLink"${name !== undefined ? `, not ${JSON.stringify(name)}` : ''}.${fix ? ` Use "${fix}".` : ''}` });
        continue;
      }
      for (const k of Object.keys(v)) if (k !== 'nextLinkName') report({ ruleId: 'pageable-next-link-name', pointer: `${u.pointer}/${esc(k)}`, message: `x-ms-pageable allows only "nextLinkName", not "${k}".` });
      if (u.node.kind !== 'operation') continue;
      const op = index.operations.find((o) => o.operation === u.node.value);
      if (!op) continue;
      const name = v.nextLinkName as string;
      const schema = successSchema(def, op);
      if (schema && isObject(schema.properties) && !(name in schema.properties)) {
        report({ ruleId: 'pageable-next-link-in-response', pointer: `${u.pointer}/nextLinkName`, target: 'value', message: `x-ms-pageable names "${name}", but the success response schema of ${label(op)} has no root property "${name}".` });
      }
      if (!updateNextLinkCovers(index.propertiesValue, op)) {
        report({ ruleId: 'pageable-next-link-in-response', pointer: u.pointer, message: `No "updatenextlink" policy in apiProperties.json covers ${label(op)}; add one so the next-page link is routed through the connector.` });
      }
    }
  },
};

function successSchema(root: unknown, op: OperationEntry): JsonObject | undefined {
  const responses = op.operation.responses;
  if (!isObject(responses)) return undefined;
  const code = Object.keys(responses).find((c) => /^2\d\d$/.test(c));
  if (!code) return undefined;
  const r = followRefs(root, responses[code], '')?.value;
  const s = isObject(r) ? followRefs(root, r.schema, '')?.value : undefined;
  return isObject(s) ? s : undefined;
}

function updateNextLinkCovers(props: JsonObject | undefined, op: OperationEntry): boolean {
  const inner = props && isObject(props.properties) ? props.properties : undefined;
  const list = inner?.policyTemplateInstances;
  if (!Array.isArray(list)) return false;
  return list.some((p) => {
    if (!isObject(p) || typeof p.templateId !== 'string' || p.templateId.toLowerCase() !== 'updatenextlink') return false;
    const ops = isObject(p.parameters) ? p.parameters['x-ms-apimTemplate-operationName'] : undefined;
    return !Array.isArray(ops) || ops.length === 0 || (op.operationId !== undefined && ops.includes(op.operationId));
  });
}

export const rules: Rule[] = [triggerRules, notificationUrlRules, notificationContentRules, notificationRules, pageableRules];
