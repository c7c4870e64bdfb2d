// The OpenAPI import report: what was kept, approximated or dropped (each with the JSON pointer of
// its source), the budget meters against the platform's limits, and every source operation that
// did not become an operation, with the reason. Builds on the Postman import's report entries so
// the re-import merge and the import plan read both alike.
import type { ImportReport, ReportEntry } from '../postman/report';

export interface Meter {
  id: 'definition-bytes' | 'operations' | 'schemas' | 'largest-schema' | 'operation-schemas' | 'schema-depth';
  label: string;
  value: number;
  limit: number;
  over: boolean;
  /** Where the largest or deepest schema is (output pointer). */
  at?: string;
}

export interface DroppedOperation {
  method: string;
  path: string;
  /** JSON pointer of the operation in the source document. */
  pointer: string;
  reason: string;
}

export interface OpenApiReport extends ImportReport {
  /** 'openapi 3.1.0', 'swagger 2.0'. */
  source: string;
  sourceOperations: number;
  dropped: DroppedOperation[];
  meters: Meter[];
  /** Tags of the source with their operation counts, largest first (what --include-tags can cut). */
  tags: { name: string; operations: number }[];
}

/** Entries of one code beyond this are folded into one "and N more" entry. */
export const MAX_ENTRIES_PER_CODE = 25;

export class OpenApiReportBuilder {
  readonly entries: ReportEntry[] = [];
  private readonly perCode = new Map<string, number>();

  info(code: string, message: string, pointer?: string): void {
    this.add('info', code, message, pointer);
  }
  warn(code: string, message: string, pointer?: string): void {
    this.add('warning', code, message, pointer);
  }
  private add(severity: ReportEntry['severity'], code: string, message: string, pointer?: string): void {
    const n = (this.perCode.get(code) ?? 0) + 1;
    this.perCode.set(code, n);
    if (n > MAX_ENTRIES_PER_CODE) return;
    this.entries.push(pointer === undefined ? { severity, code, message } : { severity, code, message, where: pointer });
  }
  /** Adds one "N more" entry per code whose entries were folded. */
  finish(): ReportEntry[] {
    for (const [code, n] of this.perCode) {
      if (n > MAX_ENTRIES_PER_CODE) {
        const first = this.entries.find((e) => e.code === code);
        this.entries.push({ severity: first?.severity ?? 'info', code, message: `... and ${n - MAX_ENTRIES_PER_CODE} more like this (${n} in all).` });
      }
    }
    return this.entries;
  }
}

/** Human-readable report: counts, meters, what to cut, dropped operations, then entries (warnings first). */
export function formatOpenApiReport(report: OpenApiReport): string {
  const lines = [`${report.source}: ${report.sourceOperations} operation(s) -> ${report.stats.operations} operation(s), ${report.dropped.length} dropped.`];
  for (const m of report.meters) lines.push(`${m.over ? 'OVER ' : 'meter'} ${m.label}: ${m.value.toLocaleString('en-US')} of ${m.limit.toLocaleString('en-US')}${m.over ? ' (over the limit)' : ''}`);
  if (report.meters.some((m) => m.over) && report.tags.length) {
    lines.push(`To cut the connector down, import part of it with --include-tags (or --include-paths). Tags by operations: ${report.tags.slice(0, 15).map((t) => `${t.name} (${t.operations})`).join(', ')}${report.tags.length > 15 ? ', ...' : ''}`);
  }
  for (const d of report.dropped) lines.push(`dropped ${d.method.toUpperCase()} ${d.path} [${d.pointer}]: ${d.reason}`);
  const sorted = [...report.entries].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
  for (const e of sorted) lines.push(`${e.severity === 'warning' ? 'warning' : 'info   '} ${e.where ? `[${e.where}] ` : ''}${e.message} (${e.code})`);
  return lines.join('\n') + '\n';
}
