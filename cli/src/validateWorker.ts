// A worker thread of `validate` (cli/src/parallelValidate.ts): validates the definitions the main
// thread sends, one at a time, and posts each result back with its index.
import { parentPort, workerData } from 'node:worker_threads';
import { validateDefinition, type ValidateJob } from './validateFile';

export type ToWorker = { index: number; file: string } | { done: true };
export type FromWorker = { index: number; results: ReturnType<typeof validateDefinition> } | { index: number; error: string };

const job = (workerData as { job: ValidateJob }).job;
parentPort!.on('message', (m: ToWorker) => {
  if ('done' in m) {
    parentPort!.close();
    return;
  }
  let reply: FromWorker;
  try {
    reply = { index: m.index, results: validateDefinition(m.file, job) };
  } catch (e) {
    reply = { index: m.index, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(reply);
});
