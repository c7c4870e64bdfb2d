// Postman collection (v2.0 / v2.1) -> apiDefinition.swagger.json + apiProperties.json + report.
// Pure: no file system, never throws out of the public functions.
/// <reference path="../../../../node_modules/postman-collection/types/index.d.ts" />
// Default import: the package is CommonJS without detectable named exports for ESM loaders.
import postmanSdk from 'postman-collection';
import { inferSchemaFromExamples, detectFormat, type SwaggerSchema } from '../../../../shared/src/schema/inferSchema';
import { authKey, buildSecurity, describeAuth, readAuth, type AuthSpec } from './auth';
import { addResponse, mimeOf, readBody, type BodyDraft, type ResponseDraft } from './body';
import { mergeIntoExisting } from './merge';
import { cleanConnectorTitle, OperationIdAllocator, toDisplayName, toOperationId, toSummary } from './names';
import { parseJsonText } from './parseJson';
import { ReportBuilder, type ImportReport } from './report';
import { byteLength, DEFAULT_ICON_BRAND_COLOR, DEFINITION_SIZE_LIMIT, serializeJson } from './serialize';
import { descriptionText, isRecord, type PmCollection, type PmEvent, type PmItem, type PmRequest } from './types';
import { analyzeUrl, exampleOf, type Origin } from './url';
import { environmentValues, MAX_GROWTH, MAX_TOTAL_GROWTH, Variables } from './variables';

export type JsonObject = Record<string, unknown>;

export interface ConvertOptions {
  /** A Postman environment (parsed JSON); its values override collection variables. */
  environment?: unknown;
  /** The connector already in the target folder: the result is merged into it. */
  existing?: { definition?: object; properties?: object };
}

export type ConvertResult =
  | { ok: true; definition: JsonObject; properties: JsonObject; report: ImportReport }
  | { ok: false; error: { message: string; where: string } };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);
const SKIPPED_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'user-agent']);
export { DEFAULT_ICON_BRAND_COLOR } from './serialize';
const PLACEHOLDER_HOST = 'api.example.com';

type ParamIn = 'path' | 'query' | 'header' | 'formData';

interface ParamDraft {
  name: string;
  in: ParamIn;
  required: boolean;
  example?: string;
  description: string;
  file?: boolean;
  multi?: boolean;
}

interface OpDraft {
  method: string;
  where: string[];
  name: string;
  description: string;
  tag?: string;
  origin: Origin;
  segments: string[];
  params: ParamDraft[];
  body?: BodyDraft;
  accept?: string;
  responses: Map<string, ResponseDraft>;
  auth?: AuthSpec;
}

interface Ctx {
  vars: Variables;
  report: ReportBuilder;
  drafts: OpDraft[];
  tags: Map<string, string>;
  requests: number;
}

/** Largest collection or environment text the importer reads (the connector it writes is limited to 1 MB). */
export const MAX_COLLECTION_CHARS = 64 * 1024 * 1024;
/** Deepest JSON nesting read: folders (two levels each, object and "item" array) and request parts fit easily. */
export const MAX_JSON_DEPTH = 256;

