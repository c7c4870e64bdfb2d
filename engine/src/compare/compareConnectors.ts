// Breaking-change comparison of two versions of a connector (definition + apiProperties.json), as
// Microsoft's pipeline does when a published connector is updated ("The operation has been
// deleted. This change breaks existing flows. ValuePath: operation/X Source: NewSwagger").
// Pure: plain JSON values in, findings out, no file access. Schemas and parameters are compared by
// what their `$ref`s resolve to (the one resolver, shared/src/swagger/pointer.ts; the one operation
// model, shared/src/swagger/operationModel.ts), so reformatting, reordering keys or moving an
// inline schema into `definitions` changes nothing. Every walk is bounded (depth, nodes, findings).
import { followRefs, pathToPointer } from '../../../shared/src/swagger/pointer';
import { operationParameters, parameterKey, type OperationParameter } from '../../../shared/src/swagger/operationModel';
import { HTTP_METHODS, isObject, type JsonObject, type OperationEntry } from '../languageService/connectorIndex';
import { notificationUrlIn } from '../rules/triggersWebhooks';
import { visibilityOf } from '../rules/util/visibility';
import type { Finding } from '../rules/types';
import type { ChangeKind } from './kinds';

export interface ConnectorVersion {
  /** The parsed definition (plain JSON). */
  definition?: unknown;
  /** The parsed apiProperties.json. */
  properties?: unknown;
}

export interface CompareBudget {
  /** Schema nesting followed (through `$ref`s) before a branch is left uncompared. */
  maxDepth: number;
  /** Schema nodes compared in all before the comparison stops (truncated). */
  maxNodes: number;
  /** Findings kept before the comparison stops (truncated). */
  maxFindings: number;
  /** Also list the operations that changed in any way (the editor's CodeLens); the CLI does not need them. */
  changedOperations?: boolean;
  /** Skip a pair of schemas proven equal with no $ref inside (default on; tests turn it off to check it changes no finding). */
  skipEqualSchemas?: boolean;
}

export const DEFAULT_COMPARE_BUDGET: CompareBudget = { maxDepth: 48, maxNodes: 400_000, maxFindings: 2000 };

export interface ChangeFinding extends Finding {
  ruleId: ChangeKind;
  /** apiProperties.json findings say so; definition findings leave it out or say 'definition'. */
  file?: 'definition' | 'properties';
  /** RFC 6901 pointer in the NEW file (the enclosing object or the top when the thing was deleted). */
  pointer: string;
  /** The operationId the finding belongs to (the new one when it was renamed). */
  operationId?: string;
  /** Microsoft's ValuePath form: operation/<id>/parameter/<name>/..., responses/200/schema/a/type. */
  valuePath?: string;
  before?: string;
  after?: string;
  /** What to do instead. */
  fix: string;
}

export interface ChangedOperation {
  operationId: string;
  /** Pointer of the operation in the new definition. */
  pointer: string;
  status: 'added' | 'changed';
}

export interface Comparison {
  findings: ChangeFinding[];
  /** Operations of the new definition that differ from the old one (by resolved content) or are new. */
  changedOperations: ChangedOperation[];
  /** True when a budget stopped the comparison early: the findings are incomplete. */
  truncated: boolean;
}

const DEPRECATE_FIX = 'Keep the operation and deprecate it instead: add "deprecated": true, "x-ms-api-annotation": { "status": "Deprecated" } and "x-ms-visibility": "internal", and add the new operation beside it (for example with a "V2" suffix and "x-ms-api-annotation": { "family", "revision" }).';
const NEW_OPERATION_FIX = 'Leave this operation as it was and add a new operation (for example "<id>V2" with "x-ms-api-annotation": { "family": "<id>", "revision": 2 }) for the new contract; deprecate the old one.';

class Budget {
  nodes = 0;
  truncated = false;
  constructor(readonly limits: CompareBudget) {}
  step(): boolean {
    if (this.truncated) return false;
    if (++this.nodes > this.limits.maxNodes) this.truncated = true;
    return !this.truncated;
  }
}

interface Ctx {
  oldRoot: JsonObject;
  newRoot: JsonObject;
  findings: ChangeFinding[];
  budget: Budget;
}

function add(ctx: Ctx, f: ChangeFinding): void {
  if (ctx.findings.length >= ctx.budget.limits.maxFindings) {
    ctx.budget.truncated = true;
    return;
  }
  ctx.findings.push(f);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v));
const opLabel = (op: OperationEntry) => `${op.method.toUpperCase()} ${op.path}`;
const normalizedPath = (p: string) => p.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '').toLowerCase();

/** Compares the old and the new version of a connector. Never throws on any JSON. */
export function compareConnectors(oldVersion: ConnectorVersion, newVersion: ConnectorVersion, budget: Partial<CompareBudget> = {}): Comparison {
  const limits = { ...DEFAULT_COMPARE_BUDGET, ...budget };
  const result: Comparison = { findings: [], changedOperations: [], truncated: false };
  const oldRoot = isObject(oldVersion.definition) ? oldVersion.definition : undefined;
  const newRoot = isObject(newVersion.definition) ? newVersion.definition : undefined;
  const ctx: Ctx = { oldRoot: oldRoot ?? {}, newRoot: newRoot ?? {}, findings: result.findings, budget: new Budget(limits) };
  if (oldRoot && newRoot) {
    compareOperations(ctx, result);
    compareTop(ctx);
    compareSecurityDefinitions(ctx);
  }
  compareProperties(ctx, oldVersion.properties, newVersion.properties, oldRoot, newRoot);
  result.truncated = ctx.budget.truncated;
  return result;
}

// ---------------------------------------------------------------- operations

/** The operations of a definition, by id (the first of duplicates), in document order. */
function operationIndex(root: JsonObject): { operations: OperationEntry[]; operationsById: Map<string, OperationEntry[]> } {
  const operations: OperationEntry[] = [];
  const operationsById = new Map<string, OperationEntry[]>();
  if (!isObject(root.paths)) return { operations, operationsById };
  for (const [p, item] of Object.entries(root.paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operationId = str(op.operationId);
      const entry: OperationEntry = { path: p, method, pointer: pathToPointer(['paths', p, method]), operation: op, pathItem: item, operationId };
      operations.push(entry);
      if (operationId !== undefined) operationsById.set(operationId, [...(operationsById.get(operationId) ?? []), entry]);
    }
  }
  return { operations, operationsById };
}

