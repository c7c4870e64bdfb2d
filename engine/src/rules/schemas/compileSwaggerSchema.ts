// The Swagger 2.0 structure validator, compiled by ajv at run time from swagger2-connector.json.
// This is the source form (tests and the bench run it through tsx). The bundles never contain it:
// esbuild.mjs replaces this module with the same validator generated at build time by ajv's
// standalone code (scripts/ajvStandalone.mjs), so the CLI and the server neither load ajv's compiler
// nor compile the schema at start-up. Options in ajvOptions.json are shared with that generator;
// test/unit/rules/swaggerStandalone.test.ts checks that both validators give the same errors.
import Ajv, { type Options, type ValidateFunction } from 'ajv-draft-04';
import options from './ajvOptions.json';
import schema from './swagger2-connector.json';

export function compileSwaggerSchema(): ValidateFunction {
  // JSON imports widen `logger: false` to boolean; the file holds exactly ajv options.
  return new Ajv(options as Options).compile(schema as object);
}
