// Rule family 4 (x-ms extensions), operation-level extensions: x-ms-api-annotation (operation
// families and status), x-ms-operation-context and x-ms-capabilities.
import { isObject, type JsonObject, type OperationEntry } from '../languageService/connectorIndex';
import type { Rule, RuleContext } from './types';
import { effectiveParameters } from './util/parameters';
import { walkSwagger } from './util/swaggerWalk';
import { encodePointerToken } from '../../../shared/src/swagger/pointer';

const label = (op: OperationEntry) => op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
const OP_ANNOTATION_KEYS = ['family', 'revision', 'status', 'replacement'];
const STATUSES = ['Preview', 'Production'];
/** The annotation status as the platform reads it (case-insensitively, e.g. "production"), canonical spelling; undefined when unknown. */
const statusOf = (v: unknown): string | undefined => (typeof v === 'string' ? STATUSES.find((s) => s.toLowerCase() === v.trim().toLowerCase()) : undefined);

interface Annotated {
  op: OperationEntry;
  ann: JsonObject;
  pointer: string;
  family?: string;
  revision?: number;
  deprecated: boolean;
}

function annotated(ctx: RuleContext): Annotated[] {
  const out: Annotated[] = [];
  for (const op of ctx.index.operations) {
    const ann = op.operation['x-ms-api-annotation'];
    if (!isObject(ann)) continue;
    out.push({ op, ann, pointer: `${op.pointer}/x-ms-api-annotation`, family: typeof ann.family === 'string' ? ann.family : undefined, revision: typeof ann.revision === 'number' ? ann.revision : undefined, deprecated: op.operation.deprecated === true });
  }
  return out;
}

const apiAnnotationShape: Rule = {
  ids: ['api-annotation-shape', 'api-annotation-replacement'],
  check(ctx) {
    const { report } = ctx;
    for (const op of ctx.index.operations) {
      const ann = op.operation['x-ms-api-annotation'];
      if (ann === undefined) continue;
      const ptr = `${op.pointer}/x-ms-api-annotation`;
      if (!isObject(ann)) {
        report({ ruleId: 'api-annotation-shape', pointer: ptr, target: 'value', message: `x-ms-api-annotation of ${label(op)} must be an object with family, revision, status or replacement.` });
        continue;
      }
      for (const k of Object.keys(ann)) {
        if (!OP_ANNOTATION_KEYS.includes(k)) report({ ruleId: 'api-annotation-shape', pointer: `${ptr}/${encodePointerToken(k)}`, message: `x-ms-api-annotation does not allow "${k}"; allowed are ${OP_ANNOTATION_KEYS.join(', ')}.` });
      }
      if (ann.family !== undefined && typeof ann.family !== 'string') report({ ruleId: 'api-annotation-shape', pointer: `${ptr}/family`, target: 'value', message: `x-ms-api-annotation.family must be a string.` });
      if (ann.revision !== undefined && !(Number.isInteger(ann.revision) && (ann.revision as number) >= 1)) report({ ruleId: 'api-annotation-shape', pointer: `${ptr}/revision`, target: 'value', message: `x-ms-api-annotation.revision must be an integer of at least 1, not ${JSON.stringify(ann.revision)}.` });
      if (ann.status !== undefined && !statusOf(ann.status)) report({ ruleId: 'api-annotation-shape', pointer: `${ptr}/status`, target: 'value', message: `x-ms-api-annotation.status must be "Preview" or "Production", not ${JSON.stringify(ann.status)}.` });
      if (ann.replacement !== undefined) {
        const r = ann.replacement;
        if (op.operation.deprecated !== true) report({ ruleId: 'api-annotation-replacement', pointer: `${ptr}/replacement`, message: `${label(op)} names a replacement but is not marked "deprecated": true; deprecate it or remove "replacement".` });
        if (!isObject(r)) report({ ruleId: 'api-annotation-replacement', pointer: `${ptr}/replacement`, target: 'value', message: `x-ms-api-annotation.replacement must be an object with "api" and "operationId".` });
        else {
          const missing = ['api', 'operationId'].filter((k) => typeof r[k] !== 'string' || r[k] === '');
          if (missing.length) report({ ruleId: 'api-annotation-replacement', pointer: `${ptr}/replacement`, message: `x-ms-api-annotation.replacement lacks ${missing.map((m) => `"${m}"`).join(' and ')}.` });
          for (const k of Object.keys(r)) if (k !== 'api' && k !== 'operationId') report({ ruleId: 'api-annotation-shape', pointer: `${ptr}/replacement/${k}`, message: `x-ms-api-annotation.replacement does not allow "${k}"; use "api" and "operationId".` });
        }
      }
    }
    const info = ctx.index.definitionValue?.info;
    const infoAnn = isObject(info) ? info['x-ms-api-annotation'] : undefined;
    if (infoAnn !== undefined) {
      if (!isObject(infoAnn)) report({ ruleId: 'api-annotation-shape', pointer: '/info/x-ms-api-annotation', target: 'value', message: `info.x-ms-api-annotation must be an object with "status".` });
      else {
        for (const k of Object.keys(infoAnn)) if (k !== 'status') report({ ruleId: 'api-annotation-shape', pointer: `/info/x-ms-api-annotation/${k}`, message: `info.x-ms-api-annotation allows only "status", not "${k}".` });
        if (infoAnn.status !== undefined && !statusOf(infoAnn.status)) report({ ruleId: 'api-annotation-shape', pointer: '/info/x-ms-api-annotation/status', target: 'value', message: `info.x-ms-api-annotation.status must be "Preview" or "Production".` });
      }
    }
  },
};

