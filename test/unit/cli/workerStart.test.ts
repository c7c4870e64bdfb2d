// cli.ts starts a validation worker before loading the engine when the arguments show a run that
// will use one (cli/src/workerStart.ts). The decision, and a run whose early worker cannot start:
// it must fail with a message, not hang or lose the report silently.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startWorkerEarly } from '../../../cli/src/workerStart';
import { REPO_ROOT, CORPUS_CONNECTORS, requireCorpus } from '../ruleTestKit';

const WORKER = path.join(REPO_ROOT, 'dist/cli/validateWorker.js');

describe('CLI validate: the worker started early', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    if (!fs.existsSync(WORKER)) throw new Error('dist/cli/validateWorker.js is missing: run `npm run build` first');
    requireCorpus();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-early-'));
    // A connector folder: a small definition and its properties.
    fs.mkdirSync(path.join(dir, 'one'));
    fs.writeFileSync(path.join(dir, 'one', 'apiDefinition.swagger.json'), '{"swagger": "2.0"}');
    fs.writeFileSync(path.join(dir, 'one', 'apiProperties.json'), '{}');
    // Ten small connectors, each in a folder.
    for (let i = 0; i < 10; i++) {
      fs.mkdirSync(path.join(dir, 'many', `c${i}`), { recursive: true });
      fs.writeFileSync(path.join(dir, 'many', `c${i}`, 'apiDefinition.swagger.json'), '{"swagger": "2.0"}');
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const decide = async (argv: string[]): Promise<boolean> => {
    const started = startWorkerEarly(argv, WORKER);
    if (started) await started.worker.terminate();
    return started !== undefined;
  };

  it('starts one for a folder of many connectors or large files, on more than one thread', async function () {
    if (os.availableParallelism() < 2) {
      // One core: never early (and the rest of the decision is still checked below with --threads).
      assert.equal(await decide([path.join(dir, 'many')]), false);
    } else {
      assert.equal(await decide([path.join(dir, 'many')]), true, 'ten connectors under one folder');
      assert.equal(await decide([path.join(dir, 'many'), '--format', 'json']), true);
    }
    assert.equal(await decide(['--threads', '2', path.join(dir, 'many')]), true);
    assert.equal(await decide(['--threads=3', path.join(dir, 'one', 'apiDefinition.swagger.json'), path.join(dir, 'many', 'c1', 'apiDefinition.swagger.json')]), true, 'two files, threads given');
  });

  it('starts none for one connector, one thread, stdin, bad arguments or nothing there', async () => {
    assert.equal(await decide([path.join(dir, 'one')]), false, 'one small connector folder');
    assert.equal(await decide([path.join(dir, 'one', 'apiDefinition.swagger.json')]), false);
    assert.equal(await decide(['--threads', '1', path.join(dir, 'many')]), false);
    assert.equal(await decide(['-']), false);
    assert.equal(await decide(['--bogus', path.join(dir, 'many')]), false, 'arguments that do not parse');
    assert.equal(await decide([path.join(dir, 'nothing-here')]), false);
    assert.equal(startWorkerEarly([path.join(dir, 'many'), '--threads', '2'], path.join(dir, 'no-worker.js')), undefined, 'no worker bundle');
  });

  /** The CLI's bundles copied, with `worker` as the worker bundle; `validate` of the corpus on 2 threads. */
  const runWithWorker = (name: string, worker: string) => {
    const copy = path.join(dir, name);
    fs.mkdirSync(path.join(copy, 'cli'), { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'dist/cli.js'), path.join(copy, 'cli.js'));
    fs.cpSync(path.join(REPO_ROOT, 'dist/cli/validateCommand.js'), path.join(copy, 'cli', 'validateCommand.js'));
    fs.writeFileSync(path.join(copy, 'cli', 'validateWorker.js'), worker);
    const r = spawnSync(process.execPath, [path.join(copy, 'cli.js'), 'validate', CORPUS_CONNECTORS, '--threads', '2', '--format', 'json'], { encoding: 'utf8', timeout: 90_000, maxBuffer: 256 * 1024 * 1024 });
    assert.equal(r.error, undefined, `the run did not end by itself: ${r.error}`);
    return r;
  };

  it('a worker that cannot start: the main thread validates every file, and the report is the one-thread report', () => {
    const r = runWithWorker('broken', 'throw new Error("broken worker bundle");\n');
    const one = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'validate', CORPUS_CONNECTORS, '--threads', '1', '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(r.status, one.status, r.stderr);
    assert.ok(r.stdout.length > 100_000 && r.stdout === one.stdout, 'the report differs from --threads 1');
  });

  it('a worker that dies holding a file: the run fails with its message (exit 2) and prints no partial report', () => {
    // Takes one file from the shared queue, then throws.
    const r = runWithWorker('dies', 'const { parentPort } = require("node:worker_threads");\nparentPort.once("message", (q) => { Atomics.add(q.next, 0, 1); throw new Error("worker died mid-run"); });\n');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /worker died mid-run/);
    assert.equal(r.stdout, '', 'no partial report');
  });
});
