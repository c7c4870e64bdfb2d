// Issue 17 item 8: UTF-16 files (with or without BOM) gave more than 6,000 errors or were called
// "Latin-1". Now: one finding, "UTF-16: save as UTF-8". Bytes are built with Node's encoder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConnectorFromDisk } from '../../../engine/node/diskFileAccess';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';
import { removeTemp, SMALL_PROPERTIES, smallDefinition, tempDir, utf16, writeConnector } from './engine-fixtures';

describe('hostile engine input: UTF-16 files', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeTemp(dir));

  for (const endian of ['le', 'be'] as const) {
    for (const bom of [true, false]) {
      it(`UTF-16 ${endian.toUpperCase()} ${bom ? 'with' : 'without'} BOM: one "UTF-16: save as UTF-8" finding, never "Latin-1", the rest still checked`, () => {
        const text = JSON.stringify(smallDefinition(), null, 4);
        writeConnector(dir, 'placeholder');
        fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), utf16(text, endian, bom));
        fs.writeFileSync(path.join(dir, 'apiProperties.json'), utf16(JSON.stringify(SMALL_PROPERTIES, null, 4), endian, bom));
        const results = validateConnector(loadConnectorFromDisk(path.join(dir, 'apiDefinition.swagger.json')));
        for (const kind of ['definition', 'properties'] as const) {
          const d = results.find((r) => r.kind === kind)!.diagnostics;
          const enc = d.filter((x) => x.ruleId === 'json-encoding-utf16');
          assert.equal(enc.length, 1, `${kind}: ${JSON.stringify(d.map((x) => x.message))}`);
          assert.match(enc[0].message, /^UTF-16: save as UTF-8/);
          assert.ok(!d.some((x) => /Latin-1/.test(x.message)));
          assert.ok(!d.some((x) => x.ruleId === 'json-parse-error' || x.ruleId === 'json-bom'));
          // The small definition is clean apart from info-level style findings.
          assert.ok(d.length < 15, `${kind}: ${d.length} findings`);
        }
      });
    }
  }

  it('UTF-16 is a warning by default and an error in certification (paconn reads utf-8-sig and cannot decode it)', () => {
    writeConnector(dir, 'placeholder');
    fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), utf16(JSON.stringify(smallDefinition(), null, 4), 'le', true));
    const severity = (profile: 'default' | 'certification') =>
      validateConnector(loadConnectorFromDisk(path.join(dir, 'apiDefinition.swagger.json')), { profile })
        .find((r) => r.kind === 'definition')!.diagnostics.filter((x) => x.ruleId === 'json-encoding-utf16').map((x) => x.severity);
    assert.deepEqual(severity('default'), ['warning']);
    assert.deepEqual(severity('certification'), ['error']);
    // The same definition saved as UTF-8 has no encoding finding in either profile.
    fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), JSON.stringify(smallDefinition(), null, 4));
    assert.deepEqual(severity('certification'), []);
  });

  it('UTF-16 text that reached the engine decoded as UTF-8 (NUL between characters): one finding', () => {
    const misdecoded = utf16(JSON.stringify(smallDefinition(), null, 4), 'le', true).toString('utf8');
    const results = validateConnector({ definition: { uri: '/x/apiDefinition.swagger.json', text: misdecoded } });
    const d = results[0].diagnostics;
    assert.deepEqual(d.filter((x) => x.severity === 'error' || x.ruleId.startsWith('json')).map((x) => x.ruleId), ['json-encoding-utf16']);
    assert.match(d[0].message, /^UTF-16: save as UTF-8/);
    assert.equal(parseDocument('/x/a.json', misdecoded).usable, false);
  });
});
