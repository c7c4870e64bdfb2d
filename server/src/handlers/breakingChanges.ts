// Breaking changes in the editor (issue 21): the connector compared with its published version.
// The base is read here, in the server host, through git (`git show`, shared/src/git/gitShow.ts)
// or from another folder through the engine's reader; the comparison itself is the pure engine
// (engine/src/compare). Findings join the definition's diagnostics with their own rule ids; the
// operations that changed get a "changed since <base>" CodeLens; the report answers
// connectorStudio/compareReport.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { compareParsed, type ComparisonReport, type ParsedVersion, type PositionedOperation } from '../../../engine/src/compare';
import { declaresSwagger2, PROPERTIES_FILE } from '../../../engine/src/languageService/connectorFolder';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { uriOrPathToPath } from '../../../engine/src/languageService/fileUris';
import type { ConnectorDiagnostic, ConnectorSources, FileDiagnostics, SourceFile, ValidationConfig } from '../../../engine/src/languageService/validateConnector';
import { createFileAccess } from '../../../engine/node/diskFileAccess';
import { definitionFileName } from '../../../shared/src/lifecycle/connectorFolder';
import { defaultBaseRef, gitShowFile, shortRef } from '../../../shared/src/git/gitShow';
import type { CompareBase, CompareReportResult } from '../../../shared/src/protocol';
import { pathToFileURL } from 'node:url';

/** How long a base read from git is reused before git is asked again (a commit or checkout moves it). */
const BASE_TTL_MS = 5000;

interface BaseVersion {
  label: string;
  version?: ParsedVersion;
  /** Why there is no base (not a repository, a new connector): the editor then shows nothing. */
  problem?: string;
}

type Parse = (f: SourceFile) => ReturnType<typeof parseDocument>;

export class BreakingChanges {
  /** connectorStudio.breakingChanges.base: '' = merge base with origin/main, else HEAD; 'off'; or a ref. */
  private setting = '';
  /** Bases read from git per definition and setting: the last value, and a read under way. */
  private readonly bases = new Map<string, { at: number; value?: BaseVersion; pending?: Promise<BaseVersion> }>();
  /** Called when a base read in the background differs from the one used (the caller revalidates). */
  onBaseChanged?: () => void;
  private readonly last = new Map<string, { label: string; report: ComparisonReport }>();

  constructor(private readonly connection: Connection) {}

  /** Takes the setting; true when it changed (the caller revalidates). */
  setBase(raw: unknown): boolean {
    const v = typeof raw === 'string' ? raw.trim() : '';
    if (v === this.setting) return false;
    this.setting = v;
    this.bases.clear();
    this.last.clear();
    return true;
  }

  get off(): boolean {
    return this.setting.toLowerCase() === 'off';
  }

  /** The base of a definition at a git revision, read now (the report). */
  private async gitBase(definitionPath: string, ref?: string): Promise<BaseVersion> {
    if (ref) return readGitBase(definitionPath, ref);
    const entry = this.entry(definitionPath);
    return entry.pending ?? (entry.value && performance.now() - entry.at < BASE_TTL_MS ? entry.value : this.refresh(definitionPath, entry));
  }

  private entry(definitionPath: string) {
    const key = `${definitionPath}\u0000${this.setting}`;
    let e = this.bases.get(key);
    if (!e) this.bases.set(key, (e = { at: -Infinity }));
    return e;
  }

  private refresh(definitionPath: string, entry: { at: number; value?: BaseVersion; pending?: Promise<BaseVersion> }): Promise<BaseVersion> {
    const setting = this.setting;
    const pending = readGitBase(definitionPath, setting || undefined).catch((e): BaseVersion => ({ label: '', problem: e instanceof Error ? e.message : String(e) }));
    entry.pending = pending;
    void pending.then((v) => {
      const changed = fingerprint(entry.value) !== fingerprint(v);
      entry.value = v;
      entry.at = performance.now();
      entry.pending = undefined;
      if (changed && setting === this.setting && v.version) this.onBaseChanged?.();
      else if (changed && !v.version && this.last.delete(definitionPath)) this.onBaseChanged?.();
    });
    return pending;
  }

  /**
   * The base known now, without waiting for git: a validation never waits for a process. A stale
   * or missing base is read in the background; when it differs, onBaseChanged revalidates.
   */
  private baseNow(definitionPath: string): BaseVersion | undefined {
    const entry = this.entry(definitionPath);
    if (!entry.pending && performance.now() - entry.at >= BASE_TTL_MS) void this.refresh(definitionPath, entry);
    return entry.value;
  }

  /**
   * Adds the breaking-change findings to a validation's results (the definition's and
   * apiProperties.json's entries). Without a base (off, no repository, a new connector) nothing.
   */
  async addTo(results: FileDiagnostics[], sources: ConnectorSources, config: ValidationConfig, parse: Parse): Promise<FileDiagnostics[]> {
    const def = sources.definition;
    const defPath = def ? uriPath(def.uri) : undefined;
    if (this.off || !def || !defPath) return results;
    const base = this.baseNow(defPath);
    const had = this.last.has(defPath);
    if (!base?.version) {
      this.last.delete(defPath);
      if (had) this.refreshLenses();
      return results;
    }
    const report = compareParsed(base.version, { definition: parse(def), properties: sources.properties ? parse(sources.properties) : undefined }, config);
    const before = JSON.stringify(this.last.get(defPath)?.report.changedOperations.map((o) => [o.operationId, o.range.start.line]) ?? []);
    this.last.set(defPath, { label: base.label, report });
    if (JSON.stringify(report.changedOperations.map((o) => [o.operationId, o.range.start.line])) !== before) this.refreshLenses();
    if (!report.findings.length) return results;
    const out = results.map((r) => ({ ...r, diagnostics: [...r.diagnostics] }));
    for (const f of report.findings) {
      const d: ConnectorDiagnostic = { ruleId: f.ruleId, severity: f.severity, message: `${f.message} (since ${base.label}) Fix: ${f.fix}`, range: f.range, pointer: f.pointer, ...(f.msCode ? { msCode: f.msCode } : {}) };
      const entry = out.find((r) => r.uri === f.uri);
      if (entry) entry.diagnostics.push(d);
      else out.push({ uri: f.uri, kind: f.file === 'properties' ? 'properties' : 'definition', diagnostics: [d] });
    }
    for (const r of out) r.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
    return out;
  }

