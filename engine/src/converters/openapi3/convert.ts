// OpenAPI 3.0/3.1 (and Swagger 2.0) -> apiDefinition.swagger.json + apiProperties.json + report.
// Pure: no file system, no network (the host bundles external refs and reads OpenID discovery
// documents before calling), never throws out of the public function; budgets on time, schema
// depth and in-place $ref expansion.
import { DEFAULT_RULE_OPTIONS } from '../../rules/types';
import { countSchemas } from '../../rules/schemaWalk';
import { Expander } from '../../rules/sizeLimits';
import { encodePointerToken, pointerToPath, resolveLocalRef } from '../../../../shared/src/swagger/pointer';
import { DEFAULT_ICON_BRAND_COLOR } from '../postman/convert';
import { mergeIntoExisting } from '../postman/merge';
import { cleanConnectorTitle, OperationIdAllocator, toDisplayName, toOperationId, toSummary } from '../postman/names';
import { byteLength, DEFINITION_SIZE_LIMIT, serializeJson } from '../postman/serialize';
import { BudgetError, Ctx, DEFAULT_BUDGETS, isRecord, ptr, sub, type Budgets, type JsonObject } from './context';
import { convertParameter, convertRequestBody, convertResponse, deref, isJsonMedia, reservedPathName, responseCode } from './params';
import { OpenApiReportBuilder, type DroppedOperation, type Meter, type OpenApiReport } from './report';
import { absoluteUrl, convertSchema, rewriteSchemaRef } from './schema';
import { convertSecurity } from './security';

export interface OpenApiConvertOptions {
  /** Keep only operations with one of these tags (case-insensitive). */
  includeTags?: readonly string[];
  /** Keep only operations under these paths (a path, or a prefix ending at a segment). */
  includePaths?: readonly string[];
  /** Where the document came from (a URL resolves relative server URLs). */
  sourceUrl?: string;
  /** OpenID Connect discovery documents read by the host, by URL. */
  discovery?: ReadonlyMap<string, unknown>;
  budgets?: Partial<Budgets>;
  /** The connector already in the target folder: the result is merged into it. */
  existing?: { definition?: object; properties?: object };
}

export type OpenApiConvertResult =
  | { ok: true; definition: JsonObject; properties: JsonObject; report: OpenApiReport }
  | { ok: false; error: { message: string; where: string } };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const OTHER_METHODS = ['trace', 'query'];
const PLACEHOLDER_HOST = 'api.example.com';
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

export function convertOpenApiDocument(source: unknown, options: OpenApiConvertOptions = {}): OpenApiConvertResult {
  try {
    return convert(source, options);
  } catch (e) {
    if (e instanceof BudgetError) return { ok: false, error: { message: e.message, where: '#' } };
    return { ok: false, error: { message: `Internal error while converting the document: ${e instanceof Error ? e.message : String(e)}`, where: '#' } };
  }
}

function versionOf(doc: JsonObject): { kind: 'openapi3' | 'swagger2'; label: string } | { message: string; where: string } {
  if (typeof doc.openapi === 'string') {
    if (/^3\.[0-2](\.|$)/.test(doc.openapi)) return { kind: 'openapi3', label: `OpenAPI ${doc.openapi}` };
    return { message: `OpenAPI version ${doc.openapi} is not supported; versions 3.0, 3.1 and Swagger 2.0 are.`, where: '#/openapi' };
  }
  if (doc.swagger !== undefined) {
    if (String(doc.swagger) === '2.0') return { kind: 'swagger2', label: 'Swagger 2.0' };
    return { message: `Swagger version ${String(doc.swagger)} is not supported; convert it to 2.0 or OpenAPI 3 first.`, where: '#/swagger' };
  }
  if (isRecord(doc.info) && Array.isArray(doc.item)) return { message: 'This is a Postman collection, not an OpenAPI document; use Import Postman Collection.', where: '#' };
  return { message: 'Not an OpenAPI document: it has neither an "openapi" nor a "swagger" field.', where: '#' };
}

