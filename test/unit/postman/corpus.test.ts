// Every Postman collection of the shared corpus converts into a connector that passes
// swagger-parser's validate and this project's own validator with no error.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAndConvert, serializeJson } from '../../../engine/src/converters/postman';
import { CORPUS_POSTMAN, projectErrors, swaggerParserValidate } from './postmanTestKit';

const files = fs.existsSync(CORPUS_POSTMAN) ? fs.readdirSync(CORPUS_POSTMAN).filter((f) => f.endsWith('.json')).sort() : [];

describe('postman: corpus collections', function () {
  this.timeout(60_000);

  it('the corpus is there', () => {
    assert.ok(files.length >= 4, `found ${files.length} collections in ${CORPUS_POSTMAN}`);
  });

  for (const file of files) {
    it(`${file}: converts, passes swagger-parser and the project validator, re-imports idempotently`, async () => {
      const text = fs.readFileSync(path.join(CORPUS_POSTMAN, file), 'utf8');
      const r = parseAndConvert(text);
      if (!r.ok) assert.fail(`${r.error.message} (${r.error.where})`);
      assert.ok(Object.keys(r.definition.paths as object).length > 0);
      assert.ok(r.report.stats.operations > 0 && r.report.stats.requests >= r.report.stats.operations);
      await swaggerParserValidate(r.definition);
      assert.deepEqual(projectErrors(r), []);
      // Re-importing the same collection into its own output is a no-op.
      const again = parseAndConvert(text, { existing: { definition: r.definition, properties: r.properties } });
      if (!again.ok) assert.fail(again.error.message);
      assert.equal(serializeJson(again.definition), serializeJson(r.definition));
    });
  }
});
