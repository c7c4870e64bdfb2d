// Publishes connector diagnostics: one validation and one publish per version of a connector's
// files (definition <-> apiProperties.json <-> script.csx, revalidated and published together).
// The first edit after a pause is validated at once, a burst of edits coalesces into one run,
// and a run whose inputs were superseded while it ran publishes nothing.
import * as path from 'node:path';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { connectorPathsFor, DEFINITION_FILE, isConnectorDefinition, isPropertiesName, SCRIPT_FILE, type ConnectorPaths, type FolderReader } from '../../../engine/src/languageService/connectorFolder';
import { loadFolderConfig } from '../../../engine/src/languageService/connectorSources';
import type { FileAccess } from '../../../engine/src/languageService/fileAccess';
import { createFileAccess } from '../../../engine/node/diskFileAccess';
import { DocumentCache } from '../../../engine/src/languageService/documentCache';
import { IncrementalRules } from '../../../engine/src/languageService/incrementalRules';
import { siblingUri, uriFolderPrefix, uriToPath } from '../../../engine/src/languageService/fileUris';
import { mergeConfigs, normalizeConfig } from '../../../engine/src/languageService/config';
import { validationSteps, type ConnectorDiagnostic, type ConnectorSources, type FileDiagnostics, type SourceFile, type UnreadFile, type ValidationConfig } from '../../../engine/src/languageService/validateConnector';
import { microsoftCodeUrl, ruleDocUrl } from '../../../engine/src/rules/docsLink';
import type { ConnectorFileKind, Severity } from '../../../engine/src/rules/types';
import type { ParsedDocument } from '../../../engine/src/languageService/parseDocument';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface ServerSettings {
  validation?: { profile?: string; rules?: Record<string, string>; maxDefinitionBytes?: number; enable?: boolean; allowReadsOutsideConnector?: boolean };
}

/** Longest stretch of rule checks before the server looks at its message queue again. */
const SLICE_MS = 15;

/** How long the server waits for the client's settings before validating with the ones it has. */
const SETTINGS_WAIT_MS = 2000;

/** The validation state of one connector (folder + definition). */
interface ConnectorRun {
  /** A trailing run waiting for the burst of edits to end. */
  timer?: NodeJS.Timeout;
  /** Counts the runs started; a run whose number is no longer the newest is stale. */
  generation: number;
  /** The inputs of the newest run started: the open files' versions, settings and disk epochs. */
  inputs?: string;
  /** When the last validation was asked for (open or edit). */
  lastRequest: number;
  /** A validation is in flight (started, not yet published or dropped): edits now coalesce. */
  running: boolean;
  /** Rule results of the last version validated, reused where an edit does not reach. */
  rules: IncrementalRules;
  /** The connector's folder (its run is released when no file in it is open any more). */
  folder: string;
}

/** How long a document's positioned tree is kept without an edit or a request of it (tests set it shorter). */
const TREE_IDLE_MS = Number(process.env.CONNECTOR_STUDIO_TREE_IDLE_MS) > 0 ? Number(process.env.CONNECTOR_STUDIO_TREE_IDLE_MS) : 30_000;

/** The pause after an edit before a burst is validated, proportional to the text's size. */
export function debounceDelay(textLength: number): number {
  return textLength > 500_000 ? 300 : 150;
}

