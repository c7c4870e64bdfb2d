// `validate` over many definitions: the main thread and worker threads (defaultThreads) take the
// files from one queue, largest first. The queue is a counter in shared memory that every thread
// advances atomically when it is free: no thread waits for a message to get its next file, and none
// holds files another thread could have started (with files handed out by message, a worker got
// the two largest of six while the main thread, done with the rest, sat idle for a third of the
// run). Each result is stored at its file's index, so the report is in the same order, and the
// same, as a single-threaded run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { validateDefinition, type FileResult, type ValidateJob } from './validateFile';
import { startValidateWorker, workersFor, type StartedWorker } from './workerStart';

/** What a worker thread is sent once (structured-cloned; `next` is shared, not copied). */
export interface WorkerQueue {
  job: ValidateJob;
  files: string[];
  /** Indexes into `files`, largest file first. */
  order: number[];
  /** One Int32: the position in `order` the next free thread takes. */
  next: Int32Array;
}

/** A worker's message: one file's result or failure, by its index in `files`. */
export type FromWorker = { index: number; results: FileResult[] } | { index: number; error: string };

/** The index (into `files`) of the next file nobody has taken, or undefined when all are taken. */
function takeNext(queue: WorkerQueue): number | undefined {
  const position = Atomics.add(queue.next, 0, 1);
  return position < queue.order.length ? queue.order[position] : undefined;
}

/** A worker's loop: takes files from the shared queue until it is empty, handing each result to `done`. */
export function drainQueue(queue: WorkerQueue, done: (m: FromWorker) => void): void {
  for (let index = takeNext(queue); index !== undefined; index = takeNext(queue)) {
    try {
      done({ index, results: validateDefinition(queue.files[index]!, queue.job) });
    } catch (e) {
      done({ index, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
}

/**
 * Validates `files` (absolute paths) on the main thread and workersFor (workerStart.ts) worker
 * threads; `threads` is the --threads option. `early`: a worker cli.ts already started; used as the first worker, or
 * stopped if none is needed.
 */
export async function validateAll(files: string[], job: ValidateJob, threads?: number, early?: StartedWorker): Promise<FileResult[][]> {
  const results: FileResult[][] = new Array(files.length);
  // The worker is a bundle beside this one (dist/cli/validateWorker.js); from source (tsx) there is none.
  const workerFile = path.join(__dirname, 'validateWorker.js');
  const sizes = files.map(sizeOf);
  const workerCount = __filename.endsWith('.js') && fs.existsSync(workerFile) ? workersFor(files.length, sizes.reduce((a, b) => a + b, 0), threads) : 0;
  if (workerCount <= 0) {
    if (early) void early.worker.terminate();
    files.forEach((f, i) => (results[i] = validateDefinition(f, job)));
    return results;
  }
  const order = files.map((_, i) => ({ i, bytes: sizes[i]! })).sort((a, b) => b.bytes - a.bytes || a.i - b.i).map((x) => x.i);
  const queue: WorkerQueue = { job, files, order, next: new Int32Array(new SharedArrayBuffer(4)) };
  let pending = files.length;
  let failure: Error | undefined;
  const workers: Worker[] = [];
  let settle: (() => void) | undefined;
  const allDone = new Promise<void>((resolve) => (settle = resolve));
  const fail = (e: Error) => {
    if (failure) return;
    failure = e;
    Atomics.store(queue.next, 0, order.length); // nobody starts another file
    for (const w of workers) void w.terminate();
    settle!();
  };
  const take = (m: FromWorker) => {
    if ('error' in m) return fail(new Error(`validating ${files[m.index]} on a worker thread: ${m.error}`));
    results[m.index] = m.results;
    if (--pending === 0) settle!();
  };
  for (let k = 0; k < workerCount; k++) {
    const started = k === 0 && early ? early : startValidateWorker(workerFile);
    const w = started.worker;
    workers.push(w);
    w.ref();
    w.on('message', take);
    w.on('error', fail);
    w.on('exit', (code) => {
      if (pending > 0) fail(new Error(`a validation worker thread stopped (exit code ${code}) before the run ended`));
    });
    w.postMessage(queue);
    // What happened before these listeners (an early worker that failed to start) counts as if it
    // happened now: after the main thread's share, like any worker event, so the outcome does not
    // depend on when it happened (all files validated by the main thread: the report stands).
    const before = started.failure ?? (started.exitCode !== undefined ? new Error(`a validation worker thread stopped (exit code ${started.exitCode}) before the run began`) : undefined);
    if (before) queueMicrotask(() => pending > 0 && fail(before));
  }
  // The main thread takes its share at once, while the workers start; their results wait in the
  // message queue until it is done.
  for (let index = takeNext(queue); index !== undefined; index = takeNext(queue)) {
    try {
      results[index] = validateDefinition(files[index]!, job);
    } catch (e) {
      fail(e instanceof Error ? e : new Error(String(e)));
      break;
    }
    pending--;
  }
  if (pending === 0) settle!();
  if (!failure && pending > 0) await allDone;
  if (failure) throw failure;
  return results;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
