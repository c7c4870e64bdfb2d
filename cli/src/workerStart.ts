// Starting the worker threads of `validate` (parallelValidate.ts). A worker takes node 30-70 ms to
// be ready on 2 cores (its own bootstrap, then the engine bundle), time in which the main thread
// could have validated a large definition. So when the command line already shows that the run will
// use workers (a folder, or files over the thresholds below), cli.ts starts one before the main
// thread loads the engine, and both load at once. This file is part of dist/cli.js: it must not
// import the engine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { isDefinitionCandidate, SKIP_DIRS } from './definitionCandidates';
import { VALIDATE_OPTIONS } from './validateOptions';

/**
 * Below this many files, or this many bytes, a worker's start-up costs more than it saves.
 */
export const MIN_FILES_FOR_WORKERS = 8;
export const MIN_BYTES_FOR_WORKERS = 1024 * 1024;

/**
 * One thread per core. Once a validating thread kept about 1.5 cores busy with V8's background
 * garbage collection and TurboFan compilation, and on 2 cores one thread was the fastest (corpus:
 * 4.3-4.6 s on one thread, 5.4-8.5 s on two). Since `validate` raises V8's tier-up budget
 * (jitBudget.ts) a thread keeps about one core busy, and on 2 cores two threads win (quiet machine,
 * fresh processes, three rounds: corpus 1.50-1.60 s against 1.82-2.08 s on one thread; the six
 * largest definitions 388-419 ms against 427-443 ms).
 */
export function defaultThreads(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores);
}

/**
 * How many worker threads `validate` uses for `files` definitions of `bytes` in all, the main
 * thread being one of the threads: one thread per core from MIN_FILES_FOR_WORKERS files or
 * MIN_BYTES_FOR_WORKERS bytes on; `threads` (the --threads option) as soon as there are two files.
 */
export function workersFor(files: number, bytes: number, threads?: number): number {
  const wanted = threads ?? (files >= MIN_FILES_FOR_WORKERS || bytes >= MIN_BYTES_FOR_WORKERS ? defaultThreads() : 1);
  return Math.max(0, Math.min(wanted - 1, files - 1));
}

/** A worker being started, and what happened to it before anyone listened. */
export interface StartedWorker {
  worker: Worker;
  failure?: Error;
  exitCode?: number;
}

/**
 * Starts a validation worker: it loads the engine, then waits for its queue (one message). It does
 * not keep the process alive until someone gives it work (a worker started early and not used just
 * goes away with the process).
 */
export function startValidateWorker(workerFile: string): StartedWorker {
  // A larger young generation: parsing allocates many short-lived objects, and scavenges were a
  // fifth of the time with the default size.
  const worker = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 64 }, stdout: false, stderr: false });
  worker.unref();
  const started: StartedWorker = { worker };
  worker.once('error', (e) => (started.failure ??= e));
  worker.once('exit', (code) => (started.exitCode = code));
  return started;
}

/**
 * The worker cli.ts starts before loading the engine, when `validate`'s arguments show a run that
 * will use one: more than one thread, and a folder or files over the thresholds. Undefined when not
 * (or when the arguments do not parse: the command reports that).
 */
export function startWorkerEarly(argv: string[], workerFile: string): StartedWorker | undefined {
  let values: { threads?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: VALIDATE_OPTIONS }));
  } catch {
    return undefined;
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (!((threads ?? defaultThreads()) >= 2) || !fs.existsSync(workerFile)) return undefined;
  // The decision validateAll will take, on the estimated files.
  const enough = (files: number, bytes: number) => workersFor(files, bytes, threads) > 0;
  return estimateFiles(positionals.filter((p) => p !== '-'), enough) ? startValidateWorker(workerFile) : undefined;
}

/** Directory entries the estimate looks at before it assumes a large run. */
const MAX_ENTRIES = 5000;

/**
 * Whether the definitions under `inputs` are `enough`, estimated by name and size (the command then
 * finds them exactly, sniffing contents). A wrong guess costs time only: a worker started and not
 * used (~60 ms on 2 cores), or none started early. Stops as soon as the answer is yes.
 */
function estimateFiles(inputs: string[], enough: (files: number, bytes: number) => boolean): boolean {
  let files = 0;
  let bytes = 0;
  let entries = 0;
  const count = (p: string) => {
    files++;
    try {
      bytes += fs.statSync(p).size;
    } catch {
      /* gone: the command reports it */
    }
  };
  const dirs: string[] = [];
  for (const p of inputs) {
    try {
      if (fs.statSync(p).isDirectory()) dirs.push(p);
      else count(p);
    } catch {
      /* not there: the command reports it */
    }
  }
  while (dirs.length > 0 && !enough(files, bytes)) {
    let list: fs.Dirent[];
    const dir = dirs.pop()!;
    try {
      list = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of list) {
      if (++entries > MAX_ENTRIES) return true;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) dirs.push(path.join(dir, e.name));
      } else if (e.isFile() && isDefinitionCandidate(e.name)) count(path.join(dir, e.name));
    }
  }
  return enough(files, bytes);
}
