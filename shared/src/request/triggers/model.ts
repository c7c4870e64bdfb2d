/**
 * What the Test panel needs to know about a trigger operation, read from the definition: polling
 * or webhook, batch or single, where the items of a batch are, the schema each fired item (or
 * each notification) must match, where the notification URL goes, which DELETE removes a
 * subscription. Static misconfigurations are named findings (see findings.ts), never throws.
 * Bounded: refs through the one resolver (hop limit), schema walks at most MAX_WALK nodes.
 */
import { followRefs } from '../../swagger/pointer';
import { findOperation, operationParameters } from '../swagger';
import type { SwaggerDocument, SwaggerSchema } from '../types';
import type { TriggerFinding } from './findings';

const MAX_WALK = 2000;
const MAX_DEPTH = 32;

export type TriggerMode = 'batch' | 'single';

/** Where the notification URL is written in the subscribe request. */
export type NotificationUrlTarget =
  /** A body property: the property names from the body root. */
  | { in: 'body'; path: string[] }
  /** A query/header/path parameter (form key `${in}:${name}`). */
  | { in: 'query' | 'header' | 'path'; name: string };

export interface TriggerInfo {
  operationId: string;
  kind: 'polling' | 'webhook';
  /** x-ms-trigger as written ('batch', 'single', or something else: see the findings). */
  mode: string;
  method: string;
  path: string;
  hint?: string;
  /** Polling: property names from the body root to the array of a batch ([] = the body itself). */
  itemPath?: string[];
  /** Polling: schema of one fired item; webhook: schema of one notification body. */
  itemSchema?: SwaggerSchema;
  /** Where itemSchema comes from, for messages ("200 response schema", "x-ms-notification-content"). */
  itemSchemaSource?: string;
  notificationUrl?: NotificationUrlTarget;
  /** Webhook: operationId of a DELETE operation that can remove the subscription. */
  deleteOperationId?: string;
  /** Static findings: the definition does not describe the contract the platform relies on. */
  findings: TriggerFinding[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resolve(doc: unknown, value: unknown): Record<string, unknown> | undefined {
  const r = followRefs(doc, value, '');
  return r && isRecord(r.value) ? r.value : undefined;
}

function isArraySchema(s: Record<string, unknown>): boolean {
  return s.type === 'array' || (s.type === undefined && s.items !== undefined);
}

/** The first 2xx response's schema (200 first, then 201, then any 2xx). */
function successSchema(doc: SwaggerDocument, responses: unknown): { code: string; schema: Record<string, unknown> } | undefined {
  if (!isRecord(responses)) return undefined;
  const codes = Object.keys(responses).filter((c) => /^2\d\d$/.test(c)).sort((a, b) => (a === '200' ? -1 : b === '200' ? 1 : a.localeCompare(b)));
  for (const code of codes) {
    const response = resolve(doc, responses[code]);
    const schema = response ? resolve(doc, response.schema) : undefined;
    if (schema) return { code, schema };
  }
  return undefined;
}

/** The array a batch fires from: the body when it is an array, else its `value` array, else its only array property. */
export function batchItems(doc: SwaggerDocument, schema: Record<string, unknown>): { path: string[]; items?: Record<string, unknown> } | undefined {
  if (isArraySchema(schema)) return { path: [], items: resolve(doc, schema.items) };
  const props = isRecord(schema.properties) ? schema.properties : {};
  const arrays = Object.entries(props)
    .map(([name, p]) => [name, resolve(doc, p)] as const)
    .filter((e): e is readonly [string, Record<string, unknown>] => !!e[1] && isArraySchema(e[1]));
  const chosen = arrays.find(([n]) => n === 'value') ?? (arrays.length === 1 ? arrays[0] : undefined);
  return chosen ? { path: [chosen[0]], items: resolve(doc, chosen[1].items) } : undefined;
}

/** Finds the x-ms-notification-url property in the body schema (bounded walk, refs followed). */
function notificationUrlInSchema(doc: SwaggerDocument, schema: unknown): string[] | undefined {
  const stack: Array<{ v: unknown; path: string[] }> = [{ v: schema, path: [] }];
  let visited = 0;
  const seen = new Set<unknown>();
  while (stack.length && visited++ < MAX_WALK) {
    const { v, path } = stack.pop()!;
    const s = resolve(doc, v);
    if (!s || seen.has(s) || path.length > MAX_DEPTH) continue;
    seen.add(s);
    if (s['x-ms-notification-url'] === true && path.length) return path;
    if (isRecord(s.properties)) for (const [k, c] of Object.entries(s.properties)) stack.push({ v: c, path: [...path, k] });
    if (Array.isArray(s.allOf)) for (const c of s.allOf) stack.push({ v: c, path });
  }
  return undefined;
}

function firstSegment(path: string): string {
  const segs = path.split('/').filter((x) => x && !/^(v\d+(\.\d+)?|api|\d+(\.\d+)*)$/i.test(x));
  return (segs[0] ?? '').toLowerCase();
}

/** The trigger of `operationId`, or undefined when the operation has no x-ms-trigger. */
export function triggerInfo(doc: SwaggerDocument, operationId: string): TriggerInfo | undefined {
  const located = findOperation(doc, operationId);
  if (!located) return undefined;
  const op = located.operation;
  if (op['x-ms-trigger'] === undefined) return undefined;
  const mode = typeof op['x-ms-trigger'] === 'string' ? op['x-ms-trigger'] : JSON.stringify(op['x-ms-trigger']);
  const findings: TriggerFinding[] = [];
  let params: ReturnType<typeof operationParameters> = [];
  try {
    params = operationParameters(doc, located);
  } catch (error) {
    findings.push({ code: 'definition-unreadable', level: 'error', message: (error as Error).message });
  }
  let notificationUrl: NotificationUrlTarget | undefined;
  for (const p of params) {
    if (p['x-ms-notification-url'] === true && p.in !== 'body' && p.in !== 'formData') notificationUrl = { in: p.in, name: p.name };
    else if (p.in === 'body') {
      const path = notificationUrlInSchema(doc, p.schema);
      if (path) notificationUrl = { in: 'body', path };
    }
  }
  const notificationContent = resolve(doc, located.pathItem['x-ms-notification-content']);
  const webhook = notificationUrl !== undefined || notificationContent !== undefined;
  const info: TriggerInfo = { operationId, kind: webhook ? 'webhook' : 'polling', mode, method: located.method.toUpperCase(), path: located.path, findings };
  if (typeof op['x-ms-trigger-hint'] === 'string' && op['x-ms-trigger-hint'].trim()) info.hint = op['x-ms-trigger-hint'];
  else findings.push({ code: 'trigger-hint-missing', level: 'info', message: 'x-ms-trigger-hint is missing: the designer shows no hint on how to make the trigger fire (e.g. "To see it work, create a task").' });
  if (mode !== 'batch' && mode !== 'single') findings.push({ code: 'trigger-kind-unknown', level: 'error', message: `x-ms-trigger is ${mode}; the platform knows "batch" (one run per array item) and "single" (one run per response).` });

  if (webhook) {
    if (notificationUrl) info.notificationUrl = notificationUrl;
    else findings.push({ code: 'notification-url-missing', level: 'error', message: 'No request property is marked "x-ms-notification-url": true, so the platform cannot give the API a callback URL.' });
    const schema = notificationContent ? resolve(doc, notificationContent.schema) : undefined;
    if (schema) {
      info.itemSchema = schema;
      info.itemSchemaSource = 'x-ms-notification-content schema';
    } else findings.push({ code: 'notification-content-missing', level: 'error', message: 'The path item has no x-ms-notification-content schema: notifications cannot be checked and the flow sees no outputs.' });
    const deletes: Array<{ path: string; operationId?: string; internal: boolean }> = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const del = isRecord(item) ? resolve(doc, item.delete) : undefined;
      if (del) deletes.push({ path, operationId: typeof del.operationId === 'string' ? del.operationId : undefined, internal: del['x-ms-visibility'] === 'internal' });
    }
    const related = deletes.find((d) => firstSegment(d.path) === firstSegment(located.path)) ?? deletes.find((d) => d.internal);
    if (related) info.deleteOperationId = related.operationId ?? `DELETE ${related.path}`;
    else findings.push({ code: 'delete-operation-missing', level: 'warning', message: 'No DELETE operation removes a subscription: flows that are turned off cannot unregister their callback.' });
    const responses = isRecord(op.responses) ? op.responses : {};
    const declaresLocation = Object.keys(responses).some((code) => {
      const r = /^2\d\d$/.test(code) ? resolve(doc, responses[code]) : undefined;
      return !!r && isRecord(r.headers) && Object.keys(r.headers).some((h) => h.toLowerCase() === 'location');
    });
    if (!declaresLocation) findings.push({ code: 'location-not-declared', level: 'warning', message: 'The registration response declares no Location header: the platform deletes the subscription at the Location it returns.' });
    return info;
  }

  if (info.method !== 'GET') findings.push({ code: 'polling-not-get', level: 'info', message: `A polling trigger is called with ${info.method}; accepted connectors poll with GET.` });
  const success = successSchema(doc, op.responses);
  if (!success) {
    findings.push({ code: 'response-schema-missing', level: 'warning', message: 'No 2xx response declares a schema: fired items cannot be checked and the flow sees no outputs.' });
    return info;
  }
  if (mode === 'batch') {
    const found = batchItems(doc, success.schema);
    if (!found) {
      findings.push({ code: 'batch-without-array', level: 'warning', message: `x-ms-trigger is "batch" but the ${success.code} response schema is not an array and holds no array of items: the platform cannot split it into runs.` });
      return info;
    }
    info.itemPath = found.path;
    if (found.items) {
      info.itemSchema = found.items;
      info.itemSchemaSource = `items of the ${success.code} response schema${found.path.length ? ` at ${found.path.join('.')}` : ''}`;
    }
  } else {
    if (isArraySchema(success.schema)) findings.push({ code: 'single-is-array', level: 'warning', message: `x-ms-trigger is "single" but the ${success.code} response schema is an array: the whole array fires one run; use "batch" for one run per item.` });
    info.itemSchema = success.schema;
    info.itemSchemaSource = `${success.code} response schema`;
  }
  const responses = isRecord(op.responses) ? op.responses : {};
  if (!('202' in responses)) findings.push({ code: 'no-202-declared', level: 'info', message: 'No 202 response is declared: the platform reads 202 (with Location and Retry-After) as "no new items".' });
  return info;
}