export class DiagnosticsPublisher {
  readonly cache = new DocumentCache();
  private settings: ValidationConfig = {};
  private enabled = true;
  /** `connectorStudio.validation.allowReadsOutsideConnector`: reads may also come from the workspace folders. */
  private allowOutside = false;
  private workspaceFolders: string[] = [];
  private readonly runs = new Map<string, ConnectorRun>();
  /** Bumped when the settings or a connector file on disk change: what was validated before is out of date. */
  private epoch = 0;
  /** Held while the client's settings are awaited at start, so the first run uses them (one publish per open). */
  private settingsGate?: Promise<void>;
  private releaseSettingsGate?: () => void;
  /** Files we published for, per connector folder, so stale ones are cleared. */
  private readonly published = new Map<string, Set<string>>();
  /** Findings added after the rules: the breaking-change comparison (handlers/breakingChanges.ts). */
  afterValidation?: (results: FileDiagnostics[], sources: ConnectorSources, config: ValidationConfig, parse: (f: SourceFile) => ParsedDocument) => Promise<FileDiagnostics[]>;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    // The trees of documents left alone go (rebuilt from the text on the next edit or request):
    // they are most of the server's memory. Not while a run may be reading them.
    setInterval(() => {
      for (const run of this.runs.values()) if (run.timer || run.running) return;
      this.cache.releaseIdleTrees(TREE_IDLE_MS);
    }, TREE_IDLE_MS / 3).unref();
  }

  updateSettings(raw: ServerSettings | undefined): void {
    const v = raw?.validation ?? {};
    const before = JSON.stringify([this.enabled, this.allowOutside, this.settings]);
    this.enabled = v.enable !== false;
    this.allowOutside = v.allowReadsOutsideConnector === true;
    const problems: { message: string }[] = [];
    this.settings = normalizeConfig({ profile: v.profile, rules: v.rules, maxDefinitionBytes: v.maxDefinitionBytes }, problems, 'connectorStudio.validation');
    for (const p of problems) this.connection.console.warn(p.message);
    this.openSettingsGate();
    // Settings equal to the ones in use change no result: no second validation of the same versions.
    if (JSON.stringify([this.enabled, this.allowOutside, this.settings]) === before) return;
    this.epoch++;
    this.revalidateAll();
  }

  /** Validation waits (at most SETTINGS_WAIT_MS) for the client's settings: call before they are pulled. */
  awaitSettings(): void {
    if (this.settingsGate) return;
    this.settingsGate = new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.openSettingsGate(), SETTINGS_WAIT_MS);
      this.releaseSettingsGate = () => (clearTimeout(timer), resolve());
    });
  }

  /** The settings arrived (or could not be read): validation goes on with what the server has. */
  openSettingsGate(): void {
    const release = this.releaseSettingsGate;
    this.settingsGate = undefined;
    this.releaseSettingsGate = undefined;
    release?.();
  }

  /**
   * Connector files changed on disk. A file open in the editor is read from its buffer, so its
   * save changes nothing; any other change revalidates the open connectors.
   */
  filesChanged(uris: string[]): void {
    const open = new Set(this.documents.all().map((d) => toPath(d.uri)));
    if (uris.length > 0 && uris.every((u) => open.has(toPath(u)))) return;
    this.epoch++;
    this.revalidateAll();
  }

  /** The workspace folders (file paths), the widest root reads may come from when the user allows it. */
  setWorkspaceFolders(folders: string[]): void {
    this.workspaceFolders = folders;
  }

  /**
   * The one reader for a connector folder: its regular files only (or also the workspace folders'
   * when allowed), size-capped, no link out, open editor buffers first.
   */
  filesFor(folder: string, anchorUri?: string): FileAccess {
    return createFileAccess({
      roots: [folder, ...(this.allowOutside ? this.workspaceFolders : [])],
      buffers: (abs) => this.openDocumentFor(abs, anchorUri ?? '')?.getText(),
      bufferNames: (dir) => {
        const names: string[] = [];
        for (const d of this.documents.all()) {
          const p = toPath(d.uri);
          if (p && path.dirname(p) === dir) names.push(path.basename(p));
        }
        return names;
      },
    });
  }

  /**
   * A document changed: the first edit after a pause is validated at once (leading edge); edits
   * that follow within the pause coalesce into one run after it (trailing edge). A version already
   * validated or being validated (the change event that comes with an open) is not validated again.
   */
  schedule(doc: TextDocument): void {
    const fsPath = toPath(doc.uri);
    if (!fsPath) return;
    // The text only when the file's name does not tell: an edit builds none (engine/src/languageService/lazyTextDocument.ts).
    if (!(path.basename(fsPath) === DEFINITION_FILE || this.isConnectorFile(fsPath, doc.getText()))) return;
    const paths = connectorPathsFor(fsPath, this.reader);
    const run = this.runOf(paths, fsPath);
    if (!run.timer && run.inputs === this.inputsOf(paths, doc.uri)) return;
    // The text's length: the offset of a position past its last line.
    const delay = debounceDelay(doc.offsetAt({ line: doc.lineCount, character: 0 }));
    const now = performance.now();
    // A pause: nothing in flight and no burst waiting (a validation that already published counts as a pause).
    const leading = !run.timer && !run.running;
    run.lastRequest = now;
    clearTimeout(run.timer);
    run.timer = undefined;
    if (leading) {
      void this.validateFolderOf(doc.uri);
      return;
    }
    const uri = doc.uri;
    run.timer = setTimeout(() => {
      run.timer = undefined;
      void this.validateFolderOf(uri);
    }, delay);
  }

  /** Validates immediately (used on open so the first diagnostics come fast), unless these versions already are. */
  validateNow(doc: TextDocument): void {
    const fsPath = toPath(doc.uri);
    if (!fsPath || !this.isConnectorFile(fsPath, doc.getText())) return;
    const paths = connectorPathsFor(fsPath, this.reader);
    const run = this.runOf(paths, fsPath);
    if (!run.timer && run.inputs === this.inputsOf(paths, doc.uri)) return;
    run.lastRequest = performance.now();
    clearTimeout(run.timer);
    run.timer = undefined;
    void this.validateFolderOf(doc.uri);
  }

  private runOf(paths: ConnectorPaths, fsPath: string): ConnectorRun {
    const key = `${paths.folder}|${paths.definition ?? fsPath}`;
    let run = this.runs.get(key);
    if (!run) this.runs.set(key, (run = { generation: 0, lastRequest: -Infinity, running: false, rules: new IncrementalRules(), folder: paths.folder }));
    return run;
  }

  /** What a run of this connector reads: the versions of its open files (else disk), settings and disk epochs. */
  private inputsOf(paths: ConnectorPaths, anchorUri: string): string {
    const parts = [paths.definition, paths.properties, paths.script].map((p) => {
      if (!p) return '-';
      const d = this.openDocumentFor(p, anchorUri);
      return d ? `${d.uri}@${d.version}` : 'disk';
    });
    return `${this.epoch}|${parts.join('|')}`;
  }

  closed(doc: TextDocument): void {
    this.cache.delete(doc.uri);
    // A file opened again starts again at version 1: what was validated before no longer says anything.
    this.epoch++;
    const fsPath = toPath(doc.uri);
    // Keep diagnostics of connector files (they are still on disk); clear others.
    if (fsPath && !this.isConnectorFile(fsPath, this.filesFor(path.dirname(fsPath)).head(fsPath, 200_000))) this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    this.releaseClosedRuns();
  }

  /**
   * What is kept for connectors of folders none of whose files is open any more: the rule results of their
   * incremental runs (the text and a fingerprint per part) and the parsed files that are not open
   * (one read from disk for a connector still open is parsed again at its next run). A closed
   * connector kept them until the server stopped (10 MB after the six largest were closed). A run
   * still waiting or in flight finishes first.
   */
  private releaseClosedRuns(): void {
    // By folder, without reading the disk: closing many files at once stays cheap.
    const openFolders = new Set<string>();
    const openUris = new Set<string>();
    for (const d of this.documents.all()) {
      openUris.add(d.uri);
      const p = toPath(d.uri);
      if (p) openFolders.add(path.dirname(p));
    }
    let busy = false;
    for (const [key, run] of this.runs) {
      if (openFolders.has(run.folder)) continue;
      if (run.timer || run.running) busy = true;
      else this.runs.delete(key);
    }
    if (!busy) this.cache.retainOnly((uri) => openUris.has(uri));
  }

  /** How many connectors' runs and parsed documents the server holds (tests, through connectorStudio/memory). */
  retainedCounts(): { runs: number; parsedDocuments: number; trees: number } {
    return { runs: this.runs.size, parsedDocuments: this.cache.size, trees: this.cache.trees };
  }

  revalidateAll(): void {
    // One run per connector, however many of its files are open.
    const folders = new Map<string, string>();
    for (const doc of this.documents.all()) {
      const p = toPath(doc.uri);
      if (!p || !this.isConnectorFile(p, doc.getText())) continue;
      const paths = connectorPathsFor(p, this.reader);
      folders.set(`${paths.folder}|${paths.definition ?? p}`, doc.uri);
    }
    for (const uri of folders.values()) void this.validateFolderOf(uri);
  }

  private isConnectorFile(fsPath: string, text: string): boolean {
    return isPropertiesName(fsPath) || path.basename(fsPath) === SCRIPT_FILE || isConnectorDefinition(fsPath, text);
  }

  /**
   * A connector file by path, under the URI the client knows it by: the open document's own URI
   * string (the anchor itself, else one opened from the same folder URI, else any), or, for a file
   * the client has not opened, a URI spelled like the anchor (a client-sent URI of the same folder).
   */
  private openText(fsPath: string, anchorUri: string, files?: FileAccess, kind?: ConnectorFileKind, unread?: UnreadFile[]): SourceFile | undefined {
    const doc = this.openDocumentFor(fsPath, anchorUri);
    if (doc) return { uri: doc.uri, text: doc.getText(), version: doc.version, languageId: doc.languageId };
    const uri = siblingUri(anchorUri, path.basename(fsPath));
    const r = (files ?? this.filesFor(path.dirname(fsPath), anchorUri)).read(fsPath);
    if (r.ok) return { uri, text: r.text, version: -1, ...(r.encoding !== 'utf-8' ? { encoding: r.encoding } : {}) };
    if (r.reason !== 'missing' && kind) unread?.push({ uri, kind, message: r.message });
    return undefined;
  }

  private openDocumentFor(fsPath: string, anchorUri: string): TextDocument | undefined {
    if (toPath(anchorUri) === fsPath) {
      const anchor = this.documents.get(anchorUri);
      if (anchor) return anchor;
    }
    const prefix = uriFolderPrefix(anchorUri);
    let any: TextDocument | undefined;
    for (const d of this.documents.all()) {
      if (toPath(d.uri) !== fsPath) continue;
      if (uriFolderPrefix(d.uri) === prefix) return d;
      any ??= d;
    }
    return any;
  }

  /** Folder listings through the folder's reader (open but unsaved files count as present). */
  private readonly reader: FolderReader = {
    list: (folder) => this.filesFor(folder).list(folder),
  };

  /** The parsed files of the connector a document belongs to (open documents first, then disk). */
  connectorFor(uri: string): ConnectorView | undefined {
    const fsPath = toPath(uri);
    if (!fsPath) return undefined;
    const paths = connectorPathsFor(fsPath, this.reader);
    const load = (p: string | undefined) => {
      const f = p ? this.openText(p, uri) : undefined;
      return f ? { uri: f.uri, parsed: this.cache.get(f) } : undefined;
    };
    return { definition: load(paths.definition), properties: load(paths.properties) };
  }

  /** Validates the connector of an open document, publishing on the client's URI strings. */
  private async validateFolderOf(anchorUri: string): Promise<void> {
    const fsPath = toPath(anchorUri);
    if (!fsPath) return;
    const paths = connectorPathsFor(fsPath, this.reader);
    const key = `${paths.folder}|${paths.definition ?? fsPath}`;
    // A newer run, or a newer edit waiting for its burst to end, makes this one stale: it stops at
    // its next pause and publishes nothing.
    const run = this.runOf(paths, fsPath);
    const generation = ++run.generation;
    run.inputs = this.inputsOf(paths, anchorUri);
    run.running = true;
    try {
      await this.runValidation(anchorUri, paths, key, run, generation);
    } finally {
      if (run.generation === generation) run.running = false;
    }
  }

  private async runValidation(anchorUri: string, paths: ConnectorPaths, key: string, run: ConnectorRun, generation: number): Promise<void> {
    const stale = () => run.generation !== generation || run.timer !== undefined;
    if (this.settingsGate) {
      await this.settingsGate;
      if (stale()) return;
    }
    const files = this.filesFor(paths.folder, anchorUri);
    const unread: UnreadFile[] = [];
    const sources: ConnectorSources = {
      definition: paths.definition ? this.openText(paths.definition, anchorUri, files, 'definition', unread) : undefined,
      properties: paths.properties ? this.openText(paths.properties, anchorUri, files, 'properties', unread) : undefined,
      script: paths.script ? this.openText(paths.script, anchorUri, files, 'script', unread) : undefined,
      folderName: path.basename(paths.folder),
      folderFiles: files.list(paths.folder),
      files,
      unread,
    };
    const folderConfig = loadFolderConfig(paths.folder, files);
    const config = mergeConfigs(this.settings, folderConfig.config);
    // Every publish carries the version validated; a file the client has not opened has none.
    const versions = new Map<string, number>();
    for (const f of [sources.definition, sources.properties, sources.script]) if (f && f.version !== undefined && f.version >= 0) versions.set(f.uri, f.version);
    const publish = (uri: string, diagnostics: Diagnostic[]) => {
      const version = versions.get(uri);
      this.connection.sendDiagnostics(version !== undefined ? { uri, version, diagnostics } : { uri, diagnostics });
    };
    let results: FileDiagnostics[] = [];
    if (this.enabled) {
      const steps = validationSteps(sources, config, (f) => this.cache.get(f), (ids, e) => this.connection.console.error(`Rule ${ids.join(', ')} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`), run.rules);
      let sliceStart = performance.now();
      for (;;) {
        const next = steps.next();
        if (next.done) {
          results = next.value;
          break;
        }
        // Syntax errors are shown at once, before the rules run (the final publish of this version follows).
        if (next.value && !stale()) for (const file of next.value.syntax) if (file.diagnostics.length > 0) publish(file.uri, file.diagnostics.map((d) => toLspDiagnostic(d)));
        // Let completion, hover and newer edits in between rules on big files.
        if (performance.now() - sliceStart > SLICE_MS) {
          await nextTurn();
          if (stale()) return;
          sliceStart = performance.now();
        }
      }
    }
    if (this.enabled && this.afterValidation) {
      results = await this.afterValidation(results, sources, config, (f) => this.cache.get(f));
      if (stale()) return;
    }
    // Edits already received but still queued (a burst sent at once) are read before publishing:
    // each turn lets the connection handle one more message. A superseded version is never published.
    await nextTurn();
    await nextTurn();
    if (stale()) return;
    const before = this.published.get(key) ?? new Set<string>();
    const now = new Set<string>();
    for (const file of results) {
      now.add(file.uri);
      publish(file.uri, file.diagnostics.map((d) => toLspDiagnostic(d)));
    }
    for (const uri of before) if (!now.has(uri)) publish(uri, []);
    this.published.set(key, now);
  }
}

