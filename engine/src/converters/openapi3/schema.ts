// OpenAPI 3.0/3.1 Schema Object -> Swagger 2.0 Schema Object.
// 3.1 type arrays and `nullable` -> one type + `x-nullable`; `const` -> `enum`; `examples` ->
// `example`; numeric exclusiveMinimum/Maximum -> minimum/maximum + boolean; oneOf/anyOf merged
// where safe (a null branch, one branch, branches of one primitive type, object branches as the
// union of their properties), otherwise dropped and reported; refs to component schemas ->
// #/definitions/...; other refs expanded in place within a budget. Never recurses past the depth budget.
import { encodePointerToken, pointerToPath } from '../../../../shared/src/swagger/pointer';
import { componentOf, isRecord, sub, type Ctx, type JsonObject } from './context';

/** Keywords a Swagger 2.0 schema may carry as they are. */
const KEPT = ['format', 'title', 'description', 'default', 'multipleOf', 'maximum', 'minimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'enum', 'readOnly', 'example'];
/** 3.x / JSON Schema keywords with no 2.0 equivalent: dropped, reported once per keyword. */
const DROPPED = ['not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas', 'dependencies', 'unevaluatedProperties', 'unevaluatedItems', 'patternProperties', 'propertyNames', 'contains', 'minContains', 'maxContains', 'contentSchema'];
const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array']);

export function definitionRef(name: string): string {
  return `#/definitions/${encodePointerToken(name)}`;
}

/** The output ref for a source ref to a component schema (or a part of one); undefined otherwise. */
export function rewriteSchemaRef(ctx: Ctx, ref: string): string | undefined {
  const c = componentOf(ref);
  // Only whole definitions: the platform deploys refs of the form #/definitions/Name only.
  if (!c || c.kind !== 'schemas' || c.rest.length) return undefined;
  const name = ctx.definitionNames.get(c.name);
  if (name === undefined) return undefined;
  return definitionRef(name);
}

export function convertSchema(ctx: Ctx, source: unknown, pointer: string, depth = 0): JsonObject {
  ctx.tick();
  if (source === true || source === undefined) return {};
  if (source === false) {
    ctx.report.info('schema-false', 'Schema `false` (nothing allowed) has no Swagger 2.0 form; written as an empty schema.', pointer);
    return {};
  }
  if (!isRecord(source)) {
    ctx.report.warn('schema-invalid', 'Not a schema object; written as an empty schema.', pointer);
    return {};
  }
  if (depth > ctx.budgets.schemaDepth) {
    ctx.report.warn('schema-too-deep', `Schema nests more than ${ctx.budgets.schemaDepth} levels (counting expanded $refs); the deeper part is written as an empty schema.`, pointer);
    return {};
  }
  if (typeof source.$ref === 'string') return convertRef(ctx, source.$ref, pointer, depth);

  const out: JsonObject = {};
  let nullable = source.nullable === true;
  // type: a string, or (3.1) an array that may include "null".
  let type: string | undefined;
  if (typeof source.type === 'string') {
    if (source.type === 'null') nullable = true;
    else if (TYPES.has(source.type)) type = source.type;
  } else if (Array.isArray(source.type)) {
    const types = source.type.filter((t): t is string => typeof t === 'string');
    if (types.includes('null')) nullable = true;
    const rest = [...new Set(types.filter((t) => t !== 'null' && TYPES.has(t)))];
    if (rest.length === 1) type = rest[0];
    else if (rest.length === 2 && rest.includes('integer') && rest.includes('number')) type = 'number';
    else if (rest.length > 1) ctx.report.info('type-union', `Type union [${rest.join(', ')}] has no Swagger 2.0 form; written without a type (any value).`, sub(pointer, 'type'));
  }
  for (const k of KEPT) if (source[k] !== undefined) out[k] = source[k];
  for (const [k, v] of Object.entries(source)) if (k.startsWith('x-ms-')) out[k] = v;
  if (out.default === null) delete out.default;
  if (typeof out.pattern !== 'string') delete out.pattern;
  if (typeof out.format !== 'string') delete out.format;
  if (typeof out.title !== 'string') delete out.title;
  if (typeof out.description !== 'string') delete out.description;
  if (typeof out.readOnly !== 'boolean') delete out.readOnly;
  for (const k of ['multipleOf', 'maximum', 'minimum']) if (typeof out[k] !== 'number') delete out[k];
  for (const k of ['maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties', 'minProperties']) if (!Number.isInteger(out[k]) || (out[k] as number) < 0) delete out[k];
  if (typeof out.uniqueItems !== 'boolean') delete out.uniqueItems;
  if (typeof out.multipleOf === 'number' && out.multipleOf <= 0) delete out.multipleOf;
  if (isRecord(source.xml)) out.xml = source.xml;
  if (isRecord(source.externalDocs) && absoluteUrl(source.externalDocs.url)) out.externalDocs = { url: source.externalDocs.url, ...(typeof source.externalDocs.description === 'string' ? { description: source.externalDocs.description } : {}) };
  // 3.1: exclusiveMinimum/Maximum are numbers; 3.0: booleans beside minimum/maximum.
  for (const [ex, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const v = source[ex];
    if (typeof v === 'number') {
      out[bound] = v;
      out[ex] = true;
    } else if (v === true && typeof out[bound] === 'number') out[ex] = true;
  }
  if ('const' in source && source.const !== undefined) {
    if (source.const === null) nullable = true;
    else out.enum = [source.const];
  }
  if (Array.isArray(out.enum)) {
    if (out.enum.includes(null)) nullable = true;
    const values = uniqueValues(out.enum.filter((v) => v !== null && ofType(v, type)));
    if (values.length < out.enum.filter((v) => v !== null).length) ctx.report.info('enum-values-dropped', `Enum values that are not of type ${type} were dropped.`, sub(pointer, 'enum'));
    if (values.length) out.enum = values;
    else delete out.enum;
  } else delete out.enum;
  if (out.example === undefined && Array.isArray(source.examples) && source.examples.length) out.example = source.examples[0];
  for (const k of DROPPED) if (source[k] !== undefined) ctx.report.info('schema-keyword-dropped', `"${k}" has no Swagger 2.0 equivalent; dropped.`, sub(pointer, k));

  if (isRecord(source.properties)) {
    const props: JsonObject = {};
    for (const [name, p] of Object.entries(source.properties)) props[name] = convertSchema(ctx, p, sub(pointer, 'properties', name), depth + 1);
    out.properties = props;
  }
  if (Array.isArray(source.required)) {
    const req = [...new Set(source.required.filter((r): r is string => typeof r === 'string'))];
    if (req.length) out.required = req;
  }
  if (typeof source.additionalProperties === 'boolean') out.additionalProperties = source.additionalProperties;
  else if (isRecord(source.additionalProperties)) out.additionalProperties = convertSchema(ctx, source.additionalProperties, sub(pointer, 'additionalProperties'), depth + 1);
  if (isRecord(source.items)) out.items = convertSchema(ctx, source.items, sub(pointer, 'items'), depth + 1);
  else if (Array.isArray(source.items) || Array.isArray(source.prefixItems)) {
    const list = (Array.isArray(source.items) ? source.items : source.prefixItems) as unknown[];
    const key = Array.isArray(source.items) ? 'items' : 'prefixItems';
    ctx.report.info('tuple-items', 'Tuple items have no Swagger 2.0 form; the first item schema is used for every item.', sub(pointer, key));
    out.items = list.length ? convertSchema(ctx, list[0], sub(pointer, key, 0), depth + 1) : {};
  }
  if (Array.isArray(source.allOf)) {
    const parts = source.allOf.map((s, i) => convertSchema(ctx, s, sub(pointer, 'allOf', i), depth + 1)).filter((s) => Object.keys(s).length > 0);
    if (parts.length === 1 && !out.properties && !isRecord(parts[0]!.$ref) && typeof parts[0]!.$ref !== 'string') mergeInto(out, parts[0]!);
    else if (parts.length) out.allOf = parts;
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (!Array.isArray(source[key])) continue;
    const merged = mergeAlternatives(ctx, source[key] as unknown[], sub(pointer, key), depth, key);
    if (merged.nullable) nullable = true;
    if (merged.schema) {
      const s = merged.schema;
      if (type === undefined && typeof s.type === 'string') type = s.type;
      for (const [k, v] of Object.entries(s)) if (k !== 'type' && out[k] === undefined) out[k] = v;
      if (isRecord(s.properties) && isRecord(out.properties) && out.properties !== s.properties) out.properties = { ...s.properties, ...out.properties };
    }
  }
  if (isRecord(source.discriminator) || typeof source.discriminator === 'string') {
    ctx.report.info('discriminator-dropped', 'The discriminator is not kept: Swagger 2.0 discriminators need allOf inheritance with the property required, which OpenAPI 3 documents rarely match.', sub(pointer, 'discriminator'));
  }

  if (type === undefined && (out.properties || out.additionalProperties !== undefined)) type = 'object';
  if (type === undefined && out.items) type = 'array';
  if (type !== undefined) out.type = type;
  if (out.default !== undefined && (!ofType(out.default, type) || (Array.isArray(out.enum) && !out.enum.some((e) => JSON.stringify(e) === JSON.stringify(out.default))))) {
    delete out.default;
    ctx.report.info('default-dropped', `The default value is not of type ${type ?? 'any'} or not one of the enum values; dropped.`, sub(pointer, 'default'));
  }
  if (type === 'array' && !out.items) out.items = {};
  if (type !== undefined && type !== 'array') delete out.items;
  if (nullable) out['x-nullable'] = true;
  // Keep key order readable: type first.
  return type !== undefined ? { type, ...out } : out;
}

function mergeInto(out: JsonObject, part: JsonObject): void {
  for (const [k, v] of Object.entries(part)) {
    if (k === 'required' && Array.isArray(out.required) && Array.isArray(v)) out.required = [...new Set([...out.required, ...v])];
    else if (out[k] === undefined) out[k] = v;
  }
}

function convertRef(ctx: Ctx, ref: string, pointer: string, depth: number): JsonObject {
  const rewritten = rewriteSchemaRef(ctx, ref);
  if (rewritten) return { $ref: rewritten };
  if (!ref.startsWith('#')) {
    ctx.report.warn('ref-unresolved', `External $ref ${ref} could not be bundled; written as an empty schema.`, pointer);
    return {};
  }
  const target = ctx.resolve({ $ref: ref }, pointer.slice(1));
  if (!target) {
    ctx.report.warn('ref-unresolved', `$ref ${ref} does not resolve; written as an empty schema.`, pointer);
    return {};
  }
  // The chain may end at a whole component schema.
  const direct = rewriteSchemaRef(ctx, `#${target.pointer}`);
  if (direct) return { $ref: direct };
  // A ref into a part of a schema (…/Pet/properties/owner) or elsewhere: the target becomes a
  // definition of its own, converted once (copying it in place grows exponentially on chains of
  // such refs, as Azure's documents have).
  const known = ctx.hoisted.get(target.pointer);
  if (known !== undefined) return { $ref: definitionRef(known) };
  if (ctx.expansionsLeft <= 0) {
    ctx.report.warn('ref-expansion-budget', `$ref ${ref} not converted: the conversion's budget of ${ctx.budgets.refExpansions} refs into parts of schemas is spent; written as an empty schema.`, pointer);
    return {};
  }
  ctx.expansionsLeft--;
  const name = ctx.newDefinitionName(target.pointer);
  ctx.hoisted.set(target.pointer, name);
  ctx.extraDefinitions[name] = {};
  ctx.extraDefinitions[name] = convertSchema(ctx, target.value, `#${target.pointer}`, depth + 1);
  ctx.report.info('ref-hoisted', `$ref ${ref} points into a part of the document; its target is written as definition ${name} (the platform deploys refs to whole definitions only).`, pointer);
  return { $ref: definitionRef(name) };
}

interface Alternatives {
  schema?: JsonObject;
  nullable: boolean;
}

/** oneOf/anyOf -> one schema where that is safe (or approximated and reported); undefined schema = any value. */
function mergeAlternatives(ctx: Ctx, list: unknown[], pointer: string, depth: number, key: string): Alternatives {
  let nullable = false;
  const branches: JsonObject[] = [];
  list.forEach((b, i) => {
    const resolved = isRecord(b) && typeof b.$ref === 'string' ? ctx.resolve(b, `${pointer.slice(1)}/${i}`)?.value : b;
    if (isRecord(resolved) && (resolved.type === 'null' || (Array.isArray(resolved.type) && resolved.type.length === 1 && resolved.type[0] === 'null'))) {
      nullable = true;
      return;
    }
    branches.push(convertSchema(ctx, b, sub(pointer, i), depth + 1));
  });
  // Branches that allow any object (`{type: object, nullable: true}` beside a $ref, Graph's pattern
  // for a nullable reference) add nothing to a union with a described branch.
  const described = branches.filter((b) => !isTrivial(b));
  if (described.length && described.length < branches.length) {
    branches.length = 0;
    branches.push(...described);
  }
  if (branches.length === 0) return { nullable };
  if (branches.length === 1) return { schema: branches[0], nullable };
  // Resolve refs of the converted branches against the source definitions to compare their shapes.
  const shapes = branches.map((b) => (typeof b.$ref === 'string' ? shapeOfRef(ctx, b.$ref) : b));
  const types = new Set(shapes.map((s) => (s && typeof s.type === 'string' ? s.type : s && (s.properties || s.allOf) ? 'object' : 'any')));
  if (types.size === 1) {
    const only = [...types][0]!;
    if (PRIMITIVES.has(only)) {
      const enums = shapes.every((s) => Array.isArray(s?.enum)) ? [...new Set(shapes.flatMap((s) => s!.enum as unknown[]))] : undefined;
      const formats = new Set(shapes.map((s) => s?.format));
      ctx.report.info(`${key}-merged`, `${key} of ${branches.length} ${only} schemas merged into one ${only} schema.`, pointer);
      return { schema: { type: only, ...(enums ? { enum: enums } : {}), ...(formats.size === 1 && [...formats][0] ? { format: [...formats][0] } : {}) }, nullable };
    }
    if (only === 'object') {
      const properties: JsonObject = {};
      let required: Set<string> | undefined;
      for (const b of branches) {
        const props = collectProps(ctx, b, depth + 1);
        for (const [k, v] of Object.entries(props.properties)) if (properties[k] === undefined) properties[k] = v;
        required = required ? new Set([...required].filter((r) => props.required.has(r))) : props.required;
      }
      ctx.report.info(`${key}-merged`, `${key} of ${branches.length} object schemas approximated as one object with the union of their properties (required: only those every branch requires).`, pointer);
      return { schema: { type: 'object', properties, ...(required && required.size ? { required: [...required] } : {}) }, nullable };
    }
    if (only === 'array') {
      ctx.report.info(`${key}-merged`, `${key} of ${branches.length} array schemas approximated as an array of the first branch's items.`, pointer);
      return { schema: branches[0], nullable };
    }
  }
  ctx.report.warn(`${key}-dropped`, `${key} of ${branches.length} schemas of different types (${[...types].join(', ')}) has no Swagger 2.0 form; written as any value.`, pointer);
  return { nullable };
}

/** The converted definition a `#/definitions/` ref of the output stands for, found through the source. */
function shapeOfRef(ctx: Ctx, outRef: string): JsonObject | undefined {
  const src = sourceNameOf(ctx, outRef);
  {
    if (src !== undefined) {
      const v = ctx.resolve({ $ref: `#/components/schemas/${encodePointerToken(src)}` }, '')?.value;
      if (!isRecord(v)) return undefined;
      if (typeof v.type === 'string') return v;
      if (Array.isArray(v.type)) {
        const t = v.type.filter((x) => x !== 'null');
        return t.length === 1 ? { ...v, type: t[0] } : v;
      }
      return v.properties || v.allOf ? { ...v, type: 'object' } : v;
    }
  }
  return undefined;
}

/** The source component schema name of an output `#/definitions/Name` ref. */
function sourceNameOf(ctx: Ctx, outRef: string): string | undefined {
  if (!outRef.startsWith('#/definitions/')) return undefined;
  const segs = pointerToPath(outRef);
  return segs.length === 2 ? ctx.definitionSources.get(segs[1]!) : undefined;
}

/** Properties and required names of a converted object schema, through refs and allOf (bounded). */
function collectProps(ctx: Ctx, schema: JsonObject, depth: number, seen = new Set<unknown>()): { properties: JsonObject; required: Set<string> } {
  const out = { properties: {} as JsonObject, required: new Set<string>() };
  if (seen.has(schema) || seen.size > 64) return out;
  seen.add(schema);
  if (typeof schema.$ref === 'string') {
    const name = sourceNameOf(ctx, schema.$ref);
    const src = name === undefined ? undefined : ctx.resolve({ $ref: `#/components/schemas/${encodePointerToken(name)}` }, '')?.value;
    if (isRecord(src)) {
      const base = `#/components/schemas/${encodePointerToken(name!)}`;
      if (isRecord(src.properties)) {
        for (const [k, v] of Object.entries(src.properties)) {
          const at = `${base}/properties/${encodePointerToken(k)}`;
          // Structured property schemas are referenced (converted once), not copied into every union.
          const structured = isRecord(v) && typeof v.$ref !== 'string' && (isRecord(v.properties) || isRecord(v.items) || Array.isArray(v.allOf) || Array.isArray(v.oneOf) || Array.isArray(v.anyOf));
          out.properties[k] = structured ? convertRef(ctx, at, at, depth + 1) : convertSchema(ctx, v, at, depth + 1);
        }
      }
      if (Array.isArray(src.required)) for (const r of src.required) if (typeof r === 'string') out.required.add(r);
    }
    return out;
  }
  if (isRecord(schema.properties)) Object.assign(out.properties, schema.properties);
  if (Array.isArray(schema.required)) for (const r of schema.required) if (typeof r === 'string') out.required.add(r);
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      if (!isRecord(part)) continue;
      const inner = collectProps(ctx, part, depth, seen);
      Object.assign(out.properties, inner.properties);
      for (const r of inner.required) out.required.add(r);
    }
  }
  return out;
}

/** Enum values without duplicates (JSON equality): Swagger 2.0 requires unique items. */
export function uniqueValues(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = JSON.stringify(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether an enum value fits a Swagger 2.0 type (any value fits no type). */
export function ofType(v: unknown, type: string | undefined): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return isRecord(v);
    case 'array':
      return Array.isArray(v);
    default:
      return true;
  }
}

/** An absolute http(s) URL (what the platform accepts in externalDocs, contact and license). */
export function absoluteUrl(v: unknown): v is string {
  return typeof v === 'string' && /^https?:\/\/[^\s/]+\S*$/i.test(v);
}

/** {} or {type: object} with nothing else that constrains it. */
function isTrivial(s: JsonObject): boolean {
  return Object.keys(s).every((k) => k === 'type' || k === 'x-nullable' || k === 'description' || k === 'title') && (s.type === undefined || s.type === 'object');
}
