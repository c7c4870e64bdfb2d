// walkSchemas (engine/src/rules/schemaWalk.ts) visits what a plain recursive walk written here from
// its contract visits, in the same order, with the same path, role, origin, depth, via and paramIn:
// on every corpus definition, with and without skipping children (a visit returning false).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countSchemas, schemaVisits, walkSchemas, type SchemaVisit } from '../../../engine/src/rules/schemaWalk';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/connectors');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Seen {
  path: string;
  role: string;
  origin: string;
  depth: number;
  via?: string;
  paramIn?: string;
}

/** The contract, recursively: roots in section order, each root's subtree depth-first before the next. */
function reference(def: Obj, skip: (v: Seen) => boolean): Seen[] {
  const out: Seen[] = [];
  const visit = (node: Obj, p: (string | number)[], role: string, origin: string, depth: number, via?: string, paramIn?: string) => {
    const v: Seen = { path: JSON.stringify(p), role, origin, depth, ...(via ? { via } : {}), ...(paramIn !== undefined ? { paramIn } : {}) };
    out.push(v);
    if (skip(v) || depth >= 200) return;
    if (role === 'schema') {
      if (isObj(node.properties)) for (const k of Object.keys(node.properties)) if (isObj(node.properties[k])) visit(node.properties[k] as Obj, [...p, 'properties', k], 'schema', origin, depth + 1, 'properties');
      if (isObj(node.additionalProperties)) visit(node.additionalProperties, [...p, 'additionalProperties'], 'schema', origin, depth + 1, 'additionalProperties');
      if (isObj(node.items)) visit(node.items, [...p, 'items'], 'schema', origin, depth + 1, 'items');
      else if (Array.isArray(node.items)) node.items.forEach((s, i) => isObj(s) && visit(s, [...p, 'items', i], 'schema', origin, depth + 1, 'items'));
      if (Array.isArray(node.allOf)) node.allOf.forEach((s, i) => isObj(s) && visit(s, [...p, 'allOf', i], 'schema', origin, depth + 1, 'allOf'));
    } else if (isObj(node.items)) visit(node.items, [...p, 'items'], 'items', origin, depth + 1, 'items');
  };
  const param = (x: unknown, p: (string | number)[]) => {
    if (!isObj(x) || typeof x.$ref === 'string') return;
    if (x.in === 'body') {
      if (isObj(x.schema)) visit(x.schema, [...p, 'schema'], 'schema', 'body', 0);
    } else visit(x, p, 'parameter', 'parameter', 0, undefined, typeof x.in === 'string' ? x.in : undefined);
  };
  const response = (r: unknown, p: (string | number)[]) => {
    if (!isObj(r) || typeof r.$ref === 'string') return;
    if (isObj(r.schema)) visit(r.schema, [...p, 'schema'], 'schema', 'response', 0);
    if (isObj(r.headers)) for (const h of Object.keys(r.headers)) if (isObj(r.headers[h])) visit(r.headers[h] as Obj, [...p, 'headers', h], 'header', 'header', 0);
  };
  if (isObj(def.definitions)) for (const k of Object.keys(def.definitions)) if (isObj(def.definitions[k])) visit(def.definitions[k] as Obj, ['definitions', k], 'schema', 'definition', 0);
  if (isObj(def.parameters)) for (const k of Object.keys(def.parameters)) param(def.parameters[k], ['parameters', k]);
  if (isObj(def.responses)) for (const k of Object.keys(def.responses)) response(def.responses[k], ['responses', k]);
  if (isObj(def.paths)) {
    for (const p of Object.keys(def.paths)) {
      const item = def.paths[p];
      if (!isObj(item)) continue;
      if (Array.isArray(item.parameters)) item.parameters.forEach((x, i) => param(x, ['paths', p, 'parameters', i]));
      for (const m of METHODS) {
        const op = item[m];
        if (!isObj(op)) continue;
        if (Array.isArray(op.parameters)) op.parameters.forEach((x, i) => param(x, ['paths', p, m, 'parameters', i]));
        if (isObj(op.responses)) for (const c of Object.keys(op.responses)) response(op.responses[c], ['paths', p, m, 'responses', c]);
      }
    }
  }
  return out;
}