/** What an LSP diagnostic carries besides the message: the rule, its docs, and Microsoft's code when it mirrors one. */
export interface DiagnosticData {
  pointer?: string;
  /** Microsoft's validator code (e.g. `SecurityRequirementMustBeDefined`), so users can search Microsoft's docs and threads for it. */
  microsoftCode?: string;
  /** Our rule's documentation (the code link goes to Microsoft's description when there is a code). */
  ruleDoc?: string;
}

/**
 * One finding as an LSP diagnostic: `code` is our rule id; `codeDescription` links Microsoft's
 * description of the validator code the finding mirrors, else our rule's docs; `data` carries the
 * pointer (quick fixes), the Microsoft code and our docs link.
 */
export function toLspDiagnostic(d: ConnectorDiagnostic): Diagnostic {
  const data: DiagnosticData = { ...(d.pointer !== undefined ? { pointer: d.pointer } : {}), ...(d.msCode ? { microsoftCode: d.msCode, ruleDoc: ruleDocUrl(d.ruleId) } : {}) };
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    source: 'connector-studio',
    code: d.ruleId,
    codeDescription: { href: d.msCode ? microsoftCodeUrl(d.msCode) : ruleDocUrl(d.ruleId) },
    message: d.message,
    data: Object.keys(data).length ? data : undefined,
  };
}

export interface ConnectorView {
  definition?: { uri: string; parsed: ParsedDocument };
  properties?: { uri: string; parsed: ParsedDocument };
}

/** One turn of the event loop: the connection handles its next queued message. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The file path of a client URI (file: only). */
export const toPath = uriToPath;