/** The nesting depth of a JSON value, counted without recursion; stops past `limit`. */
function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Why a collection or environment value is past the reader's budgets; undefined when it is not. */
function overBudget(value: unknown, what: string): { message: string; where: string } | undefined {
  if (jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return { message: `The ${what} nests more than ${MAX_JSON_DEPTH} levels deep; the importer reads at most ${MAX_JSON_DEPTH}.`, where: what };
  return undefined;
}

/** Parses collection (and environment) text, reporting JSON syntax errors with line and column. */
export function parseAndConvert(text: string, options: Omit<ConvertOptions, 'environment'> & { environmentText?: string; environment?: unknown } = {}): ConvertResult {
  for (const [t, what] of [[text, 'collection'], [options.environmentText, 'environment']] as const) {
    if (t !== undefined && t.length > MAX_COLLECTION_CHARS) return { ok: false, error: { message: `The ${what} is ${(t.length / (1024 * 1024)).toFixed(0)} MB of text; the importer reads at most ${MAX_COLLECTION_CHARS / (1024 * 1024)} MB.`, where: what } };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, error: { message: `The collection is not valid JSON: ${parsed.message}.`, where: `collection line ${parsed.line}, column ${parsed.column}` } };
  let environment = options.environment;
  if (options.environmentText !== undefined) {
    const env = parseJsonText(options.environmentText);
    if (!env.ok) return { ok: false, error: { message: `The environment is not valid JSON: ${env.message}.`, where: `environment line ${env.line}, column ${env.column}` } };
    environment = env.value;
  }
  return convertPostmanCollection(parsed.value, { existing: options.existing, environment });
}

export function convertPostmanCollection(collectionJson: unknown, options: ConvertOptions = {}): ConvertResult {
  try {
    return convert(collectionJson, options);
  } catch (e) {
    return { ok: false, error: { message: `Internal error while converting the collection: ${e instanceof Error ? e.message : String(e)}`, where: 'collection' } };
  }
}

/**
 * Folders nest at most this deep. The Postman SDK that normalizes the collection recurses once per
 * level (5,000 levels overflowed the stack); real collections nest a handful of levels.
 */
export const MAX_FOLDER_DEPTH = 64;

/** The deepest folder nesting of a collection, counted without recursion; stops past `limit`. */
function folderDepth(items: unknown, limit: number): number {
  let deepest = 0;
  const stack: { items: unknown[]; depth: number }[] = Array.isArray(items) ? [{ items, depth: 1 }] : [];
  while (stack.length) {
    const { items: list, depth } = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const it of list) if (isRecord(it) && Array.isArray(it.item)) stack.push({ items: it.item, depth: depth + 1 });
  }
  return deepest;
}

