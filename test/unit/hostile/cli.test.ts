// Issue 17, item 8 (CLI): an empty folder or the wrong path is exit 2 with a message, not
// "0 files checked" and exit 0; `validate … | head -1` prints no EPIPE stack trace; import-postman
// into a folder holding a YAML connector refuses instead of writing a second definition beside it.
// The CLI runs as a real process from its sources (tsx), so the test does not depend on a build.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importPostmanCommand } from '../../../cli/src/importPostman';
import { baseDefinition, baseProperties, REPO_ROOT } from '../ruleTestKit';

const CLI = path.join(REPO_ROOT, 'cli/src/cli.ts');
/** tsx's loader by absolute URL: the CLI runs with temporary folders as its working directory. */
const TSX = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sh(script: string, cwd: string) {
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hostile: CLI', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-hostile-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function writeConnector(folder: string) {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'apiDefinition.swagger.json'), JSON.stringify(baseDefinition(), null, 4));
    fs.writeFileSync(path.join(folder, 'apiProperties.json'), JSON.stringify(baseProperties(), null, 4));
  }

  it('an empty folder is exit 2 with a message saying nothing was checked', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    const r = run(['validate', 'empty'], dir);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /no connector definition found in empty/);
    assert.match(r.stderr, /nothing was checked/);
    assert.doesNotMatch(r.stdout, /0 files checked/);
  });

  it('a mistyped folder that exists but holds no connector (e.g. the parent of the wrong repo) is exit 2 too', () => {
    fs.mkdirSync(path.join(dir, 'conectors', 'docs'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'conectors', 'docs', 'notes.json'), '{"not": "a connector"}');
    const r = run(['validate', 'conectors', '--format', 'json'], dir);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /no connector definition found/);
  });

  it('one empty folder beside a real connector is named on stderr; the connector is still validated', () => {
    writeConnector(path.join(dir, 'good'));
    fs.mkdirSync(path.join(dir, 'empty'));
    const r = run(['validate', 'good', 'empty', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).summary.files >= 1, true);
    assert.match(r.stderr, /warning: no connector definition found in empty/);
  });

  it('`validate … | head -1` prints no EPIPE stack trace', () => {
    // Enough connectors and findings that the output (about 110 KB) is larger than the 64 KB pipe buffer.
    for (let i = 0; i < 40; i++) {
      const folder = path.join(dir, 'many', `c${i}`);
      writeConnector(folder);
      const def = baseDefinition();
      def.info.description = 'x';
      fs.writeFileSync(path.join(folder, 'apiDefinition.swagger.json'), JSON.stringify(def, null, 4));
    }
    const node = JSON.stringify(process.execPath);
    const r = sh(`${node} --import ${TSX} ${JSON.stringify(CLI)} validate many --format json --profile certification | head -c 10 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`, dir);
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled 'error' event|at WriteWrap/, r.stderr);
    const status = Number(/status=(\d+)/.exec(r.stderr)?.[1]);
    assert.ok(status === 0 || status === 1, `exit status ${status} (the validation result, not a crash)`);
  });

  describe('import-postman into a folder holding a YAML connector', () => {
    const collection = { info: { name: 'Tasks', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'List', request: { method: 'GET', url: 'https://api.contoso.com/tasks' } }] };
    const io = () => {
      const out = { stdout: '', stderr: '' };
      return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
    };

    for (const force of [false, true]) {
      it(`refuses and writes nothing${force ? ' (even with --force)' : ''}`, async () => {
        const target = path.join(dir, 'yaml-connector');
        fs.mkdirSync(target);
        fs.writeFileSync(path.join(target, 'apiDefinition.swagger.yaml'), 'swagger: "2.0"\ninfo:\n  title: Tasks\n  version: "1.0"\npaths: {}\n');
        fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify(collection));
        const { out, io: sink } = io();
        const code = await importPostmanCommand([path.join(dir, 'c.json'), '--out', target, ...(force ? ['--force'] : [])], sink);
        assert.equal(code, 1, out.stdout + out.stderr);
        assert.match(out.stderr, /apiDefinition\.swagger\.yaml/);
        assert.match(out.stderr, /second definition/);
        assert.deepEqual(fs.readdirSync(target), ['apiDefinition.swagger.yaml'], 'nothing was written beside it');
      });
    }

    it('a folder with only apiProperties.json, or an empty one, still imports', async () => {
      const target = path.join(dir, 'fresh');
      fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify(collection));
      const { out, io: sink } = io();
      assert.equal(await importPostmanCommand([path.join(dir, 'c.json'), '--out', target], sink), 0, out.stderr);
      assert.ok(fs.existsSync(path.join(target, 'apiDefinition.swagger.json')));
    });
  });
});
