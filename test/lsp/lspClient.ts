// A real LSP client for tests: forks the built server (dist/server/server.js) with node IPC,
// exactly as vscode-languageclient does (or over stdio, as Neovim, Helix, eglot and Zed do), and
// speaks the protocol through vscode-languageserver-protocol.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'vscode-uri';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SERVER_EXEC_ARGV } from '../../shared/src/serverLaunch';

export const SERVER_MODULE = path.resolve(__dirname, '../../dist/server/server.js');

/**
 * How a client spells file URIs: `node` like Node's pathToFileURL (and Neovim, Helix, eglot, Zed:
 * `+ @ ( )` stay literal), `vscode` like VS Code's vscode-uri (`%2B %40 %28 %29`).
 */
export type UriStyle = 'node' | 'vscode';

export function fileUri(filePath: string, style: UriStyle): string {
  return style === 'vscode' ? URI.file(filePath).toString() : pathToFileURL(filePath).href;
}

/**
 * A client started the way editors start the server: like VS Code (vscode-uri spelling, node IPC)
 * or like Neovim, Helix and other editors (pathToFileURL spelling, stdio).
 */
export function editorLikeClient(style: UriStyle): TestLspClient {
  return new TestLspClient(style, style === 'node' ? 'stdio' : 'ipc');
}

/** How a test names a client started by editorLikeClient. */
export function clientLabel(style: UriStyle): string {
  return style === 'node' ? 'pathToFileURL client over stdio' : 'vscode-uri client over IPC';
}

export class TestLspClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** Every publication received, in order, with when it arrived (performance.now()). */
  readonly publications: (PublishDiagnosticsParams & { at: number })[] = [];
  private readonly waiters: { uri: string; predicate: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown> = {};

  constructor(
    readonly uriStyle: UriStyle = 'node',
    readonly transport: 'ipc' | 'stdio' = 'ipc',
  ) {
    if (transport === 'stdio') {
      const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, SERVER_MODULE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.child = child;
      this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    } else {
      // The flags VS Code's client starts it with, not this process's own (mocha's `--import tsx`).
      this.child = fork(SERVER_MODULE, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [...SERVER_EXEC_ARGV] });
      this.connection = createProtocolConnection(new IPCMessageReader(this.child), new IPCMessageWriter(this.child));
    }
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.publications.push({ ...p, at: performance.now() });
      this.latest.set(p.uri, p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.predicate(p.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    // The server asks for settings with workspace/configuration.
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((i) => (i.section === 'connectorStudio' ? this.settings : null)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(rootPath: string, initializationOptions?: object): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      initializationOptions,
      processId: process.pid,
      rootUri: this.uriOf(rootPath),
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
      workspaceFolders: [{ uri: this.uriOf(rootPath), name: 'ws' }],
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** The URI this client sends for a file path. */
  uriOf(filePath: string): string {
    return fileUri(filePath, this.uriStyle);
  }

  open(filePath: string, text: string, languageId = filePath.endsWith('.yaml') || filePath.endsWith('.yml') ? 'yaml' : 'json'): string {
    const uri = this.uriOf(filePath);
    this.versions.set(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  change(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change (ranges of the previous version), as VS Code sends while typing: a small message. */
  changeRanges(uri: string, changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Resolves with the first published diagnostics for uri that satisfy predicate. */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const current = this.latest.get(uri);
    if (current && predicate(current.diagnostics)) return Promise.resolve(current.diagnostics);
    return new Promise((resolve, reject) => {
      const waiter = { uri, predicate, resolve: (d: Diagnostic[]) => (clearTimeout(timer), resolve(d)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.latest.get(uri)?.diagnostics.map((d) => d.code))}; published on: ${JSON.stringify(this.publishedUris())}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The publications received for uri, in order. */
  publicationsFor(uri: string): (PublishDiagnosticsParams & { at: number })[] {
    return this.publications.filter((p) => p.uri === uri);
  }

  /** Every URI the server has published diagnostics on so far. */
  publishedUris(): string[] {
    return [...this.latest.keys()];
  }

  lastDiagnostics(uri: string): Diagnostic[] | undefined {
    return this.latest.get(uri)?.diagnostics;
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      /* the server may already be gone */
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

export interface OpenedConnector {
  client: TestLspClient;
  dir: string;
  defText: string;
  propsText: string;
  defUri: string;
  propsUri: string;
  dispose(): Promise<void>;
}

/**
 * Copies a fixture connector folder to a temp dir, starts a server on it and opens its definition
 * and apiProperties.json, returning once the definition's first diagnostics arrived.
 */
export async function openFixtureConnector(fixture: string, definitionName: string, tmpPrefix: string): Promise<OpenedConnector> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  for (const f of fs.readdirSync(fixture)) fs.copyFileSync(path.join(fixture, f), path.join(dir, f));
  const defText = fs.readFileSync(path.join(dir, definitionName), 'utf8');
  const propsText = fs.readFileSync(path.join(dir, 'apiProperties.json'), 'utf8');
  const client = new TestLspClient();
  await client.initialize(dir);
  const defUri = client.open(path.join(dir, definitionName), defText);
  const propsUri = client.open(path.join(dir, 'apiProperties.json'), propsText);
  await client.waitForDiagnostics(defUri);
  return {
    client,
    dir,
    defText,
    propsText,
    defUri,
    propsUri,
    async dispose() {
      await client.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