function compareOperations(ctx: Ctx, result: Comparison): void {
  const oldIndex = operationIndex(ctx.oldRoot);
  const newIndex = operationIndex(ctx.newRoot);
  const newByRoute = new Map<string, OperationEntry>();
  for (const op of newIndex.operations) newByRoute.set(`${op.method} ${normalizedPath(op.path)}`, op);
  const oldIds = new Set(oldIndex.operationsById.keys());
  const matchedNew = new Set<OperationEntry>();
  const canon = ctx.budget.limits.changedOperations === false ? undefined : { old: Fingerprints.of(ctx.oldRoot), new: Fingerprints.of(ctx.newRoot) };

  for (const [id, [before]] of oldIndex.operationsById) {
    if (ctx.budget.truncated) break;
    const same = newIndex.operationsById.get(id)?.[0];
    if (same) {
      matchedNew.add(same);
      compareOperationPair(ctx, id, before, same);
      if (canon && (canon.old.of(before.operation, before.pathItem) !== canon.new.of(same.operation, same.pathItem) || before.method !== same.method || before.path !== same.path)) {
        result.changedOperations.push({ operationId: id, pointer: same.pointer, status: 'changed' });
      }
      continue;
    }
    // Rename detection: the same method and path under an id the old version did not have.
    const route = newByRoute.get(`${before.method} ${normalizedPath(before.path)}`);
    if (route && route.operationId !== undefined && !oldIds.has(route.operationId) && !matchedNew.has(route)) {
      matchedNew.add(route);
      add(ctx, {
        ruleId: 'breaking-operation-id-changed',
        pointer: route.pointer + '/operationId',
        target: 'value',
        operationId: route.operationId,
        valuePath: `operation/${id}`,
        before: id,
        after: route.operationId,
        message: `The operationId of ${opLabel(route)} changed from "${id}" to "${route.operationId}". Existing flows refer to operations by id: this change breaks them (Microsoft: "The operation has been updated. This change breaks existing flows.").`,
        fix: `Put back "operationId": "${id}"; if the new id is needed, add the new operation beside the old one and deprecate the old one.`,
      });
      compareOperationPair(ctx, route.operationId, before, route, true);
      result.changedOperations.push({ operationId: route.operationId, pointer: route.pointer, status: 'changed' });
      continue;
    }
    const pathItemPointer = isObject(ctx.newRoot.paths) && isObject(ctx.newRoot.paths[before.path]) ? pathToPointer(['paths', before.path]) : isObject(ctx.newRoot.paths) ? '/paths' : '';
    add(ctx, {
      ruleId: 'breaking-operation-removed',
      pointer: pathItemPointer,
      operationId: id,
      valuePath: `operation/${id}`,
      before: `${id} (${opLabel(before)})`,
      after: '(deleted)',
      message: `The operation "${id}" (${opLabel(before)}) has been deleted. This change breaks existing flows that use it (Microsoft: "The operation has been deleted. This change breaks existing flows. ValuePath: operation/${id}").`,
      fix: DEPRECATE_FIX,
    });
  }
  for (const op of canon ? newIndex.operations : []) {
    if (matchedNew.has(op) || op.operationId === undefined || oldIds.has(op.operationId)) continue;
    result.changedOperations.push({ operationId: op.operationId, pointer: op.pointer, status: 'added' });
  }
}

function compareOperationPair(ctx: Ctx, id: string, before: OperationEntry, after: OperationEntry, renamed = false): void {
  const vp = `operation/${id}`;
  if (!renamed && normalizedPath(before.path) !== normalizedPath(after.path)) {
    add(ctx, {
      ruleId: 'breaking-operation-path-changed',
      pointer: pathToPointer(['paths', after.path]),
      operationId: id,
      valuePath: vp,
      before: before.path,
      after: after.path,
      message: `The path template has been changed for the operation "${id}": ${before.path} → ${after.path}. Existing flows call the old path.`,
      fix: NEW_OPERATION_FIX.replace(/<id>/g, id),
    });
  }
  if (!renamed && before.method !== after.method) {
    add(ctx, {
      ruleId: 'breaking-operation-method-changed',
      pointer: after.pointer,
      operationId: id,
      valuePath: vp,
      before: before.method.toUpperCase(),
      after: after.method.toUpperCase(),
      message: `The HTTP method of the operation "${id}" changed: ${before.method.toUpperCase()} → ${after.method.toUpperCase()} (${after.path}). Existing flows will call the API with the old method.`,
      fix: NEW_OPERATION_FIX.replace(/<id>/g, id),
    });
  }
  const ob = before.operation;
  const oa = after.operation;
  if (visibilityOf(ob) !== 'internal' && visibilityOf(oa) === 'internal') {
    add(ctx, {
      ruleId: 'breaking-operation-hidden',
      pointer: after.pointer + '/x-ms-visibility',
      target: 'value',
      operationId: id,
      valuePath: `${vp}/x-ms-visibility`,
      before: show(ob['x-ms-visibility']),
      after: show(oa['x-ms-visibility']),
      message: `The operation "${id}" has been hidden (x-ms-visibility ${show(ob['x-ms-visibility'])} → "internal"). This change breaks the designer for existing flows (Microsoft's breaking-change check reports it; reviewers accept it for a deprecated operation).`,
      fix: 'Hide an operation only when it is deprecated ("deprecated": true) and a replacement exists; otherwise keep its visibility.',
    });
  }
  if (ob.deprecated !== true && oa.deprecated === true) {
    add(ctx, {
      ruleId: 'breaking-operation-deprecated',
      pointer: after.pointer + '/deprecated',
      target: 'value',
      operationId: id,
      valuePath: `${vp}/deprecated`,
      before: show(ob.deprecated),
      after: 'true',
      message: `The operation "${id}" is now deprecated. Existing flows keep working; makers see it as deprecated.`,
      fix: 'Good practice: also set "x-ms-api-annotation": { "status": "Deprecated" } and "x-ms-visibility": "internal", name the replacement in the description, and keep the operation until flows have moved.',
    });
  }
  compareTrigger(ctx, id, before, after);
  compareParameters(ctx, id, before, after);
  compareResponses(ctx, id, before, after);
}

/** Where a webhook's notification content is: on the path item beside the verbs (as accepted connectors put it), else on the operation. */
function notificationContent(op: OperationEntry): { value: unknown; pointer: string } | undefined {
  if (op.pathItem['x-ms-notification-content'] !== undefined) return { value: op.pathItem['x-ms-notification-content'], pointer: pathToPointer(['paths', op.path, 'x-ms-notification-content']) };
  if (op.operation['x-ms-notification-content'] !== undefined) return { value: op.operation['x-ms-notification-content'], pointer: op.pointer + '/x-ms-notification-content' };
  return undefined;
}

function triggerShape(root: JsonObject, op: OperationEntry): { mode: 'action' | 'polling' | 'webhook'; cardinality?: string } {
  const t = op.operation['x-ms-trigger'];
  if (t === undefined) return { mode: 'action' };
  const cardinality = str(t)?.toLowerCase();
  // A webhook as the trigger rules read it: a callback URL input, or notification content.
  if (notificationUrlIn(root, op) !== undefined || notificationContent(op) !== undefined) return { mode: 'webhook', cardinality };
  return { mode: 'polling', cardinality };
}

