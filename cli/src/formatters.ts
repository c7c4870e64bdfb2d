// Output formats of `validate`. The JSON shape is a stable contract (see README, "CLI").
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOGUE } from '../../engine/src/rules/catalogue';
import { microsoftCodeUrl, ruleDocUrl } from '../../engine/src/rules/docsLink';
import type { Severity } from '../../engine/src/rules/types';
import type { Range } from '../../engine/src/languageService/locate';

export type OutputFormat = 'stylish' | 'json' | 'sarif' | 'paconn';

export interface CliDiagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** JSON pointer of the finding in its file, when it has one (the paconn format prints it). */
  pointer?: string;
  /** Microsoft's validator code the finding mirrors (e.g. `SecurityRequirementMustBeDefined`), when there is one. */
  microsoftCode?: string;
}

export interface CliReport {
  files: { path: string; diagnostics: CliDiagnostic[] }[];
  summary: { files: number; errors: number; warnings: number };
}

export function formatReport(report: CliReport, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(report) + '\n';
  if (format === 'sarif') return JSON.stringify(toSarif(report), null, 2) + '\n';
  if (format === 'paconn') return toPaconn(report);
  return toStylish(report);
}

function toStylish(report: CliReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    if (!f.diagnostics.length) continue;
    lines.push('', f.path);
    for (const d of f.diagnostics) {
      const pos = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`  ${pos.padEnd(9)} ${d.severity.padEnd(7)} ${d.message}  ${d.ruleId}${d.microsoftCode ? ` (${d.microsoftCode})` : ''}`);
    }
  }
  const { files, errors, warnings } = report.summary;
  lines.push('', `${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`, '');
  return lines.join('\n');
}

/**
 * The shape `paconn validate` prints (the service's message, one finding a line):
 * `Error : <json pointer> : <message>`, the pointer without its leading "/" and left out for the
 * document root (`Error : The 'x-ms-connector-metadata' property is required.`). Warnings print as
 * `Warning : ...` like paconn's; info findings have no paconn level and are left out. Each file with
 * findings starts with its path, since paconn checks one definition at a time.
 */
function toPaconn(report: CliReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    const shown = f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
    if (!shown.length) continue;
    if (lines.length) lines.push('');
    lines.push(f.path);
    for (const d of shown) {
      const level = d.severity === 'error' ? 'Error' : 'Warning';
      const where = d.pointer ? d.pointer.replace(/^\//, '') : '';
      const message = d.message.replace(/\s*[\r\n]+\s*/g, ' ');
      lines.push(where ? `${level} : ${where} : ${message}` : `${level} : ${message}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function toSarif(report: CliReport): object {
  const used = [...new Set(report.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)))].sort();
  const byId = new Map(CATALOGUE.map((e) => [e.id, e]));
  const rules = used.map((id) => {
    const entry = byId.get(id);
    return {
      id,
      name: id,
      shortDescription: { text: entry?.summary ?? id },
      helpUri: ruleDocUrl(id),
      properties: { tags: entry ? [entry.family] : [], ...(entry?.msCodes.length ? { microsoftCodes: entry.msCodes } : {}) },
    };
  });
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  const results = report.files.flatMap((f) =>
    f.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ruleIndex: ruleIndex.get(d.ruleId),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      ...(d.microsoftCode ? { properties: { microsoftCode: d.microsoftCode, microsoftCodeUri: microsoftCodeUrl(d.microsoftCode) } } : {}),
      locations: [
        {
          physicalLocation: {
            // Paths are as the user typed them: an absolute one is a file URI of its own.
            artifactLocation: path.isAbsolute(f.path) ? { uri: pathToFileURL(f.path).href } : { uri: f.path.split('\\').join('/').split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'connector-studio', informationUri: 'https://github.com/connector-studio/connector-studio', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(process.cwd()) } },
        results,
      },
    ],
  };
}

function pathToFileUri(p: string): string {
  const withSlash = p.endsWith('/') ? p : p + '/';
  return 'file://' + withSlash.split('/').map(encodeURIComponent).join('/');
}
