// The breaking-change comparison over connector sources (texts), with findings positioned in the
// NEW files: what the CLI (`diff`, `validate --base`) and the language server (diagnostics,
// CodeLens, the report) use. The texts come from the hosts (disk through FileAccess, `git show`,
// open buffers); nothing here reads files.
import { locatePointer, rangeOf, type Range } from '../languageService/locate';
import { parseDocument, type ParsedDocument } from '../languageService/parseDocument';
import { isSuppressed, msCodeOf, severityFor, type SourceFile, type ValidationConfig } from '../languageService/validateConnector';
import type { Severity } from '../rules/types';
import { compareConnectors, type ChangedOperation, type ChangeFinding, type CompareBudget } from './compareConnectors';

export interface VersionSources {
  definition?: SourceFile;
  properties?: SourceFile;
}

export interface PositionedChange extends ChangeFinding {
  severity: Severity;
  /** The new file the finding is in. */
  uri: string;
  range: Range;
}

export interface PositionedOperation extends ChangedOperation {
  uri: string;
  range: Range;
}

export interface ComparisonReport {
  findings: PositionedChange[];
  changedOperations: PositionedOperation[];
  truncated: boolean;
  /** Why nothing could be compared (a version without a usable definition), when so. */
  problem?: string;
}

const parse = (f: SourceFile | undefined): ParsedDocument | undefined => (f ? parseDocument(f.uri, f.text, { languageId: f.languageId, version: f.version }) : undefined);

export interface ParsedVersion {
  definition?: ParsedDocument;
  properties?: ParsedDocument;
}

/** Compares two versions given as texts; severities come from the catalogue and `config` (a rule set to "off" is left out). */
export function compareSources(oldSources: VersionSources, newSources: VersionSources, config: ValidationConfig = {}, budget: Partial<CompareBudget> = {}): ComparisonReport {
  return compareParsed({ definition: parse(oldSources.definition), properties: parse(oldSources.properties) }, { definition: parse(newSources.definition), properties: parse(newSources.properties) }, config, budget);
}

/** The same over parsed documents (the language server passes its cached parses). */
export function compareParsed(oldVersion: ParsedVersion, newVersion: ParsedVersion, config: ValidationConfig = {}, budget: Partial<CompareBudget> = {}): ComparisonReport {
  const { definition: oldDef, properties: oldProps } = oldVersion;
  const { definition: newDef, properties: newProps } = newVersion;
  if (!oldDef?.usable || !newDef?.usable) {
    const which = !oldDef ? 'the base version has no definition' : !oldDef.usable ? 'the base version of the definition does not parse' : !newDef ? 'there is no definition' : 'the definition does not parse';
    return { findings: [], changedOperations: [], truncated: false, problem: `Not compared: ${which}.` };
  }
  const cmp = compareConnectors({ definition: oldDef.value, properties: oldProps?.usable ? oldProps.value : undefined }, { definition: newDef.value, properties: newProps?.usable ? newProps.value : undefined }, budget);
  const findings: PositionedChange[] = [];
  for (const f of cmp.findings) {
    const severity = severityFor(f.ruleId, config);
    if (severity === 'off') continue;
    const doc = f.file === 'properties' ? (newProps?.usable ? newProps : undefined) : newDef;
    if (!doc) continue;
    if (isSuppressed(doc.value, f.pointer, f.ruleId)) continue;
    const msCode = msCodeOf(f);
    findings.push({ ...f, ...(msCode ? { msCode } : {}), severity, uri: doc.uri, range: rangeOf(doc, locatePointer(doc, f.pointer, f.target)) });
  }
  const changedOperations = cmp.changedOperations.map((o) => ({ ...o, uri: newDef.uri, range: rangeOf(newDef, locatePointer(newDef, o.pointer, 'key')) }));
  return { findings, changedOperations, truncated: cmp.truncated };
}