function compareTrigger(ctx: Ctx, id: string, before: OperationEntry, after: OperationEntry): void {
  const b = triggerShape(ctx.oldRoot, before);
  const a = triggerShape(ctx.newRoot, after);
  const label = (s: typeof a) => (s.mode === 'action' ? 'an action' : `a ${s.mode} trigger${s.cardinality ? ` (${s.cardinality})` : ''}`);
  if (b.mode !== a.mode || b.cardinality !== a.cardinality) {
    const where = after.operation['x-ms-trigger'] !== undefined ? after.pointer + '/x-ms-trigger' : after.pointer;
    add(ctx, {
      ruleId: 'breaking-trigger-kind-changed',
      pointer: where,
      target: where === after.pointer ? 'key' : 'value',
      operationId: id,
      valuePath: `operation/${id}/x-ms-trigger`,
      before: label(b),
      after: label(a),
      message: `The operation "${id}" changed from ${label(b)} to ${label(a)}. Flows built on it stop working (a trigger's kind decides how the platform runs it).`,
      fix: NEW_OPERATION_FIX.replace(/<id>/g, id),
    });
    return;
  }
  if (b.mode !== 'webhook') return;
  const bn = notificationContent(before);
  const an = notificationContent(after);
  const bc = bn && followRefs(ctx.oldRoot, bn.value, bn.pointer);
  const ac = an && followRefs(ctx.newRoot, an.value, an.pointer);
  const bSchema = bc && isObject(bc.value) ? bc.value.schema : undefined;
  if (!bc || bSchema === undefined) return;
  const aSchema = ac && isObject(ac.value) ? ac.value.schema : undefined;
  const vp = `operation/${id}/x-ms-notification-content/schema`;
  if (!ac || aSchema === undefined) {
    add(ctx, { ruleId: 'breaking-notification-content-changed', pointer: ac ? ac.pointer : pathToPointer(['paths', after.path]), operationId: id, valuePath: vp, before: 'a schema', after: '(none)', message: `The x-ms-notification-content of the trigger "${id}" lost its schema: flows that use the trigger's outputs break.`, fix: 'Put back the notification schema (new fields may be added; existing ones keep their names and types).' });
    return;
  }
  compareSchema(ctx, { kind: 'notification', id, valuePath: vp }, bSchema, bc.pointer + '/schema', aSchema, ac.pointer + '/schema', 0);
}

// ---------------------------------------------------------------- parameters

