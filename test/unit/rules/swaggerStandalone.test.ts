// The bundles validate Swagger structure with ajv standalone code generated at build time
// (scripts/ajvStandalone.mjs, substituted by esbuild.mjs for compileSwaggerSchema.ts). It must give
// exactly the errors of ajv's run-time compilation of the same schema and options, and the bundles
// must not carry ajv's compiler (that is what start-up time and server memory are spared).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv-draft-04';
import { compileSwaggerSchema } from '../../../engine/src/rules/schemas/compileSwaggerSchema';
import { corpusConnectorNames, readCorpusConnector, REPO_ROOT, requireCorpus } from '../ruleTestKit';

async function standaloneValidator(): Promise<ValidateFunction> {
  const { swaggerValidatorSource } = await import('../../../scripts/ajvStandalone.mjs');
  const source = swaggerValidatorSource({ esm: false });
  const mod = { exports: {} as { compileSwaggerSchema?: () => ValidateFunction } };
  // The generated code requires ajv's small run-time helpers (ajv/dist/runtime/*): resolve them from here.
  new Function('module', 'exports', 'require', source)(mod, mod.exports, require);
  assert.equal(typeof mod.exports.compileSwaggerSchema, 'function', 'the generated module exports compileSwaggerSchema');
  return mod.exports.compileSwaggerSchema!();
}

/** Deterministic damage: an unknown key in every 5th object, a number for every 7th string, a string for every 9th array. */
function damage(node: unknown, counter = { n: 0 }): unknown {
  if (Array.isArray(node)) return ++counter.n % 9 === 0 ? 'not an array' : node.map((v) => damage(v, counter));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = damage(v, counter);
    if (++counter.n % 5 === 0) out.bogusKey = { x: 1 };
    return out;
  }
  if (typeof node === 'string' && ++counter.n % 7 === 0) return 42;
  return node;
}

describe('Swagger schema validator: build-time standalone code = run-time compilation', function () {
  this.timeout(120_000);
  let generated: ValidateFunction;
  let compiled: ValidateFunction;
  before(async () => {
    generated = await standaloneValidator();
    compiled = compileSwaggerSchema();
  });

  const same = (doc: unknown, what: string) => {
    const a = compiled(doc);
    const b = generated(doc);
    assert.equal(b, a, `${what}: valid`);
    assert.deepEqual(generated.errors ?? null, compiled.errors ?? null, `${what}: errors`);
    return compiled.errors?.length ?? 0;
  };

  it('gives the same result and the same errors on every corpus definition, intact and damaged', () => {
    requireCorpus();
    const names = corpusConnectorNames();
    assert.ok(names.length > 200, `expected the corpus connectors, found ${names.length}`);
    let errors = 0;
    let compared = 0;
    for (const name of names) {
      let doc: unknown;
      try {
        doc = JSON.parse(readCorpusConnector(name).definition.replace(/^\uFEFF/, ''));
      } catch {
        continue; // a few accepted definitions are not strict JSON (comments): the tolerant parse is tested elsewhere
      }
      compared++;
      same(doc, name);
      errors += same(damage(doc), `${name} (damaged)`);
    }
    assert.ok(compared > 0.9 * names.length, `only ${compared} of ${names.length} corpus definitions parsed as strict JSON`);
    assert.ok(errors > 1000, `the damaged copies must exercise the error paths (got ${errors} errors)`);
  });

  it('gives the same errors on hostile shapes', () => {
    for (const doc of [null, 42, 'x', [], {}, { swagger: 2, paths: [] }, { paths: { '/a': { get: { parameters: [{ in: 'nowhere', type: 'file' }], responses: 5 } } } }, { definitions: { a: { type: 'weird', properties: { b: { $ref: 7 } } } } }]) same(doc, JSON.stringify(doc));
  });

  it('the built CLI and server bundles do not contain ajv\'s compiler', () => {
    for (const rel of ['dist/cli/validateCommand.js', 'dist/server/server.js']) {
      const file = path.join(REPO_ROOT, rel);
      assert.ok(fs.existsSync(file), `${rel} is missing: run \`npm run build\` first`);
      const text = fs.readFileSync(file, 'utf8');
      // A message of ajv's compiler (core.ts) that survives minification; the marker is checked to
      // be in ajv's core, so this test can fail.
      const MARKER = 'schema with key or id';
      assert.ok(fs.readFileSync(require.resolve('ajv/dist/core'), 'utf8').includes(MARKER), 'ajv core holds the marker message');
      assert.ok(!text.includes(MARKER), `${rel} carries ajv's compiler ("${MARKER}" of ajv core)`);
    }
  });
});
