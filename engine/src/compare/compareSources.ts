// The breaking-change comparison over connector sources (texts), with findings positioned in the
// NEW files: what the CLI (`diff`, `validate --base`) and the language server (diagnostics,
// CodeLens, the report) use. The texts come from the hosts (disk through FileAccess, `git show`,
// open buffers); nothing here reads files.
import { lineIndexOf } from '../languageService/lineIndex';
import { locatePointer, locatePointers, rangeOf, type Location, type Range, type RangeTarget } from '../languageService/locate';
import { parseDocument, treeBuilt, type ParsedDocument } from '../languageService/parseDocument';
import type { LocateQuery } from '../languageService/textLocate';
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

/** Places pointers in a version's file (each asked for with the target it was located for). */
interface PointerLocator {
  locate(pointer: string, target?: RangeTarget): Range;
}

/** A version's file: its value, and a way to place pointers in its text. */
interface Loaded {
  uri: string;
  value: unknown;
  usable: boolean;
  /** Given every place that will be asked for, so they are found together. */
  locator(queries: LocateQuery[]): PointerLocator;
}

/**
 * A parsed file as compared. Strict JSON has no positioned tree (parseDocument defers it): all the
 * places asked for are found by one pass over the text (textLocate.ts, as batch validation places
 * its findings) and turned into lines with an indexOf line index; otherwise the tree is read.
 */
const fromParsed = (doc: ParsedDocument): Loaded => ({
  uri: doc.uri,
  value: doc.value,
  usable: doc.usable,
  locator: (queries) => {
    if (treeBuilt(doc)) return { locate: (p, t) => rangeOf(doc, locatePointer(doc, p, t)) };
    const found = new Map<string, Location>();
    locatePointers(doc, queries).forEach((loc, i) => found.set(`${queries[i].target ?? 'key'}|${queries[i].pointer}`, loc));
    const lines = lineIndexOf(doc.text);
    return {
      locate: (p, t = 'key') => {
        const loc = found.get(`${t}|${p}`) ?? locatePointers(doc, [{ pointer: p, target: t }])[0];
        return { start: lines.positionAt(loc.offset), end: lines.positionAt(Math.min(doc.text.length, loc.offset + loc.length)) };
      },
    };
  },
});

/** A file read for comparison, through the engine's parser and its budgets. */
function load(f: SourceFile | undefined): Loaded | undefined {
  return f ? fromParsed(parseDocument(f.uri, f.text, { languageId: f.languageId, version: f.version })) : undefined;
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
  const queriesOf = (doc: Loaded) => kept.filter((k) => k.doc === doc).map((k) => ({ pointer: k.f.pointer, target: k.f.target }));
  const defLocator = newDef.locator([...queriesOf(newDef), ...cmp.changedOperations.map((o) => ({ pointer: o.pointer, target: 'key' as const }))]);
  const propsLocator = newProps && kept.some((k) => k.doc === newProps) ? newProps.locator(queriesOf(newProps)) : undefined;
  const findings: PositionedChange[] = kept.map(({ f, doc, severity }) => {
    const msCode = msCodeOf(f);
    return { ...f, ...(msCode ? { msCode } : {}), severity, uri: doc.uri, range: (doc === newDef ? defLocator : propsLocator!).locate(f.pointer, f.target) };
  });
  const changedOperations = cmp.changedOperations.map((o) => ({ ...o, uri: newDef.uri, range: defLocator.locate(o.pointer, 'key') }));
  return { findings, changedOperations, truncated: cmp.truncated };
}