function paramsOf(root: JsonObject, op: OperationEntry): OperationParameter[] {
  const seen = new Set<string>();
  const out: OperationParameter[] = [];
  for (const p of operationParameters(root, op.path, op.method, op.pathItem, op.operation)) {
    const key = parameterKey(p);
    if (!p.resolved || key === undefined || seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

const isRequired = (p: OperationParameter) => p.param.required === true || p.in === 'path';
const paramType = (root: JsonObject, p: OperationParameter): string | undefined => {
  if (p.in !== 'body') return str(p.param.type);
  const s = followRefs(root, p.param.schema, p.targetPointer + '/schema');
  return s && isObject(s.value) ? str(s.value.type) : undefined;
};
const hasDefault = (root: JsonObject, p: OperationParameter): boolean => {
  if (p.param.default !== undefined) return true;
  if (p.in !== 'body') return false;
  const s = followRefs(root, p.param.schema, p.targetPointer + '/schema');
  return !!s && isObject(s.value) && s.value.default !== undefined;
};

function compareParameters(ctx: Ctx, id: string, before: OperationEntry, after: OperationEntry): void {
  const olds = paramsOf(ctx.oldRoot, before);
  const news = paramsOf(ctx.newRoot, after);
  const pairs: [OperationParameter, OperationParameter][] = [];
  const usedNew = new Set<OperationParameter>();
  const unmatchedOld: OperationParameter[] = [];
  // 1. same name and location; 2. same name, another location; 3. same location, another name (a rename).
  for (const o of olds) {
    const n = news.find((x) => !usedNew.has(x) && x.name === o.name && x.in === o.in);
    if (n) {
      pairs.push([o, n]);
      usedNew.add(n);
    } else unmatchedOld.push(o);
  }
  const stillOld: OperationParameter[] = [];
  for (const o of unmatchedOld) {
    const n = news.find((x) => !usedNew.has(x) && x.name === o.name);
    if (n) {
      pairs.push([o, n]);
      usedNew.add(n);
    } else stillOld.push(o);
  }
  const removed: OperationParameter[] = [];
  for (const o of stillOld) {
    const n = news.find((x) => !usedNew.has(x) && x.in === o.in && !olds.some((y) => y.name === x.name) && paramType(ctx.newRoot, x) === paramType(ctx.oldRoot, o));
    if (n) {
      usedNew.add(n);
      const vp = `operation/${id}/parameter/${o.name}`;
      add(ctx, {
        ruleId: 'breaking-parameter-name-changed',
        pointer: n.pointer,
        operationId: id,
        valuePath: vp,
        before: o.name,
        after: n.name,
        message: `The ${o.in} parameter "${o.name}" of "${id}" was renamed to "${n.name}". Existing flows keep sending "${o.name}".`,
        fix: `Keep the name "${o.name}" (change "x-ms-summary" to change what makers see).`,
      });
      compareParameterPair(ctx, id, o, n, true);
    } else removed.push(o);
  }
  for (const [o, n] of pairs) compareParameterPair(ctx, id, o, n, false);
  for (const o of removed) {
    add(ctx, {
      ruleId: 'breaking-parameter-removed',
      pointer: isObject(after.operation) && Array.isArray(after.operation.parameters) ? after.pointer + '/parameters' : after.pointer,
      operationId: id,
      valuePath: `operation/${id}/parameter/${o.name}`,
      before: `${o.in} parameter "${o.name}"`,
      after: '(removed)',
      message: `The ${o.in} parameter "${o.name}" of "${id}" has been removed. Existing flows that set it lose the value or fail.`,
      fix: `Keep the parameter; if the API ignores it now, mark it "x-ms-visibility": "internal" with a default, or add a new operation without it.`,
    });
  }
  for (const n of news) {
    if (usedNew.has(n) || !isRequired(n)) continue;
    const withDefault = hasDefault(ctx.newRoot, n);
    add(ctx, {
      ruleId: withDefault ? 'breaking-parameter-required-default-added' : 'breaking-parameter-required-added',
      pointer: n.pointer,
      operationId: id,
      valuePath: `operation/${id}/parameter/${n.name}`,
      before: '(none)',
      after: `required ${n.in} parameter "${n.name}"${withDefault ? ' with a default' : ''}`,
      message: withDefault
        ? `The required input field "${n.name}" (${n.in}) has been added to "${id}" with a default value. Existing flows will not send this new field (Microsoft: "The required input field has been added with default value.").`
        : `The required input field "${n.name}" (${n.in}) has been added to "${id}" without a default. Existing flows will not send this new field and fail (Microsoft: "The required input field has been added. Existing flows will not send this new field.").`,
      fix: withDefault ? 'Make it optional (the default applies when it is missing), or add a new operation.' : `Make "${n.name}" optional, or give it a default and "x-ms-visibility": "internal", or add a new operation that requires it.`,
    });
  }
}

function compareParameterPair(ctx: Ctx, id: string, o: OperationParameter, n: OperationParameter, renamed: boolean): void {
  const name = n.name ?? '';
  const vp = `operation/${id}/parameter/${o.name}`;
  const base = { operationId: id };
  if (o.in !== n.in) {
    add(ctx, { ...base, ruleId: 'breaking-parameter-location-changed', pointer: n.targetPointer + '/in', target: 'value', valuePath: vp, before: o.in, after: n.in, message: `The location has been changed for the parameter "${name}" of "${id}": ${o.in} → ${n.in}. Existing flows will continue to send the parameter in the old location.`, fix: `Keep "in": "${o.in}", or add a new operation.` });
  }
  if (!renamed && !isRequired(o) && isRequired(n) && o.in === n.in) {
    add(ctx, { ...base, ruleId: 'breaking-parameter-required-turned-on', pointer: n.targetPointer + (n.param.required !== undefined ? '/required' : ''), target: 'value', valuePath: `${vp}/required`, before: 'optional', after: 'required', message: `The parameter "${name}" of "${id}" became required. Existing flows that leave it empty will fail.`, fix: 'Keep it optional (handle a missing value in the API, a policy or a default), or add a new operation.' });
  }
  if (n.in === 'body' && o.in === 'body') {
    compareSchema(ctx, { kind: 'input', id, valuePath: `operation/${id}/parameter/${name}/schema` }, o.param.schema, o.targetPointer + '/schema', n.param.schema, n.targetPointer + '/schema', 0);
    compareDynamic(ctx, id, `${vp}`, o.param, n.param, n.targetPointer);
    return;
  }
  compareScalarShape(ctx, { kind: 'input', id, valuePath: vp }, o.param, n.param, n.targetPointer, name);
  if (str(o.param['x-ms-url-encoding']) !== str(n.param['x-ms-url-encoding'])) {
    const has = n.param['x-ms-url-encoding'] !== undefined;
    add(ctx, { ...base, ruleId: 'breaking-parameter-encoding-changed', pointer: n.targetPointer + (has ? '/x-ms-url-encoding' : ''), target: has ? 'value' : 'key', valuePath: `${vp}/x-ms-url-encoding`, before: show(o.param['x-ms-url-encoding']), after: show(n.param['x-ms-url-encoding']), message: `The encoding has been changed for the parameter "${name}" of "${id}": x-ms-url-encoding ${show(o.param['x-ms-url-encoding'])} → ${show(n.param['x-ms-url-encoding'])}. Existing flows will continue to use the old encoding.`, fix: `Keep "x-ms-url-encoding" as it was.` });
  }
  if (isObject(o.param.items) || isObject(n.param.items)) {
    compareItems(ctx, { kind: 'input', id, valuePath: vp }, o.param, o.targetPointer, n.param, n.targetPointer, 0);
  }
  compareDynamic(ctx, id, vp, o.param, n.param, n.targetPointer);
}

interface Direction {
  kind: 'input' | 'output' | 'notification';
  id: string;
  valuePath: string;
}

/** type, format, enum and x-ms-visibility of a parameter or schema (no recursion). */
function compareScalarShape(ctx: Ctx, dir: Direction, o: JsonObject, n: JsonObject, nPtr: string, label: string): boolean {
  const ot = str(o.type);
  const nt = str(n.type);
  const where = label ? `"${label}"` : 'the schema';
  const opText = `of "${dir.id}"`;
  if (ot !== undefined && nt !== undefined && ot !== nt) {
    const ruleId: ChangeKind = dir.kind === 'input' ? 'breaking-parameter-type-changed' : dir.kind === 'output' ? 'breaking-response-type-changed' : 'breaking-notification-content-changed';
    const msg = dir.kind === 'input'
      ? `The type has been changed for the input field ${where} ${opText}: ${ot} → ${nt}. Existing flows will continue to send the field with the old type.`
      : `The type has been changed for the output field ${where} ${opText}: ${ot} → ${nt}. Existing flows may be broken if they are using this field.`;
    add(ctx, { ruleId, pointer: nPtr + '/type', target: 'value', operationId: dir.id, valuePath: `${dir.valuePath}/type`, before: ot, after: nt, message: msg, ...(dir.kind === 'output' ? { msCode: 'OutputFieldTypeChanged' } : {}), fix: `Keep "type": "${ot}"; return or accept the new shape under a new field or a new operation.` });
    return true;
  }
  const of = str(o.format);
  const nf = str(n.format);
  if (of !== nf && ot === nt) {
    const ruleId: ChangeKind = dir.kind === 'input' ? 'breaking-parameter-format-changed' : dir.kind === 'output' ? 'breaking-response-format-changed' : 'breaking-notification-content-changed';
    const has = n.format !== undefined;
    const msg = dir.kind === 'input'
      ? `The type format has been changed for the input field ${where} ${opText}: ${show(of)} → ${show(nf)}. Existing flows will continue to send values in the old format.`
      : `The type format has been changed for the output field ${where} ${opText}: ${show(of)} → ${show(nf)}. Existing flows may be broken if they are using this field.`;
    add(ctx, { ruleId, pointer: nPtr + (has ? '/format' : ''), target: has ? 'value' : 'key', operationId: dir.id, valuePath: `${dir.valuePath}/format`, before: show(of), after: show(nf), message: msg, ...(dir.kind === 'output' ? { msCode: 'OutputFieldTypeFormatChanged' } : {}), fix: of === undefined ? 'Leave the format out as before, or add a new field with the format.' : `Keep "format": "${of}".` });
  }
  if (dir.kind === 'input') {
    const oe = Array.isArray(o.enum) ? o.enum : undefined;
    const ne = Array.isArray(n.enum) ? n.enum : undefined;
    if (ne) {
      const kept = new Set(ne.map((v) => JSON.stringify(v)));
      const gone = oe ? oe.filter((v) => !kept.has(JSON.stringify(v))) : undefined;
      if (!oe || (gone && gone.length)) {
        add(ctx, {
          ruleId: 'breaking-enum-value-removed',
          pointer: nPtr + '/enum',
          target: 'value',
          operationId: dir.id,
          valuePath: `${dir.valuePath}/enum`,
          before: oe ? oe.map(show).join(', ') : '(any value)',
          after: ne.map(show).join(', '),
          message: oe
            ? `Enum value${gone!.length > 1 ? 's' : ''} ${gone!.map(show).join(', ')} of the input field ${where} ${opText} ${gone!.length > 1 ? 'were' : 'was'} removed. Existing flows that send ${gone!.length > 1 ? 'them' : 'it'} will fail.`
            : `The list of enum values has been added to the input field ${where} ${opText}. Existing flows may use values outside of this list.`,
          fix: oe ? 'Keep the old values in "enum" (hide them from makers with "x-ms-enum-values" if needed, and map them in the API or a policy).' : 'Leave the field free (suggest values with "x-ms-dynamic-values" or the description instead of "enum").',
        });
      }
    }
    const ov = visibilityOf(o);
    const nv = visibilityOf(n);
    if (ov !== nv) {
      const has = n['x-ms-visibility'] !== undefined;
      add(ctx, { ruleId: 'breaking-parameter-visibility-changed', pointer: nPtr + (has ? '/x-ms-visibility' : ''), target: has ? 'value' : 'key', operationId: dir.id, valuePath: `${dir.valuePath}/x-ms-visibility`, before: show(o['x-ms-visibility']), after: show(n['x-ms-visibility']), message: `x-ms-visibility of the input field ${where} ${opText} changed: ${show(o['x-ms-visibility'])} → ${show(n['x-ms-visibility'])}. ${nv === 'internal' ? 'Makers can no longer see or change the value their flows send.' : 'The designer shows it differently to makers of existing flows.'}`, fix: 'Keep the visibility; if the field must be hidden, give it a default that matches what flows sent.' });
    }
  }
  return false;
}

function compareItems(ctx: Ctx, dir: Direction, o: JsonObject, oPtr: string, n: JsonObject, nPtr: string, depth: number, visited: Set<string> = new Set()): void {
  if (o.items === undefined) return;
  const oi = followRefs(ctx.oldRoot, o.items, oPtr + '/items');
  if (!oi || !isObject(oi.value)) return;
  if (n.items === undefined) {
    if (str(n.type) !== 'array') return; // the type change was reported
    add(ctx, { ruleId: 'breaking-array-items-changed', pointer: nPtr, operationId: dir.id, valuePath: `${dir.valuePath}/items`, before: show(oi.value.type ?? 'a schema'), after: '(no items)', message: `The array items of ${dir.kind === 'input' ? 'the input field' : 'the output field'} in "${dir.id}" lost their schema.`, fix: 'Put back "items" as it was.' });
    return;
  }
  const ni = followRefs(ctx.newRoot, n.items, nPtr + '/items');
  if (!ni || !isObject(ni.value)) return;
  const ot = str(oi.value.type);
  const nt = str(ni.value.type);
  if (ot !== undefined && nt !== undefined && ot !== nt) {
    add(ctx, { ruleId: 'breaking-array-items-changed', pointer: ni.pointer + '/type', target: 'value', operationId: dir.id, valuePath: `${dir.valuePath}/items/type`, before: `array of ${ot}`, after: `array of ${nt}`, message: `The array items of the ${dir.kind === 'input' ? 'input' : 'output'} field in "${dir.id}" changed type: array of ${ot} → array of ${nt}. Existing flows that ${dir.kind === 'input' ? 'send' : 'read'} the items break.`, fix: `Keep "items": { "type": "${ot}" }; return the new items under a new field.` });
    return;
  }
  if (dir.kind === 'input' && oi.value.properties === undefined && ni.value.properties === undefined) {
    compareScalarShape(ctx, { ...dir, valuePath: `${dir.valuePath}/items` }, oi.value, ni.value, ni.pointer, '');
    return;
  }
  compareSchema(ctx, { ...dir, valuePath: `${dir.valuePath}/items` }, o.items, oPtr + '/items', n.items, nPtr + '/items', depth + 1, visited);
}

const DYNAMIC_KEYS = ['x-ms-dynamic-values', 'x-ms-dynamic-list', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties', 'x-ms-dynamic-tree'] as const;

function compareDynamic(ctx: Ctx, id: string, vp: string, o: JsonObject, n: JsonObject, nPtr: string): void {
  for (const key of DYNAMIC_KEYS) {
    if (o[key] === undefined) continue;
    const before = canonicalPlain(o[key]);
    const after = canonicalPlain(n[key]);
    if (before === after) continue;
    const target = (v: unknown) => (isObject(v) ? str(v.operationId) ?? str(v.operationid) ?? (isObject(v.open) ? str(v.open.operationId) : undefined) : undefined);
    const ot = target(o[key]);
    const nt = target(n[key]);
    add(ctx, {
      ruleId: 'breaking-dynamic-changed',
      pointer: nPtr + (n[key] !== undefined ? '/' + key : ''),
      operationId: id,
      valuePath: `${vp}/${key}`,
      before: ot ? `target "${ot}"` : 'as before',
      after: n[key] === undefined ? '(removed)' : nt ? `target "${nt}"` : 'changed',
      message: n[key] === undefined
        ? `${key} was removed from "${vp.split('/').slice(-1)[0]}" of "${id}": the designer no longer lists the values existing flows chose from.`
        : `${key} of "${vp.split('/').slice(-1)[0]}" of "${id}" changed (${ot !== nt ? `target ${show(ot)} → ${show(nt)}` : 'parameter mapping or value fields'}). Existing flows keep their saved values, which the new lookup may not offer or may shape differently.`,
      fix: 'Keep the lookup target and its parameter mapping; add a new operation for a different lookup.',
    });
  }
}

// ---------------------------------------------------------------- schemas

/**
 * Compares two schemas (each resolved through its `$ref` chain): type, format, enum, visibility,
 * properties (removed, required turned on, required added) and array items, recursively, bounded.
 */
function compareSchema(ctx: Ctx, dir: Direction, oldS: unknown, oldPtr: string, newS: unknown, newPtr: string, depth: number, visited: Set<string> = new Set()): void {
  if (!ctx.budget.step() || depth > ctx.budget.limits.maxDepth) return;
  const o = followRefs(ctx.oldRoot, oldS, oldPtr);
  const n = followRefs(ctx.newRoot, newS, newPtr);
  if (!o || !n || !isObject(o.value) || !isObject(n.value)) return;
  // Each pair of schemas once per top-level comparison (an operation's body, response or
  // notification): recursive schemas end here, and a definition reached along many paths is
  // compared once (its findings are in the definition, one place in the new file).
  const key = `${o.pointer}\u0000${n.pointer}`;
  if (visited.has(key)) return;
  visited.add(key);
  // Equal schemas with no $ref inside differ nowhere below: nothing to report (most schemas of an update).
  if (ctx.budget.limits.skipEqualSchemas !== false && sameWithoutRefs(o.value, n.value)) return;
  {
    const ov = o.value;
    const nv = n.value;
    const typeChanged = compareScalarShape(ctx, dir, ov, nv, n.pointer, dir.valuePath.split('/').slice(-1)[0]);
    if (typeChanged) return;
    if (dir.kind !== 'notification') compareDynamic(ctx, dir.id, dir.valuePath, ov, nv, n.pointer);
    const op = isObject(ov.properties) ? ov.properties : undefined;
    const np = isObject(nv.properties) ? nv.properties : undefined;
    const oReq = new Set(Array.isArray(ov.required) ? ov.required.filter((x): x is string => typeof x === 'string') : []);
    const nReq = Array.isArray(nv.required) ? nv.required.filter((x): x is string => typeof x === 'string') : [];
    if (op) {
      for (const [name, sub] of Object.entries(op)) {
        if (ctx.budget.truncated) return;
        const vp = `${dir.valuePath}/${name}`;
        if (!np || !Object.prototype.hasOwnProperty.call(np, name)) {
          const where = np ? n.pointer + '/properties' : n.pointer;
          if (dir.kind === 'input') {
            add(ctx, { ruleId: 'breaking-parameter-removed', pointer: where, operationId: dir.id, valuePath: vp, before: `input field "${name}"`, after: '(removed)', message: `The input field "${name}" of "${dir.id}" has been removed. Existing flows that set it lose the value.`, fix: `Keep "${name}" in the schema; if the API ignores it now, mark it "x-ms-visibility": "internal".` });
          } else {
            add(ctx, { ruleId: dir.kind === 'output' ? 'breaking-response-property-removed' : 'breaking-notification-content-changed', pointer: where, operationId: dir.id, valuePath: vp, before: `output field "${name}"`, after: '(deleted)', message: `The output field "${name}" of "${dir.id}" has been deleted. Existing flows may be broken if they are using this field (Microsoft: "The output field has been deleted.").`, fix: `Keep "${name}" in the response schema (mark it "x-ms-visibility": "internal" or deprecate it in its description if the API no longer returns it).` });
          }
          continue;
        }
        compareSchema(ctx, { ...dir, valuePath: vp }, sub, o.pointer + '/properties/' + escapeToken(name), np[name], n.pointer + '/properties/' + escapeToken(name), depth + 1, visited);
      }
    }
    if (dir.kind === 'input') {
      for (const name of nReq) {
        if (oReq.has(name)) continue;
        const existed = !!op && Object.prototype.hasOwnProperty.call(op, name);
        const sub = np ? followRefs(ctx.newRoot, np[name], n.pointer + '/properties/' + escapeToken(name)) : undefined;
        const withDefault = !!sub && isObject(sub.value) && sub.value.default !== undefined;
        const at = n.pointer + '/required';
        const vp = `${dir.valuePath}/${name}`;
        if (existed) {
          add(ctx, { ruleId: 'breaking-parameter-required-turned-on', pointer: at, target: 'value', operationId: dir.id, valuePath: vp, before: 'optional', after: 'required', message: `The input field "${name}" of "${dir.id}" became required. Existing flows that leave it empty will fail.`, fix: `Remove "${name}" from "required" (handle a missing value in the API or a policy), or add a new operation.` });
        } else {
          add(ctx, {
            ruleId: withDefault ? 'breaking-parameter-required-default-added' : 'breaking-parameter-required-added',
            pointer: at,
            target: 'value',
            operationId: dir.id,
            valuePath: vp,
            before: '(none)',
            after: `required field "${name}"`,
            message: withDefault ? `The required input field "${name}" has been added to "${dir.id}" with default value. Existing flows will not send this new field.` : `The required input field "${name}" has been added to "${dir.id}". Existing flows will not send this new field.`,
            fix: `Make "${name}" optional (leave it out of "required"), or add a new operation that requires it.`,
          });
        }
      }
    }
    if (ov.items !== undefined) compareItems(ctx, dir, ov, o.pointer, nv, n.pointer, depth, visited);
  }
}

const escapeToken = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Values compared before giving up on proving two schemas equal (the comparison then runs as usual). */
const SAME_CHECK_MAX_VALUES = 20_000;

/**
 * Whether two JSON values are equal (objects whatever their key order) and hold no `$ref` key, so
 * that no comparison below them can find a difference, even through a reference. False when unsure
 * (a `$ref`, or more than SAME_CHECK_MAX_VALUES values). No recursion: the pairs are on a stack.
 */
export function sameWithoutRefs(a: unknown, b: unknown): boolean {
  const stack: unknown[] = [a, b];
  let budget = SAME_CHECK_MAX_VALUES;
  while (stack.length) {
    const y = stack.pop();
    const x = stack.pop();
    if (x === y && (typeof x !== 'object' || x === null)) continue;
    if (typeof x !== 'object' || x === null || typeof y !== 'object' || y === null || --budget < 0) return false;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) stack.push(x[i], y[i]);
      continue;
    }
    if (Array.isArray(y)) return false;
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const keys = Object.keys(xo);
    if (keys.length !== Object.keys(yo).length) return false;
    for (const k of keys) {
      if (k === '$ref' || !Object.prototype.hasOwnProperty.call(yo, k)) return false;
      stack.push(xo[k], yo[k]);
    }
  }
  return true;
}

// ---------------------------------------------------------------- responses

function compareResponses(ctx: Ctx, id: string, before: OperationEntry, after: OperationEntry): void {
  const ob = before.operation.responses;
  const oa = after.operation.responses;
  if (!isObject(ob)) return;
  const ra = isObject(oa) ? oa : {};
  for (const [code, resp] of Object.entries(ob)) {
    if (!/^2\d\d$/.test(code)) continue;
    const r1 = followRefs(ctx.oldRoot, resp, `${before.pointer}/responses/${code}`);
    if (!r1 || !isObject(r1.value) || r1.value.schema === undefined) continue;
    const vp = `operation/${id}/responses/${code}/schema`;
    const r2 = ra[code] !== undefined ? followRefs(ctx.newRoot, ra[code], `${after.pointer}/responses/${code}`) : undefined;
    if (!r2 || !isObject(r2.value) || r2.value.schema === undefined) {
      const where = r2 && isObject(r2.value) ? r2.pointer : isObject(oa) ? after.pointer + '/responses' : after.pointer;
      add(ctx, { ruleId: 'breaking-response-property-removed', pointer: where, operationId: id, valuePath: vp, before: `response ${code} with a schema`, after: '(no schema)', message: `The ${code} response of "${id}" no longer declares its schema: every output field has been deleted for existing flows.`, fix: `Put back the ${code} response schema (fields may be added, not removed or retyped).` });
      continue;
    }
    compareSchema(ctx, { kind: 'output', id, valuePath: vp }, r1.value.schema, r1.pointer + '/schema', r2.value.schema, r2.pointer + '/schema', 0);
  }
}

// ---------------------------------------------------------------- top level and security

function compareTop(ctx: Ctx): void {
  for (const key of ['host', 'basePath'] as const) {
    const b = str(ctx.oldRoot[key]);
    const a = str(ctx.newRoot[key]);
    if (b === a || (b === undefined && a === undefined)) continue;
    add(ctx, { ruleId: 'breaking-host-changed', pointer: a !== undefined ? `/${key}` : '', target: 'value', before: show(b), after: show(a), valuePath: key, message: `${key} changed: ${show(b)} → ${show(a)}. Every operation of existing flows now calls ${key === 'host' ? 'another server' : 'other URLs'}; check that the old ones keep working.`, fix: 'Keep the old host and base path working (redirect, or a policy template "dynamichosturl"/"routerequesttoendpoint"), or announce the change.' });
  }
}

function securityShape(v: unknown): string {
  if (!isObject(v)) return show(v);
  const parts = [str(v.type), str(v.flow), str(v.in), str(v.name)].filter((x) => x !== undefined);
  return parts.join(' ');
}

function compareSecurityDefinitions(ctx: Ctx): void {
  const b = isObject(ctx.oldRoot.securityDefinitions) ? ctx.oldRoot.securityDefinitions : {};
  const a = isObject(ctx.newRoot.securityDefinitions) ? ctx.newRoot.securityDefinitions : {};
  const at = isObject(ctx.newRoot.securityDefinitions) ? '/securityDefinitions' : '';
  const fix = 'Keep the authentication as it was; a connector with another kind of authentication is a new connector (or a new connection parameter set, which existing connections do not use).';
  for (const [name, def] of Object.entries(b)) {
    if (!(name in a)) {
      add(ctx, { ruleId: 'breaking-auth-changed', pointer: at, before: `${name}: ${securityShape(def)}`, after: '(removed)', valuePath: `securityDefinitions/${name}`, message: `The security definition "${name}" (${securityShape(def)}) was removed. Existing connections were created with it and stop working.`, fix });
    } else if (securityShape(def) !== securityShape(a[name])) {
      add(ctx, { ruleId: 'breaking-auth-changed', pointer: pathToPointer(['securityDefinitions', name]), before: securityShape(def), after: securityShape(a[name]), valuePath: `securityDefinitions/${name}`, message: `The security definition "${name}" changed: ${securityShape(def)} → ${securityShape(a[name])}. Existing connections were created for the old kind and stop working.`, fix });
    }
  }
  for (const [name, def] of Object.entries(a)) {
    if (name in b) continue;
    add(ctx, { ruleId: 'breaking-auth-changed', pointer: pathToPointer(['securityDefinitions', name]), before: Object.keys(b).length ? Object.entries(b).map(([k, v]) => `${k}: ${securityShape(v)}`).join(', ') : '(no authentication)', after: `${name}: ${securityShape(def)}`, valuePath: `securityDefinitions/${name}`, message: `A security definition "${name}" (${securityShape(def)}) was added${Object.keys(b).length ? '' : ' to a connector without authentication'}. Existing connections have no credentials for it.`, fix });
  }
}

// ---------------------------------------------------------------- apiProperties.json

interface ConnParam {
  key: string;
  name: string;
  path: (string | number)[];
  value: unknown;
}

function connectionParams(props: unknown): ConnParam[] {
  const root = isObject(props) && isObject(props.properties) ? props.properties : undefined;
  if (!root) return [];
  const out: ConnParam[] = [];
  if (isObject(root.connectionParameters)) for (const [name, value] of Object.entries(root.connectionParameters)) out.push({ key: name, name, path: ['properties', 'connectionParameters', name], value });
  const sets = isObject(root.connectionParameterSets) ? root.connectionParameterSets.values : undefined;
  if (Array.isArray(sets)) {
    sets.forEach((s, i) => {
      if (!isObject(s) || !isObject(s.parameters)) return;
      const setName = str(s.name) ?? String(i);
      for (const [name, value] of Object.entries(s.parameters)) out.push({ key: `${setName}\u0000${name}`, name: `${name} (set "${setName}")`, path: ['properties', 'connectionParameterSets', 'values', i, 'parameters', name], value });
    });
  }
  return out;
}

const connType = (v: unknown) => (isObject(v) ? str(v.type) : undefined);
const identityProvider = (v: unknown) => (isObject(v) && isObject(v.oAuthSettings) ? str(v.oAuthSettings.identityProvider) : undefined);
const requiredConn = (v: unknown) => isObject(v) && isObject(v.uiDefinition) && isObject(v.uiDefinition.constraints) && String(v.uiDefinition.constraints.required) === 'true';

function compareProperties(ctx: Ctx, oldProps: unknown, newProps: unknown, oldDef: JsonObject | undefined, newDef: JsonObject | undefined): void {
  if (!isObject(oldProps) || !isObject(newProps)) return;
  const base = { file: 'properties' as const };
  const olds = connectionParams(oldProps);
  const news = new Map(connectionParams(newProps).map((p) => [p.key, p]));
  const paramsPointer = isObject(newProps.properties) && isObject(newProps.properties.connectionParameters) ? '/properties/connectionParameters' : isObject(newProps.properties) ? '/properties' : '';
  const connFix = 'Keep the connection parameters of existing connections (names, types, identity provider); add a new connection parameter set for a new way to connect.';
  for (const o of olds) {
    const n = news.get(o.key);
    news.delete(o.key);
    if (!n) {
      add(ctx, { ...base, ruleId: 'breaking-connection-parameter-changed', pointer: paramsPointer, before: `${o.name}: ${show(connType(o.value))}`, after: '(removed)', valuePath: pathToPointer(o.path).slice(1), message: `The connection parameter ${o.name} was removed. Existing connections hold a value for it, and policies or the host that read it break.`, fix: connFix });
      continue;
    }
    if (connType(o.value) !== connType(n.value)) {
      add(ctx, { ...base, ruleId: 'breaking-connection-parameter-changed', pointer: pathToPointer([...n.path, 'type']), target: 'value', before: show(connType(o.value)), after: show(connType(n.value)), valuePath: pathToPointer(n.path).slice(1), message: `The type of the connection parameter ${o.name} changed: ${show(connType(o.value))} → ${show(connType(n.value))}. Existing connections must be recreated.`, fix: connFix });
    } else if (identityProvider(o.value) !== identityProvider(n.value)) {
      add(ctx, { ...base, ruleId: 'breaking-auth-changed', pointer: pathToPointer([...n.path, 'oAuthSettings', 'identityProvider']), target: 'value', before: show(identityProvider(o.value)), after: show(identityProvider(n.value)), valuePath: pathToPointer(n.path).slice(1), message: `The OAuth identity provider of ${o.name} changed: ${show(identityProvider(o.value))} → ${show(identityProvider(n.value))}. Existing connections were signed in with the old provider and stop working.`, fix: connFix });
    }
  }
  for (const n of news.values()) {
    if (!requiredConn(n.value)) continue;
    add(ctx, { ...base, ruleId: 'breaking-connection-parameter-changed', pointer: pathToPointer(n.path), before: '(none)', after: `required ${n.name}`, valuePath: pathToPointer(n.path).slice(1), message: `A required connection parameter ${n.name} was added. Existing connections have no value for it.`, fix: 'Make it optional (uiDefinition.constraints.required "false") with a sensible fallback, or put it in a new connection parameter set.' });
  }

  // Policy templates: by templateId and title.
  const policies = (p: JsonObject) => {
    const list = isObject(p.properties) && Array.isArray(p.properties.policyTemplateInstances) ? p.properties.policyTemplateInstances : [];
    const out = new Map<string, { i: number; v: JsonObject }>();
    list.forEach((v, i) => {
      if (!isObject(v)) return;
      let key = `${str(v.templateId) ?? '?'}\u0000${str(v.title) ?? ''}`;
      while (out.has(key)) key += '\u0000';
      out.set(key, { i, v });
    });
    return out;
  };
  const pb = policies(oldProps);
  const pa = policies(newProps);
  const policyPointer = isObject(newProps.properties) && Array.isArray(newProps.properties.policyTemplateInstances) ? '/properties/policyTemplateInstances' : isObject(newProps.properties) ? '/properties' : '';
  const policyFix = 'Keep the policy template and its parameters, unless the API changed in the same way for every existing flow.';
  for (const [key, { v }] of pb) {
    const label = `"${str(v.templateId) ?? '?'}"${str(v.title) ? ` ("${str(v.title)}")` : ''}`;
    const now = pa.get(key);
    if (!now) {
      add(ctx, { ...base, ruleId: 'breaking-policy-template-changed', pointer: policyPointer, before: label, after: '(removed)', valuePath: 'properties/policyTemplateInstances', message: `The policy template ${label} was removed. Requests of existing flows are no longer rewritten the way they were.`, fix: policyFix });
      continue;
    }
    const ob = isObject(v.parameters) ? v.parameters : {};
    const na = isObject(now.v.parameters) ? now.v.parameters : {};
    // Names only in the message: parameter values may be keys or header secrets.
    const changed = [...new Set([...Object.keys(ob), ...Object.keys(na)])].filter((k) => canonicalPlain(ob[k]) !== canonicalPlain(na[k])).sort();
    if (changed.length) {
      add(ctx, { ...base, ruleId: 'breaking-policy-template-changed', pointer: pathToPointer(['properties', 'policyTemplateInstances', now.i, ...(isObject(now.v.parameters) ? ['parameters'] : [])]), before: `${label} as published`, after: `parameters ${changed.join(', ')} changed`, valuePath: `properties/policyTemplateInstances/${now.i}/parameters`, message: `The parameters of the policy template ${label} changed (${changed.join(', ')}). Requests of existing flows are rewritten differently.`, fix: policyFix });
    }
  }

  // The OAuth client secret changed: the version must change so the secret is deployed.
  const sb = clientSecrets(oldProps);
  const sa = clientSecrets(newProps);
  if (sb !== undefined && sa !== undefined && sb !== sa && oldDef && newDef) {
    const vb = isObject(oldDef.info) ? str(oldDef.info.version) : undefined;
    const va = isObject(newDef.info) ? str(newDef.info.version) : undefined;
    if (vb === va) {
      add(ctx, { ruleId: 'client-secret-change-version', file: 'definition', pointer: isObject(newDef.info) ? '/info/version' : '', target: 'value', before: show(vb), after: show(va), valuePath: 'info/version', message: `The OAuth client secret changed but info.version is still ${show(va)}; bump the version so the change is deployed.`, fix: 'Increase info.version.' });
    }
  }
}

/** The OAuth client secrets of a properties file, joined (undefined when there are none). Never printed. */
function clientSecrets(props: JsonObject): string | undefined {
  const out: string[] = [];
  for (const p of connectionParams(props)) {
    if (isObject(p.value) && isObject(p.value.oAuthSettings) && typeof p.value.oAuthSettings.clientSecret === 'string') out.push(`${p.key}=${p.value.oAuthSettings.clientSecret}`);
  }
  return out.length ? out.sort().join('\n') : undefined;
}

// ---------------------------------------------------------------- canonical forms

/** Plain JSON with sorted keys (no refs followed), bounded. */
function canonicalPlain(v: unknown, depth = 0): string {
  if (depth > 64) return '…';
  if (Array.isArray(v)) return '[' + v.map((x) => canonicalPlain(x, depth + 1)).join(',') + ']';
  if (isObject(v)) return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonicalPlain(v[k], depth + 1)).join(',') + '}';
  return JSON.stringify(v) ?? 'undefined';
}

/** Two 32-bit FNV-1a hashes of a string (different offsets), as one short text. */
function hash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(36) + '.' + (b >>> 0).toString(36);
}

