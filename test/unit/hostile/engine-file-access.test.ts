// Issue 17 item 1: `$ref` read any file. The engine now reads through one FileAccess: regular files
// inside the connector folder only, size-capped, no link out, no FIFO or device, buffers first.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConnectorFromDisk } from '../../../engine/node/diskFileAccess';
import { createFileAccess } from '../../../engine/node/diskFileAccess';
import { validateConnector, type ConnectorDiagnostic } from '../../../engine/src/languageService/validateConnector';
import { removeTemp, smallDefinition, tempDir, writeConnector } from './engine-fixtures';

/** Validates a definition whose Item schema has `tag: {$ref}`, from disk, in `dir`. */
function refFindings(dir: string, ref: string): ConnectorDiagnostic[] {
  const def = smallDefinition();
  def.definitions.Item.properties.tag = { $ref: ref };
  writeConnector(dir, def);
  const started = Date.now();
  const results = validateConnector(loadConnectorFromDisk(path.join(dir, 'apiDefinition.swagger.json')));
  assert.ok(Date.now() - started < 5000, `validation took ${Date.now() - started} ms`);
  return results[0].diagnostics.filter((d) => d.ruleId === 'json-pointer-valid' || d.ruleId === 'ref-target-exists');
}

function mkfifo(p: string): void {
  // A missing mkfifo is a failure naming it, not a skip.
  execFileSync('mkfifo', [p]);
}

