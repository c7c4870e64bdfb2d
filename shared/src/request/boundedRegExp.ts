/**
 * Runs user-written `pattern`s (response and request schemas) with a time bound. A pattern such as
 * `^(a+)+$` backtracks catastrophically on "aaaa…!": native RegExp cannot be interrupted, so each
 * test runs in a `vm` context whose timeout stops it. A pattern that times out is not tested again
 * in the same engine (counted as a pass) and is listed in `timedOut`, so the caller can say which
 * patterns were not checked. A total budget bounds many slow-but-finishing tests too.
 */
import * as vm from 'node:vm';

export interface RegExpLike {
  test(s: string): boolean;
  toString(): string;
}

export interface BoundedRegExpEngine {
  (pattern: string, flags: string): RegExpLike;
  /** ajv's standalone-code hook (unused: we never generate standalone code). */
  code: string;
  /** Patterns that ran out of time (not checked). */
  readonly timedOut: ReadonlySet<string>;
}

export interface RegExpBudget {
  /** Longest single test, in milliseconds. */
  perTestMs: number;
  /** All tests of one engine together, in milliseconds; past it, patterns are no longer tested. */
  totalMs: number;
}

export const DEFAULT_REGEXP_BUDGET: RegExpBudget = { perTestMs: 100, totalMs: 2000 };

let context: vm.Context | undefined;
let script: vm.Script | undefined;

function sandbox(): { context: vm.Context; script: vm.Script } {
  if (!context || !script) {
    context = vm.createContext({});
    vm.runInContext('globalThis.__test = function (re, s) { return re.test(s); };', context);
    script = new vm.Script('__test(__re, __s)');
  }
  return { context, script };
}

/** A RegExp engine for ajv's `code.regExp` option whose tests stop after the budget. */
export function boundedRegExpEngine(budget: RegExpBudget = DEFAULT_REGEXP_BUDGET): BoundedRegExpEngine {
  const timedOut = new Set<string>();
  let spent = 0;
  const engine = ((pattern: string, flags: string): RegExpLike => {
    // Compiling is linear; a syntax error throws here, as with native RegExp.
    const { context: ctx, script: run } = sandbox();
    const re = vm.runInContext('(function (p, f) { return new RegExp(p, f); })', ctx)(pattern, flags) as RegExp;
    return {
      // ajv keys its compiled patterns by toString(): it must differ per pattern, as RegExp's does.
      toString: () => `/${pattern}/${flags}`,
      test(s: string): boolean {
        if (timedOut.has(pattern)) return true;
        if (spent >= budget.totalMs) {
          timedOut.add(pattern);
          return true;
        }
        const started = performance.now();
        try {
          ctx.__re = re;
          ctx.__s = s;
          return run.runInContext(ctx, { timeout: Math.max(1, Math.floor(Math.min(budget.perTestMs, budget.totalMs - spent))) }) as boolean;
        } catch (e) {
          if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
            timedOut.add(pattern);
            return true;
          }
          throw e;
        } finally {
          ctx.__re = undefined;
          ctx.__s = undefined;
          spent += performance.now() - started;
        }
      },
    };
  }) as BoundedRegExpEngine;
  engine.code = 'new RegExp';
  Object.defineProperty(engine, 'timedOut', { value: timedOut });
  return engine;
}
