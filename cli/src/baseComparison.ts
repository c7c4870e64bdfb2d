// The breaking-change comparison as the CLI runs it: two connectors on disk (`diff`), or a
// connector on disk and its own files at a git revision (`validate --base`, through `git show`).
import * as path from 'node:path';
import { loadConnectorFromDisk } from '../../engine/node/diskFileAccess';
import { compareSources, type ComparisonReport, type VersionSources } from '../../engine/src/compare';
import { PROPERTIES_FILE } from '../../engine/src/languageService/connectorFolder';
import type { ValidationConfig } from '../../engine/src/languageService/validateConnector';
import { gitShowFile, shortRef } from '../../shared/src/git/gitShow';
import type { CliDiagnostic } from './formatters';
import type { FileResult } from './validateFile';

/** The definition and apiProperties.json of a connector on disk (the one reader, the definition's folder as root). */
export function versionFromDisk(definitionPath: string): VersionSources {
  const s = loadConnectorFromDisk(definitionPath);
  return { definition: s.definition, properties: s.properties };
}

/** The same files at a git revision; `missing` when the definition did not exist there (a new connector). */
export async function versionAtRef(definitionPath: string, ref: string): Promise<{ version?: VersionSources; missing?: boolean; problem?: string }> {
  const abs = path.resolve(definitionPath);
  const def = await gitShowFile(abs, ref);
  if (!def.ok) return def.reason === 'missing' ? { missing: true } : { problem: def.message };
  const props = await gitShowFile(path.join(path.dirname(abs), PROPERTIES_FILE), ref);
  const label = (f: string) => `${shortRef(ref)}:${f}`;
  return {
    version: {
      definition: { uri: label(abs), text: def.text, languageId: /\.ya?ml$/i.test(abs) ? 'yaml' : 'json' },
      ...(props.ok ? { properties: { uri: label(path.join(path.dirname(abs), PROPERTIES_FILE)), text: props.text } } : {}),
    },
  };
}

/** The comparison's findings as CLI diagnostics, grouped by the new file they are in (the fix appended to the message). */
export function comparisonResults(report: ComparisonReport, withPointer = false): FileResult[] {
  const byUri = new Map<string, CliDiagnostic[]>();
  for (const f of report.findings) {
    const list = byUri.get(f.uri) ?? [];
    list.push({ ruleId: f.ruleId, severity: f.severity, message: `${f.message} Fix: ${f.fix}`, range: f.range, ...(withPointer ? { pointer: f.pointer } : {}), ...(f.msCode ? { microsoftCode: f.msCode } : {}) });
    byUri.set(f.uri, list);
  }
  return [...byUri].map(([uri, diagnostics]) => ({ uri, diagnostics: diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character) }));
}

/** `validate --base`: one definition compared with itself at `ref`. */
export async function compareWithRef(definitionPath: string, ref: string, config: ValidationConfig, withPointer = false): Promise<{ results: FileResult[]; note?: string; problem?: string }> {
  const base = await versionAtRef(definitionPath, ref);
  if (base.problem) return { results: [], problem: base.problem };
  if (base.missing || !base.version) return { results: [], note: `${definitionPath} is new since ${shortRef(ref)}: nothing to compare.` };
  const report = compareSources(base.version, versionFromDisk(path.resolve(definitionPath)), config, { changedOperations: false });
  if (report.problem) return { results: [], note: `${definitionPath}: ${report.problem}` };
  return { results: comparisonResults(report, withPointer), ...(report.truncated ? { note: `${definitionPath}: the comparison stopped at its budget; the list of changes is incomplete.` } : {}) };
}