const operationFamilies: Rule = {
  ids: ['operation-family-duplicate-revision', 'operation-family-active-limit', 'operation-family-production-limit', 'operation-family-empty-revision', 'operation-revision-missing', 'operation-id-revision-suffix', 'operation-status-ahead-of-connector', 'production-status-beta-service'],
  check(ctx) {
    const { report } = ctx;
    const all = annotated(ctx);
    const families = new Map<string, Annotated[]>();
    for (const a of all) {
      if (a.family === undefined) continue;
      families.set(a.family, [...(families.get(a.family) ?? []), a]);
      if (a.ann.revision === undefined) report({ ruleId: 'operation-revision-missing', pointer: a.pointer, message: `${label(a.op)} declares family "${a.family}" but no revision; add "revision": 1 (or the next number).` });
      const rev = a.revision;
      const id = a.op.operationId;
      if (rev !== undefined && Number.isInteger(rev) && rev > 1 && id !== undefined && !new RegExp(`V${rev}$`, 'i').test(id)) {
        report({ ruleId: 'operation-id-revision-suffix', pointer: `${a.op.pointer}/operationId`, target: 'value', message: `${label(a.op)} is revision ${rev} of family "${a.family}"; end its operationId with "_V${rev}" (e.g. "${id}_V${rev}").` });
      }
    }
    for (const [family, members] of families) {
      const byRevision = new Map<number, Annotated>();
      for (const m of members) {
        if (m.revision === undefined) continue;
        const prior = byRevision.get(m.revision);
        if (prior) report({ ruleId: 'operation-family-duplicate-revision', pointer: `${m.pointer}/revision`, target: 'value', message: `Family "${family}" already has revision ${m.revision} (${label(prior.op)}); give ${label(m.op)} a new revision number.` });
        else byRevision.set(m.revision, m);
      }
      const active = members.filter((m) => !m.deprecated);
      if (active.length > 2) {
        for (const m of active.slice(2)) report({ ruleId: 'operation-family-active-limit', pointer: m.pointer, message: `Family "${family}" has ${active.length} operations that are not deprecated (${active.map((a) => label(a.op)).join(', ')}); at most two may be active. Mark older revisions "deprecated": true.` });
      }
      const production = active.filter((m) => statusOf(m.ann.status) === 'Production');
      if (production.length > 1) {
        for (const m of production.slice(1)) report({ ruleId: 'operation-family-production-limit', pointer: m.pointer, message: `Family "${family}" has several active Production operations (${production.map((a) => label(a.op)).join(', ')}); deprecate the older revisions.` });
      }
      const noRevision = members.filter((m) => m.ann.revision === undefined);
      if (noRevision.length > 1) {
        for (const m of noRevision.slice(1)) report({ ruleId: 'operation-family-empty-revision', pointer: m.pointer, message: `Family "${family}" has ${noRevision.length} operations without a revision; at most one may omit it.` });
      }
    }
    const def = ctx.index.definitionValue;
    const info = isObject(def?.info) ? def.info : undefined;
    const connectorStatus = isObject(info?.['x-ms-api-annotation']) ? statusOf(info['x-ms-api-annotation'].status) : undefined;
    if (connectorStatus === 'Preview') {
      for (const a of all) {
        if (statusOf(a.ann.status) === 'Production') report({ ruleId: 'operation-status-ahead-of-connector', pointer: `${a.pointer}/status`, target: 'value', message: `${label(a.op)} is "Production" while the connector (info.x-ms-api-annotation.status) is "Preview"; an operation cannot be ahead of its connector.` });
      }
    }
    if (connectorStatus === 'Production' && def) {
      const where = `${typeof def.host === 'string' ? def.host : ''} ${typeof def.basePath === 'string' ? def.basePath : ''}`;
      if (/\bbeta\b/i.test(where)) report({ ruleId: 'production-status-beta-service', pointer: '/info/x-ms-api-annotation/status', target: 'value', message: `The connector is marked "Production" but its host or base path ("${where.trim()}") points at a beta service; use "Preview".` });
    }
  },
};

