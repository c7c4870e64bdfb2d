// OpenAPI 3 parameters, request bodies and responses -> Swagger 2.0 parameters and responses.
import { toDisplayName } from '../postman/names';
import { componentOf, isRecord, sub, type Ctx, type JsonObject } from './context';
import { convertSchema, ofType, uniqueValues } from './schema';

const PRIMITIVE = new Set(['string', 'number', 'integer', 'boolean']);
/** Keywords a non-body parameter (and its items) may carry, by the type they apply to. */
const STRING_KEYS = ['maxLength', 'minLength', 'pattern'];
const NUMBER_KEYS = ['maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'multipleOf'];
const ARRAY_KEYS = ['maxItems', 'minItems', 'uniqueItems'];

export function isJsonMedia(m: string): boolean {
  return /^application\/([\w.-]+\+)?json\b/i.test(m) || /^text\/json\b/i.test(m);
}

/** type/subtype, optional parameters: what a consumes/produces entry must be. */
const MEDIA = /^[\w.+*-]+\/[\w.+*-]+(\s*;\s*[\w.+-]+=[^;]+)*$/;

/** Media types of a content map, the JSON ones first. */
export function orderedMedia(content: unknown): string[] {
  if (!isRecord(content)) return [];
  const keys = Object.keys(content).filter((k) => MEDIA.test(k));
  return [...keys.filter(isJsonMedia), ...keys.filter((k) => !isJsonMedia(k))];
}

/** A source value with its `$ref` chain followed (the pointer of the final target). */
export function deref(ctx: Ctx, v: unknown, pointer: string): { value: unknown; pointer: string } {
  if (isRecord(v) && typeof v.$ref === 'string') {
    const r = ctx.resolve(v, pointer.slice(1));
    if (r) return { value: r.value, pointer: `#${r.pointer}` };
  }
  return { value: v, pointer };
}

/** A parameter's schema, flattened to the primitive keywords a non-body parameter carries. */
function flattenSchema(ctx: Ctx, schema: unknown, pointer: string, forItems: boolean): { out: JsonObject; approximated?: string } {
  const conv = convertSchema(ctx, deref(ctx, schema, pointer).value, pointer);
  // A converted schema that is only a ref (to a definition) is read through the source.
  let s = conv;
  if (typeof conv.$ref === 'string') {
    const src = deref(ctx, schema, pointer);
    s = convertSchema(ctx, src.value, src.pointer);
    if (typeof s.$ref === 'string') s = {};
  }
  if (Array.isArray(s.allOf) && s.allOf.length && !s.type) {
    const first = s.allOf.find((p) => isRecord(p) && typeof p.type === 'string');
    if (isRecord(first)) s = { ...first, ...s };
  }
  const out: JsonObject = {};
  let type = typeof s.type === 'string' ? s.type : undefined;
  let approximated: string | undefined;
  if (type === 'array' && !forItems) {
    out.type = 'array';
    const items = flattenSchema(ctx, isRecord(schema) && isRecord((deref(ctx, schema, pointer).value as JsonObject).items) ? (deref(ctx, schema, pointer).value as JsonObject).items : {}, sub(pointer, 'items'), true);
    out.items = items.out;
    approximated = items.approximated;
  } else if (type && PRIMITIVE.has(type)) {
    out.type = type;
  } else {
    if (type === 'object' || type === 'array') approximated = `a${type === 'object' ? 'n object' : 'n array of arrays'} value, which a Swagger 2.0 parameter cannot describe; written as a string`;
    type = 'string';
    out.type = 'string';
  }
  if (typeof s.format === 'string') out.format = s.format;
  if (Array.isArray(s.enum)) {
    const values = uniqueValues(s.enum.filter((v) => v !== null && typeof v !== 'object' && ofType(v, out.type as string)));
    if (values.length) out.enum = values;
  }
  if (out.default !== undefined && (!ofType(out.default, out.type as string) || (Array.isArray(out.enum) && !out.enum.includes(out.default)))) delete out.default;
  if (s.default !== undefined && (s.default === null || typeof s.default !== 'object')) out.default = s.default;
  const keys = out.type === 'string' ? STRING_KEYS : out.type === 'number' || out.type === 'integer' ? NUMBER_KEYS : out.type === 'array' ? ARRAY_KEYS : [];
  for (const k of keys) if (s[k] !== undefined) out[k] = s[k];
  if (out.type === 'array' && !out.items) out.items = { type: 'string' };
  return { out, approximated };
}

/** style/explode -> collectionFormat where they map; undefined (and a reason) where they do not. */
function collectionFormat(p: JsonObject): { format?: string; problem?: string } {
  const where = String(p.in);
  const style = typeof p.style === 'string' ? p.style : where === 'query' || where === 'cookie' ? 'form' : 'simple';
  const explode = typeof p.explode === 'boolean' ? p.explode : style === 'form';
  if (style === 'form') return { format: explode ? 'multi' : 'csv' };
  if (style === 'simple') return { format: 'csv' };
  if (style === 'spaceDelimited') return { format: 'ssv' };
  if (style === 'pipeDelimited') return { format: 'pipes' };
  return { format: 'csv', problem: `style "${style}"${explode ? ' with explode' : ''} has no collectionFormat; written as csv` };
}

/** The name a path variable the platform reserves (connectionId) is written under. */
export function reservedPathName(name: string): string {
  return `${name}_value`;
}

/**
 * A 3.x parameter -> a 2.0 parameter; undefined when it cannot be one (cookie, no name), reported.
 * `p` is already dereferenced; `pointer` is where it lives in the source.
 */
export function convertParameter(ctx: Ctx, p: unknown, pointer: string): JsonObject | undefined {
  if (!isRecord(p)) {
    ctx.report.warn('parameter-invalid', 'Not a parameter object; dropped.', pointer);
    return undefined;
  }
  const name = typeof p.name === 'string' ? p.name : '';
  const where = typeof p.in === 'string' ? p.in : '';
  if (!name) {
    ctx.report.warn('parameter-invalid', 'Parameter without a name; dropped.', pointer);
    return undefined;
  }
  if (where === 'cookie') {
    ctx.report.warn('cookie-parameter', `Cookie parameter "${name}" dropped: connectors cannot send cookie parameters (send it as a header from a policy if the API needs it).`, pointer);
    return undefined;
  }
  if (where !== 'query' && where !== 'header' && where !== 'path' && where !== 'formData') {
    ctx.report.warn('parameter-invalid', `Parameter "${name}" is "in: ${where || '(none)'}"; dropped.`, pointer);
    return undefined;
  }
  let outName = name;
  if (/^connectionid$/i.test(name)) {
    if (where !== 'path') {
      ctx.report.warn('parameter-reserved', `Parameter "${name}" dropped: the platform reserves this name (it carries the connection).`, pointer);
      return undefined;
    }
    outName = reservedPathName(name);
    ctx.report.info('parameter-reserved', `Path parameter "${name}" renamed ${outName}: the platform reserves the name (the URL does not change).`, pointer);
  }
  let schema: unknown = p.schema;
  let schemaPtr = sub(pointer, 'schema');
  if (schema === undefined && isRecord(p.content)) {
    const media = orderedMedia(p.content)[0];
    if (media !== undefined && isRecord(p.content[media])) {
      schema = (p.content[media] as JsonObject).schema;
      schemaPtr = sub(pointer, 'content', media, 'schema');
      ctx.report.info('parameter-content', `Parameter "${name}" is described by content (${media}); written as a string holding the serialized value.`, sub(pointer, 'content'));
      schema = { type: 'string' };
    }
  }
  const flat = flattenSchema(ctx, schema ?? { type: 'string' }, schemaPtr, false);
  const out: JsonObject = { name: outName, in: where };
  if (typeof p.description === 'string') out.description = p.description;
  out.required = where === 'path' ? true : p.required === true;
  Object.assign(out, flat.out);
  if (flat.approximated) ctx.report.info('parameter-approximated', `Parameter "${name}": ${flat.approximated}.`, schemaPtr);
  if (out.type === 'array') {
    const cf = collectionFormat(p);
    if (cf.format && cf.format !== 'csv') out.collectionFormat = cf.format;
    if (cf.format === 'multi' && where !== 'query') delete out.collectionFormat;
    if (cf.problem) ctx.report.info('parameter-style', `Parameter "${name}": ${cf.problem}.`, pointer);
  } else if (typeof p.style === 'string' && p.style === 'deepObject') {
    ctx.report.info('parameter-style', `Parameter "${name}": style "deepObject" has no Swagger 2.0 form; written as one string.`, pointer);
  }
  if (p.allowEmptyValue === true && where === 'query') out.allowEmptyValue = true;
  const example = p.example !== undefined ? p.example : isRecord(p.examples) ? Object.values(p.examples).map((e) => (isRecord(e) ? e.value : undefined)).find((v) => v !== undefined) : undefined;
  if (example !== undefined && (typeof example !== 'object' || example === null)) out['x-example'] = example;
  for (const [k, v] of Object.entries(p)) if (k.startsWith('x-ms-') && out[k] === undefined) out[k] = v;
  if (out['x-ms-summary'] === undefined) out['x-ms-summary'] = toDisplayName(name);
  return out;
}

/** A response header (3.x Header Object) -> 2.0 header. */
function convertHeader(ctx: Ctx, h: unknown, pointer: string): JsonObject {
  const d = deref(ctx, h, pointer);
  const hv = isRecord(d.value) ? d.value : {};
  const flat = flattenSchema(ctx, hv.schema ?? { type: 'string' }, sub(d.pointer, 'schema'), false);
  const out: JsonObject = { ...flat.out };
  if (typeof hv.description === 'string') out.description = hv.description;
  return out;
}

const CODE = /^[1-5]\d\d$/;

/** Response key as Swagger 2.0 accepts it: 3-digit code or default ("2XX" -> "200"). */
export function responseCode(code: string): string | undefined {
  if (code === 'default' || CODE.test(code)) return code;
  const range = /^([1-5])XX$/i.exec(code);
  return range ? `${range[1]}00` : undefined;
}

/** A 3.x response -> 2.0 response; its media types are added to `produces`. */
export function convertResponse(ctx: Ctx, r: unknown, pointer: string, produces: Set<string>, globalResponses: ReadonlyMap<string, string>): JsonObject {
  if (isRecord(r) && typeof r.$ref === 'string') {
    const c = componentOf(r.$ref);
    const d = deref(ctx, r, pointer);
    if (isRecord(d.value)) for (const m of orderedMedia(d.value.content)) produces.add(m);
    if (c?.kind === 'responses' && c.rest.length === 0 && globalResponses.has(c.name)) return { $ref: `#/responses/${globalResponses.get(c.name)!}` };
    return convertResponse(ctx, d.value, d.pointer, produces, new Map());
  }
  if (!isRecord(r)) return { description: 'Response' };
  const out: JsonObject = { description: typeof r.description === 'string' && r.description.trim() ? r.description : 'Response' };
  const media = orderedMedia(r.content);
  for (const m of media) produces.add(m);
  const chosen = media[0];
  if (chosen !== undefined && isRecord((r.content as JsonObject)[chosen])) {
    const mt = (r.content as JsonObject)[chosen] as JsonObject;
    if (mt.schema !== undefined) {
      const schema = convertSchema(ctx, mt.schema, sub(pointer, 'content', chosen, 'schema'));
      if (Object.keys(schema).length) out.schema = schema;
    } else if (!isJsonMedia(chosen)) out.schema = { type: 'string' };
  }
  if (isRecord(r.headers)) {
    const headers: JsonObject = {};
    const seen = new Set<string>();
    for (const [name, h] of Object.entries(r.headers)) {
      if (seen.has(name.toLowerCase()) || name.toLowerCase() === 'content-type') continue;
      seen.add(name.toLowerCase());
      headers[name] = convertHeader(ctx, h, sub(pointer, 'headers', name));
    }
    if (Object.keys(headers).length) out.headers = headers;
  }
  if (isRecord(r.links) && Object.keys(r.links).length) ctx.report.info('links-dropped', 'Response links have no Swagger 2.0 form; dropped.', sub(pointer, 'links'));
  for (const [k, v] of Object.entries(r)) if (k.startsWith('x-ms-')) out[k] = v;
  return out;
}

export interface BodyResult {
  params: JsonObject[];
  consumes: string[];
}

const FORM = /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i;

/** requestBody -> one body parameter, or formData parameters for multipart and urlencoded. */
export function convertRequestBody(ctx: Ctx, body: unknown, pointer: string): BodyResult | undefined {
  const d = deref(ctx, body, pointer);
  if (!isRecord(d.value)) return undefined;
  const rb = d.value;
  const media = orderedMedia(rb.content);
  if (!media.length) {
    ctx.report.info('request-body-empty', 'The request body has no media types; no body parameter written.', d.pointer);
    return undefined;
  }
  const chosen = media[0]!;
  const mt = isRecord((rb.content as JsonObject)[chosen]) ? ((rb.content as JsonObject)[chosen] as JsonObject) : {};
  const mtPtr = sub(d.pointer, 'content', chosen);
  if (media.length > 1) ctx.report.info('request-media-types', `The request body offers ${media.join(', ')}; the body is described by ${chosen}.`, sub(d.pointer, 'content'));
  const required = rb.required === true;
  const description = typeof rb.description === 'string' ? rb.description : undefined;
  if (FORM.test(chosen)) {
    const src = deref(ctx, mt.schema, sub(mtPtr, 'schema'));
    const props = formProperties(ctx, src.value, src.pointer);
    const params: JsonObject[] = [];
    let file = false;
    for (const [name, { schema, pointer: pp, required: req }] of props) {
      const s = deref(ctx, schema, pp);
      const sv = isRecord(s.value) ? s.value : {};
      const binary = sv.format === 'binary' || sv.format === 'base64' || typeof sv.contentMediaType === 'string' || (sv.type === 'string' && typeof sv.contentEncoding === 'string');
      let param: JsonObject;
      if (binary) {
        param = { name, in: 'formData', type: 'file' };
        file = true;
      } else {
        const flat = flattenSchema(ctx, schema, pp, false);
        param = { name, in: 'formData', ...flat.out };
        if (flat.approximated) ctx.report.info('parameter-approximated', `Form field "${name}": ${flat.approximated}.`, pp);
        if (param.type === 'array' && !param.collectionFormat) param.collectionFormat = 'multi';
      }
      if (typeof sv.description === 'string') param.description = sv.description;
      param.required = req;
      param['x-ms-summary'] = toDisplayName(name);
      params.push(param);
    }
    const consumes = file && /urlencoded/i.test(chosen) ? ['multipart/form-data'] : [chosen];
    if (!params.length) ctx.report.info('form-empty', 'The form body declares no fields; no parameter written.', mtPtr);
    return { params, consumes };
  }
  let schema: JsonObject;
  if (mt.schema !== undefined) schema = convertSchema(ctx, mt.schema, sub(mtPtr, 'schema'));
  else schema = isJsonMedia(chosen) ? { type: 'object' } : { type: 'string', format: 'binary' };
  const name = typeof rb['x-codegen-request-body-name'] === 'string' ? rb['x-codegen-request-body-name'] : 'body';
  const param: JsonObject = { name, in: 'body', required, schema };
  if (description) param.description = description;
  for (const [k, v] of Object.entries(rb)) if (k.startsWith('x-ms-')) param[k] = v;
  return { params: [param], consumes: media };
}

/** The fields of a form body: its schema's properties, through refs and allOf (bounded). */
function formProperties(ctx: Ctx, schema: unknown, pointer: string): Map<string, { schema: unknown; pointer: string; required: boolean }> {
  const out = new Map<string, { schema: unknown; pointer: string; required: boolean }>();
  const stack: { s: unknown; p: string }[] = [{ s: schema, p: pointer }];
  const required = new Set<string>();
  for (let guard = 0; stack.length && guard < 256; guard++) {
    const { s, p } = stack.pop()!;
    const d = deref(ctx, s, p);
    if (!isRecord(d.value)) continue;
    const v = d.value;
    if (Array.isArray(v.required)) for (const r of v.required) if (typeof r === 'string') required.add(r);
    if (isRecord(v.properties)) for (const [k, ps] of Object.entries(v.properties)) if (!out.has(k)) out.set(k, { schema: ps, pointer: sub(d.pointer, 'properties', k), required: false });
    for (const key of ['allOf', 'oneOf', 'anyOf']) if (Array.isArray(v[key])) (v[key] as unknown[]).forEach((x, i) => stack.push({ s: x, p: sub(d.pointer, key, i) }));
  }
  for (const [k, f] of out) f.required = required.has(k);
  return out;
}
