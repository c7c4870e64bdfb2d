// The import report: everything the converter could not map exactly, said once, with where.
import type { ImportReport, ReportEntry } from '../../../../shared/src/importReport';

export type { ImportReport, ImportStats, ReportEntry, ReportSeverity } from '../../../../shared/src/importReport';

export function emptyReport(): ImportReport {
  return { entries: [], stats: { requests: 0, operations: 0, mergedDuplicates: 0, tags: 0 } };
}

export class ReportBuilder {
  readonly entries: ReportEntry[] = [];
  info(code: string, message: string, where?: string): void {
    this.entries.push(where === undefined ? { severity: 'info', code, message } : { severity: 'info', code, message, where });
  }
  warn(code: string, message: string, where?: string): void {
    this.entries.push(where === undefined ? { severity: 'warning', code, message } : { severity: 'warning', code, message, where });
  }
}

/** Human-readable report, one line per entry, warnings first. */
export function formatReport(report: ImportReport): string {
  const s = report.stats;
  const lines = [`${s.requests} request(s) -> ${s.operations} operation(s), ${s.tags} tag(s), ${s.mergedDuplicates} duplicate(s) merged.`];
  const sorted = [...report.entries].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
  for (const e of sorted) lines.push(`${e.severity === 'warning' ? 'warning' : 'info   '} ${e.where ? `[${e.where}] ` : ''}${e.message} (${e.code})`);
  return lines.join('\n') + '\n';
}