const operationContext: Rule = {
  ids: ['operation-context-shape', 'operation-context-target'],
  check(ctx) {
    const { report } = ctx;
    for (const u of walkSwagger(ctx.index.definitionValue).extensionsByKey.get('x-ms-operation-context') ?? []) {
      const v = u.value;
      const sim = isObject(v) ? v.simulate : undefined;
      if (!isObject(v) || !isObject(sim)) {
        report({ ruleId: 'operation-context-shape', pointer: u.pointer, target: 'value', message: `x-ms-operation-context must be { "simulate": { "operationId": "...", "parameters": {...} } }.` });
        continue;
      }
      for (const k of Object.keys(v)) if (k !== 'simulate') report({ ruleId: 'operation-context-shape', pointer: `${u.pointer}/${k}`, message: `x-ms-operation-context allows only "simulate", not "${k}".` });
      if (typeof sim.operationId !== 'string') {
        report({ ruleId: 'operation-context-shape', pointer: `${u.pointer}/simulate`, message: `x-ms-operation-context.simulate needs an "operationId".` });
        continue;
      }
      if (sim.parameters !== undefined && !isObject(sim.parameters)) report({ ruleId: 'operation-context-shape', pointer: `${u.pointer}/simulate/parameters`, target: 'value', message: `x-ms-operation-context.simulate.parameters must be an object.` });
      if (!ctx.index.operationsById.has(sim.operationId)) report({ ruleId: 'operation-context-target', pointer: `${u.pointer}/simulate/operationId`, target: 'value', message: `x-ms-operation-context names operation "${sim.operationId}", which does not exist in this definition.` });
    }
  },
};

const ROOT_CAPABILITIES = ['testConnection', 'file-picker'];
// OData filter functions the platform understands (generous: unknown names are flagged, not guessed).
const FILTER_FUNCTIONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', 'contains', 'startswith', 'endswith', 'substringof', 'length', 'indexof', 'replace', 'substring', 'tolower', 'toupper', 'trim', 'concat', 'year', 'month', 'day', 'hour', 'minute', 'second', 'date', 'time', 'now', 'round', 'floor', 'ceiling', 'add', 'sub', 'mul', 'div', 'mod', 'negate', 'countdistinct', 'sum', 'min', 'max', 'average', 'count'];

const capabilities: Rule = {
  ids: ['capabilities-shape', 'test-connection-target', 'test-connection-get', 'file-picker-shape', 'filter-functions-valid'],
  check(ctx) {
    const { report, index } = ctx;
    const walk = walkSwagger(index.definitionValue);
    for (const u of walk.extensionsByKey.get('x-ms-capabilities') ?? []) {
      const v = u.value;
      const kind = u.node.kind;
      if (!isObject(v)) {
        report({ ruleId: 'capabilities-shape', pointer: u.pointer, target: 'value', message: `x-ms-capabilities must be an object.` });
        continue;
      }
      if (typeof v.$ref === 'string') continue; // shared capability metadata (as in table/feed connectors)
      if (kind === 'root') {
        for (const k of Object.keys(v)) if (!ROOT_CAPABILITIES.includes(k)) report({ ruleId: 'capabilities-shape', pointer: `${u.pointer}/${k}`, message: `Root x-ms-capabilities does not recognize "${k}"; use ${ROOT_CAPABILITIES.join(' or ')}.` });
        checkTestConnection(ctx, v.testConnection, `${u.pointer}/testConnection`);
        if (v['file-picker'] !== undefined) checkFilePicker(ctx, v['file-picker'], `${u.pointer}/file-picker`);
      } else if (kind === 'operation') {
        for (const k of Object.keys(v)) {
          if (k !== 'chunkTransfer') report({ ruleId: 'capabilities-shape', pointer: `${u.pointer}/${k}`, message: `Operation-level x-ms-capabilities recognizes only "chunkTransfer", not "${k}".` });
          else if (typeof v[k] !== 'boolean') report({ ruleId: 'capabilities-shape', pointer: `${u.pointer}/${k}`, target: 'value', message: `x-ms-capabilities.chunkTransfer must be a boolean.` });
        }
      }
      if ('filterFunctions' in v) {
        const ff = v.filterFunctions;
        const at = `${u.pointer}/filterFunctions`;
        if (u.node.side === 'request') report({ ruleId: 'filter-functions-valid', pointer: at, message: `filterFunctions belongs in response schemas, not in input schemas.` });
        if (!Array.isArray(ff) || ff.length === 0) report({ ruleId: 'filter-functions-valid', pointer: at, target: 'value', message: `filterFunctions must be a non-empty array of function names.` });
        else {
          const seen = new Set<unknown>();
          ff.forEach((f, i) => {
            if (seen.has(f)) report({ ruleId: 'filter-functions-valid', pointer: `${at}/${i}`, target: 'value', message: `filterFunctions lists ${JSON.stringify(f)} twice.` });
            seen.add(f);
            if (typeof f !== 'string' || !FILTER_FUNCTIONS.includes(f)) report({ ruleId: 'filter-functions-valid', pointer: `${at}/${i}`, target: 'value', message: `filterFunctions value ${JSON.stringify(f)} is not a supported filter function.` });
          });
        }
      }
    }
  },
};

