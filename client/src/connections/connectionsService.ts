/**
 * The one ConnectionsService of the extension host: a ConnectionStore over context.secrets and
 * workspaceState, a ConnectionManager that signs in through the system browser, and the API the
 * Test Operation panel uses (list, resolve, fetch). Secrets never leave the extension host.
 */
import * as vscode from 'vscode';
import { type OpenBrowser } from '../../../shared/src/auth/authorizationCodeFlow';
import { ConnectionManager, type ConnectorFiles } from '../../../shared/src/connections/connectionManager';
import { ConnectionStore, type ConnectionRecord, type ConnectionStatus } from '../../../shared/src/connections/connectionStore';
import { deriveConnectionModels, findModel } from '../../../shared/src/connections/deriveModel';
import type { ConnectionModel, ConnectionModels, RequestDecorations } from '../../../shared/src/connections/model';
import { ConnectionConfigError } from '../../../shared/src/connections/oauthConfig';
import type { RedactingLogger } from '../../../shared/src/log/redactingLogger';
import { applyDecorations, buildRequest, sendRequest, type SendResult, type SwaggerDocument } from '../../../shared/src/request';
import { settingHostOverride } from '../testOperation/definitionSource';
import { readConnectorFiles } from './connectorFiles';
import { folderKeyOf, folderPathOf, type WorkspaceFolderLike } from './folderKeys';
import { CALLBACK_PATH, loopbackTarget, loopbackUnreachable } from './oauthBridge';
import { findTestTarget } from './testTarget';
import { isOAuthKind, type TestOutcome } from './treeItems';
import { secretStoreOf, stateStoreOf } from './vscodeStores';

export interface NewConnectionInput {
  /** Connector folder (its Uri, or a key from folderKey()). */
  folder: vscode.Uri | string;
  name: string;
  /** connectionParameterSets name, required when the connector has several. */
  setName?: string;
  values: Record<string, string>;
}

export interface ConnectionTestResult extends TestOutcome {
  /** What was sent, without query or secrets, e.g. "GET http://127.0.0.1:1234/me". */
  request?: string;
  status?: number;
  timeMs?: number;
  /** Why it failed, in words an author can act on (already redacted). */
  detail?: string;
}

function workspaceFolders(): WorkspaceFolderLike[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, path: f.uri.path }));
}