function walked(def: Obj, skip: (v: Seen) => boolean): Seen[] {
  const out: Seen[] = [];
  walkSchemas(def, (v: SchemaVisit) => {
    const s: Seen = { path: JSON.stringify(v.path), role: v.role, origin: v.origin, depth: v.depth, ...(v.via ? { via: v.via } : {}), ...(v.paramIn !== undefined ? { paramIn: v.paramIn } : {}) };
    out.push(s);
    return skip(s) ? false : undefined;
  });
  return out;
}

function corpusDefinitions(): string[] {
  assert.ok(fs.existsSync(CORPUS), `the shared corpus is missing: ${CORPUS}`);
  const files: string[] = [];
  for (const group of fs.readdirSync(CORPUS)) {
    const g = path.join(CORPUS, group);
    if (!fs.statSync(g).isDirectory()) continue;
    for (const name of fs.readdirSync(g)) {
      const f = path.join(g, name, 'apiDefinition.swagger.json');
      if (fs.existsSync(f)) files.push(f);
    }
  }
  assert.ok(files.length > 250, `only ${files.length} corpus definitions`);
  return files;
}

describe('walkSchemas: every schema-like object, in order, with where it sits', () => {
  it('a small definition: roots of every section, nested schemas, skipped children, depth cap', () => {
    let deep: Obj = { type: 'string' };
    for (let i = 0; i < 250; i++) deep = { type: 'array', items: deep };
    const def: Obj = {
      definitions: { A: { properties: { x: { type: 'string' }, y: { allOf: [{ $ref: '#/definitions/B' }, 7, { type: 'object' }] } }, additionalProperties: { type: 'integer' } }, Deep: deep, T: { items: [{ type: 'string' }, null, { type: 'integer' }] } },
      parameters: { q: { in: 'query', name: 'q', type: 'array', items: { type: 'string', items: { type: 'string' } } }, b: { in: 'body', name: 'b', schema: { type: 'object' } }, r: { $ref: '#/parameters/q' } },
      responses: { ok: { description: 'x', schema: { type: 'string' }, headers: { h: { type: 'array', items: { type: 'string' } } } } },
      paths: { '/a': { parameters: [{ in: 'path', name: 'id' }], get: { parameters: [{ in: 'body', name: 'x', schema: { properties: { p: {} } } }], responses: { 200: { $ref: '#/responses/ok' }, 201: { schema: { items: {} } } } } } },
    };
    const all = walked(def, () => false);
    assert.deepEqual(all, reference(def, () => false));
    assert.ok(all.some((v) => v.depth === 200) && !all.some((v) => v.depth > 200), 'the depth cap');
    assert.deepEqual(all.filter((v) => v.path.includes('"T"')).map((v) => v.path), ['["definitions","T"]', '["definitions","T","items",0]', '["definitions","T","items",2]']);
    const skipProps = (v: Seen) => v.via === 'properties';
    assert.deepEqual(walked(def, skipProps), reference(def, skipProps));
  });

  it('the same visits as the reference on every corpus definition, with and without skipping', function () {
    this.timeout(120_000);
    let visits = 0;
    let parsed = 0;
    const skipSome = (v: Seen) => v.origin === 'body' || v.depth === 2;
    for (const f of corpusDefinitions()) {
      let def: unknown;
      try {
        def = JSON.parse(fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        continue; // a few accepted definitions are not strict JSON (comments, trailing commas)
      }
      if (!isObj(def)) continue;
      parsed++;
      const ours = walked(def, () => false);
      assert.deepEqual(ours, reference(def, () => false), f);
      // The schema count, entry by entry (a fresh copy: nothing walked yet) and from the shared visits.
      const schemas = ours.filter((v) => v.role === 'schema').length;
      assert.equal(countSchemas(structuredClone(def)), schemas, `${f}: count entry by entry`);
      // The shared list: the same visits, one walk per definition value.
      const shared = schemaVisits(def);
      assert.equal(countSchemas(def), schemas, `${f}: count from the shared visits`);
      assert.deepEqual(shared.map((v) => ({ path: JSON.stringify(v.path), role: v.role, origin: v.origin, depth: v.depth, ...(v.via ? { via: v.via } : {}), ...(v.paramIn !== undefined ? { paramIn: v.paramIn } : {}) })), ours, f);
      assert.equal(schemaVisits(def), shared, f);
      assert.deepEqual(walked(def, skipSome), reference(def, skipSome), f);
      visits += ours.length;
    }
    assert.ok(parsed > 250 && visits > 100_000, `only ${parsed} definitions parsed, ${visits} visits over the corpus`);
  });
});
