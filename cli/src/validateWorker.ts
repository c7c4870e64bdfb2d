// A worker thread of `validate` (cli/src/parallelValidate.ts). It runs the command's own bundle,
// loaded through loadBundle, so it shares the main thread's V8 code cache (the engine's functions
// already compiled) instead of compiling a bundle of its own: a worker was ready for its first
// file after ~45 ms, against ~25 ms now. It loads the engine at once, then waits for its queue
// (it may be started before the main thread knows the files: workerStart.ts) and takes files from
// it until it is empty.
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { loadBundle } from './loadBundle';
import type { WorkerQueue } from './parallelValidate';

const command = loadBundle(path.join(__dirname, 'validateCommand.js')) as typeof import('./validateCommand');
parentPort!.once('message', (queue: WorkerQueue) => {
  command.drainQueue(queue, (m) => parentPort!.postMessage(m));
  parentPort!.close();
});
