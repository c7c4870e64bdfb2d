// `validate` over many definitions: the main thread and worker threads (defaultThreads) take
// the files from one queue, largest first. Each result is stored at its file's index, so the report
// is in the same order, and the same, as a single-threaded run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { validateDefinition, type FileResult, type ValidateJob } from './validateFile';
import type { FromWorker, ToWorker } from './validateWorker';

/**
 * Below this many files, or this many bytes, a worker's start-up (loading the engine, ~50 ms) costs
 * more than it saves.
 */
const MIN_FILES_FOR_WORKERS = 8;
const MIN_BYTES_FOR_WORKERS = 1024 * 1024;
/** Files in flight per worker: the next one is waiting while the main thread is busy with its own. */
const IN_FLIGHT = 2;

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
 * Validates `files` (absolute paths) on up to `threads` threads. `threads` undefined: defaultThreads(),
 * from MIN_FILES_FOR_WORKERS files or MIN_BYTES_FOR_WORKERS bytes on; a number given (the
 * `--threads` option) is used as soon as there are two files.
 */
export async function validateAll(files: string[], job: ValidateJob, threads?: number): Promise<FileResult[][]> {
  const results: FileResult[][] = new Array(files.length);
  // The worker is a bundle beside this one (dist/cli/validateWorker.js); from source (tsx) there is none.
  const workerFile = path.join(__dirname, 'validateWorker.js');
  const sizes = files.map(sizeOf);
  const worthIt = files.length >= MIN_FILES_FOR_WORKERS || sizes.reduce((a, b) => a + b, 0) >= MIN_BYTES_FOR_WORKERS;
  const wanted = threads ?? (worthIt ? defaultThreads() : 1);
  const workerCount = __filename.endsWith('.js') && fs.existsSync(workerFile) ? Math.min(wanted - 1, files.length - 1) : 0;
  if (workerCount <= 0) {
    files.forEach((f, i) => (results[i] = validateDefinition(f, job)));
    return results;
  }
  const order = files.map((_, i) => ({ i, bytes: sizes[i]! })).sort((a, b) => b.bytes - a.bytes || a.i - b.i).map((x) => x.i);
  let next = 0;
  let pending = files.length;
  return new Promise<FileResult[][]>((resolve, reject) => {
    let failed = false;
    const workers: Worker[] = [];
    const stop = () => {
      for (const w of workers) w.postMessage({ done: true } satisfies ToWorker);
    };
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(e);
    };
    const finished = () => {
      if (--pending === 0 && !failed) {
        stop();
        resolve(results);
      }
    };
    for (let k = 0; k < workerCount; k++) {
      // A larger young generation: parsing allocates many short-lived objects, and scavenges were a
      // fifth of the time with the default size.
      const w = new Worker(workerFile, { workerData: { job }, resourceLimits: { maxYoungGenerationSizeMb: 64 }, stdout: false, stderr: false });
      workers.push(w);
      const feed = () => {
        if (next < order.length && !failed) {
          const index = order[next++]!;
          w.postMessage({ index, file: files[index]! } satisfies ToWorker);
        }
      };
      w.on('message', (m: FromWorker) => {
        if ('error' in m) return fail(new Error(`validating ${files[m.index]} on a worker thread: ${m.error}`));
        results[m.index] = m.results;
        feed();
        finished();
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (pending > 0) fail(new Error(`a validation worker thread stopped (exit code ${code}) before the run ended`));
      });
      for (let n = 0; n < IN_FLIGHT; n++) feed();
    }
    // The main thread takes its share between the workers' messages.
    const step = () => {
      if (failed || next >= order.length) return;
      const index = order[next++]!;
      try {
        results[index] = validateDefinition(files[index]!, job);
      } catch (e) {
        return fail(e instanceof Error ? e : new Error(String(e)));
      }
      finished();
      setImmediate(step);
    };
    setImmediate(step);
  });
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