/** Unique output names for component names: letters, digits, "_", ".", "-" (no escaping needed in refs). */
function nameMap(names: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const n of names) {
    const base = n.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'Schema';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}_${i}`;
    used.add(name.toLowerCase());
    out.set(n, name);
  }
  return out;
}

function convert(source: unknown, options: OpenApiConvertOptions): OpenApiConvertResult {
  if (!isRecord(source)) return { ok: false, error: { message: 'Not an OpenAPI document: the file must hold an object.', where: '#' } };
  const version = versionOf(source);
  if ('message' in version) return { ok: false, error: version };
  if (!isRecord(source.paths) || !Object.keys(source.paths).some((p) => p.startsWith('/'))) {
    const hooks = isRecord(source.webhooks) ? Object.keys(source.webhooks).length : 0;
    return { ok: false, error: { message: `The document has no paths${hooks ? ` (only ${hooks} webhook(s), which describe calls the API makes, not operations a connector calls)` : ''}: there is nothing to import.`, where: '#/paths' } };
  }
  const report = new OpenApiReportBuilder();
  const ctx = new Ctx(source, report, { ...DEFAULT_BUDGETS, ...options.budgets });
  const built = version.kind === 'openapi3' ? fromOpenApi3(ctx, source, options) : fromSwagger2(ctx, source, options);
  if ('error' in built) return { ok: false, error: built.error };
  const { definition, sourceOperations, dropped, tagCounts, usage } = built;
  if (!isRecord(definition.paths) || !Object.keys(definition.paths).length) {
    const why = dropped.length ? ` (${dropped.length} dropped: ${[...new Set(dropped.map((d) => d.reason))].slice(0, 3).join('; ')})` : '';
    return { ok: false, error: { message: `No operation is left to import${why}.`, where: '#/paths' } };
  }

  // Security: one scheme, its connection parameters.
  const schemes = version.kind === 'openapi3' ? (isRecord(source.components) ? source.components.securitySchemes : undefined) : source.securityDefinitions;
  const schemesPtr = version.kind === 'openapi3' ? '#/components/securitySchemes' : '#/securityDefinitions';
  const sec = convertSecurity(schemes, schemesPtr, source.security, usage, options.discovery ?? new Map(), report);
  definition.securityDefinitions = sec.securityDefinitions;
  definition.security = sec.security;
  rewriteOperationSecurity(definition, sec.renamed, sec.security);

  finish(ctx, definition);
  breakRequiredLoops(ctx, definition);
  const properties: JsonObject = { properties: { connectionParameters: sec.connectionParameters, iconBrandColor: DEFAULT_ICON_BRAND_COLOR, capabilities: [] } };
  const operations = countOperations(definition);
  const result: OpenApiReport = {
    entries: [],
    stats: { requests: sourceOperations, operations, mergedDuplicates: 0, tags: Array.isArray(definition.tags) ? definition.tags.length : 0 },
    source: version.label,
    sourceOperations,
    dropped,
    meters: [],
    tags: [...tagCounts].map(([name, n]) => ({ name, operations: n })).sort((a, b) => b.operations - a.operations || a.name.localeCompare(b.name)),
  };
  if (options.existing?.definition || options.existing?.properties) {
    const merged = mergeIntoExisting(options.existing.definition, options.existing.properties, { definition, properties, report: { entries: [], stats: result.stats } });
    result.stats = merged.report.stats;
    for (const e of merged.report.entries) (e.severity === 'warning' ? report.warn : report.info).call(report, e.code, e.message, e.where);
    result.meters = meters(merged.definition, report);
    result.entries = report.finish();
    return { ok: true, definition: merged.definition, properties: merged.properties, report: result };
  }
  result.meters = meters(definition, report);
  result.entries = report.finish();
  return { ok: true, definition, properties, report: result };
}

interface Built {
  definition: JsonObject;
  sourceOperations: number;
  dropped: DroppedOperation[];
  tagCounts: Map<string, number>;
  /** Security scheme name -> operations requiring it. */
  usage: Map<string, number>;
}

/** Whether an operation passes --include-tags / --include-paths. */
function included(options: OpenApiConvertOptions, path: string, tags: string[]): string | undefined {
  if (options.includeTags?.length) {
    const want = new Set(options.includeTags.map((t) => t.toLowerCase()));
    if (!tags.some((t) => want.has(t.toLowerCase()))) return `not in the included tags (${options.includeTags.join(', ')})`;
  }
  if (options.includePaths?.length) {
    const ok = options.includePaths.some((p) => {
      const prefix = p.replace(/\/+$/, '');
      return path === p || path === prefix || path.startsWith(`${prefix}/`) || (prefix === '' && path.startsWith('/'));
    });
    if (!ok) return `not under the included paths (${options.includePaths.join(', ')})`;
  }
  return undefined;
}

function infoOf(ctx: Ctx, source: JsonObject): JsonObject {
  const info = isRecord(source.info) ? source.info : {};
  const rawTitle = typeof info.title === 'string' ? info.title : '';
  const title = cleanConnectorTitle(rawTitle);
  if (title !== rawTitle.trim() && rawTitle.trim()) ctx.report.info('title-cleaned', `Title "${rawTitle.trim()}" written as "${title}": connector titles may not contain the words API or Connector.`, '#/info/title');
  const out: JsonObject = {
    title,
    description: typeof info.description === 'string' && info.description.trim() ? info.description : `Operations imported from ${title}.`,
    version: typeof info.version === 'string' && info.version.trim() ? info.version : String(info.version ?? '1.0.0'),
  };
  if (typeof info.termsOfService === 'string') out.termsOfService = info.termsOfService;
  if (isRecord(info.contact)) {
    const c: JsonObject = {};
    for (const k of ['name', 'url', 'email']) if (typeof info.contact[k] === 'string') c[k] = info.contact[k];
    out.contact = c;
  }
  if (isRecord(info.license) && typeof info.license.name === 'string') out.license = { name: info.license.name, ...(typeof info.license.url === 'string' ? { url: info.license.url } : {}) };
  for (const [k, v] of Object.entries(info)) if (k.startsWith('x-ms-')) out[k] = v;
  for (const [o, k] of [[out, 'termsOfService'], [out.contact, 'url'], [out.license, 'url']] as const) {
    if (isRecord(o) && typeof (o as JsonObject)[k] === 'string' && !absoluteUrl(o[k])) {
      ctx.report.info('url-dropped', `${k} "${String(o[k])}" is not an absolute URL; dropped.`, '#/info');
      delete o[k];
    }
  }
  return out;
}

/** servers[0] -> host, basePath, schemes (variables at their defaults). */
function serverOf(ctx: Ctx, source: JsonObject, options: OpenApiConvertOptions): { host: string; basePath: string; schemes: string[] } {
  const servers = Array.isArray(source.servers) ? source.servers.filter(isRecord) : [];
  const first = servers[0];
  if (servers.length > 1) ctx.report.info('servers-other', `The document lists ${servers.length} servers; the first (${String(first!.url)}) is used. The others: ${servers.slice(1, 6).map((s) => String(s.url)).join(', ')}${servers.length > 6 ? ', ...' : ''}.`, '#/servers');
  let url = first && typeof first.url === 'string' ? first.url : '';
  if (first && isRecord(first.variables)) {
    for (const [name, v] of Object.entries(first.variables)) {
      const value = isRecord(v) ? (v.default !== undefined ? String(v.default) : Array.isArray(v.enum) && v.enum.length ? String(v.enum[0]) : '') : '';
      url = url.split(`{${name}}`).join(value);
    }
    ctx.report.info('server-variables', `Server variables resolved to their defaults: ${url}.`, '#/servers/0/variables');
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url, options.sourceUrl && /^https?:/i.test(options.sourceUrl) ? options.sourceUrl : undefined);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || !/^[^{}/ :\\]+(:\d+)?$/.test(parsed.host) || !parsed.host) {
    ctx.report.warn('server-host-missing', `No absolute server URL${url ? ` (the first server is "${url}")` : ''}; host ${PLACEHOLDER_HOST} was written: set the API's host.`, servers.length ? '#/servers/0' : '#/servers');
    const basePath = url.startsWith('/') ? url.replace(/[?#].*$/, '').replace(/\/+$/, '') || '/' : '/';
    return { host: PLACEHOLDER_HOST, basePath, schemes: ['https'] };
  }
  const basePath = decodeURI(parsed.pathname).replace(/\/+$/, '') || '/';
  return { host: parsed.host, basePath, schemes: [parsed.protocol.replace(':', '')] };
}