/** Why this JSON is not a collection we can read; undefined when it is one. */
function checkCollectionShape(json: unknown): { message: string; where: string } | undefined {
  if (!isRecord(json)) return { message: 'Not a Postman collection: the file must hold a JSON object.', where: 'collection' };
  const schema = isRecord(json.info) && typeof json.info.schema === 'string' ? json.info.schema : '';
  if (/\/v1(\.\d+)*\//.test(schema) || (!('info' in json) && (Array.isArray(json.requests) || Array.isArray(json.order)))) {
    return { message: 'Postman collection format v1 is not supported. In Postman, export the collection as "Collection v2.1" and import that file.', where: 'collection' };
  }
  if ('swagger' in json || 'openapi' in json) return { message: 'This is an OpenAPI document, not a Postman collection; open it as a connector definition instead.', where: 'collection' };
  if (!('info' in json) && Array.isArray(json.values)) return { message: 'This is a Postman environment, not a collection; pass it with --environment.', where: 'collection' };
  if (!isRecord(json.info)) return { message: 'Not a Postman collection: the "info" object is missing.', where: 'collection > info' };
  if (!Array.isArray(json.item)) return { message: 'Not a Postman collection: the "item" array is missing.', where: 'collection > item' };
  if (schema && !/\/v2\.[01]\.\d+\//.test(schema)) return { message: `Unsupported collection schema "${schema}"; collection v2.0 and v2.1 are supported.`, where: 'collection > info > schema' };
  // Folder levels below the collection (its own "item" array is level 1).
  if (folderDepth(json.item, MAX_FOLDER_DEPTH + 1) - 1 > MAX_FOLDER_DEPTH) {
    return { message: `Folders are nested more than ${MAX_FOLDER_DEPTH} levels deep; the importer reads at most ${MAX_FOLDER_DEPTH}. Flatten the folders in Postman and export again.`, where: 'collection > item' };
  }
  return undefined;
}

function convert(json: unknown, options: ConvertOptions): ConvertResult {
  const bad = checkCollectionShape(json) ?? overBudget(json, 'collection') ?? (options.environment !== undefined ? overBudget(options.environment, 'environment') : undefined);
  if (bad) return { ok: false, error: bad };
  let envValues;
  if (options.environment !== undefined) {
    envValues = environmentValues(options.environment);
    if (!envValues) return { ok: false, error: { message: 'The environment file is not a Postman environment (no "values" array).', where: 'environment' } };
  }
  const report = new ReportBuilder();
  const raw = json as PmCollection;
  if (!raw.info?.schema) report.info('schema-missing', 'The collection does not name its schema version; read as v2.1.');
  // The SDK normalizes v2.0 and v2.1 (string URLs, object-style auth) into one shape.
  const collection = new postmanSdk.Collection(raw as ConstructorParameters<typeof postmanSdk.Collection>[0]).toJSON() as PmCollection;
  const vars = new Variables(collection.variable, envValues);
  const ctx: Ctx = { vars, report, drafts: [], tags: new Map(), requests: 0 };

  reportScripts(collection.event, 'collection', report);
  const rootAuth = readAuth(collection.auth, vars);
  walk(collection.item ?? [], [], rootAuth, ctx);
  if (vars.tooLarge.size) {
    const names = [...vars.tooLarge].slice(0, 5).map((n) => `{{${n}}}`).join(', ');
    report.warn('variable-too-large', `Variable${vars.tooLarge.size > 1 ? 's' : ''} ${names}${vars.tooLarge.size > 5 ? ` and ${vars.tooLarge.size - 5} more` : ''} would expand past the import's budget (${MAX_GROWTH / 1024} KiB per value, ${MAX_TOTAL_GROWTH / (1024 * 1024)} MiB in all) and were left unresolved; check the collection and environment for variables that repeat each other.`, 'collection > variable');
  }
  if (ctx.drafts.length === 0) return { ok: false, error: { message: 'The collection has no requests that can become operations.', where: 'collection' } };

  const server = chooseServer(ctx);
  const chosenAuth = chooseAuth(ctx);
  const security = chosenAuth ? buildSecurity(chosenAuth, report, 'collection > auth') : { securityDefinitions: {}, security: [], connectionParameters: {} };
  const paths = buildPaths(ctx, server, chosenAuth);

  const info = collection.info ?? {};
  const title = connectorTitle(typeof info.name === 'string' ? info.name : '', report);
  const description = descriptionText(info.description) || `Operations imported from the Postman collection ${title}.`;
  const definition: JsonObject = {
    swagger: '2.0',
    info: { title, description, version: versionOf(raw.info?.version) },
    host: server.host,
    basePath: server.basePath,
    schemes: [server.scheme],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: paths.paths,
    definitions: {},
    parameters: {},
    responses: {},
    securityDefinitions: security.securityDefinitions,
    security: security.security,
  };
  const usedTags = [...ctx.tags].filter(([name]) => paths.usedTags.has(name));
  if (usedTags.length) definition.tags = usedTags.map(([name, desc]) => (desc ? { name, description: desc } : { name }));
  const properties: JsonObject = {
    properties: {
      connectionParameters: security.connectionParameters,
      iconBrandColor: DEFAULT_ICON_BRAND_COLOR,
      capabilities: [],
    },
  };
  const result: ImportReport = {
    entries: report.entries,
    stats: { requests: ctx.requests, operations: paths.operations, mergedDuplicates: paths.merged, tags: usedTags.length },
  };

  if (options.existing?.definition || options.existing?.properties) {
    const merged = mergeIntoExisting(options.existing.definition, options.existing.properties, { definition, properties, report: result });
    checkSize(merged.definition, merged.report);
    return { ok: true, ...merged };
  }
  checkSize(definition, result);
  return { ok: true, definition, properties, report: result };
}

/** The collection name without the words the platform refuses in a title (API, Connector). */
function connectorTitle(name: string, report: ReportBuilder): string {
  const trimmed = name.trim();
  const cleaned = cleanConnectorTitle(name);
  if (cleaned !== trimmed && trimmed) report.info('title-cleaned', `Title "${trimmed}" written as "${cleaned}": connector titles may not contain the words API or Connector.`, 'collection > info > name');
  return cleaned;
}

function checkSize(definition: object, report: ImportReport): void {
  const bytes = byteLength(serializeJson(definition));
  if (bytes > DEFINITION_SIZE_LIMIT) {
    report.entries.push({
      severity: 'warning',
      code: 'definition-size',
      message: `apiDefinition.swagger.json is ${bytes.toLocaleString('en-US')} bytes, over the platform's 1,048,576-byte limit: split the connector before you deploy it.`,
    });
  }
}

function versionOf(v: unknown): string {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (isRecord(v) && ['major', 'minor', 'patch'].every((k) => typeof v[k] === 'number' || typeof v[k] === 'string')) return `${v.major}.${v.minor}.${v.patch}`;
  return '1.0.0';
}

function reportScripts(events: PmEvent[] | undefined, where: string, report: ReportBuilder): void {
  for (const e of events ?? []) {
    const exec = Array.isArray(e?.script?.exec) ? e.script.exec.join('\n') : typeof e?.script?.exec === 'string' ? e.script.exec : '';
    if (!exec.trim() || e.disabled) continue;
    const kind = e.listen === 'prerequest' ? 'Pre-request script' : e.listen === 'test' ? 'Test script' : `"${e.listen}" script`;
    report.warn('script-not-converted', `${kind} not converted: connectors do not run Postman scripts (move logic into policies or script.csx).`, where);
  }
}

function walk(items: PmItem[], folders: string[], inherited: AuthSpec | undefined, ctx: Ctx): void {
  for (const item of items) {
    if (!item) continue;
    const name = (typeof item.name === 'string' && item.name.trim()) || '(unnamed)';
    const where = [...folders, name].join(' > ');
    reportScripts(item.event, where, ctx.report);
    if (Array.isArray(item.item)) {
      const auth = readAuth(item.auth, ctx.vars) ?? inherited;
      if (!ctx.tags.has(where)) ctx.tags.set(where, descriptionText(item.description));
      if (item.item.length === 0) ctx.report.info('folder-empty', 'Folder has no requests.', where);
      walk(item.item, [...folders, name], auth, ctx);
      continue;
    }
    if (!item.request) {
      ctx.report.warn('item-without-request', 'Item has neither a request nor sub-items; skipped.', where);
      continue;
    }
    ctx.requests++;
    const draft = readRequest(item, item.request, name, where, folders.length ? folders.join(' > ') : undefined, readAuth(item.request.auth, ctx.vars) ?? inherited, ctx);
    if (draft) ctx.drafts.push(draft);
  }
}

function readRequest(item: PmItem, req: PmRequest, name: string, where: string, tag: string | undefined, auth: AuthSpec | undefined, ctx: Ctx): OpDraft | undefined {
  const { vars, report } = ctx;
  const method = (typeof req.method === 'string' ? req.method : 'GET').toLowerCase();
  if (!METHODS.has(method)) {
    report.warn('method-unsupported', `HTTP method ${method.toUpperCase()} is not supported by OpenAPI 2.0; the request was not converted.`, where);
    return undefined;
  }
  if (!req.url?.host?.length && !req.url?.path?.length) {
    report.warn('request-without-url', 'Request has no URL; it was not converted.', where);
    return undefined;
  }
  const url = analyzeUrl(req.url, vars);
  const params: ParamDraft[] = url.pathParams.map((p) => ({ name: p.name, in: 'path' as const, required: true, example: p.example, description: p.description }));
  for (const q of url.query) {
    const key = q.key as string;
    const same = params.find((p) => p.in === 'query' && p.name === key);
    if (same) {
      same.multi = true;
      continue;
    }
    params.push({ name: key, in: 'query', required: !q.disabled, example: typeof q.value === 'string' ? exampleOf(q.value, vars, key) : undefined, description: descriptionText(q.description) });
  }
  if (url.origin.written.includes('#') || req.url?.hash) report.info('url-fragment', 'URL fragment (#...) dropped: it is never sent to the server.', where);

  let contentType: string | undefined;
  let accept: string | undefined;
  let authorization: string | undefined;
  for (const h of req.header ?? []) {
    if (!h || typeof h.key !== 'string' || !h.key.trim()) continue;
    const lower = h.key.trim().toLowerCase();
    const value = typeof h.value === 'string' ? h.value : '';
    if (lower === 'content-type') {
      if (!h.disabled) contentType = vars.resolve(value).text;
    } else if (lower === 'accept') {
      if (!h.disabled) accept = mimeOf(vars.resolve(value).text);
    } else if (lower === 'authorization') {
      if (!h.disabled) authorization = value;
    } else if (SKIPPED_HEADERS.has(lower)) {
      report.info('header-skipped', `Header ${h.key} is set by the platform and was not made a parameter.`, where);
    } else if (!params.some((p) => p.in === 'header' && p.name.toLowerCase() === lower)) {
      params.push({ name: h.key.trim(), in: 'header', required: !h.disabled, example: exampleOf(value, vars, h.key), description: descriptionText(h.description) });
    }
  }
  if (authorization !== undefined) {
    if (!auth || auth.kind === 'none') {
      const bearer = /^\s*bearer\s/i.test(authorization);
      auth = /^\s*basic\s/i.test(authorization) ? { kind: 'basic' } : { kind: 'apiKey', name: 'Authorization', in: 'header', bearer };
      report.info('auth-from-header', `Authorization header read as ${describeAuth(auth)}.`, where);
    } else report.info('authorization-header-ignored', `Authorization header ignored: the request's ${describeAuth(auth)} setting is used.`, where);
  }

  let body = readBody(req.body, contentType, vars, report, where);
  if (body && (method === 'get' || method === 'head')) {
    report.warn('body-on-get', `${method.toUpperCase()} request has a body; connectors do not allow a body on ${method.toUpperCase()}, so it was dropped.`, where);
    body = undefined;
  }

  const responses = new Map<string, ResponseDraft>();
  const silent = new ReportBuilder();
  for (const r of item.response ?? []) {
    if (!r) continue;
    addResponse(responses, r, vars, report, where);
    // Bodies of the saved examples' requests are more examples of the request body.
    if (body?.kind === 'json' && r.originalRequest?.body) {
      const ct = (r.originalRequest.header ?? []).find((h) => typeof h?.key === 'string' && h.key.toLowerCase() === 'content-type');
      const extra = readBody(r.originalRequest.body, typeof ct?.value === 'string' ? ct.value : contentType, vars, silent, where);
      if (extra?.kind === 'json') body.examples.push(...extra.examples);
    }
  }

  return { method, where: [where], name, description: descriptionText(req.description), tag, origin: url.origin, segments: url.segments, params, body, accept, responses, auth };
}

interface Server {
  host: string;
  scheme: string;
  basePath: string;
  baseSegments: number;
}

function chooseServer(ctx: Ctx): Server {
  const counts = new Map<string, { count: number; scheme?: string }>();
  for (const d of ctx.drafts) {
    if (!d.origin.host) continue;
    const c = counts.get(d.origin.host) ?? { count: 0, scheme: d.origin.scheme };
    c.count++;
    c.scheme ??= d.origin.scheme;
    counts.set(d.origin.host, c);
  }
  let host: string | undefined;
  let best = 0;
  for (const [h, c] of counts) if (c.count > best) [host, best] = [h, c.count];
  const scheme = host && (counts.get(host)!.scheme === 'http' || counts.get(host)!.scheme === 'https') ? counts.get(host)!.scheme! : 'https';

  const unresolved = new Map<string, OpDraft[]>();
  for (const d of ctx.drafts) if (!d.origin.host) unresolved.set(d.origin.written, [...(unresolved.get(d.origin.written) ?? []), d]);
  if (!host) {
    host = PLACEHOLDER_HOST;
    ctx.report.warn('host-missing', `No request URL has a host that could be resolved; host "${PLACEHOLDER_HOST}" was written: set the real host (or import with an environment file that defines the base URL variable).`);
  }
  for (const [written, ds] of unresolved) {
    const names = [...new Set(ds.flatMap((d) => d.origin.unresolved))];
    const why = names.length ? `uses ${names.map((n) => `{{${n}}}`).join(', ')}, not defined in the collection or environment` : 'has no usable host';
    ctx.report.warn('host-unresolved', `URL host "${written}" ${why}; ${ds.length} request(s) were assumed to use host ${host}: ${sample(ds.map((d) => d.where[0]!))}.`, ds[0]!.where[0]);
  }
  for (const [h, c] of counts) {
    if (h === host) continue;
    const ds = ctx.drafts.filter((d) => d.origin.host === h);
    ctx.report.warn('other-host', `${c.count} request(s) use host ${h}, but a connector has one host (${host}); their paths were written under ${host}: ${sample(ds.map((d) => d.where[0]!))}.`, ds[0]!.where[0]);
  }

  // basePath: the path prefix every base URL of the chosen host shares.
  let common: string[] | undefined;
  for (const d of ctx.drafts) {
    if (d.origin.host && d.origin.host !== host) continue;
    const prefix = d.origin.prefix;
    if (!common) common = [...prefix];
    else {
      let i = 0;
      while (i < common.length && i < prefix.length && common[i] === prefix[i]) i++;
      common.length = i;
    }
  }
  const base = common ?? [];
  return { host, scheme, basePath: `/${base.join('/')}`, baseSegments: base.length };
}

function sample(list: string[]): string {
  const unique = [...new Set(list)];
  return unique.slice(0, 5).join('; ') + (unique.length > 5 ? `; and ${unique.length - 5} more` : '');
}

function chooseAuth(ctx: Ctx): AuthSpec | undefined {
  const groups = new Map<string, { auth: AuthSpec; drafts: OpDraft[] }>();
  for (const d of ctx.drafts) {
    if (!d.auth || d.auth.kind === 'none') continue;
    const key = authKey(d.auth);
    const g = groups.get(key) ?? { auth: d.auth, drafts: [] };
    g.drafts.push(d);
    groups.set(key, g);
  }
  let chosen: { auth: AuthSpec; drafts: OpDraft[] } | undefined;
  for (const g of groups.values()) if (g.auth.kind !== 'unsupported' && (!chosen || g.drafts.length > chosen.drafts.length)) chosen = g;
  for (const g of groups.values()) {
    if (g === chosen) continue;
    const wheres = sample(g.drafts.map((d) => d.where[0]!));
    if (g.auth.kind === 'unsupported') ctx.report.warn('auth-unsupported', `${describeAuth(g.auth)} is not supported by custom connectors and was not converted (${g.drafts.length} request(s)): ${wheres}.`, g.drafts[0]!.where[0]);
    else ctx.report.warn('auth-not-chosen', `${g.drafts.length} request(s) use ${describeAuth(g.auth)}, but a connection has one kind of authentication and the connector uses ${describeAuth(chosen!.auth)}: ${wheres}.`, g.drafts[0]!.where[0]);
  }
  if (chosen) {
    const open = ctx.drafts.filter((d) => d.auth?.kind === 'none');
    if (open.length) ctx.report.info('auth-none-requests', `${open.length} request(s) use no auth; the connection's ${describeAuth(chosen.auth)} is sent with them too: ${sample(open.map((d) => d.where[0]!))}.`, open[0]!.where[0]);
  }
  return chosen?.auth;
}

function pathNames(path: string): string[] {
  return [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
}

function mergeDraft(into: OpDraft, from: OpDraft, report: ReportBuilder): void {
  into.where.push(...from.where);
  if (!into.description && from.description) into.description = from.description;
  for (const p of from.params) {
    const mine = into.params.find((q) => q.in === p.in && q.name === p.name);
    if (!mine) into.params.push({ ...p, required: p.in === 'path' });
    else {
      mine.example ??= p.example;
      if (!mine.description) mine.description = p.description;
      if (!p.required && p.in !== 'path') mine.required = false;
    }
  }
  // Parameters the first request had and this one lacks are optional.
  for (const p of into.params) if (p.in !== 'path' && !from.params.some((q) => q.in === p.in && q.name === p.name)) p.required = false;
  if (!into.body) into.body = from.body;
  else if (from.body) {
    if (into.body.kind === 'json' && from.body.kind === 'json') into.body.examples.push(...from.body.examples);
    else if (into.body.kind === 'form' && from.body.kind === 'form' && into.body.mime === from.body.mime) {
      const mine = into.body.fields;
      for (const f of from.body.fields) if (!mine.some((m) => m.name === f.name)) mine.push({ ...f, required: false });
      for (const m of mine) if (!from.body.fields.some((f) => f.name === m.name)) m.required = false;
    } else if (into.body.kind !== from.body.kind || into.body.mime !== from.body.mime) report.warn('body-conflict', `Body (${from.body.kind}) differs from the first request with the same method and path (${into.body.kind}); the first one was kept.`, from.where[0]);
  }
  for (const [code, r] of from.responses) {
    const mine = into.responses.get(code);
    if (!mine) into.responses.set(code, r);
    else {
      for (const d of r.descriptions) if (!mine.descriptions.includes(d)) mine.descriptions.push(d);
      for (const [mime, list] of r.examples) mine.examples.set(mime, [...(mine.examples.get(mime) ?? []), ...list]);
      for (const m of r.json) mine.json.add(m);
    }
  }
}

function buildPaths(ctx: Ctx, server: Server, auth: AuthSpec | undefined): { paths: JsonObject; operations: number; merged: number; usedTags: Set<string> } {
  const ops = new Map<string, { path: string; draft: OpDraft }>();
  const canonical = new Map<string, string>();
  let merged = 0;
  for (const d of ctx.drafts) {
    const onChosen = !d.origin.host || d.origin.host === server.host;
    const full = [...(onChosen ? d.origin.prefix.slice(server.baseSegments) : d.origin.prefix), ...d.segments];
    let path = `/${full.join('/')}`;
    const shape = path.replace(/\{[^{}]*\}/g, '{}').toLowerCase();
    const canon = canonical.get(shape);
    if (canon === undefined) canonical.set(shape, path);
    else if (canon !== path) {
      // Same route written differently (variable names or case): use the first spelling.
      const oldNames = pathNames(path);
      const newNames = pathNames(canon);
      const renamed = new Map(oldNames.map((n, i) => [n, newNames[i]!]));
      for (const p of d.params) if (p.in === 'path' && renamed.has(p.name)) p.name = renamed.get(p.name)!;
      ctx.report.info('path-normalized', `Path ${path} is the same route as ${canon}; written as ${canon}.`, d.where[0]);
      path = canon;
    }
    const key = `${d.method} ${path}`;
    const existing = ops.get(key);
    if (existing) {
      merged++;
      mergeDraft(existing.draft, d, ctx.report);
      ctx.report.info('duplicate-merged', `Same method and path as "${existing.draft.where[0]}" (${d.method.toUpperCase()} ${path}): merged into one operation (parameters joined, body and response examples combined).`, d.where[0]);
    } else ops.set(key, { path, draft: d });
  }

  const ids = new OperationIdAllocator();
  const paths: JsonObject = {};
  const usedTags = new Set<string>();
  for (const { path, draft } of ops.values()) {
    const item = (paths[path] ??= {}) as JsonObject;
    item[draft.method] = buildOperation(draft, path, ids, auth, ctx.report);
    if (draft.tag) usedTags.add(draft.tag);
  }
  return { paths, operations: ops.size, merged, usedTags };
}

function scalarType(example: string | undefined): { type: string; format?: string; value?: unknown } {
  if (example === undefined) return { type: 'string' };
  if (/^-?(0|[1-9]\d{0,14})$/.test(example)) return { type: 'integer', value: Number(example) };
  if (/^-?(0|[1-9]\d{0,14})\.\d+$/.test(example)) return { type: 'number', value: Number(example) };
  if (example === 'true' || example === 'false') return { type: 'boolean', value: example === 'true' };
  const format = detectFormat(example);
  return format ? { type: 'string', format, value: example } : { type: 'string', value: example };
}

function buildParameter(p: ParamDraft): JsonObject {
  const out: JsonObject = { name: p.name, in: p.in, required: p.in === 'path' ? true : p.required };
  if (p.file) out.type = 'file';
  else {
    const t = scalarType(p.example);
    if (p.multi) {
      out.type = 'array';
      out.items = t.format ? { type: t.type, format: t.format } : { type: t.type };
      out.collectionFormat = 'multi';
    } else {
      out.type = t.type;
      if (t.format) out.format = t.format;
    }
  }
  if (p.description) out.description = p.description;
  out['x-ms-summary'] = toDisplayName(p.name);
  // Path values are escaped once, as the platform recommends.
  if (p.in === 'path') out['x-ms-url-encoding'] = 'single';
  if (!p.file && p.example !== undefined && p.example !== '') out['x-example'] = scalarType(p.example).value;
  return out;
}

/** Request body properties get an x-ms-summary display name, as parameters do (in place). */
function withDisplayNames(schema: SwaggerSchema): SwaggerSchema {
  for (const [key, p] of Object.entries(schema.properties ?? {})) {
    p['x-ms-summary'] ??= toDisplayName(key);
    withDisplayNames(p);
  }
  if (schema.items) withDisplayNames(schema.items);
  return schema;
}

const PARAM_ORDER: Record<ParamIn, number> = { path: 0, query: 1, header: 2, formData: 3 };

function buildOperation(d: OpDraft, path: string, ids: OperationIdAllocator, auth: AuthSpec | undefined, report: ReportBuilder): JsonObject {
  const fallback = `${d.method} ${path.replace(/\{[^{}]*\}/g, ' ')}`;
  const summary = toSummary(d.name) || toSummary(fallback) || d.method.toUpperCase();
  const wantedId = toOperationId(d.name) || toOperationId(fallback) || 'Operation';
  const operationId = ids.allocate(wantedId);
  if (operationId !== wantedId) report.info('operation-id-renamed', `operationId ${wantedId} is already used; this operation is ${operationId}.`, d.where[0]);
  const op: JsonObject = {};
  if (d.tag) op.tags = [d.tag];
  op.summary = summary;
  op.description = d.description || `${summary}.`;
  op.operationId = operationId;

  // The connection supplies the API key: no parameter for it.
  const authParam = auth?.kind === 'apiKey' ? { in: auth.in, name: auth.name.toLowerCase() } : undefined;
  const params = d.params
    .filter((p) => !(authParam && p.in === authParam.in && p.name.toLowerCase() === authParam.name))
    .sort((a, b) => PARAM_ORDER[a.in] - PARAM_ORDER[b.in]);
  const body = d.body;
  if (body?.kind === 'form') {
    for (const f of body.fields) params.push({ name: f.name, in: 'formData', required: f.required, example: f.example, description: f.description, file: f.file });
  }
  const reserved = params.filter((p) => p.in !== 'path' && p.name.toLowerCase() === 'connectionid');
  for (const p of reserved) report.warn('parameter-reserved', `${p.in} parameter "${p.name}" was not converted: the platform reserves the name connectionId.`, d.where[0]);
  // The platform refuses form field names outside US-ASCII.
  for (const p of params) {
    if (p.in === 'formData' && /[^\x20-\x7e]/.test(p.name) && !reserved.includes(p)) {
      reserved.push(p);
      report.warn('form-field-not-ascii', `Form field "${p.name}" was not converted: form field names must be US-ASCII.`, d.where[0]);
    }
  }
  const parameters = params.filter((p) => !reserved.includes(p)).map(buildParameter);
  let consumes: string | undefined;
  if (body?.kind === 'json') {
    parameters.push({ name: 'body', in: 'body', required: true, schema: withDisplayNames(inferSchemaFromExamples(body.examples)) });
    if (body.mime !== 'application/json') consumes = body.mime;
  } else if (body?.kind === 'text') {
    parameters.push({ name: 'body', in: 'body', required: true, schema: { type: 'string' } });
    if (body.mime !== 'application/json') consumes = body.mime;
  } else if (body?.kind === 'binary') {
    parameters.push({ name: 'body', in: 'body', required: true, schema: { type: 'string', format: 'binary' } });
    consumes = body.mime;
  } else if (body?.kind === 'form') consumes = body.mime;
  op.parameters = parameters;
  if (consumes) op.consumes = [consumes];

  const produces = new Set<string>();
  if (d.accept) produces.add(d.accept);
  const responses: JsonObject = {};
  const codes = [...d.responses.keys()].sort((a, b) => (a === 'default' ? 1 : b === 'default' ? -1 : Number(a) - Number(b)));
  for (const code of codes) {
    const r = d.responses.get(code)!;
    const out: JsonObject = { description: r.descriptions[0] ?? 'Response' };
    const jsonExamples = [...r.json].flatMap((m) => r.examples.get(m) ?? []);
    const hasBody = r.examples.size > 0;
    if (code !== 'default' && hasBody) {
      const schema: SwaggerSchema = jsonExamples.length ? inferSchemaFromExamples(jsonExamples) : { type: 'string' };
      out.schema = schema;
    }
    if (hasBody) {
      const examples: JsonObject = {};
      for (const [mime, list] of r.examples) {
        examples[mime] = list[0];
        produces.add(mime);
        if (list.length > 1) report.info('examples-first-kept', `${list.length} saved ${mime} examples for status ${code}: all shaped the schema; the first is kept as the example.`, d.where[0]);
      }
      out.examples = examples;
    }
    responses[code] = out;
  }
  if (codes.length === 0) responses['200'] = { description: 'OK' };
  else if (!codes.some((c) => c.startsWith('2'))) report.info('no-success-response', 'No saved 2xx response; only the saved error responses are described.', d.where[0]);
  if (produces.size && [...produces].some((m) => m !== 'application/json')) op.produces = [...produces];
  op.responses = responses;
  return op;
}