  /** The operations changed since the base in the last comparison of a definition (for the CodeLens). */
  changedSince(definitionPath: string): { label: string; operations: PositionedOperation[] } | undefined {
    const last = this.last.get(definitionPath);
    return last ? { label: last.label, operations: last.report.changedOperations } : undefined;
  }

  /** connectorStudio/compareReport: the current files (open buffers first) against a git revision or a folder. */
  async report(current: ParsedVersion, base: CompareBase, config: ValidationConfig): Promise<CompareReportResult> {
    const defUri = current.definition?.uri;
    const defPath = defUri ? uriPath(defUri) : undefined;
    const empty = (baseLabel: string, problem: string): CompareReportResult => ({ baseLabel, definitionUri: defUri, findings: [], changedOperations: [], truncated: false, problem });
    if (!defPath) return empty('', 'No connector definition found for this file.');
    const b = base.kind === 'folder' ? readFolderBase(base.folder) : await this.gitBase(defPath, base.ref?.trim() || undefined);
    if (!b.version) return empty(b.label, b.problem ?? 'Nothing to compare with.');
    const r = compareParsed(b.version, current, config);
    if (r.problem) return empty(b.label, r.problem);
    return {
      baseLabel: b.label,
      definitionUri: defUri,
      findings: r.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, fix: f.fix, uri: f.uri, range: f.range, operationId: f.operationId, before: f.before, after: f.after, valuePath: f.valuePath })),
      changedOperations: r.changedOperations.map((o) => ({ operationId: o.operationId, status: o.status, uri: o.uri, range: o.range })),
      truncated: r.truncated,
    };
  }

  private refreshLenses(): void {
    // LSP 3.16 workspace/codeLens/refresh; a client without it answers with an error, which is fine.
    this.connection.sendRequest('workspace/codeLens/refresh').then(undefined, () => undefined);
  }
}

const fingerprint = (b: BaseVersion | undefined) => (b ? JSON.stringify([b.label, b.problem, b.version?.definition?.text, b.version?.properties?.text]) : '');

/** The file path of a file URI (or a path), the one way (engine/src/languageService/fileUris.ts). */
const uriPath = (uri: string): string | undefined => uriOrPathToPath(uri);

async function readGitBase(definitionPath: string, ref: string | undefined): Promise<BaseVersion> {
  const dir = path.dirname(definitionPath);
  const chosen = ref ?? (await defaultBaseRef(dir));
  if (!chosen) return { label: '', problem: `${dir} is not in a git repository with a commit: set connectorStudio.breakingChanges.base or compare with a folder.` };
  // The default base is the merge base with origin/main (a hash): say where it comes from.
  const label = ref === undefined && chosen !== 'HEAD' ? `origin/main (${shortRef(chosen)})` : shortRef(chosen);
  const def = await gitShowFile(definitionPath, chosen);
  if (!def.ok) return { label, problem: def.reason === 'missing' ? `The connector is new since ${label}: nothing to compare with.` : def.message };
  const propsPath = path.join(dir, PROPERTIES_FILE);
  const props = await gitShowFile(propsPath, chosen);
  const uri = (p: string) => `${label}:${p}`;
  return {
    label,
    version: {
      definition: parseDocument(uri(definitionPath), def.text, { languageId: /\.ya?ml$/i.test(definitionPath) ? 'yaml' : 'json' }),
      properties: props.ok ? parseDocument(uri(propsPath), props.text) : undefined,
    },
  };
}

/** The published copy in another folder (a checkout, `pac connector download`, `paconn download`), through the engine's reader. */
function readFolderBase(folder: string): BaseVersion {
  const label = folder;
  const files = createFileAccess({ roots: [folder] });
  const names = files.list(folder);
  // paconn writes apiDefinition.swagger.json; pac may write another *.json: the one declaring swagger 2.0.
  const name = definitionFileName(names) ?? names.filter((n) => /\.json$/i.test(n) && n !== PROPERTIES_FILE && declaresSwagger2(files.head(path.join(folder, n), 4096))).sort()[0];
  if (!name) return { label, problem: `No connector definition in ${folder}.` };
  const def = files.read(path.join(folder, name));
  if (!def.ok) return { label, problem: def.message };
  const props = files.read(path.join(folder, PROPERTIES_FILE));
  return {
    label,
    version: {
      definition: parseDocument(pathToFileURL(path.join(folder, name)).href, def.text, { languageId: /\.ya?ml$/i.test(name) ? 'yaml' : 'json' }),
      properties: props.ok ? parseDocument(pathToFileURL(path.join(folder, PROPERTIES_FILE)).href, props.text) : undefined,
    },
  };
}