function fromOpenApi3(ctx: Ctx, source: JsonObject, options: OpenApiConvertOptions): Built | { error: { message: string; where: string } } {
  const components = isRecord(source.components) ? source.components : {};
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  const defNames = nameMap(Object.keys(schemas));
  for (const [src, out] of defNames) {
    ctx.definitionNames.set(src, out);
    ctx.definitionSources.set(out, src);
  }
  const definitions: JsonObject = {};
  for (const [src, out] of defNames) definitions[out] = convertSchema(ctx, schemas[src], ptr('components', 'schemas', src));

  // Global parameters and responses (referenced from operations as #/parameters/ and #/responses/).
  const globalParams = new Map<string, { out: string; param: JsonObject }>();
  const parameters: JsonObject = {};
  if (isRecord(components.parameters)) {
    const names = nameMap(Object.keys(components.parameters));
    for (const [src, out] of names) {
      const pointer = ptr('components', 'parameters', src);
      const d = deref(ctx, components.parameters[src], pointer);
      const p = convertParameter(ctx, d.value, d.pointer);
      if (!p) continue;
      parameters[out] = p;
      globalParams.set(src, { out, param: p });
    }
  }
  const globalResponses = new Map<string, string>();
  const responses: JsonObject = {};
  const globalProduces = new Map<string, Set<string>>();
  if (isRecord(components.responses)) {
    const names = nameMap(Object.keys(components.responses));
    for (const [src, out] of names) {
      const produces = new Set<string>();
      responses[out] = convertResponse(ctx, components.responses[src], ptr('components', 'responses', src), produces, new Map());
      globalResponses.set(src, out);
      globalProduces.set(src, produces);
    }
  }
  for (const kind of ['callbacks', 'links', 'examples', 'pathItems']) {
    if (isRecord(components[kind]) && Object.keys(components[kind] as JsonObject).length) ctx.report.info('components-dropped', `components.${kind} has no Swagger 2.0 form; not written (uses are expanded or reported where they occur).`, ptr('components', kind));
  }
  if (isRecord(source.webhooks)) {
    for (const name of Object.keys(source.webhooks)) ctx.report.info('webhook-trigger-candidate', `Webhook "${name}" is a candidate for a webhook trigger (x-ms-trigger: single with a subscribe operation); it was not converted.`, ptr('webhooks', name));
  }

  const server = serverOf(ctx, source, options);
  const paths: JsonObject = {};
  const dropped: DroppedOperation[] = [];
  const tagCounts = new Map<string, number>();
  const usage = new Map<string, number>();
  const ids = new OperationIdAllocator();
  const lowerPaths = new Map<string, string>();
  const routes = new Map<string, string>();
  let sourceOperations = 0;
  const rootProduces = new Set<string>();

  for (const [rawPath, rawItem] of Object.entries(source.paths as JsonObject)) {
    if (rawPath.startsWith('x-')) continue;
    const itemPtr = ptr('paths', rawPath);
    const itemD = deref(ctx, rawItem, itemPtr);
    if (!isRecord(itemD.value)) continue;
    const item = itemD.value;
    const methods = METHODS.filter((m) => isRecord(item[m]));
    for (const m of OTHER_METHODS) {
      if (isRecord(item[m])) {
        sourceOperations++;
        dropped.push({ method: m, path: rawPath, pointer: sub(itemPtr, m), reason: `HTTP method ${m.toUpperCase()} is not supported by Swagger 2.0 connectors` });
      }
    }
    sourceOperations += methods.length;
    if (!methods.length) continue;
    // A query string or fragment in the path (AWS "/#X-Amz-Target=Service.Action", "/jobs?op=LIST")
    // becomes constant parameters; connectors tell operations apart by method and path only.
    const split = splitPath(rawPath);
    const path = split.path.replace(/\{(connectionid)\}/gi, (_m, n: string) => `{${reservedPathName(n)}}`);
    const pathProblem = !path.startsWith('/') ? 'the path does not start with /' : /[*]/.test(path) ? 'the path contains *, which connectors refuse' : !balancedTemplate(path) ? 'the path template is not valid (unbalanced braces, a variable spanning segments, or a variable named twice)' : undefined;
    const caseClash = lowerPaths.get(path.toLowerCase());
    for (const method of methods) {
      const opPtr = sub(itemPtr, method);
      const op = item[method] as JsonObject;
      const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [];
      for (const t of tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
      const excluded = included(options, rawPath, tags);
      const route = `${method} ${path.replace(/\{[^{}]*\}/g, '{}').toLowerCase()}`;
      const routeClash = routes.get(route);
      const reason =
        excluded ??
        pathProblem ??
        (caseClash !== undefined && caseClash !== path ? `path ${caseClash} differs only by letter case, which connectors refuse` : undefined) ??
        (routeClash !== undefined ? `same method and route as ${method.toUpperCase()} ${routeClash}${split.constants.length ? ` once the ${split.constants.map((c) => c.in === 'header' ? `${c.name} header` : `${c.name} query parameter`).join(' and ')} is taken out of the path` : ' (only the variable names differ)'}: a connector tells operations apart by method and path only` : undefined);
      if (reason) {
        dropped.push({ method, path: rawPath, pointer: opPtr, reason });
        continue;
      }
      lowerPaths.set(path.toLowerCase(), path);
      routes.set(route, rawPath);
      const converted = convertOperation(ctx, { source, item, itemPtr, op, opPtr, method, path, globalParams, globalResponses, globalProduces, rootProduces, ids, usage, constants: split.constants });
      const pathItem = (paths[path] ??= {}) as JsonObject;
      pathItem[method] = converted;
      for (const [k, v] of Object.entries(item)) if (k.startsWith('x-ms-') && pathItem[k] === undefined) pathItem[k] = v;
    }
    if (isRecord(item.servers) || Array.isArray(item.servers)) ctx.report.info('path-servers', 'Path-level servers are not kept: a connector has one host.', sub(itemPtr, 'servers'));
  }

  Object.assign(definitions, ctx.extraDefinitions);
  const definition: JsonObject = {
    swagger: '2.0',
    info: infoOf(ctx, source),
    host: server.host,
    basePath: server.basePath,
    schemes: server.schemes,
    consumes: ['application/json'],
    produces: ['application/json'],
    paths,
    definitions,
    parameters,
    responses,
  };
  const tagDefs = Array.isArray(source.tags) ? source.tags.filter((t) => isRecord(t) && typeof t.name === 'string') : [];
  const usedTags = new Set<string>();
  for (const item of Object.values(paths)) for (const op of Object.values(item as JsonObject)) if (isRecord(op) && Array.isArray(op.tags)) for (const t of op.tags) usedTags.add(t as string);
  const tagOut = tagDefs.filter((t) => usedTags.has(t.name as string)).map((t) => ({ name: t.name, ...(typeof t.description === 'string' ? { description: t.description } : {}) }));
  if (tagOut.length) definition.tags = tagOut;
  if (isRecord(source.externalDocs) && absoluteUrl(source.externalDocs.url)) definition.externalDocs = { url: source.externalDocs.url, ...(typeof source.externalDocs.description === 'string' ? { description: source.externalDocs.description } : {}) };
  for (const [k, v] of Object.entries(source)) if (k.startsWith('x-ms-')) definition[k] = v;
  return { definition, sourceOperations, dropped, tagCounts, usage };
}

interface ConstantParam {
  name: string;
  in: 'query' | 'header';
  value: string;
}

/** "/jobs?op=LIST" -> "/jobs" + query op=LIST; "/#X-Amz-Target=S.A" -> "/" + header X-Amz-Target: S.A. */
function splitPath(raw: string): { path: string; constants: ConstantParam[] } {
  const constants: ConstantParam[] = [];
  const hash = raw.indexOf('#');
  let rest = hash >= 0 ? raw.slice(0, hash) : raw;
  const fragment = hash >= 0 ? raw.slice(hash + 1) : '';
  const q = rest.indexOf('?');
  const query = q >= 0 ? rest.slice(q + 1) : '';
  if (q >= 0) rest = rest.slice(0, q);
  for (const part of query.split('&')) {
    const [k, v = ''] = part.split('=');
    if (k && !/[{}]/.test(k) && !/[{}]/.test(v)) constants.push({ name: safeDecode(k), in: 'query', value: safeDecode(v) });
  }
  const target = /^([A-Za-z0-9-]+)=(.+)$/.exec(fragment);
  if (target) constants.push({ name: target[1]!, in: 'header', value: target[2]! });
  return { path: rest || '/', constants };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Braces balanced, each {name} inside one segment, no =default, no name twice. */
function balancedTemplate(path: string): boolean {
  if (!/^([^{}]|\{[^{}/=]+\})*$/.test(path)) return false;
  const names = [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]);
  return new Set(names).size === names.length;
}

interface OpInput {
  source: JsonObject;
  item: JsonObject;
  itemPtr: string;
  op: JsonObject;
  opPtr: string;
  method: string;
  path: string;
  globalParams: Map<string, { out: string; param: JsonObject }>;
  globalResponses: Map<string, string>;
  globalProduces: Map<string, Set<string>>;
  rootProduces: Set<string>;
  ids: OperationIdAllocator;
  usage: Map<string, number>;
  constants: ConstantParam[];
}

function convertOperation(ctx: Ctx, a: OpInput): JsonObject {
  const { op, opPtr, method, path } = a;
  const out: JsonObject = {};
  if (Array.isArray(op.tags)) {
    const tags = op.tags.filter((t): t is string => typeof t === 'string');
    if (tags.length) out.tags = tags;
  }
  const summary = typeof op.summary === 'string' && op.summary.trim() ? op.summary.trim() : undefined;
  const wantedId = typeof op.operationId === 'string' && op.operationId.trim() ? op.operationId.trim() : undefined;
  let id = wantedId && /^[A-Za-z][A-Za-z0-9_]*$/.test(wantedId) && wantedId.length <= 64 ? wantedId : '';
  if (!id) {
    id = toOperationId(wantedId ?? summary ?? `${method} ${path.replace(/\{([^}]*)\}/g, ' by $1')}`) || toOperationId(`${method} ${path}`) || 'Operation';
    if (wantedId) ctx.report.info('operation-id-rewritten', `operationId "${wantedId}" written as ${id} (letters and digits, at most 64 characters).`, sub(opPtr, 'operationId'));
  }
  const fresh = a.ids.allocate(id);
  if (fresh !== id) ctx.report.info('operation-id-renamed', `operationId ${id} is already used; this operation is ${fresh}.`, sub(opPtr, 'operationId'));
  out.summary = summary ?? (toSummary(wantedId ? wantedId.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ') : `${method.toUpperCase()} ${path}`) || fresh);
  if (!summary) ctx.report.info('summary-generated', `No summary; "${String(out.summary)}" was written (users see it as the action name).`, opPtr);
  if (typeof op.description === 'string' && op.description.trim()) out.description = op.description;
  out.operationId = fresh;
  if (isRecord(op.externalDocs) && absoluteUrl(op.externalDocs.url)) out.externalDocs = { url: op.externalDocs.url };

  // Parameters: path level, then operation level (name+in, the operation wins).
  const byKey = new Map<string, { value: JsonObject; ref?: string }>();
  const addParams = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      const pointer = sub(base, 'parameters', i);
      const d = deref(ctx, p, pointer);
      const ref = isRecord(p) && typeof p.$ref === 'string' ? p.$ref : undefined;
      const comp = ref && ref.startsWith('#/components/parameters/') ? pointerToPath(ref)[2] : undefined;
      if (!isRecord(d.value)) {
        ctx.report.warn('parameter-invalid', `Parameter ${ref ?? ''} does not resolve; dropped.`, pointer);
        return;
      }
      const key = `${String(d.value.in)}:${d.value.in === 'path' && /^connectionid$/i.test(String(d.value.name)) ? reservedPathName(String(d.value.name)) : String(d.value.name)}`;
      if (d.value.in === 'header' && typeof d.value.name === 'string' && IGNORED_HEADERS.has(d.value.name.toLowerCase())) {
        ctx.report.info('header-ignored', `Header parameter "${d.value.name}" dropped: OpenAPI ignores it (the platform sets it from consumes/produces and the connection).`, pointer);
        byKey.delete(key);
        return;
      }
      const global = comp !== undefined ? a.globalParams.get(comp) : undefined;
      if (global) {
        byKey.set(key, { value: global.param, ref: `#/parameters/${global.out}` });
        return;
      }
      const converted = convertParameter(ctx, d.value, d.pointer);
      if (converted) byKey.set(key, { value: converted });
      else byKey.delete(key);
    });
  };
  addParams(a.item.parameters, a.itemPtr);
  addParams(op.parameters, opPtr);
  // Path parameters match the template exactly.
  const template = [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
  for (const [key, p] of byKey) {
    if (p.value.in === 'path' && !template.includes(String(p.value.name))) {
      ctx.report.warn('path-parameter-unused', `Path parameter "${String(p.value.name)}" is not in the path template; dropped.`, opPtr);
      byKey.delete(key);
    }
  }
  for (const name of template) {
    if (!byKey.has(`path:${name}`)) {
      byKey.set(`path:${name}`, { value: { name, in: 'path', required: true, type: 'string', 'x-ms-summary': name } });
      ctx.report.warn('path-parameter-added', `Path variable {${name}} had no parameter; a required string parameter was added.`, opPtr);
    }
  }
  for (const c of a.constants) {
    if (byKey.has(`${c.in}:${c.name}`)) continue;
    byKey.set(`${c.in}:${c.name}`, { value: { name: c.name, in: c.in, required: true, type: 'string', default: c.value, enum: [c.value], 'x-ms-visibility': 'internal', 'x-ms-summary': toDisplayName(c.name), description: `Always ${c.value}.` } });
    ctx.report.info('path-constant', `The ${c.in === 'header' ? 'header' : 'query parameter'} ${c.name}=${c.value} written in the path became a hidden constant parameter.`, opPtr);
  }
  const params: JsonObject[] = [...byKey.values()].map((p) => (p.ref ? { $ref: p.ref } : p.value));
  if (op.requestBody !== undefined) {
    const body = convertRequestBody(ctx, op.requestBody, sub(opPtr, 'requestBody'));
    if (body) {
      for (const bp of body.params) {
        if (!params.some((p) => !p.$ref && p.in === bp.in && p.name === bp.name)) params.push(bp);
      }
      if (!(body.consumes.length === 1 && body.consumes[0] === 'application/json')) out.consumes = body.consumes;
    }
  }
  if (params.length) out.parameters = params;

  // Responses.
  const produces = new Set<string>();
  const responses: JsonObject = {};
  if (isRecord(op.responses)) {
    for (const [code, r] of Object.entries(op.responses)) {
      if (code.startsWith('x-')) continue;
      const outCode = responseCode(code);
      const rPtr = sub(opPtr, 'responses', code);
      if (!outCode) {
        ctx.report.warn('response-code-dropped', `Response "${code}" is not an HTTP status code; dropped.`, rPtr);
        continue;
      }
      if (responses[outCode] !== undefined) {
        ctx.report.info('response-range-dropped', `Response ${code} dropped: ${outCode} is already described.`, rPtr);
        continue;
      }
      if (outCode !== code) ctx.report.info('response-range', `Response range ${code} written as ${outCode}.`, rPtr);
      responses[outCode] = convertResponse(ctx, r, rPtr, produces, a.globalResponses);
    }
  }
  if (!Object.keys(responses).length) {
    responses.default = { description: 'Default response' };
    ctx.report.info('responses-added', 'The operation declares no responses; a default response was written.', opPtr);
  }
  out.responses = responses;
  const media = [...produces];
  const ordered = [...media.filter(isJsonMedia), ...media.filter((m) => !isJsonMedia(m))];
  if (ordered.length && !(ordered.length === 1 && ordered[0] === 'application/json')) out.produces = ordered;
  if (op.deprecated === true) out.deprecated = true;
  if (Array.isArray(op.security)) {
    out.security = op.security;
    for (const r of op.security) if (isRecord(r)) for (const k of Object.keys(r)) a.usage.set(k, (a.usage.get(k) ?? 0) + 1);
  }
  if (isRecord(op.callbacks)) {
    for (const name of Object.keys(op.callbacks)) ctx.report.info('callback-trigger-candidate', `Callback "${name}" is a candidate for a webhook trigger (x-ms-trigger: single, with this operation as the subscription); it was not converted.`, sub(opPtr, 'callbacks', name));
  }
  if (Array.isArray(op.servers) && op.servers.length) ctx.report.info('operation-servers', 'Operation-level servers are not kept: a connector has one host.', sub(opPtr, 'servers'));
  for (const [k, v] of Object.entries(op)) if (k.startsWith('x-ms-')) out[k] = v;
  return out;
}

/** Swagger 2.0 in: normalised (operationIds, filters, one security scheme), the rest kept. */
function fromSwagger2(ctx: Ctx, source: JsonObject, options: OpenApiConvertOptions): Built {
  const definition = structuredClone(source);
  const dropped: DroppedOperation[] = [];
  const tagCounts = new Map<string, number>();
  const usage = new Map<string, number>();
  const ids = new OperationIdAllocator();
  let sourceOperations = 0;
  const paths = definition.paths as JsonObject;
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      sourceOperations++;
      const opPtr = ptr('paths', path, method);
      const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [];
      for (const t of tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
      const excluded = included(options, path, tags);
      if (excluded) {
        dropped.push({ method, path, pointer: opPtr, reason: excluded });
        delete item[method];
        continue;
      }
      const wanted = typeof op.operationId === 'string' ? op.operationId : '';
      const base = wanted && /^[A-Za-z][A-Za-z0-9_]*$/.test(wanted) && wanted.length <= 64 ? wanted : toOperationId(wanted || (typeof op.summary === 'string' ? op.summary : '') || `${method} ${path}`) || 'Operation';
      const id = ids.allocate(base);
      if (id !== wanted) ctx.report.info(wanted ? 'operation-id-rewritten' : 'operation-id-generated', `operationId ${wanted ? `"${wanted}" written as` : 'generated:'} ${id}.`, sub(opPtr, 'operationId'));
      op.operationId = id;
      if (typeof op.summary !== 'string' || !op.summary.trim()) {
        op.summary = toSummary(id.replace(/([a-z])([A-Z])/g, '$1 $2')) || id;
        ctx.report.info('summary-generated', `No summary; "${String(op.summary)}" was written.`, opPtr);
      }
      if (Array.isArray(op.security)) for (const r of op.security) if (isRecord(r)) for (const k of Object.keys(r)) usage.set(k, (usage.get(k) ?? 0) + 1);
    }
    if (!METHODS.some((m) => isRecord(item[m]))) delete paths[path];
  }
  if (!definition.host) {
    ctx.report.warn('server-host-missing', `No host; host ${PLACEHOLDER_HOST} was written: set the API's host.`, '#/host');
    definition.host = PLACEHOLDER_HOST;
  }
  definition.info = infoOf(ctx, source);
  return { definition, sourceOperations, dropped, tagCounts, usage };
}

