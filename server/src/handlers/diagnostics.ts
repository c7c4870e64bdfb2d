// Publishes connector diagnostics: debounced per connector folder, newest edit wins, related
// files (definition <-> apiProperties.json <-> script.csx) revalidated together.
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { connectorPathsFor, isConnectorDefinition, isPropertiesName, SCRIPT_FILE, type FolderReader } from '../languageService/connectorFolder';
import { diskReader, loadFolderConfig, readText } from '../languageService/diskConnector';
import { DocumentCache } from '../languageService/documentCache';
import { mergeConfigs, normalizeConfig } from '../languageService/config';
import { validationSteps, type ConnectorSources, type FileDiagnostics, type SourceFile, type ValidationConfig } from '../languageService/validateConnector';
import { ruleDocUrl } from '../rules/docsLink';
import type { Severity } from '../rules/types';
import type { ParsedDocument } from '../languageService/parseDocument';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface ServerSettings {
  validation?: { profile?: string; rules?: Record<string, string>; maxDefinitionBytes?: number; enable?: boolean };
}

/** Longest stretch of rule checks before the server looks at its message queue again. */
const SLICE_MS = 15;

export class DiagnosticsPublisher {
  readonly cache = new DocumentCache();
  private settings: ValidationConfig = {};
  private enabled = true;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();
  /** Files we published for, per connector folder, so stale ones are cleared. */
  private readonly published = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  updateSettings(raw: ServerSettings | undefined): void {
    const v = raw?.validation ?? {};
    this.enabled = v.enable !== false;
    const problems: { message: string }[] = [];
    this.settings = normalizeConfig({ profile: v.profile, rules: v.rules, maxDefinitionBytes: v.maxDefinitionBytes }, problems, 'connectorStudio.validation');
    for (const p of problems) this.connection.console.warn(p.message);
    this.revalidateAll();
  }

  /** A document changed: validate its connector after a pause proportional to its size. */
  schedule(doc: TextDocument): void {
    const fsPath = toPath(doc.uri);
    if (!fsPath) return;
    const text = doc.getText();
    if (!this.isConnectorFile(fsPath, text)) return;
    const key = this.connectorKey(fsPath);
    const delay = text.length > 500_000 ? 300 : 150;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.validateFolderOf(fsPath);
      }, delay),
    );
  }

  /** Validates immediately (used on open so the first diagnostics come fast). */
  validateNow(doc: TextDocument): void {
    const fsPath = toPath(doc.uri);
    if (!fsPath || !this.isConnectorFile(fsPath, doc.getText())) return;
    clearTimeout(this.timers.get(this.connectorKey(fsPath)));
    void this.validateFolderOf(fsPath);
  }

  closed(doc: TextDocument): void {
    this.cache.delete(doc.uri);
    const fsPath = toPath(doc.uri);
    // Keep diagnostics of connector files (they are still on disk); clear others.
    if (fsPath && !this.isConnectorFile(fsPath, readText(fsPath) ?? '')) this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
  }

  revalidateAll(): void {
    // One run per connector, however many of its files are open.
    const folders = new Map<string, string>();
    for (const doc of this.documents.all()) {
      const p = toPath(doc.uri);
      if (p && this.isConnectorFile(p, doc.getText())) folders.set(this.connectorKey(p), p);
    }
    for (const p of folders.values()) void this.validateFolderOf(p);
  }

  private isConnectorFile(fsPath: string, text: string): boolean {
    return isPropertiesName(fsPath) || path.basename(fsPath) === SCRIPT_FILE || isConnectorDefinition(fsPath, text);
  }

  private openText(fsPath: string): SourceFile | undefined {
    const uri = URI.file(fsPath).toString();
    const doc = this.documents.get(uri);
    if (doc) return { uri, text: doc.getText(), version: doc.version, languageId: doc.languageId };
    const text = readText(fsPath);
    return text === undefined ? undefined : { uri, text, version: -1 };
  }

  private readonly reader: FolderReader = {
    list: (folder) => {
      const names = new Set(diskReader.list(folder));
      // Open but unsaved files count as present.
      for (const d of this.documents.all()) {
        const p = toPath(d.uri);
        if (p && path.dirname(p) === folder) names.add(path.basename(p));
      }
      return [...names];
    },
  };

  /** The parsed files of the connector a document belongs to (open documents first, then disk). */
  connectorFor(uri: string): ConnectorView | undefined {
    const fsPath = toPath(uri);
    if (!fsPath) return undefined;
    const paths = connectorPathsFor(fsPath, this.reader);
    const load = (p: string | undefined) => {
      const f = p ? this.openText(p) : undefined;
      return f ? { uri: f.uri, parsed: this.cache.get(f) } : undefined;
    };
    return { definition: load(paths.definition), properties: load(paths.properties) };
  }

  /** Identifies a connector: its folder and definition (a folder may hold several definitions). */
  private connectorKey(fsPath: string): string {
    const paths = connectorPathsFor(fsPath, this.reader);
    return `${paths.folder}|${paths.definition ?? fsPath}`;
  }

  private async validateFolderOf(fsPath: string): Promise<void> {
    const paths = connectorPathsFor(fsPath, this.reader);
    const key = `${paths.folder}|${paths.definition ?? fsPath}`;
    // A newer run for the same connector makes this one stale: it stops at its next pause.
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const sources: ConnectorSources = {
      definition: paths.definition ? this.openText(paths.definition) : undefined,
      properties: paths.properties ? this.openText(paths.properties) : undefined,
      script: paths.script ? this.openText(paths.script) : undefined,
      folderName: path.basename(paths.folder),
      folderFiles: this.reader.list(paths.folder),
    };
    const folderConfig = loadFolderConfig(paths.folder);
    const config = mergeConfigs(this.settings, folderConfig.config);
    let results: FileDiagnostics[] = [];
    if (this.enabled) {
      const steps = validationSteps(sources, config, (f) => this.cache.get(f), (ids, e) => this.connection.console.error(`Rule ${ids.join(', ')} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
      let sliceStart = performance.now();
      for (;;) {
        const next = steps.next();
        if (next.done) {
          results = next.value;
          break;
        }
        // Let completion, hover and newer edits in between rules on big files.
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          if (this.generations.get(key) !== generation) return;
          sliceStart = performance.now();
        }
      }
    }
    const before = this.published.get(key) ?? new Set<string>();
    const now = new Set<string>();
    for (const file of results) {
      now.add(file.uri);
      const diagnostics: Diagnostic[] = file.diagnostics.map((d) => ({
        range: d.range,
        severity: SEVERITY[d.severity],
        source: 'connector-studio',
        code: d.ruleId,
        codeDescription: { href: ruleDocUrl(d.ruleId) },
        message: d.message,
        data: d.pointer !== undefined ? { pointer: d.pointer } : undefined,
      }));
      this.connection.sendDiagnostics({ uri: file.uri, diagnostics });
    }
    for (const uri of before) if (!now.has(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.set(key, now);
  }
}

export interface ConnectorView {
  definition?: { uri: string; parsed: ParsedDocument };
  properties?: { uri: string; parsed: ParsedDocument };
}

export function toPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}
