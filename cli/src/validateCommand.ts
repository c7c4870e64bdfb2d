// `connector-studio validate`: the same engine as the language server, for CI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readTextFile } from '../../engine/node/diskFileAccess';
import { parseConfigFile } from '../../engine/src/languageService/config';
import type { ValidationConfig } from '../../engine/src/languageService/validateConnector';
import { findDefinitions } from './findConnectorFiles';
import { validateAll } from './parallelValidate';
import { VALIDATE_OPTIONS } from './validateOptions';
import type { StartedWorker } from './workerStart';
import { validateDefinition, type FileResult, type ValidateJob } from './validateFile';
import { formatReport, type CliReport, type OutputFormat } from './formatters';
import { UsageError } from './usage';
import { DEFAULT_MAX_READ_BYTES } from '../../engine/src/languageService/fileAccess';

// The worker threads run this bundle's own copy of the queue loop (cli/src/validateWorker.ts).
export { drainQueue } from './parallelValidate';

/** Findings that mean the rules did not run on a file (budget hit, or the file was not read). */
const NOT_CHECKED_RULES = new Set(['input-budget', 'file-not-read']);

/** `early`: a worker thread cli.ts started before this bundle loaded (workerStart.ts). */
export async function runValidate(argv: string[], early?: StartedWorker): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: VALIDATE_OPTIONS,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const format = values.format as OutputFormat;
  if (!['stylish', 'json', 'sarif', 'paconn'].includes(format)) throw new UsageError(`--format must be stylish, json, sarif or paconn (got "${format}").`);
  if (values.profile !== undefined && values.profile !== 'default' && values.profile !== 'certification') throw new UsageError(`--profile must be default or certification (got "${values.profile}").`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings needs a whole number of 0 or more.');
  }
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new UsageError('--threads needs a whole number from 1 to 256.');
  }
  if (positionals.length === 0) throw new UsageError('validate needs at least one file or folder (or "-" for stdin).');

  let cliConfig: ValidationConfig = {};
  if (values.config) {
    const text = readTextFile(values.config);
    if (text === undefined) throw new UsageError(`Cannot read config file ${values.config}.`);
    const { config, problems } = parseConfigFile(text);
    if (problems.length) throw new UsageError(problems.map((p) => p.message).join('\n'));
    cliConfig = config;
  }
  const profileConfig: ValidationConfig = values.profile ? { profile: values.profile as 'default' | 'certification' } : {};

  const stdinIndex = positionals.indexOf('-');
  const onDisk = positionals.filter((p) => p !== '-');
  const { files, missing, empty } = findDefinitions(onDisk);
  if (missing.length) throw new UsageError(`No such file or folder: ${missing.join(', ')}`);
  const LOOKED_FOR = 'apiDefinition.swagger.json, *.swagger.json or *.swagger.yaml, or a JSON/YAML file declaring "swagger": "2.0"';
  if (files.length === 0 && stdinIndex < 0) {
    // CI must not pass on nothing: an empty folder or the wrong path is an error of the invocation.
    process.stderr.write(`connector-studio: no connector definition found in ${onDisk.join(', ')} (looked for ${LOOKED_FOR}); nothing was checked.\n`);
    return 2;
  }
  for (const folder of empty) process.stderr.write(`connector-studio: warning: no connector definition found in ${folder}.\n`);

  const report: CliReport = { files: [], summary: { files: 0, errors: 0, warnings: 0 } };
  const seen = new Set<string>();
  const job: ValidateJob = { cliConfig, profileConfig, withPointer: format === 'paconn' };
  // In the order given, each file once (an apiProperties.json shared by two definitions counts once).
  const add = (typedPath: string, results: FileResult[]) => {
    for (const fd of results) {
      const rel = fd.uri === '<stdin>' ? fd.uri : displayPath(fd.uri, path.isAbsolute(typedPath));
      if (seen.has(rel)) continue;
      seen.add(rel);
      report.files.push({ path: rel, diagnostics: fd.diagnostics });
    }
  };
  if (stdinIndex >= 0) {
    const text = await readStdin();
    const name = values['stdin-filename'] ?? 'stdin.swagger.json';
    add(name, validateDefinition(path.resolve(name), job, text));
  }
  // Read through absolute paths (relative $refs resolve from them); reported in the typed form.
  const results = await validateAll(files.map((f) => path.resolve(f)), job, threads, early);
  files.forEach((f, i) => add(f, results[i]!));
  if (values.base !== undefined) {
    // Breaking changes since the same files at a git revision (cli/src/baseComparison.ts).
    const { compareWithRef } = await import('./baseComparison');
    const { mergeConfigs } = await import('../../engine/src/languageService/config');
    for (const f of files) {
      const r = await compareWithRef(f, values.base, mergeConfigs(cliConfig, profileConfig), job.withPointer);
      if (r.problem) throw new UsageError(`--base ${values.base}: ${r.problem}`);
      if (r.note) process.stderr.write(`connector-studio: ${r.note}\n`);
      for (const fr of r.results) {
        const rel = displayPath(fr.uri, path.isAbsolute(f));
        const entry = report.files.find((x) => x.path === rel);
        if (entry) entry.diagnostics = [...entry.diagnostics, ...fr.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        else report.files.push({ path: rel, diagnostics: fr.diagnostics });
      }
    }
  }

  for (const f of report.files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') report.summary.errors++;
      else if (d.severity === 'warning') report.summary.warnings++;
    }
  }
  report.summary.files = report.files.length;
  process.stdout.write(formatReport(report, format));
  // A file the engine refused to read or stopped analysing was not checked: CI must not pass on it.
  const unchecked = report.files.filter((f) => f.diagnostics.some((d) => NOT_CHECKED_RULES.has(d.ruleId)));
  if (unchecked.length) {
    process.stderr.write(`connector-studio: ${unchecked.length} file(s) not fully checked (${unchecked.map((f) => f.path).join(', ')}): see the input-budget / file-not-read findings.\n`);
    return 2;
  }
  if (report.summary.errors > 0) return 1;
  if (maxWarnings >= 0 && report.summary.warnings > maxWarnings) {
    if (format === 'stylish') process.stderr.write(`connector-studio: ${report.summary.warnings} warnings exceed --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/**
 * A file as the user gave it. Typed relative: relative to the cwd again, which restores the typed
 * form (path.resolve used the same cwd). Typed absolute: relative to the shell's working folder
 * when inside it, else absolute as typed. The shell's folder is $PWD when that names the current
 * folder (as `pwd -L` decides): process.cwd() has symlinks resolved, $PWD keeps the link.
 */
function displayPath(file: string, typedAbsolute: boolean): string {
  if (!typedAbsolute) return path.relative(process.cwd(), file) || file;
  const rel = path.relative(logicalCwd(), file);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return rel && !outside ? rel : file;
}

let cachedCwd: string | undefined;
function logicalCwd(): string {
  if (cachedCwd !== undefined) return cachedCwd;
  cachedCwd = process.cwd();
  const pwd = process.env.PWD;
  if (pwd && path.isAbsolute(pwd) && pwd !== cachedCwd) {
    try {
      const a = fs.statSync(pwd);
      const b = fs.statSync('.');
      if (a.dev === b.dev && a.ino === b.ino) cachedCwd = path.normalize(pwd);
    } catch {
      /* keep process.cwd() */
    }
  }
  return cachedCwd;
}

/** Standard input, under the same byte cap as every file the engine reads. */
function readStdin(maxBytes = DEFAULT_MAX_READ_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    process.stdin.on('data', (c: Buffer) => {
      total += c.length;
      if (total > maxBytes) {
        process.stdin.destroy();
        reject(new UsageError(`Standard input is over the ${maxBytes}-byte read limit: not read.`));
        return;
      }
      chunks.push(c);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}