/** Operation security names follow the kept scheme; requirements of dropped schemes are removed. */
function rewriteOperationSecurity(def: JsonObject, renamed: Map<string, string>, rootSecurity: Array<Record<string, string[]>>): void {
  for (const item of Object.values(def.paths as JsonObject)) {
    if (!isRecord(item)) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!isRecord(op) || !Array.isArray(op.security)) continue;
      if (op.security.length === 0) continue; // explicitly anonymous
      const kept = op.security.flatMap((r) => (isRecord(r) ? Object.entries(r).filter(([k]) => renamed.has(k)).map(([k, v]) => ({ [renamed.get(k)!]: Array.isArray(v) ? v.filter((s) => typeof s === 'string') : [] })) : []));
      if (kept.length && JSON.stringify(kept) !== JSON.stringify(rootSecurity)) op.security = kept.slice(0, 1);
      else delete op.security;
    }
  }
}

function countOperations(def: JsonObject): number {
  let n = 0;
  for (const item of Object.values(isRecord(def.paths) ? def.paths : {})) if (isRecord(item)) for (const m of METHODS) if (isRecord(item[m])) n++;
  return n;
}

/**
 * Last checks on the output: `required` names that are not properties removed (swagger-parser and
 * the platform refuse them), refs that do not resolve in the output replaced by `{}`.
 */
