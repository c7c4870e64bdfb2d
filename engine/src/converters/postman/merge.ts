// Re-import: fold a fresh conversion into the connector already on disk. The author's file
// wins: matched operations keep every key they have (x-ms-*, summary, description, visibility,
// extra parameters); only what is new is added; nothing is deleted; key order is preserved
// because the existing objects are edited in place (on a clone) and new keys are appended.
import { OperationIdAllocator } from './names';
import { ReportBuilder, type ImportReport } from './report';
import { isRecord } from './types';
import { resolveLocalRef } from '../../../../shared/src/swagger/pointer';

type JsonObject = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

export interface Imported {
  definition: JsonObject;
  properties: JsonObject;
  report: ImportReport;
}

interface OpRef {
  path: string;
  method: string;
  op: JsonObject;
}

function shapeOf(path: string): string {
  return path.replace(/\{[^{}]*\}/g, '{}').toLowerCase();
}

function pathNames(path: string): string[] {
  return [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function operations(def: JsonObject): OpRef[] {
  const out: OpRef[] = [];
  if (!isRecord(def.paths)) return out;
  for (const [path, item] of Object.entries(def.paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) if (isRecord(item[method])) out.push({ path, method, op: item[method] as JsonObject });
  }
  return out;
}

/** `in` and `name` of a parameter, following a local #/parameters/ reference. */
function paramKey(p: unknown, def: JsonObject): string | undefined {
  if (!isRecord(p)) return undefined;
  let target: unknown = p;
  if (typeof p.$ref === 'string' && p.$ref.startsWith('#/parameters/') && isRecord(def.parameters)) {
    target = resolveLocalRef(def, p.$ref);
  }
  if (!isRecord(target) || typeof target.in !== 'string') return undefined;
  // There is one body per operation, whatever its name.
  return target.in === 'body' ? 'body' : `${target.in}:${String(target.name)}`;
}

export function mergeIntoExisting(existingDefinition: object | undefined, existingProperties: object | undefined, imported: Imported): Imported {
  const report = new ReportBuilder();
  if (!existingDefinition) {
    // Only apiProperties.json exists: the new definition, with the author's properties kept.
    const properties = mergeProperties(existingProperties, imported.properties, report);
    return { definition: imported.definition, properties, report: { entries: [...imported.report.entries, ...report.entries], stats: imported.report.stats } };
  }
  const def = clone(existingDefinition) as JsonObject;
  if (!isRecord(def.paths)) def.paths = {};
  const paths = def.paths as JsonObject;

  const existingOps = operations(def);
  const byRoute = new Map<string, OpRef>();
  const byId = new Map<string, OpRef>();
  for (const ref of existingOps) {
    byRoute.set(`${ref.method} ${shapeOf(ref.path)}`, ref);
    if (typeof ref.op.operationId === 'string') byId.set(ref.op.operationId, ref);
  }
  const ids = new OperationIdAllocator(byId.keys());
  const matched = new Set<OpRef>();

  for (const inc of operations(imported.definition)) {
    const where = `${inc.method.toUpperCase()} ${inc.path}`;
    const id = typeof inc.op.operationId === 'string' ? inc.op.operationId : undefined;
    // operationId is the fallback for operations the author moved to another path (same method).
    const byOperationId = id ? byId.get(id) : undefined;
    const match = byRoute.get(`${inc.method} ${shapeOf(inc.path)}`) ?? (byOperationId?.method === inc.method ? byOperationId : undefined);
    if (match && !matched.has(match)) {
      matched.add(match);
      mergeOperation(match, inc, def, report);
      continue;
    }
    // A new request: add it, with an operationId that does not clash with the author's.
    const op = clone(inc.op);
    if (id) {
      const fresh = ids.allocate(id);
      if (fresh !== id) report.info('reimport-operation-id-renamed', `operationId ${id} is already used in the existing definition; the new operation is ${fresh}.`, where);
      op.operationId = fresh;
    }
    let path = inc.path;
    const samePath = Object.keys(paths).find((p) => shapeOf(p) === shapeOf(inc.path));
    if (samePath && samePath !== inc.path) {
      const renamed = new Map(pathNames(inc.path).map((n, i) => [n, pathNames(samePath)[i]!]));
      if (Array.isArray(op.parameters)) for (const p of op.parameters) if (isRecord(p) && p.in === 'path' && typeof p.name === 'string' && renamed.has(p.name)) p.name = renamed.get(p.name);
      path = samePath;
    }
    const item = (isRecord(paths[path]) ? paths[path] : (paths[path] = {})) as JsonObject;
    if (item[inc.method] !== undefined) {
      // The author's operation at this route already stands for another request: never overwrite it.
      report.warn('reimport-route-taken', `Request not added: ${where} already holds the author's operation ${String((item[inc.method] as JsonObject).operationId ?? '')}.`, where);
      continue;
    }
    item[inc.method] = op;
    report.info('reimport-operation-added', `New request added as operation ${String(op.operationId)}.`, where);
  }
  for (const ref of existingOps) {
    if (!matched.has(ref)) report.info('reimport-operation-kept', `Operation ${String(ref.op.operationId ?? '')} is not in the collection any more; it was kept, not deleted.`, `${ref.method.toUpperCase()} ${ref.path}`);
  }

  for (const key of ['host', 'basePath'] as const) {
    if (def[key] === undefined && imported.definition[key] !== undefined) def[key] = imported.definition[key];
    else if (imported.definition[key] !== undefined && def[key] !== imported.definition[key]) report.info('reimport-kept-root', `Kept ${key} ${JSON.stringify(def[key])}; the collection gives ${JSON.stringify(imported.definition[key])}.`);
  }
  const importedSecurity = imported.definition.securityDefinitions;
  const hasSecurity = isRecord(def.securityDefinitions) && Object.keys(def.securityDefinitions).length > 0;
  if (!hasSecurity && isRecord(importedSecurity) && Object.keys(importedSecurity).length) {
    def.securityDefinitions = clone(importedSecurity);
    def.security = clone(imported.definition.security ?? []);
    report.info('reimport-security-added', 'The existing definition had no security definitions; the collection\'s authentication was added.');
  } else if (hasSecurity && isRecord(importedSecurity) && JSON.stringify(Object.keys(importedSecurity)) !== JSON.stringify(Object.keys(def.securityDefinitions as JsonObject))) {
    report.info('reimport-kept-security', 'Kept the existing security definitions; the collection\'s authentication differs.');
  }
  if (Array.isArray(imported.definition.tags)) {
    const tags = Array.isArray(def.tags) ? (def.tags as unknown[]) : [];
    const names = new Set(tags.map((t) => (isRecord(t) ? t.name : undefined)));
    const added = imported.definition.tags.filter((t) => isRecord(t) && !names.has(t.name));
    if (added.length) def.tags = [...tags, ...clone(added)];
  }

  const properties = mergeProperties(existingProperties, imported.properties, report);
  const entries = [...imported.report.entries, ...report.entries];
  return {
    definition: def,
    properties,
    report: { entries, stats: { ...imported.report.stats, operations: operations(def).length } },
  };
}

function mergeOperation(existing: OpRef, inc: OpRef, def: JsonObject, report: ReportBuilder): void {
  const where = `${existing.method.toUpperCase()} ${existing.path}`;
  const op = existing.op;
  const have = new Set((Array.isArray(op.parameters) ? op.parameters : []).map((p) => paramKey(p, def)).filter((k): k is string => !!k));
  const added: string[] = [];
  let addedForm = false;
  for (const p of Array.isArray(inc.op.parameters) ? inc.op.parameters : []) {
    const key = paramKey(p, def);
    if (!key || have.has(key) || !isRecord(p)) continue;
    // The body of a form operation and a JSON body cannot live together.
    if ((p.in === 'formData' && have.has('body')) || (p.in === 'body' && [...have].some((k) => k.startsWith('formData:')))) continue;
    // The author renamed this path variable: their name stays.
    if (p.in === 'path' && !existing.path.includes(`{${String(p.name)}}`)) continue;
    op.parameters = [...(Array.isArray(op.parameters) ? op.parameters : []), clone(p)];
    have.add(key);
    added.push(`${String(p.name)} (${String(p.in)})`);
    if (p.in === 'formData' || p.in === 'body') addedForm = true;
  }
  if (addedForm && op.consumes === undefined && inc.op.consumes !== undefined) op.consumes = clone(inc.op.consumes);
  if (added.length) report.info('reimport-parameters-added', `Added parameter(s) new in the collection: ${added.join(', ')}.`, where);
  if (isRecord(inc.op.responses)) {
    const responses = (isRecord(op.responses) ? op.responses : (op.responses = {})) as JsonObject;
    const codes: string[] = [];
    for (const [code, r] of Object.entries(inc.op.responses)) {
      if (code in responses) continue;
      // A placeholder 200 from a request without saved responses adds nothing.
      if (isRecord(r) && r.schema === undefined && r.examples === undefined && Object.keys(responses).length) continue;
      responses[code] = clone(r);
      codes.push(code);
    }
    if (codes.length) report.info('reimport-responses-added', `Added response(s) ${codes.join(', ')} from saved examples.`, where);
  }
}

function mergeProperties(existing: object | undefined, imported: JsonObject, report: ReportBuilder): JsonObject {
  if (!isRecord(existing)) return clone(imported);
  const props = clone(existing) as JsonObject;
  const inner = (isRecord(props.properties) ? props.properties : (props.properties = {})) as JsonObject;
  const incInner = isRecord(imported.properties) ? imported.properties : {};
  const haveParams = isRecord(inner.connectionParameters) && Object.keys(inner.connectionParameters).length > 0;
  if (!haveParams && isRecord(incInner.connectionParameters) && Object.keys(incInner.connectionParameters).length > 0) {
    inner.connectionParameters = clone(incInner.connectionParameters);
    report.info('reimport-connection-parameters-added', 'apiProperties.json had no connection parameters; the collection\'s were added.');
  }
  for (const key of ['iconBrandColor', 'capabilities']) if (inner[key] === undefined && incInner[key] !== undefined) inner[key] = clone(incInner[key]);
  return props;
}