describe('hostile engine input: file access ($ref, symlinks, FIFOs, devices)', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeTemp(dir));

  it('a $ref up and out of the folder is not read, and the message does not tell whether the file exists', () => {
    const present = refFindings(dir, '../../../../../../../etc/passwd#/x');
    const absent = refFindings(dir, '../../../../../../../etc/no-such-file-here-4711#/x');
    assert.equal(present.length, 1);
    assert.match(present[0].message, /outside the connector folder: not read/);
    assert.doesNotMatch(present[0].message, /does not exist|root:|parse/);
    // Same words for a present and an absent outside file (only the name differs).
    assert.equal(present[0].message.replace(/etc\/passwd/g, 'X'), absent[0].message.replace(/etc\/no-such-file-here-4711/g, 'X'));
    assert.equal(present[0].ruleId, absent[0].ruleId);
  });

  it('an absolute $ref (/etc/shadow) is not read', () => {
    const f = refFindings(dir, '/etc/shadow#/x');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /outside the connector folder: not read/);
  });

  it('$ref: "/dev/zero#/x" is refused at once (no endless read)', () => {
    const before = process.memoryUsage().rss;
    const f = refFindings(dir, '/dev/zero#/x');
    assert.match(f[0].message, /outside the connector folder: not read/);
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024);
  });

  it('a FIFO inside the folder is not opened (no hang), and a symlink to /dev/zero inside the folder is not read', () => {
    mkfifo(path.join(dir, 'pipe.json'));
    const fifo = refFindings(dir, 'pipe.json#/definitions/X');
    assert.equal(fifo.length, 1);
    assert.match(fifo[0].message, /not a regular file/);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    const zero = refFindings(dir, 'zero.json#/definitions/X');
    assert.match(zero[0].message, /outside the connector folder: not read/);
  });

  it('a symlink inside the folder that leads outside is not followed; one that stays inside is', () => {
    const outside = tempDir();
    try {
      fs.writeFileSync(path.join(outside, 'secret.json'), JSON.stringify({ definitions: { X: { type: 'string' } } }));
      fs.symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'linked.json'));
      const out = refFindings(dir, 'linked.json#/definitions/X');
      assert.match(out[0].message, /outside the connector folder: not read/);
      // A dangling link gives the same answer (nothing learnt about the outside).
      fs.symlinkSync(path.join(outside, 'nothing.json'), path.join(dir, 'dangling.json'));
      assert.match(refFindings(dir, 'dangling.json#/definitions/X')[0].message, /outside the connector folder: not read/);
      fs.writeFileSync(path.join(dir, 'common.json'), JSON.stringify({ definitions: { X: { type: 'string' } } }));
      fs.symlinkSync(path.join(dir, 'common.json'), path.join(dir, 'alias.json'));
      const inside = refFindings(dir, 'alias.json#/definitions/X');
      assert.equal(inside.length, 1);
      assert.match(inside[0].message, /refers to another file/);
    } finally {
      removeTemp(outside);
    }
  });

  it('a connector reached through a symlinked parent folder: its files are read, a link out of it is still refused', () => {
    const base = tempDir();
    try {
      // base/real/conn is the folder; base/via -> base/real, so base/via/conn is the same folder through a link above it.
      fs.mkdirSync(path.join(base, 'real', 'conn'), { recursive: true });
      fs.symlinkSync(path.join(base, 'real'), path.join(base, 'via'));
      const conn = path.join(base, 'via', 'conn');
      fs.writeFileSync(path.join(conn, 'common.json'), JSON.stringify({ definitions: { X: { type: 'string' } } }));
      fs.writeFileSync(path.join(base, 'secret.json'), JSON.stringify({ definitions: { X: { type: 'string' } } }));
      fs.symlinkSync(path.join(base, 'secret.json'), path.join(conn, 'linked.json'));
      const access = createFileAccess({ roots: [conn] });
      const read = access.read('common.json');
      assert.ok(read.ok, `common.json through the linked parent: ${read.ok ? '' : read.message}`);
      const out = access.read('linked.json');
      assert.ok(!out.ok && out.reason === 'outside', 'a link from the folder to its parent is refused');
      assert.ok(!access.read('../secret.json').ok, 'a path up and out is refused');
      assert.ok(!access.read(path.join(base, 'real', '..', 'secret.json')).ok, 'an absolute path out is refused');
      const missing = access.read('nothing.json');
      assert.ok(!missing.ok && missing.reason === 'missing');
    } finally {
      removeTemp(base);
    }
  });

  it('apiProperties.json symlinked to /dev/zero is not read: one file-not-read finding, fast, little memory', () => {
    writeConnector(dir, smallDefinition(), null);
    fs.symlinkSync('/dev/zero', path.join(dir, 'apiProperties.json'));
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const sources = loadConnectorFromDisk(path.join(dir, 'apiDefinition.swagger.json'));
    const results = validateConnector(sources);
    assert.ok(Date.now() - started < 3000);
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024);
    assert.equal(sources.properties, undefined);
    const props = results.find((r) => r.kind === 'properties');
    assert.ok(props, 'a result for apiProperties.json');
    assert.deepEqual(props.diagnostics.map((d) => d.ruleId), ['file-not-read']);
    assert.match(props.diagnostics[0].message, /outside the connector folder: not read/);
  });

  it('apiProperties.json as a FIFO is not opened', () => {
    writeConnector(dir, smallDefinition(), null);
    mkfifo(path.join(dir, 'apiProperties.json'));
    const results = validateConnector(loadConnectorFromDisk(path.join(dir, 'apiDefinition.swagger.json')));
    const props = results.find((r) => r.kind === 'properties');
    assert.match(props?.diagnostics[0]?.message ?? '', /not a regular file/);
  });

  it('a file over the size cap is refused without being read', () => {
    fs.writeFileSync(path.join(dir, 'big.json'), Buffer.alloc(2048, 0x20));
    const files = createFileAccess({ roots: [dir], maxBytes: 1024 });
    const r = files.read('big.json');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, 'too-large');
  });

  it('open editor buffers win over the disk; the workspace root is readable only when allowed', () => {
    const ws = tempDir();
    try {
      const conn = path.join(ws, 'connector');
      fs.mkdirSync(conn);
      fs.writeFileSync(path.join(conn, 'a.json'), '{"disk":true}');
      fs.writeFileSync(path.join(ws, 'shared.json'), '{"shared":true}');
      const buffers = (p: string) => (p === path.join(conn, 'a.json') ? '{"buffer":true}' : undefined);
      const only = createFileAccess({ roots: [conn], buffers });
      const a = only.read('a.json');
      assert.ok(a.ok && a.text === '{"buffer":true}' && a.fromBuffer);
      assert.equal(only.read('../shared.json').ok, false);
      const wide = createFileAccess({ roots: [conn, ws], buffers });
      const s = wide.read('../shared.json');
      assert.ok(s.ok && s.text === '{"shared":true}');
      assert.equal(wide.read('/etc/passwd').ok, false);
    } finally {
      removeTemp(ws);
    }
  });
});