function finish(ctx: Ctx, def: JsonObject): void {
  const stack: { v: unknown; path: string }[] = [{ v: def, path: '#' }];
  const refs: { holder: JsonObject; path: string }[] = [];
  while (stack.length) {
    ctx.tick();
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) {
      v.forEach((c, i) => typeof c === 'object' && c !== null && stack.push({ v: c, path: `${path}/${i}` }));
      continue;
    }
    if (!isRecord(v)) continue;
    if (typeof v.$ref === 'string') refs.push({ holder: v, path });
    for (const [k, c] of Object.entries(v)) if (typeof c === 'object' && c !== null) stack.push({ v: c, path: `${path}/${encodePointerToken(k)}` });
  }
  for (const { holder, path } of refs) {
    let ref = holder.$ref as string;
    // Refs kept inside x-ms-* extensions are still in the source's form.
    const schemaRef = rewriteSchemaRef(ctx, ref);
    if (schemaRef) holder.$ref = ref = schemaRef;
    if (resolveLocalRef(def, ref) === undefined) {
      delete holder.$ref;
      ctx.report.warn('ref-dangling', `$ref ${ref} has no target in the converted definition; written as an empty schema.`, path);
    }
  }
  // Definitions that are only a $ref (aliases) get content of their own: allOf of the target.
  if (isRecord(def.definitions)) {
    for (const [name, d] of Object.entries(def.definitions)) {
      if (isRecord(d) && typeof d.$ref === 'string') def.definitions[name] = { allOf: [{ $ref: d.$ref }] };
    }
  }
  // x-ms-pageable: nextLinkName is "nextLink" or "@odata.nextLink" and nothing else (Azure
  // documents also write itemName/operationName, or other link names the platform cannot follow).
  for (const [p, item] of Object.entries(isRecord(def.paths) ? def.paths : {})) {
    if (!isRecord(item)) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!isRecord(op) || op['x-ms-pageable'] === undefined) continue;
      const v = op['x-ms-pageable'];
      const name = isRecord(v) && typeof v.nextLinkName === 'string' ? ['nextLink', '@odata.nextLink'].find((n) => n.toLowerCase() === (v.nextLinkName as string).trim().toLowerCase()) : undefined;
      const at = `#/paths/${encodePointerToken(p)}/${m}/x-ms-pageable`;
      if (name) {
        if (JSON.stringify(v) !== JSON.stringify({ nextLinkName: name })) ctx.report.info('pageable-normalized', `x-ms-pageable written as {"nextLinkName": "${name}"}: the platform allows nothing else in it.`, at);
        op['x-ms-pageable'] = { nextLinkName: name };
      } else {
        delete op['x-ms-pageable'];
        ctx.report.warn('pageable-dropped', `x-ms-pageable dropped: the platform follows only a "nextLink" or "@odata.nextLink" property (${JSON.stringify(isRecord(v) ? v.nextLinkName ?? null : v)}).`, at);
      }
    }
  }
  // x-ms-notification-url needs x-ms-notification-content on its path item (webhook triggers).
  for (const [p, item] of Object.entries(isRecord(def.paths) ? def.paths : {})) {
    if (!isRecord(item) || item['x-ms-notification-content'] !== undefined) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!isRecord(op) || !Array.isArray(op.parameters)) continue;
      for (const par of op.parameters) {
        if (isRecord(par) && par['x-ms-notification-url'] !== undefined) {
          delete par['x-ms-notification-url'];
          ctx.report.warn('notification-url-dropped', 'x-ms-notification-url dropped: its path item has no x-ms-notification-content describing what the service posts; add both to make this a webhook trigger.', `#/paths/${encodePointerToken(p)}/${m}`);
        }
      }
    }
  }
  // required ⊆ properties (through allOf and refs, bounded); read-only properties are not required
  // (a read-only required property in a request cannot be filled in).
  const propsOf = (s: unknown, seen: Set<unknown>): Set<string> => {
    const names = new Set<string>();
    if (!isRecord(s) || seen.has(s) || seen.size > 64) return names;
    seen.add(s);
    if (typeof s.$ref === 'string') return propsOf(resolveLocalRef(def, s.$ref), seen);
    if (isRecord(s.properties)) for (const k of Object.keys(s.properties)) names.add(k);
    if (Array.isArray(s.allOf)) for (const part of s.allOf) for (const k of propsOf(part, seen)) names.add(k);
    return names;
  };
  const schemaStack: unknown[] = [def];
  while (schemaStack.length) {
    const v = schemaStack.pop();
    if (Array.isArray(v)) {
      for (const c of v) if (typeof c === 'object' && c !== null) schemaStack.push(c);
      continue;
    }
    if (!isRecord(v)) continue;
    if (Array.isArray(v.required) && v.in === undefined) {
      const names = propsOf({ properties: v.properties, allOf: v.allOf }, new Set());
      const readOnly = (r: string) => {
        const prop = isRecord(v.properties) ? v.properties[r] : undefined;
        const target = isRecord(prop) && typeof prop.$ref === 'string' ? resolveLocalRef(def, prop.$ref) : prop;
        return isRecord(target) && target.readOnly === true;
      };
      const kept = v.required.filter((r) => typeof r === 'string' && names.has(r) && !readOnly(r));
      if (kept.length !== v.required.length) {
        if (kept.length) v.required = kept;
        else delete v.required;
      }
    }
    for (const [k, c] of Object.entries(v)) if (typeof c === 'object' && c !== null && !k.startsWith('x-') && k !== 'enum' && k !== 'example' && k !== 'default') schemaStack.push(c);
  }
}

