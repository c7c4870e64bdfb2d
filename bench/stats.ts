// Timing helpers for the bench: median and p95 of repeated runs.
export interface Stat {
  runs: number;
  median: number;
  p95: number;
}

export function stat(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { runs: s.length, median: at(0.5), p95: at(0.95) };
}

export function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Runs fn `runs` times after one warm-up; the samples are milliseconds. */
export function repeat(runs: number, fn: () => unknown): Stat {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(time(fn));
  return stat(samples);
}

export async function repeatAsync(runs: number, fn: () => Promise<unknown>): Promise<Stat> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeAsync(fn));
  return stat(samples);
}

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const ratio = (v: number, base: number) => `${(v / base).toFixed(1)}×`;
