// The validation pipeline shared by the language server and the CLI: parse each file of a
// connector once, run every rule family over them together, and turn findings into
// positioned diagnostics in the file that must change.
import * as path from 'node:path';
import { ALL_RULES } from '../rules';
import { CATALOGUE } from '../rules/catalogue';
import { DEFAULT_RULE_OPTIONS, type ConnectorFileKind, type Finding, type Profile, type RuleOptions, type Severity, type SeveritySetting } from '../rules/types';
import { buildConnectorIndex, isObject } from './connectorIndex';
import { lineIndexOf, type LineIndex } from './lineIndex';
import { locatePointer, locatePointers, rangeOf, type Location, type Range } from './locate';
import { checkJsonWellFormed, parseDocument, PARSE_LIMITS, treeBuilt, type ParsedDocument } from './parseDocument';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pointerToPath } from './tree';
import type { FileAccess } from './fileAccess';
import type { IncrementalRules } from './incrementalRules';

export interface SourceFile {
  uri: string;
  text: string;
  languageId?: string;
  version?: number;
  /** How the bytes were encoded when not UTF-8 (the reader decoded them): reported once. */
  encoding?: 'utf-16le' | 'utf-16be';
}

/** A connector file the reader refused (outside the folder, not a regular file, too large). */
export interface UnreadFile {
  uri: string;
  kind: ConnectorFileKind;
  message: string;
}

export interface ConnectorSources {
  definition?: SourceFile;
  properties?: SourceFile;
  script?: SourceFile;
  folderName?: string;
  folderFiles?: readonly string[];
  /** The one reader for other files (`$ref` targets); by default the definition's folder on disk. */
  files?: FileAccess;
  /** Connector files that were found but not read, each reported at its own top (file-not-read). */
  unread?: readonly UnreadFile[];
}

export interface ValidationConfig {
  profile?: Profile;
  /** Per-rule severity overrides ("off" disables a rule). */
  rules?: Record<string, SeveritySetting>;
  options?: Partial<RuleOptions>;
}

export interface ConnectorDiagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** JSON pointer of the finding, when it has one (quick fixes use it). */
  pointer?: string;
  /** Microsoft's validator code, when the finding mirrors one (see msCodeOf). */
  msCode?: string;
}

export interface FileDiagnostics {
  uri: string;
  kind: ConnectorFileKind;
  diagnostics: ConnectorDiagnostic[];
}

/** Key an author puts on any object to silence rules for it and everything below it. */
export const SUPPRESSION_KEY = 'x-connector-studio-disable';

const CATALOGUE_BY_ID = new Map(CATALOGUE.map((e) => [e.id, e]));

export function catalogueEntry(ruleId: string) {
  return CATALOGUE_BY_ID.get(ruleId);
}

/** Microsoft's code of a finding: its own, else the catalogue row's when the row lists exactly one. */
export function msCodeOf(f: { ruleId: string; msCode?: string }): string | undefined {
  if (f.msCode) return f.msCode;
  const codes = CATALOGUE_BY_ID.get(f.ruleId)?.msCodes ?? [];
  return codes.length === 1 ? codes[0] : undefined;
}

export function severityFor(ruleId: string, config: ValidationConfig): SeveritySetting {
  const override = config.rules?.[ruleId];
  if (override) return override;
  const entry = CATALOGUE_BY_ID.get(ruleId);
  if (!entry) return 'error';
  return config.profile === 'certification' ? entry.certificationSeverity : entry.defaultSeverity;
}

export type ParseFn = (file: SourceFile) => ParsedDocument;

const defaultParse: ParseFn = (f) => parseDocument(f.uri, f.text, { languageId: f.languageId, version: f.version });

export type RuleErrorHandler = (ruleIds: readonly string[], error: unknown) => void;

