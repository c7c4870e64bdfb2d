// A CLI run is short: a few hundred milliseconds to a few seconds. V8's default tiering optimizes a
// function with TurboFan after about 66 KB of its bytecode ran; in a cold `validate` of the six
// largest corpus definitions that queued so many background compilations that they took about as
// much CPU as the validation itself (1.1-1.25 s of CPU for a 0.45 s main thread), and on a machine
// with few cores they competed with the main thread and its garbage collection helpers. With ten
// times the budget only the really hot functions are optimized: measured on 2 cores, in fresh
// processes, the six largest went from 0.65-0.81 s to 0.54-0.57 s of wall time (CPU 1.19 -> 0.63 s,
// main thread 0.45 -> 0.48 s) and the whole corpus on one thread from 2.34 to 2.15 s.
// The flag is V8's own and is read when a function's budget is set, so it applies to the code run
// after this call; cli.ts calls it for `validate` before loading the command's bundle, because V8's
// code cache records the flags it was made under and is refused under others (set after the load,
// every run refused the cache, compiled the bundle again and rewrote it: +27 ms of start-up).
// The language server keeps V8's defaults.
import * as v8 from 'node:v8';

/** V8's default --interrupt-budget (bytes of bytecode executed between tier-up checks), node 20. */
const V8_DEFAULT_INTERRUPT_BUDGET = 67_584;
const SHORT_RUN_FACTOR = 10;

let applied = false;

/** Raises V8's tier-up budget for the rest of this process (once; later calls do nothing). CONNECTOR_STUDIO_DEFAULT_JIT=1 keeps V8's default (to compare). */
export function preferShortRunTiering(): void {
  if (applied || process.env.CONNECTOR_STUDIO_DEFAULT_JIT) return;
  applied = true;
  v8.setFlagsFromString(`--interrupt-budget=${V8_DEFAULT_INTERRUPT_BUDGET * SHORT_RUN_FACTOR}`);
}