/**
 * Required properties that loop back to their own definition through $refs (A requires b: B, B
 * requires a: A) describe input that can never be completed; the platform's validator refuses them.
 * The property that closes each loop is made optional (reported).
 */
function breakRequiredLoops(ctx: Ctx, def: JsonObject): void {
  const defs = isRecord(def.definitions) ? def.definitions : {};
  const targetName = (ref: unknown): string | undefined => {
    if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return undefined;
    const segs = pointerToPath(ref);
    return segs.length === 2 && Object.prototype.hasOwnProperty.call(defs, segs[1]!) ? segs[1] : undefined;
  };
  type Edge = { to: string; holder?: JsonObject; req?: string };
  const edgesOf = (name: string): Edge[] => {
    const out: Edge[] = [];
    const stack: { s: unknown; holder?: JsonObject; req?: string; depth: number; top: boolean }[] = [{ s: defs[name], depth: 0, top: true }];
    while (stack.length) {
      const { s, holder, req, depth, top } = stack.pop()!;
      if (!isRecord(s) || depth > 50) continue;
      const t = targetName(s.$ref);
      if (t !== undefined && !top) {
        out.push({ to: t, holder, req });
        continue;
      }
      if (Array.isArray(s.allOf)) for (const part of s.allOf) stack.push({ s: part, holder, req, depth: depth + 1, top: false });
      if (Array.isArray(s.required) && isRecord(s.properties)) {
        for (const r of s.required) if (typeof r === 'string' && Object.prototype.hasOwnProperty.call(s.properties, r)) stack.push({ s: s.properties[r], holder: s, req: r, depth: depth + 1, top: false });
      }
    }
    return out;
  };
  for (let round = 0; round < 1000; round++) {
    ctx.tick();
    let broke = false;
    const colour = new Map<string, 1 | 2>();
    outer: for (const start of Object.keys(defs)) {
      if (colour.has(start)) continue;
      const stack: { node: string; edges: Edge[]; i: number }[] = [{ node: start, edges: edgesOf(start), i: 0 }];
      colour.set(start, 1);
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        if (top.i >= top.edges.length) {
          colour.set(top.node, 2);
          stack.pop();
          continue;
        }
        const e = top.edges[top.i++]!;
        const c = colour.get(e.to);
        if (c === 1 && e.holder && e.req) {
          e.holder.required = (e.holder.required as string[]).filter((r) => r !== e.req);
          if (!(e.holder.required as string[]).length) delete e.holder.required;
          ctx.report.info('required-loop-broken', `Property "${e.req}" made optional: required properties looped back to "${e.to}" through $ref, which no input can satisfy.`, definitionPointer(top.node));
          broke = true;
          break outer;
        } else if (c === undefined) {
          colour.set(e.to, 1);
          stack.push({ node: e.to, edges: edgesOf(e.to), i: 0 });
        }
      }
    }
    if (!broke) return;
  }
}