export function validateConnector(
  sources: ConnectorSources,
  config: ValidationConfig = {},
  parse: ParseFn = defaultParse,
  onRuleError: RuleErrorHandler = () => undefined,
): FileDiagnostics[] {
  const steps = validationSteps(sources, config, parse, onRuleError);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Handed out once, before the rules run, when a file has syntax errors: they can be shown at once. */
export interface SyntaxStage {
  syntax: FileDiagnostics[];
}

/**
 * The same validation as a generator that pauses after each rule, so the language server can
 * answer other requests in between and drop a run that a newer edit made stale. When a file has
 * syntax errors and rules still run, the first pause hands out the syntax diagnostics (SyntaxStage).
 * With `incremental`, rule results are reused from the previous version where the edit did not reach.
 */
export function* validationSteps(
  sources: ConnectorSources,
  config: ValidationConfig = {},
  parse: ParseFn = defaultParse,
  onRuleError: RuleErrorHandler = () => undefined,
  incremental?: IncrementalRules,
): Generator<void | SyntaxStage, FileDiagnostics[]> {
  const parsed: Partial<Record<ConnectorFileKind, ParsedDocument>> = {};
  if (sources.definition) parsed.definition = parse(sources.definition);
  if (sources.properties) parsed.properties = parse(sources.properties);

  const findings: Finding[] = [];
  // Syntax findings come from the parser (rules cannot see a file that does not parse).
  for (const kind of ['definition', 'properties'] as const) {
    for (const s of parsed[kind]?.syntax ?? []) findings.push({ ruleId: s.ruleId, message: s.message, file: kind, offset: s.offset, length: s.length });
    const encoding = sources[kind]?.encoding;
    if (encoding) findings.push({ ruleId: 'json-encoding-utf16', file: kind, offset: 0, length: 0, message: `UTF-16: save as UTF-8. The file is ${encoding === 'utf-16le' ? 'UTF-16 little-endian' : 'UTF-16 big-endian'}; paconn and the platform read UTF-8 only (it was decoded so the other rules could run).` });
  }

  // Past the size ceiling only the cheap checks run: JSON well-formedness by a token scan, in slices.
  for (const kind of ['definition', 'properties'] as const) {
    const doc = parsed[kind];
    if (!doc?.overCeiling || doc.language !== 'json') continue;
    const bad = yield* checkJsonWellFormed(doc.text);
    if (bad) findings.push({ ruleId: bad.ruleId, message: bad.message, file: kind, offset: bad.offset, length: bad.length });
  }

  const definition = parsed.definition?.usable ? parsed.definition : undefined;
  const properties = parsed.properties?.usable ? parsed.properties : undefined;
  // Syntax errors in a file the rules still read (the parser recovered): shown before the rules run.
  if ((definition?.syntax.length || properties?.syntax.length) && findings.length > 0) yield { syntax: diagnosticsOf(sources, parsed, [...findings], config) };
  const index = buildConnectorIndex(definition?.value, properties?.value);
  const options = { ...DEFAULT_RULE_OPTIONS, ...config.options };
  const profile = config.profile ?? 'default';
  const ctx = {
    definition,
    properties,
    script: scriptWithinBudget(sources.script, findings),
    index,
    profile,
    options,
    folderName: sources.folderName,
    folderFiles: sources.folderFiles,
    files: sources.files,
    report: (f: Finding) => findings.push(f),
    // Raw (possibly unusable) documents, for the few rules that must still run (size).
    rawDefinition: parsed.definition,
  };
  // What the rules read besides the definition: the settings (a change is a full run) and the other
  // files (a change re-runs the rules that read them).
  const session = incremental?.begin({
    definition,
    index,
    env: [sources.definition?.uri, profile, JSON.stringify(options), JSON.stringify(config.rules ?? {})],
    crossFile: { properties: properties?.text, script: ctx.script?.text, folder: JSON.stringify([ctx.folderName, ctx.folderFiles ?? []]) },
  });
  for (const rule of ALL_RULES) {
    if (rule.ids.every((id) => severityFor(id, config) === 'off')) continue;
    if (session) {
      for (const f of session.run(rule, ctx, (e) => onRuleError(rule.ids, e))) findings.push(f);
    } else {
      try {
        rule.check(ctx);
      } catch (e) {
        onRuleError(rule.ids, e);
      }
    }
    yield;
  }
  session?.commit();
  return diagnosticsOf(sources, parsed, findings, config);
}

/** Findings as positioned diagnostics per file: severities, suppressions, duplicates dropped, sorted. */
function diagnosticsOf(sources: ConnectorSources, parsed: Partial<Record<ConnectorFileKind, ParsedDocument>>, findings: Finding[], config: ValidationConfig): FileDiagnostics[] {
  dropGenericDuplicates(findings);

  const results: FileDiagnostics[] = [];
  for (const kind of ['definition', 'properties', 'script'] as const) {
    const source = sources[kind];
    if (!source) continue;
    const doc = parsed[kind];
    const diagnostics: ConnectorDiagnostic[] = [];
    const seen = new Set<string>();
    const kept: { f: Finding; severity: Severity }[] = [];
    for (const f of findings) {
      if ((f.file ?? 'definition') !== kind) continue;
      const severity = severityFor(f.ruleId, config);
      if (severity === 'off') continue;
      if (doc && f.pointer !== undefined && isSuppressed(doc.value, f.pointer, f.ruleId)) continue;
      kept.push({ f, severity });
    }
    const placed = doc ? placePointers(doc, kept) : undefined;
    // Batch validation (no tree built): positions from a line index built with indexOf for this run
    // (TextDocument computes its line offsets a character at a time); the language server keeps its own.
    const lines = doc && kept.length > 0 && !treeBuilt(doc) ? lineIndexOf(doc.text) : doc?.lines;
    for (const { f, severity } of kept) {
      const range = placed?.has(f) ? rangeOf(doc!, placed.get(f)!, lines) : findingRange(doc, source, f, lines);
      const key = `${f.ruleId}|${range.start.line}:${range.start.character}|${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const msCode = msCodeOf(f);
      diagnostics.push({ ruleId: f.ruleId, severity, message: f.message, range, ...(f.pointer !== undefined ? { pointer: f.pointer } : {}), ...(msCode ? { msCode } : {}) });
    }
    // Ties broken by message: the order does not depend on the order rules reported in.
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    results.push({ uri: source.uri, kind, diagnostics });
  }
  // Files the reader refused: one diagnostic at their top, and none of their checks.
  for (const u of sources.unread ?? []) {
    if (sources[u.kind] || severityFor('file-not-read', config) === 'off') continue;
    const zero = { line: 0, character: 0 };
    results.push({ uri: u.uri, kind: u.kind, diagnostics: [{ ruleId: 'file-not-read', severity: severityFor('file-not-read', config) as Severity, message: `${u.message} None of its checks ran.`, range: { start: zero, end: zero } }] });
  }
  return results;
}

/**
 * script.csx past the analysis ceiling: no script rule runs on it (they scan the whole text), and
 * one finding at its top says so.
 */
function scriptWithinBudget(script: SourceFile | undefined, findings: Finding[]): SourceFile | undefined {
  if (!script || script.text.length * 3 <= PARSE_LIMITS.maxAnalyzedBytes) return script;
  const bytes = Buffer.byteLength(script.text, 'utf8');
  if (bytes <= PARSE_LIMITS.maxAnalyzedBytes) return script;
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  findings.push({ ruleId: 'input-budget', file: 'script', offset: 0, length: 0, message: `Not fully checked: script.csx is ${mb(bytes)}, over the ${mb(PARSE_LIMITS.maxAnalyzedBytes)} analysis ceiling (the platform's limit is 1 MB); no script rule ran.` });
  return undefined;
}

/** Removes generic (schema-validator) findings where a specific rule already reports the same spot. */
function dropGenericDuplicates(findings: Finding[]): void {
  const specific = new Set<string>();
  for (const f of findings) if (!f.generic && f.pointer !== undefined) specific.add(`${f.file ?? 'definition'}|${f.pointer}`);
  if (specific.size === 0) return;
  let w = 0;
  for (const f of findings) {
    if (f.generic && f.pointer !== undefined && specific.has(`${f.file ?? 'definition'}|${f.pointer}`)) continue;
    findings[w++] = f;
  }
  findings.length = w;
}

/**
 * The places of the findings given by a pointer, all at once from the text when the document's tree
 * is not built (strict JSON in batch validation: one pass, no tree; see textLocate.ts); undefined when
 * the tree is there (the language server), where findingRange reads it.
 */
function placePointers(doc: ParsedDocument, kept: readonly { f: Finding }[]): Map<Finding, Location> | undefined {
  if (treeBuilt(doc)) return undefined;
  const byPointer = kept.filter(({ f }) => f.offset === undefined && f.pointer !== undefined).map(({ f }) => f);
  if (byPointer.length === 0) return undefined;
  const locations = locatePointers(doc, byPointer.map((f) => ({ pointer: f.pointer!, target: f.target })));
  return new Map(byPointer.map((f, i) => [f, locations[i]]));
}

function findingRange(doc: ParsedDocument | undefined, source: SourceFile, f: Finding, positions?: LineIndex): Range {
  if (doc) {
    if (f.offset !== undefined) return rangeOf(doc, { offset: f.offset, length: f.length ?? 0 }, positions);
    if (f.pointer !== undefined) return rangeOf(doc, locatePointer(doc, f.pointer, f.target), positions);
    return rangeOf(doc, { offset: 0, length: 0 }, positions);
  }
  // script.csx: plain text positions, with line offsets computed once per text (a slice and split
  // per finding was quadratic: thousands of findings in a big script took minutes).
  let lines = SCRIPT_LINES.get(source);
  if (!lines) SCRIPT_LINES.set(source, (lines = TextDocument.create(source.uri, 'csharp', 0, source.text)));
  const start = f.offset ?? 0;
  return { start: lines.positionAt(start), end: lines.positionAt(start + (f.length ?? 0)) };
}

const SCRIPT_LINES = new WeakMap<SourceFile, TextDocument>();

/** True when the node at pointer, or an ancestor, lists the rule under SUPPRESSION_KEY. */
export function isSuppressed(root: unknown, pointer: string, ruleId: string): boolean {
  let cur: unknown = root;
  const path = pointerToPath(pointer);
  for (let i = 0; ; i++) {
    if (isObject(cur)) {
      const s = cur[SUPPRESSION_KEY];
      if (s === ruleId || s === '*' || (Array.isArray(s) && (s.includes(ruleId) || s.includes('*')))) return true;
    }
    if (i >= path.length) return false;
    if (isObject(cur)) cur = cur[path[i]];
    else if (Array.isArray(cur)) cur = cur[Number(path[i])];
    else return false;
  }
}
