// `validate <folder>` runs on worker threads (cli/src/parallelValidate.ts): the report must be the
// same, byte for byte and in the same order, as a single-threaded run.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORPUS_CONNECTORS, REPO_ROOT, requireCorpus } from '../ruleTestKit';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');

function run(args: string[], cwd = REPO_ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI validate on worker threads', function () {
  this.timeout(300_000);
  before(() => {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist/cli/validateWorker.js'))) throw new Error('dist/cli/validateWorker.js is missing: run `npm run build` first');
    requireCorpus();
  });

  it('the whole corpus: --threads 3 and the default give the JSON report of --threads 1, byte for byte', () => {
    const one = run(['validate', CORPUS_CONNECTORS, '--format', 'json', '--threads', '1']);
    const report = JSON.parse(one.stdout) as { files: { path: string }[] };
    assert.ok(report.files.length > 500, `expected the corpus's ~608 files, got ${report.files.length}`);
    for (const threads of [['--threads', '3'], []]) {
      const many = run(['validate', CORPUS_CONNECTORS, '--format', 'json', ...threads]);
      assert.equal(many.code, one.code, `exit code with ${threads.join(' ') || 'the default'}: ${many.stderr}`);
      assert.equal(many.stderr, one.stderr);
      assert.ok(many.stdout === one.stdout, `the report with ${threads.join(' ') || 'the default'} differs from --threads 1`);
    }
  });

  it('stylish and paconn output, relative paths and a properties file shared by two definitions: the same on 2 threads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-par-'));
    try {
      // Twelve connectors copied from the corpus, one folder holding two definitions (one apiProperties.json).
      const groups = path.join(CORPUS_CONNECTORS, 'independent-publisher-connectors');
      const names = fs.readdirSync(groups).sort().slice(0, 12);
      for (const n of names) fs.cpSync(path.join(groups, n), path.join(dir, 'c', n), { recursive: true });
      fs.copyFileSync(path.join(dir, 'c', names[0]!, 'apiDefinition.swagger.json'), path.join(dir, 'c', names[0]!, 'second.swagger.json'));
      for (const format of ['stylish', 'paconn', 'sarif']) {
        const one = run(['validate', 'c', '--format', format, '--threads', '1'], dir);
        const two = run(['validate', 'c', '--format', format, '--threads', '2'], dir);
        assert.ok(one.stdout.length > 100, `${format}: some output`);
        assert.equal(two.code, one.code, format);
        assert.ok(two.stdout === one.stdout, `${format} output differs between 1 and 2 threads`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--threads is checked', () => {
    for (const bad of ['0', '-1', '1.5', 'many', '1000']) {
      const r = run(['validate', CORPUS_CONNECTORS, `--threads=${bad}`]);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--threads needs a whole number/);
    }
  });
});