function definitionPointer(name: string): string {
  return `#/definitions/${encodePointerToken(name)}`;
}

/** Budget meters against the platform's limits, counted as the validator's size rules count. */
function meters(def: JsonObject, report: OpenApiReportBuilder): Meter[] {
  const bytes = byteLength(serializeJson(def));
  const operations = countOperations(def);
  const schemas = countSchemas(def);
  // The largest body, response or definition schema after $ref expansion, and the deepest.
  const o = DEFAULT_RULE_OPTIONS;
  const expander = new Expander(isRecord(def.definitions) ? def.definitions : {}, Math.max(o.maxSchemasPerOperation, o.maxSchemasPerObject) * 4 + 1);
  const largest = { count: 0, depth: 0, countAt: '', depthAt: '', op: 0, opAt: '' };
  const measure = (schema: unknown, at: string): number => {
    const e = expander.of(schema);
    if (e.count > largest.count) Object.assign(largest, { count: e.count, countAt: at });
    if (e.depth > largest.depth) Object.assign(largest, { depth: e.depth, depthAt: at });
    return e.count;
  };
  for (const [p, item] of Object.entries(isRecord(def.paths) ? def.paths : {})) {
    if (!isRecord(item)) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!isRecord(op)) continue;
      const at = `#/paths/${encodePointerToken(p)}/${m}`;
      let total = 0;
      for (const par of Array.isArray(op.parameters) ? op.parameters : []) {
        if (isRecord(par) && par.in === 'body' && isRecord(par.schema)) total += measure(par.schema, `${at} (body)`);
        else if (isRecord(par)) total += 1;
      }
      for (const [code, r] of Object.entries(isRecord(op.responses) ? op.responses : {})) if (isRecord(r) && isRecord(r.schema)) total += measure(r.schema, `${at}/responses/${code}`);
      if (total > largest.op) Object.assign(largest, { op: total, opAt: at });
    }
  }
  for (const name of Object.keys(isRecord(def.definitions) ? def.definitions : {})) measure({ $ref: definitionPointer(name) }, definitionPointer(name));
  const list: Meter[] = [
    { id: 'definition-bytes', label: 'definition size (bytes)', value: bytes, limit: DEFINITION_SIZE_LIMIT, over: bytes > DEFINITION_SIZE_LIMIT },
    { id: 'operations', label: 'operations', value: operations, limit: o.maxOperations, over: operations > o.maxOperations },
    { id: 'schemas', label: 'schemas', value: schemas, limit: o.maxSchemasTotal, over: schemas > o.maxSchemasTotal },
    { id: 'largest-schema', label: 'schemas in the largest body, response or definition', value: largest.count, limit: o.maxSchemasPerObject, over: largest.count > o.maxSchemasPerObject, at: largest.countAt },
    { id: 'operation-schemas', label: 'schemas of the largest operation', value: largest.op, limit: o.maxSchemasPerOperation, over: largest.op > o.maxSchemasPerOperation, at: largest.opAt },
    { id: 'schema-depth', label: 'deepest schema nesting', value: largest.depth, limit: o.maxSchemaDepth, over: largest.depth > o.maxSchemaDepth, at: largest.depthAt },
  ];
  for (const m of list) {
    if (m.over) report.warn(`budget-${m.id}`, `The connector's ${m.label} is ${m.value.toLocaleString('en-US')}${m.at ? ` (at ${m.at})` : ''}, over the platform's limit of ${m.limit.toLocaleString('en-US')}: ${m.id === 'largest-schema' || m.id === 'schema-depth' || m.id === 'operation-schemas' ? 'simplify that schema after the import, or leave its operation out (--include-tags, --include-paths)' : 'import part of the API (--include-tags, --include-paths) or split it into several connectors'}.`);
  }
  return list;
}

export { convertSchema };