export class ConnectionsService implements vscode.Disposable {
  readonly store: ConnectionStore;
  readonly manager: ConnectionManager;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a connection is added, changed, removed or tested. */
  readonly onDidChange = this.changed.event;
  private readonly tests = new Map<string, TestOutcome>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Loopback redirect URI of the sign-in waiting for the UriHandler, when bridged. */
  private pendingLoopback: string | undefined;
  /** How sign-in opens the browser; replaceable so headless tests can drive the authorization page. */
  openBrowser: OpenBrowser = async (url) => vscode.env.openExternal(vscode.Uri.parse(url, true));
  /** Route the redirect through the UriHandler (remote / web); tests may force the direct loopback. */
  bridgeRedirect = loopbackUnreachable({ remoteName: vscode.env.remoteName, isWebUi: vscode.env.uiKind === vscode.UIKind.Web });

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: RedactingLogger,
  ) {
    this.store = new ConnectionStore(secretStoreOf(context.secrets), stateStoreOf(context.workspaceState));
    this.manager = new ConnectionManager({
      store: this.store,
      loadConnector: (key) => this.loadConnector(key),
      openBrowser: (url) => this.openBrowser(url),
      externalRedirectUri: (loopback) => this.externalRedirectUri(loopback),
      logger: log,
    });
    const sub = this.store.onDidChange(() => this.changed.fire());
    this.disposables.push({ dispose: () => sub.dispose() });
  }

  // --- API for other features (Test Operation panel) -------------------------------------

  /** Connections of a connector folder, or all of them. */
  list(folder?: vscode.Uri | string): ConnectionRecord[] {
    return folder === undefined ? this.store.list() : this.store.list(this.keyOf(folder));
  }

  get(id: string): ConnectionRecord | undefined {
    return this.store.get(id);
  }

  /** Headers and query parameters a request through the connection needs; refreshes OAuth tokens as needed. */
  resolve(id: string, options: { forceRefresh?: boolean } = {}): Promise<RequestDecorations> {
    return this.manager.resolveConnection(id, options);
  }

  /** fetch() through the connection, with one token refresh and retry on 401. */
  fetch(id: string, url: string | URL, init?: RequestInit): Promise<Response> {
    return this.manager.fetchWithConnection(id, url, init);
  }

  /** Display status: signed-in connections past their expiry show as expired. */
  statusOf(record: ConnectionRecord): ConnectionStatus {
    return this.manager.statusOf(record);
  }

  lastTest(id: string): TestOutcome | undefined {
    return this.tests.get(id);
  }

  // --- folders and models -----------------------------------------------------------------

  folderKey(folder: vscode.Uri): string {
    return folderKeyOf(folder.path, workspaceFolders());
  }

  folderUri(key: string): vscode.Uri | undefined {
    const path = folderPathOf(key, workspaceFolders());
    if (path === undefined) return undefined;
    const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/');
    return base.with({ path });
  }

  async loadConnector(key: string): Promise<ConnectorFiles> {
    const uri = this.folderUri(key);
    if (!uri) throw new ConnectionConfigError(`The connector folder "${key}" is not in the open workspace.`);
    return readConnectorFiles(uri);
  }

  async modelsFor(folder: vscode.Uri | string): Promise<ConnectionModels> {
    const files = await this.loadConnector(this.keyOf(folder));
    return deriveConnectionModels(files.definition, files.apiProperties);
  }

  async modelOf(record: ConnectionRecord): Promise<ConnectionModel | undefined> {
    return findModel(await this.modelsFor(record.connectorFolder), record.setName);
  }

  // --- lifecycle ----------------------------------------------------------------------------

  /** Creates a connection without asking anything (New Connection asks first, tests call this directly). */
  async create(input: NewConnectionInput): Promise<ConnectionRecord> {
    const models = await this.modelsFor(input.folder);
    const model = input.setName === undefined && models.models.length > 1 ? undefined : findModel(models, input.setName);
    if (!model) {
      const sets = models.models.map((m) => m.setName).join(', ');
      throw new ConnectionConfigError(`Pick one of the connector's authentication sets (${sets}).`);
    }
    const record = await this.store.create({ name: input.name, connectorFolder: this.keyOf(input.folder), model, values: input.values });
    this.log.info(`Created connection "${record.name}" (${record.kind}) for ${record.connectorFolder}`);
    return record;
  }

  /** Sign in (OAuth kinds) or get a client credentials token; a no-op for the others. */
  signIn(id: string, signal?: AbortSignal): Promise<ConnectionRecord> {
    return this.manager.signIn(id, signal ? { signal } : {});
  }

  async delete(id: string): Promise<void> {
    const name = this.get(id)?.name;
    await this.store.delete(id);
    this.tests.delete(id);
    this.log.info(`Deleted connection "${name ?? id}" and its stored secrets`);
  }

  /**
   * Test: the connector's testConnection operation, or the first GET without required
   * parameters, sent with the connection's decorations (one refresh and retry on 401).
   */
  async test(id: string): Promise<ConnectionTestResult> {
    const record = this.get(id);
    if (!record) throw new ConnectionConfigError(`Unknown connection ${id}.`);
    const done = (result: ConnectionTestResult): ConnectionTestResult => {
      this.tests.set(id, { ok: result.ok, summary: result.summary, at: result.at });
      this.changed.fire();
      const line = `Test of "${record.name}": ${result.request ?? ''} -> ${result.summary}${result.detail ? ` (${result.detail})` : ''}`;
      if (result.ok) this.log.info(line);
      else this.log.warn(line);
      return result;
    };
    try {
      const files = await this.loadConnector(record.connectorFolder);
      const target = findTestTarget(files.definition, await this.nonSecretValues(record));
      if (!target) {
        return done({
          ok: false,
          summary: 'no test operation',
          at: Date.now(),
          detail: 'The definition has no x-ms-capabilities.testConnection and no GET operation without required parameters.',
        });
      }
      const definition = files.definition as SwaggerDocument;
      // The same host override as the Test Operation panel (setting connectorStudio.testOperation.hostOverrides).
      const scope = this.folderUri(record.connectorFolder);
      const hostOverride = scope ? settingHostOverride(scope, definition) : undefined;
      const request = buildRequest(definition, target.ref, target.values, { hostOverride });
      const shown = `${request.method} ${request.baseUrl}${request.path}`;
      const send = async (forceRefresh: boolean): Promise<SendResult> =>
        sendRequest(applyDecorations(request, await this.resolve(id, { forceRefresh })), { timeoutMs: 30_000 });
      let result = await send(false);
      if (result.ok && result.response.status === 401 && isOAuthKind(record.kind)) result = await send(true);
      if (!result.ok) {
        return done({ ok: false, summary: result.error.kind, request: shown, at: Date.now(), timeMs: Math.round(result.error.timeMs), detail: this.log.redact(result.error.message) });
      }
      const { status, statusText, timeMs } = result.response;
      return done({
        ok: status < 400,
        summary: `${status} ${statusText}`.trim(),
        status,
        request: shown,
        timeMs: Math.round(timeMs),
        at: Date.now(),
      });
    } catch (err) {
      const message = this.log.redact(err instanceof Error ? err.message : String(err));
      return done({ ok: false, summary: 'not sent', at: Date.now(), detail: message });
    }
  }

  // --- OAuth redirect bridge (remote / web) ------------------------------------------------

  registerUriHandler(): vscode.Disposable {
    return vscode.window.registerUriHandler({ handleUri: (uri) => this.handleUri(uri) });
  }

  private async externalRedirectUri(loopback: string): Promise<string> {
    if (!this.bridgeRedirect) return loopback;
    this.pendingLoopback = loopback;
    const callback = vscode.Uri.parse(`${vscode.env.uriScheme}://${this.context.extension.id}${CALLBACK_PATH}`);
    return (await vscode.env.asExternalUri(callback)).toString(true);
  }

  private async handleUri(uri: vscode.Uri): Promise<void> {
    if (uri.path !== CALLBACK_PATH) return;
    const target = this.pendingLoopback;
    this.pendingLoopback = undefined;
    if (!target) {
      this.log.warn('A sign-in redirect arrived, but no sign-in is waiting for one.');
      return;
    }
    try {
      // The loopback listener checks state and settles the waiting sign-in.
      const response = await fetch(loopbackTarget(target, uri.query));
      await response.body?.cancel();
    } catch (err) {
      this.log.warn(`Could not hand the sign-in redirect to the waiting sign-in: ${String(err)}`);
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private keyOf(folder: vscode.Uri | string): string {
    return typeof folder === 'string' ? folder : this.folderKey(folder);
  }

  /** Values of non-secret parameters (testConnection may reference them, e.g. a host). */
  private async nonSecretValues(record: ConnectionRecord): Promise<Record<string, string>> {
    const values = await this.store.getValues(record.id);
    for (const name of record.secretParameterNames) delete values[name];
    return values;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
