// The Swagger 2.0 structure validator as ajv standalone code, generated at build time (esbuild.mjs
// substitutes it for engine/src/rules/schemas/compileSwaggerSchema.ts in every bundle). Not
// committed: it is build output, derived from the committed schema and ajvOptions.json, and
// test/unit/rules/swaggerStandalone.test.ts checks it against ajv's run-time compilation.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
export const SCHEMA_DIR = path.join(ROOT, 'engine/src/rules/schemas');

/**
 * JavaScript of a module exporting `compileSwaggerSchema()` (returns the generated validator).
 * `esm`: ES module syntax (for esbuild); otherwise CommonJS (the test evaluates it).
 */
export function swaggerValidatorSource({ esm = true } = {}) {
  const Ajv = require('ajv-draft-04');
  const standaloneCode = require('ajv/dist/standalone').default;
  const options = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'ajvOptions.json'), 'utf8'));
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'swagger2-connector.json'), 'utf8'));
  const AjvClass = Ajv.default ?? Ajv;
  const ajv = new AjvClass({ ...options, code: { source: true, esm } });
  ajv.addSchema(schema);
  const code = standaloneCode(ajv, { swaggerValidate: schema.id });
  const tail = esm ? 'export function compileSwaggerSchema() { return swaggerValidate; }' : 'exports.compileSwaggerSchema = () => exports.swaggerValidate;';
  return `// Generated at build time by scripts/ajvStandalone.mjs (ajv standalone code) from swagger2-connector.json.\n${code}\n${tail}\n`;
}