/** Fingerprint nodes visited before the change detection gives up (a hostile definition). */
const MAX_FINGERPRINT_NODES = 4_000_000;

/**
 * A fingerprint of an operation with its `$ref`s followed (each target once: memoized; a cycle is
 * cut at the ref that closes it) and keys sorted: equal fingerprints mean the operation did not
 * change. Hashes of hashes, so the work is linear in the definition, not in the expanded schemas.
 */
class Fingerprints {
  private memo = new Map<string, string>();
  private active = new Set<string>();
  private nodes = 0;
  private operations = new WeakMap<JsonObject, string>();
  private constructor(private root: JsonObject) {}

  /** One per parsed definition (the language server compares the same base on every edit); values are never mutated. */
  private static cache = new WeakMap<JsonObject, Fingerprints>();
  static of(root: JsonObject): Fingerprints {
    let f = Fingerprints.cache.get(root);
    if (!f) Fingerprints.cache.set(root, (f = new Fingerprints(root)));
    return f;
  }

  of(operation: JsonObject, pathItem: JsonObject): string {
    const hit = this.operations.get(operation);
    if (hit !== undefined) return hit;
    const h = this.value(operation, 0) + '|' + this.value(pathItem.parameters, 0) + '|' + this.value(pathItem['x-ms-notification-content'], 0);
    this.operations.set(operation, h);
    return h;
  }

  private value(v: unknown, depth: number): string {
    if (depth > 128 || ++this.nodes > MAX_FINGERPRINT_NODES) return '…';
    if (typeof v === 'string') return v.length > 32 ? '"' + hash(v) : JSON.stringify(v);
    if (Array.isArray(v)) return hash('[' + v.map((x) => this.value(x, depth + 1)).join(',') + ']');
    if (!isObject(v)) return JSON.stringify(v) ?? 'undefined';
    if (typeof v.$ref === 'string') {
      const ref = v.$ref;
      const cached = this.memo.get(ref);
      if (cached !== undefined) return cached;
      if (this.active.has(ref)) return hash('$cycle' + ref);
      const r = followRefs(this.root, { $ref: ref }, '');
      if (!r) return hash('$unresolved' + ref);
      this.active.add(ref);
      const h = this.value(r.value, depth + 1);
      this.active.delete(ref);
      this.memo.set(ref, h);
      return h;
    }
    return hash('{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + this.value(v[k], depth + 1)).join(',') + '}');
  }
}
