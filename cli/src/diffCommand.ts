// `connector-studio diff <old> <new>`: the breaking changes between two versions of a connector
// (folders or definition files), as Microsoft's update check reports them. Exit 1 on a breaking
// change (an error), 0 otherwise, 2 on bad usage.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readTextFile } from '../../engine/node/diskFileAccess';
import { compareSources } from '../../engine/src/compare';
import { parseConfigFile } from '../../engine/src/languageService/config';
import type { ValidationConfig } from '../../engine/src/languageService/validateConnector';
import { comparisonResults, versionFromDisk } from './baseComparison';
import { findDefinitions } from './findConnectorFiles';
import { formatReport, type CliReport, type OutputFormat } from './formatters';
import { UsageError } from './usage';

/** The one definition a folder or file argument names. */
function definitionOf(arg: string): string {
  const { files, missing } = findDefinitions([arg]);
  if (missing.length) throw new UsageError(`No such file or folder: ${arg}`);
  if (files.length === 0) throw new UsageError(`No connector definition found in ${arg}.`);
  if (files.length > 1) throw new UsageError(`${arg} holds ${files.length} connector definitions (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}): name one.`);
  return files[0]!;
}

export async function runDiff(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'stylish' }, config: { type: 'string' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const format = values.format as OutputFormat;
  if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be stylish, json or sarif (got "${format}").`);
  if (positionals.length !== 2) throw new UsageError('diff needs two connectors: diff <old folder or definition> <new folder or definition>.');
  let config: ValidationConfig = {};
  if (values.config) {
    const text = readTextFile(values.config);
    if (text === undefined) throw new UsageError(`Cannot read config file ${values.config}.`);
    const r = parseConfigFile(text);
    if (r.problems.length) throw new UsageError(r.problems.map((p) => p.message).join('\n'));
    config = r.config;
  }
  const oldDef = definitionOf(positionals[0]!);
  const newDef = definitionOf(positionals[1]!);
  const result = compareSources(versionFromDisk(path.resolve(oldDef)), versionFromDisk(path.resolve(newDef)), config, { changedOperations: false });
  if (result.problem) {
    process.stderr.write(`connector-studio: ${result.problem}\n`);
    return 2;
  }
  const report: CliReport = { files: [], summary: { files: 0, errors: 0, warnings: 0 } };
  const shown = (uri: string) => path.relative(process.cwd(), uri) || uri;
  for (const r of comparisonResults(result)) report.files.push({ path: shown(r.uri), diagnostics: r.diagnostics });
  if (!report.files.some((f) => f.path === shown(path.resolve(newDef)))) report.files.unshift({ path: shown(path.resolve(newDef)), diagnostics: [] });
  for (const f of report.files) for (const d of f.diagnostics) {
    if (d.severity === 'error') report.summary.errors++;
    else if (d.severity === 'warning') report.summary.warnings++;
  }
  report.summary.files = report.files.length;
  process.stdout.write(formatReport(report, format));
  if (result.truncated) process.stderr.write('connector-studio: the comparison stopped at its budget; the list of changes is incomplete.\n');
  return report.summary.errors > 0 ? 1 : 0;
}
