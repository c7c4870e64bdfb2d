// Shared helpers for the Postman import tests: fixtures, conversion, and both validators.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { convertPostmanCollection, serializeJson, type ConvertOptions, type JsonObject } from '../../../engine/src/converters/postman';
import type { ImportReport } from '../../../engine/src/converters/postman/report';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/postman');
export const CORPUS_POSTMAN = path.resolve(__dirname, '../../../../shared/corpus/postman');

export function fixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
}

export interface Converted {
  definition: JsonObject;
  properties: JsonObject;
  report: ImportReport;
}

export function convertOk(collection: unknown, options?: ConvertOptions): Converted {
  const r = convertPostmanCollection(collection, options);
  if (!r.ok) assert.fail(`conversion failed: ${r.error.message} (${r.error.where})`);
  return r;
}

export function convertFixture(name: string, options?: ConvertOptions): Converted {
  return convertOk(fixture(name), options);
}

/** The operation at method + path, failing the test when it is missing. */
export function op(def: JsonObject, method: string, p: string): JsonObject {
  const item = (def.paths as Record<string, Record<string, JsonObject>>)[p];
  assert.ok(item, `path ${p} missing; paths: ${Object.keys(def.paths as object).join(', ')}`);
  assert.ok(item[method], `${method} ${p} missing`);
  return item[method]!;
}

export function param(operation: JsonObject, name: string, where?: string): JsonObject {
  const found = (operation.parameters as JsonObject[]).find((p) => p.name === name && (!where || p.in === where));
  assert.ok(found, `parameter ${name} missing in ${String(operation.operationId)}`);
  return found;
}

export function codes(report: ImportReport): string[] {
  return report.entries.map((e) => e.code);
}

/** Error-severity findings of the project's own validator, as readable strings. */
export function projectErrors(c: { definition: object; properties: object }): string[] {
  const results = validateConnector({
    definition: { uri: '/virtual/connector/apiDefinition.swagger.json', text: serializeJson(c.definition) },
    properties: { uri: '/virtual/connector/apiProperties.json', text: serializeJson(c.properties) },
  });
  return results.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}: ${d.message}`));
}

/** swagger-parser's validate (schema + semantic checks) on a deep clone (it dereferences in place). */
export async function swaggerParserValidate(definition: object): Promise<void> {
  await SwaggerParser.validate(structuredClone(definition) as unknown as Parameters<typeof SwaggerParser.validate>[0]);
}
