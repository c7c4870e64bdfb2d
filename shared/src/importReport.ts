// The import report as it crosses the wire (connectorStudio/importPlan): what a converter could
// not map exactly, said once, with where. The converters in engine/ fill it; the client shows it.
export type ReportSeverity = 'info' | 'warning';

export interface ReportEntry {
  severity: ReportSeverity;
  /** Stable kebab-case code, for tests and filtering. */
  code: string;
  message: string;
  /** Item path in the collection ("Folder > Request"), or a file/location for non-item entries. */
  where?: string;
}

export interface ImportStats {
  requests: number;
  operations: number;
  mergedDuplicates: number;
  tags: number;
}

export interface ImportReport {
  entries: ReportEntry[];
  stats: ImportStats;
}
