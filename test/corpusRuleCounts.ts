// Per-rule counts of findings over a set of connectors, top rules first, so a rule that misfires
// on accepted connectors shows at a glance. Shared by the corpus test (test/unit/corpus.test.ts)
// and the bench (bench/main.ts); it only counts, it never decides what is right.

export interface CountedFinding {
  ruleId: string;
  severity: string;
}

export interface RuleCountRow {
  ruleId: string;
  errors: number;
  warnings: number;
  info: number;
  /** Connectors where the rule reports at least one error. */
  connectorsWithError: number;
  /** Connectors where the rule reports at least one error or warning. */
  connectorsWithErrorOrWarning: number;
}

export class RuleCounts {
  private readonly rows = new Map<string, RuleCountRow>();
  private readonly connectors = new Set<string>();
  private readonly withError = new Set<string>();

  /** Adds the findings of one connector (call once per connector, with all its files' findings). */
  add(connector: string, findings: Iterable<CountedFinding>): void {
    this.connectors.add(connector);
    const errorRules = new Set<string>();
    const flaggedRules = new Set<string>();
    for (const f of findings) {
      const row = this.row(f.ruleId);
      if (f.severity === 'error') {
        row.errors++;
        errorRules.add(f.ruleId);
        flaggedRules.add(f.ruleId);
      } else if (f.severity === 'warning') {
        row.warnings++;
        flaggedRules.add(f.ruleId);
      } else row.info++;
    }
    for (const id of errorRules) this.row(id).connectorsWithError++;
    for (const id of flaggedRules) this.row(id).connectorsWithErrorOrWarning++;
    if (errorRules.size) this.withError.add(connector);
  }

  get connectorCount(): number {
    return this.connectors.size;
  }

  /** Connectors (of those added) that get at least one error. */
  connectorsWithError(): string[] {
    return [...this.withError].sort();
  }

  /** Rows sorted by connectors with an error, then with an error or warning, then finding counts. */
  sorted(): RuleCountRow[] {
    return [...this.rows.values()].sort(
      (a, b) =>
        b.connectorsWithError - a.connectorsWithError ||
        b.connectorsWithErrorOrWarning - a.connectorsWithErrorOrWarning ||
        b.errors - a.errors ||
        b.warnings - a.warnings ||
        b.info - a.info ||
        a.ruleId.localeCompare(b.ruleId),
    );
  }

  /** Rules reporting an error or warning on more than `share` of the connectors. */
  firingOnMoreThan(share: number): RuleCountRow[] {
    return this.sorted().filter((r) => r.connectorsWithErrorOrWarning > share * this.connectors.size);
  }

  /** A plain-text table: a header line, then the top `limit` rules (all when omitted). */
  format(title: string, limit?: number): string {
    const n = this.connectors.size;
    const pct = (k: number) => (n ? ((100 * k) / n).toFixed(1) : '0.0');
    const all = this.sorted();
    const shown = limit === undefined ? all : all.slice(0, limit);
    const lines = [
      `${title}: ${this.withError.size} of ${n} connectors (${pct(this.withError.size)}%) get an error; ${all.length} rules report something${shown.length < all.length ? ` (top ${shown.length} shown)` : ''}`,
      `  ${'rule'.padEnd(40)} ${'errors'.padStart(7)} ${'warnings'.padStart(8)} ${'info'.padStart(6)}  ${'connectors with error'.padStart(21)}  ${'with error/warning'.padStart(18)}`,
    ];
    for (const r of shown) {
      lines.push(
        `  ${r.ruleId.padEnd(40)} ${String(r.errors).padStart(7)} ${String(r.warnings).padStart(8)} ${String(r.info).padStart(6)}  ${`${r.connectorsWithError} (${pct(r.connectorsWithError)}%)`.padStart(21)}  ${`${r.connectorsWithErrorOrWarning} (${pct(r.connectorsWithErrorOrWarning)}%)`.padStart(18)}`,
      );
    }
    return lines.join('\n');
  }

  toJSON(): { connectors: number; connectorsWithError: number; rules: RuleCountRow[] } {
    return { connectors: this.connectors.size, connectorsWithError: this.withError.size, rules: this.sorted() };
  }

  private row(ruleId: string): RuleCountRow {
    let r = this.rows.get(ruleId);
    if (!r) {
      r = { ruleId, errors: 0, warnings: 0, info: 0, connectorsWithError: 0, connectorsWithErrorOrWarning: 0 };
      this.rows.set(ruleId, r);
    }
    return r;
  }
}
