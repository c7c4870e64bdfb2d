// `connector-studio import-postman`: exit codes, atomic writes, nothing written on failure, merge on re-import.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importPostmanCommand } from '../../../cli/src/importPostman';
import { FIXTURES } from './postmanTestKit';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

describe('postman: import-postman CLI', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-import-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const collection = path.join(FIXTURES, 'mapping-v21.postman_collection.json');

  it('writes both files (4-space JSON, trailing newline), prints the report, exits 0', async () => {
    const { out, io } = capture();
    const dir = path.join(tmp, 'new', 'connector');
    assert.equal(await importPostmanCommand([collection, '--out', dir], io), 0, out.stderr);
    const def = fs.readFileSync(path.join(dir, 'apiDefinition.swagger.json'), 'utf8');
    assert.ok(def.startsWith('{\n    "swagger": "2.0",'));
    assert.ok(def.endsWith('}\n'));
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'apiProperties.json'), 'utf8')).properties.iconBrandColor, '#0f6cbd');
    assert.match(out.stdout, /8 request\(s\) -> 7 operation\(s\)/);
    assert.match(out.stdout, /Wrote /);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['apiDefinition.swagger.json', 'apiProperties.json'], 'no temp files left');
  });

  it('uses an environment file', async () => {
    const { io } = capture();
    const code = await importPostmanCommand([path.join(FIXTURES, 'hosts-v21.postman_collection.json'), '--environment', path.join(FIXTURES, 'hosts.postman_environment.json'), '--out', tmp], io);
    assert.equal(code, 0);
    assert.equal(JSON.parse(fs.readFileSync(path.join(tmp, 'apiDefinition.swagger.json'), 'utf8')).host, 'api.wingtip.com');
  });

  it('bad usage exits 2 with a message', async () => {
    for (const argv of [[], [collection], ['--out', tmp], [collection, 'extra', '--out', tmp], [collection, '--out', tmp, '--bogus'], [path.join(tmp, 'missing.json'), '--out', tmp]]) {
      const { out, io } = capture();
      assert.equal(await importPostmanCommand(argv, io), 2, JSON.stringify(argv));
      assert.match(out.stderr, /import-postman: .+/);
    }
    assert.deepEqual(fs.readdirSync(tmp), []);
  });

  it('a conversion failure exits 1, says what and where, and writes nothing', async () => {
    const broken = path.join(tmp, 'broken.json');
    fs.writeFileSync(broken, '{\n  "info": {\n    "name": "x",\n  }\n}');
    const dir = path.join(tmp, 'out');
    const { out, io } = capture();
    assert.equal(await importPostmanCommand([broken, '--out', dir], io), 1);
    assert.match(out.stderr, /not valid JSON/);
    assert.match(out.stderr, /line 4, column 3/);
    assert.equal(fs.existsSync(dir), false);
    const v1 = capture();
    assert.equal(await importPostmanCommand([path.join(FIXTURES, 'v1.postman_collection.json'), '--out', dir], v1.io), 1);
    assert.match(v1.out.stderr, /v1 is not supported/);
    assert.equal(fs.existsSync(dir), false);
  });

  it('re-import merges into the connector in --out and keeps the author\'s edit; --force replaces', async () => {
    assert.equal(await importPostmanCommand([collection, '--out', tmp], capture().io), 0);
    const defPath = path.join(tmp, 'apiDefinition.swagger.json');
    const def = JSON.parse(fs.readFileSync(defPath, 'utf8'));
    def.paths['/tasks'].get.summary = 'List my tasks';
    def.paths['/tasks'].get['x-ms-visibility'] = 'important';
    fs.writeFileSync(defPath, JSON.stringify(def, null, 4) + '\n');

    const { out, io } = capture();
    assert.equal(await importPostmanCommand([collection, '--out', tmp], io), 0);
    assert.match(out.stdout, /Merged into/);
    const merged = JSON.parse(fs.readFileSync(defPath, 'utf8'));
    assert.equal(merged.paths['/tasks'].get.summary, 'List my tasks');
    assert.equal(merged.paths['/tasks'].get['x-ms-visibility'], 'important');

    assert.equal(await importPostmanCommand([collection, '--out', tmp, '--force'], capture().io), 0);
    assert.equal(JSON.parse(fs.readFileSync(defPath, 'utf8')).paths['/tasks'].get.summary, 'List tasks');
  });

  it('refuses to merge into an unparseable existing definition and leaves it untouched', async () => {
    const defPath = path.join(tmp, 'apiDefinition.swagger.json');
    fs.writeFileSync(defPath, '{ "swagger": "2.0", ');
    const { out, io } = capture();
    assert.equal(await importPostmanCommand([collection, '--out', tmp], io), 1);
    assert.match(out.stderr, /not valid JSON.*--force/);
    assert.equal(fs.readFileSync(defPath, 'utf8'), '{ "swagger": "2.0", ');
    assert.equal(fs.existsSync(path.join(tmp, 'apiProperties.json')), false);
  });
});
