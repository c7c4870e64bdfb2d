// The breaking-change comparison over connector sources (texts), with findings positioned in the
// NEW files: what the CLI (`diff`, `validate --base`) and the language server (diagnostics,
// CodeLens, the report) use. The texts come from the hosts (disk through FileAccess, `git show`,
// open buffers); nothing here reads files.
import { locatePointer, rangeOf, type Range } from '../languageService/locate';
import { languageOf, parseDocument, PARSE_LIMITS, type ParsedDocument } from '../languageService/parseDocument';
import { isSuppressed, msCodeOf, severityFor, type SourceFile, type ValidationConfig } from '../languageService/validateConnector';
import type { Severity } from '../rules/types';
import { compareConnectors, type ChangedOperation, type ChangeFinding, type CompareBudget } from './compareConnectors';
import { jsonLocator, type PointerLocator } from './fastLocate';

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

/** A version's file: its value, and a way to place pointers in its text. */
interface Loaded {
  uri: string;
  value: unknown;
  usable: boolean;
  locator(pointers: string[]): PointerLocator;
}

const fromParsed = (doc: ParsedDocument): Loaded => ({ uri: doc.uri, value: doc.value, usable: doc.usable, locator: () => ({ locate: (p, t) => rangeOf(doc, locatePointer(doc, p, t)) }) });

/**
 * A file read for comparison. JSON under the analysis ceiling is read with JSON.parse and placed
 * with one scan (no positioned tree: the CLI compares two 1 MB files); anything else (YAML,
 * comments, a file JSON.parse refuses) goes through the engine's parser with its budgets.
 */
function load(f: SourceFile | undefined): Loaded | undefined {
  if (!f) return undefined;
  if (languageOf(f.uri, f.languageId) === 'json' && f.text.length <= PARSE_LIMITS.maxAnalyzedBytes) {
    try {
      const value: unknown = JSON.parse(f.text.replace(/^\uFEFF/, ''));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { uri: f.uri, value, usable: true, locator: () => jsonLocator(f.text) };
    } catch {
      /* not strict JSON (or nested past the engine's stack): the tolerant parser below */
    }
  }
  return fromParsed(parseDocument(f.uri, f.text, { languageId: f.languageId, version: f.version }));
}

export interface ParsedVersion {
  definition?: ParsedDocument;
  properties?: ParsedDocument;
}

/** Compares two versions given as texts; severities come from the catalogue and `config` (a rule set to "off" is left out). */
export function compareSources(oldSources: VersionSources, newSources: VersionSources, config: ValidationConfig = {}, budget: Partial<CompareBudget> = {}): ComparisonReport {
  return compareLoaded({ definition: load(oldSources.definition), properties: load(oldSources.properties) }, { definition: load(newSources.definition), properties: load(newSources.properties) }, config, budget);
}

/** The same over parsed documents (the language server passes its cached parses). */
export function compareParsed(oldVersion: ParsedVersion, newVersion: ParsedVersion, config: ValidationConfig = {}, budget: Partial<CompareBudget> = {}): ComparisonReport {
  const wrap = (d: ParsedDocument | undefined) => (d ? fromParsed(d) : undefined);
  return compareLoaded({ definition: wrap(oldVersion.definition), properties: wrap(oldVersion.properties) }, { definition: wrap(newVersion.definition), properties: wrap(newVersion.properties) }, config, budget);
}

function compareLoaded(oldVersion: { definition?: Loaded; properties?: Loaded }, newVersion: { definition?: Loaded; properties?: Loaded }, config: ValidationConfig, budget: Partial<CompareBudget>): ComparisonReport {
  const { definition: oldDef, properties: oldProps } = oldVersion;
  const { definition: newDef, properties: newProps } = newVersion;
  if (!oldDef?.usable || !newDef?.usable) {
    const which = !oldDef ? 'the base version has no definition' : !oldDef.usable ? 'the base version of the definition does not parse' : !newDef ? 'there is no definition' : 'the definition does not parse';
    return { findings: [], changedOperations: [], truncated: false, problem: `Not compared: ${which}.` };
  }
  const cmp = compareConnectors({ definition: oldDef.value, properties: oldProps?.usable ? oldProps.value : undefined }, { definition: newDef.value, properties: newProps?.usable ? newProps.value : undefined }, budget);
  const kept: { f: ChangeFinding; doc: Loaded; severity: Severity }[] = [];
  for (const f of cmp.findings) {
    const severity = severityFor(f.ruleId, config);
    if (severity === 'off') continue;
    const doc = f.file === 'properties' ? (newProps?.usable ? newProps : undefined) : newDef;
    if (!doc || isSuppressed(doc.value, f.pointer, f.ruleId)) continue;
    kept.push({ f, doc, severity });
  }
  const defLocator = newDef.locator([...kept.filter((k) => k.doc === newDef).map((k) => k.f.pointer), ...cmp.changedOperations.map((o) => o.pointer)]);
  const propsLocator = newProps && kept.some((k) => k.doc === newProps) ? newProps.locator(kept.filter((k) => k.doc === newProps).map((k) => k.f.pointer)) : undefined;
  const findings: PositionedChange[] = kept.map(({ f, doc, severity }) => {
    const msCode = msCodeOf(f);
    return { ...f, ...(msCode ? { msCode } : {}), severity, uri: doc.uri, range: (doc === newDef ? defLocator : propsLocator!).locate(f.pointer, f.target) };
  });
  const changedOperations = cmp.changedOperations.map((o) => ({ ...o, uri: newDef.uri, range: defLocator.locate(o.pointer, 'key') }));
  return { findings, changedOperations, truncated: cmp.truncated };
}