function checkTestConnection(ctx: RuleContext, tc: unknown, ptr: string): void {
  if (tc === undefined) return;
  const { report, index } = ctx;
  if (!isObject(tc) || typeof tc.operationId !== 'string') {
    report({ ruleId: 'test-connection-target', pointer: ptr, message: `testConnection needs an "operationId" naming the operation used to test connections.` });
    return;
  }
  const ops = index.operationsById.get(tc.operationId);
  if (!ops) {
    report({ ruleId: 'test-connection-target', pointer: `${ptr}/operationId`, target: 'value', message: `testConnection names operation "${tc.operationId}", which does not exist in this definition.` });
    return;
  }
  const op = ops[0];
  if (op.method !== 'get') report({ ruleId: 'test-connection-get', pointer: `${ptr}/operationId`, target: 'value', message: `The test-connection operation "${tc.operationId}" is ${op.method.toUpperCase()}; use a GET with no side effects.` });
  const given = isObject(tc.parameters) ? tc.parameters : {};
  if (tc.parameters !== undefined && !isObject(tc.parameters)) report({ ruleId: 'test-connection-get', pointer: `${ptr}/parameters`, target: 'value', message: `testConnection.parameters must be an object of fixed values.` });
  for (const [k, v] of Object.entries(given)) {
    if (isObject(v) || Array.isArray(v)) report({ ruleId: 'test-connection-get', pointer: `${ptr}/parameters/${k}`, target: 'value', message: `testConnection parameter "${k}" must be a literal value, not a reference or object.` });
  }
  for (const p of effectiveParameters(index.definitionValue, op)) {
    if (p.param.required !== true || p.name === undefined || p.param.default !== undefined || p.name in given) continue;
    report({ ruleId: 'test-connection-get', pointer: `${ptr}/operationId`, target: 'value', message: `The test-connection operation "${tc.operationId}" requires parameter "${p.name}", which has no default and no fixed value in testConnection.parameters; the platform cannot call it.` });
  }
}

function checkFilePicker(ctx: RuleContext, fp: unknown, ptr: string): void {
  const { report, index } = ctx;
  if (!isObject(fp)) {
    report({ ruleId: 'file-picker-shape', pointer: ptr, target: 'value', message: `file-picker must be an object with "open" ({ "operationId": ... }).` });
    return;
  }
  // Other keys are tolerated: accepted connectors use undocumented ones such as value-path.
  if (!isObject(fp.open) || typeof fp.open.operationId !== 'string') report({ ruleId: 'file-picker-shape', pointer: isObject(fp.open) ? `${ptr}/open` : ptr, message: `file-picker needs "open" with an "operationId".` });
  for (const k of ['open', 'browse']) {
    const call = fp[k];
    if (!isObject(call) || typeof call.operationId !== 'string') continue;
    if (!index.operationsById.has(call.operationId)) report({ ruleId: 'file-picker-shape', pointer: `${ptr}/${k}/operationId`, target: 'value', message: `file-picker ${k} names operation "${call.operationId}", which does not exist in this definition.` });
  }
}

export const rules: Rule[] = [apiAnnotationShape, operationFamilies, operationContext, capabilities];
