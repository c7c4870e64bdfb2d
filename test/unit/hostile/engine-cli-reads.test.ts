// The CLI reads through the engine's one reader too: a symlinked apiProperties.json and UTF-16
// definitions from disk, and standard input under the same byte cap (issue 17 items 1, 5, 8).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../ruleTestKit';
import { removeTemp, smallDefinition, tempDir, utf16, writeConnector } from './engine-fixtures';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');

function cli(args: string[], input?: Buffer) {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  return spawnSync(process.execPath, [CLI, 'validate', ...args], { input, encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
}

describe('hostile engine input: the CLI reads through the one reader', function () {
  this.timeout(90_000);
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeTemp(dir));

  it('apiProperties.json linked to /dev/zero: a file-not-read warning, no hang, no abort', () => {
    writeConnector(dir, smallDefinition(), null);
    fs.symlinkSync('/dev/zero', path.join(dir, 'apiProperties.json'));
    const r = cli([dir, '--format', 'json']);
    assert.equal(r.signal, null);
    // Not read means not checked: CI must not pass on it.
    assert.equal(r.status, 2, `exit ${r.status}: ${r.stderr}`);
    assert.match(r.stderr, /1 file\(s\) not fully checked \(.*apiProperties\.json\)/);
    const report = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { ruleId: string; message: string }[] }[] };
    const props = report.files.find((f) => f.path.endsWith('apiProperties.json'));
    assert.deepEqual(props?.diagnostics.map((d) => d.ruleId), ['file-not-read']);
  });

  it('a definition over a budget (nesting past 1000 levels): exit 2, CI does not pass on an unchecked file', () => {
    writeConnector(dir, 'x');
    const deep = '{"a":'.repeat(1500) + '1' + '}'.repeat(1500);
    const text = JSON.stringify(smallDefinition(), null, 2).replace(/^\{/, `{\n  "x-deep": ${deep},`);
    fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), text);
    const r = cli([dir, '--format', 'json']);
    assert.equal(r.signal, null);
    assert.equal(r.status, 2, `exit ${r.status}: ${r.stderr}`);
    assert.match(r.stderr, /not fully checked \(.*apiDefinition\.swagger\.json\)/);
    const report = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { ruleId: string }[] }[] };
    assert.ok(report.files.some((f) => f.diagnostics.some((d) => d.ruleId === 'input-budget')));
  });

  it('a UTF-16 definition: one "UTF-16: save as UTF-8" finding, not thousands of errors', () => {
    writeConnector(dir, 'x');
    fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), utf16(JSON.stringify(smallDefinition(), null, 4), 'le', true));
    const r = cli([dir, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { ruleId: string; message: string }[] }[] };
    const def = report.files.find((f) => f.path.endsWith('apiDefinition.swagger.json'))!;
    assert.equal(def.diagnostics.filter((d) => /UTF-16: save as UTF-8/.test(d.message)).length, 1);
    assert.ok(def.diagnostics.length < 15, `${def.diagnostics.length} findings`);
  });

  it('standard input over the read cap is refused with exit 2 and a message', () => {
    const r = cli(['-'], Buffer.alloc(65 * 1024 * 1024, 0x20));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Standard input is over the \d+-byte read limit: not read/);
  });
});
