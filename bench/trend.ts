// The bench's trend check: each run's ratios (ours over a peer or a baseline measured in the same
// run; lower is better) are compared with the ratios committed in bench/results.json. A ratio more
// than 25% above its committed value fails the bench, naming the measure, so a slowdown is seen in
// the change that caused it. Ratios, not absolute times: the machine is shared and noisy.

/** Flat map: measure name -> ratio (lower is better). */
export type Ratios = Record<string, number>;

export interface Regression {
  measure: string;
  committed: number;
  now: number;
  /** now / committed - 1, e.g. 0.4 = 40% worse. */
  worse: number;
}

export interface TrendResult {
  regressions: Regression[];
  /** Measures compared (present, finite and positive in both). */
  compared: string[];
  /** Committed measures this run did not produce (renamed or dropped): listed, not failed. */
  missing: string[];
  /** New measures with no committed figure yet. */
  added: string[];
}

export const DEFAULT_TOLERANCE = 0.25;

const usable = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

export function compareRatios(committed: Ratios, now: Ratios, tolerance = DEFAULT_TOLERANCE): TrendResult {
  if (!(tolerance >= 0)) throw new Error(`tolerance must be 0 or more (got ${tolerance})`);
  const regressions: Regression[] = [];
  const compared: string[] = [];
  const missing: string[] = [];
  const added: string[] = [];
  for (const measure of Object.keys(committed).sort()) {
    const before = committed[measure];
    if (!Object.prototype.hasOwnProperty.call(now, measure)) {
      missing.push(measure);
      continue;
    }
    const after = now[measure];
    if (!usable(before)) continue;
    if (!usable(after)) {
      // A measure that produced no number (NaN, 0, negative) is a failure of the bench, not a pass.
      regressions.push({ measure, committed: before, now: Number(after), worse: Number.POSITIVE_INFINITY });
      continue;
    }
    compared.push(measure);
    const worse = after / before - 1;
    if (worse > tolerance) regressions.push({ measure, committed: before, now: after, worse });
  }
  for (const measure of Object.keys(now).sort()) if (!Object.prototype.hasOwnProperty.call(committed, measure)) added.push(measure);
  return { regressions, compared, missing, added };
}

export function formatTrend(r: TrendResult, tolerance = DEFAULT_TOLERANCE): string {
  const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : 'no figure');
  const lines = [`trend: ${r.compared.length} ratios compared with bench/results.json as committed (fail above +${pct(tolerance)})`];
  for (const g of r.regressions) lines.push(`  REGRESSION ${g.measure}: ${g.now.toFixed(3)} now, ${g.committed.toFixed(3)} committed (${Number.isFinite(g.worse) ? `+${pct(g.worse)}` : 'no figure this run'})`);
  if (r.missing.length) lines.push(`  not measured this run (committed before): ${r.missing.join(', ')}`);
  if (r.added.length) lines.push(`  new (no committed figure yet): ${r.added.join(', ')}`);
  return lines.join('\n');
}
