/**
 * The Test Operation panel controller: one WebviewPanel per operation (reused while open). The
 * webview only renders and collects input; building, connection decoration, policies, sending,
 * schema checks and definition edits all happen here in the extension host.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ConnectionRecord } from '../../../shared/src/connections/connectionStore';
import {
  isWebviewToHost,
  type ConnectionOption,
  type FormModel,
  type HostToWebview,
  type RunResult,
  type SendPayload,
  type WebviewToHost,
} from '../../../shared/src/messages/testOperation';
import { applyDecorations, applyPolicies, buildRequest, checkValueAgainstSchema, sendRequest, toCurl, type HttpRequest, type SwaggerSchema } from '../../../shared/src/request';
import { deref, findOperation, operationParameters } from '../../../shared/src/request/swagger';
import { inferSchema } from '../../../shared/src/schema/inferSchema';
import { redact as redactText } from '../../../shared/src/log/redactingLogger';
import { KIND_LABELS } from '../connections/treeItems';
import type { ExtensionServices } from '../services';
import { folderOf, loadDefinition, loadPolicies, settingHostOverride } from './definitionSource';
import { buildFormModel, dynamicCallValues, dynamicOptions } from './formModel';
import { compareText, historyKey, makeHistoryEntry, pushHistory, summarize, type HistoryEntry } from './history';
import { prepareRequest, runOperation, type RunConnection } from './runner';
import { TriggerController, type PreparedTriggerRequest, type TriggerRun } from './triggers';
import { computeSchemaUpdate } from './schemaUpdate';
import { VirtualDocuments } from './virtualDocuments';
import { webviewHtml } from './html';

export const VIEW_TYPE = 'connectorStudio.testOperation';
/** workspaceState: connection ids ('' = no connection) whose self-signed certificates are trusted. */
const SELF_SIGNED_KEY = 'connectorStudio.testOperation.allowSelfSigned';

interface LastRun {
  status: number;
  statusText: string;
  json?: { value: unknown };
  sent?: HttpRequest;
}

export type Confirm = (label: string) => Promise<boolean>;

export class TestOperationPanel implements vscode.Disposable {
  private static readonly open = new Map<string, TestOperationPanel>();

  static key(uri: vscode.Uri, operationId: string): string {
    return `${uri.toString()}#${operationId}`;
  }

  static find(uri: vscode.Uri, operationId: string): TestOperationPanel | undefined {
    return TestOperationPanel.open.get(TestOperationPanel.key(uri, operationId));
  }

  /** Opens (or reveals) the panel of an operation. */
  static show(services: ExtensionServices, docs: VirtualDocuments, uri: vscode.Uri, operationId: string, connectionId?: string): TestOperationPanel {
    const existing = TestOperationPanel.find(uri, operationId);
    if (existing) {
      existing.panel.reveal();
      if (connectionId) void existing.selectConnection(connectionId);
      return existing;
    }
    const created = new TestOperationPanel(services, docs, uri, operationId, connectionId);
    TestOperationPanel.open.set(TestOperationPanel.key(uri, operationId), created);
    return created;
  }

  readonly panel: vscode.WebviewPanel;
  /** Resolves when the webview's script posted `ready` and got `init`. */
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private readonly posted = new vscode.EventEmitter<HostToWebview>();
  /** Every message posted to the webview (tests wait on `result`). */
  readonly onDidPost = this.posted.event;
  private readonly readied = new vscode.EventEmitter<{ restoredRunId?: number }>();
  /** Fires on every `ready`: the first load and each re-creation after the panel was hidden. */
  readonly onDidBecomeReady = this.readied.event;
  lastResult: RunResult | undefined;
  private lastRun: LastRun | undefined;
  private model: FormModel | undefined;
  private connectionId: string | undefined;
  private runId = 0;
  private inflight: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Polling and webhook testing when the operation is a trigger (issue 23). */
  readonly triggers: TriggerController;
  private historyWrites: Promise<void> = Promise.resolve();

  private constructor(
    private readonly services: ExtensionServices,
    private readonly docs: VirtualDocuments,
    readonly uri: vscode.Uri,
    readonly operationId: string,
    connectionId: string | undefined,
  ) {
    this.connectionId = connectionId;
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.triggers = new TriggerController(
      {
        loadDocument: async () => (await loadDefinition(this.uri)).swagger,
        post: (m) => this.post(m),
        prepare: (payload) => this.prepareTrigger(payload),
        record: (run) => this.recordTrigger(run),
      },
      operationId,
    );
    const webviewRoot = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Test ${operationId}`, vscode.ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [webviewRoot, vscode.Uri.joinPath(services.context.extensionUri, 'media')],
    });
    this.panel.webview.html = webviewHtml(this.panel.webview, webviewRoot, `Test ${operationId}`);
    this.disposables.push(
      this.posted,
      this.readied,
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isWebviewToHost(m)) void this.handleMessage(m);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString()) this.scheduleFormRefresh();
      }),
      services.connections.onDidChange(() => void this.postConnections()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('connectorStudio.testOperation.hostOverrides', this.uri)) this.scheduleFormRefresh();
      }),
    );
  }

  private get historyStateKey(): string {
    return historyKey(this.uri.toString(), this.operationId);
  }

  private history(): HistoryEntry[] {
    return this.services.context.workspaceState.get<HistoryEntry[]>(this.historyStateKey) ?? [];
  }

  private post(message: HostToWebview): void {
    this.posted.fire(message);
    void this.panel.webview.postMessage(message);
  }

  private connections(): ConnectionOption[] {
    const svc = this.services.connections;
    return svc.list(folderOf(this.uri)).map((r) => ({ id: r.id, name: r.name, detail: `${KIND_LABELS[r.kind]} · ${svc.statusOf(r)}` }));
  }

  private async postConnections(): Promise<void> {
    const list = this.connections();
    if (this.connectionId && !list.some((c) => c.id === this.connectionId)) this.connectionId = undefined;
    this.connectionId ??= list[0]?.id;
    this.post({ type: 'connections', connections: list, connectionId: this.connectionId });
  }

  async selectConnection(id: string | undefined): Promise<void> {
    this.connectionId = id;
    await this.postConnections();
    this.post({ type: 'selfSigned', allowed: this.allowSelfSigned(id) });
  }

  private allowSelfSigned(connectionId: string | undefined): boolean {
    return (this.services.context.workspaceState.get<string[]>(SELF_SIGNED_KEY) ?? []).includes(connectionId ?? '');
  }

  private async setAllowSelfSigned(connectionId: string | undefined, allow: boolean): Promise<void> {
    const key = connectionId ?? '';
    const list = (this.services.context.workspaceState.get<string[]>(SELF_SIGNED_KEY) ?? []).filter((id) => id !== key);
    if (allow) list.push(key);
    await this.services.context.workspaceState.update(SELF_SIGNED_KEY, list);
    this.post({ type: 'selfSigned', allowed: allow });
  }

  private async loadModel(): Promise<FormModel> {
    const { swagger } = await loadDefinition(this.uri);
    const model = buildFormModel(swagger, this.operationId);
    if (!model) throw new Error(`Operation ${this.operationId} is not in ${vscode.workspace.asRelativePath(this.uri)} any more.`);
    model.settingHostOverride = settingHostOverride(this.uri, swagger);
    return model;
  }

  private scheduleFormRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.loadModel().then(
        (model) => {
          this.model = model;
          this.post({ type: 'form', form: model });
          void this.triggers.refresh();
        },
        () => undefined, // a half-typed definition: keep the last good form
      );
    }, 400);
  }

  /** The single entry for webview messages; tests call it with the same messages. */
  async handleMessage(message: WebviewToHost): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          await this.onReady();
          this.readied.fire({ restoredRunId: message.restoredRunId });
          return;
        case 'send':
          await this.send(message);
          return;
        case 'cancel':
          this.inflight?.abort();
          return;
        case 'loadDynamicValues':
          return await this.loadDynamicValues(message.key, message.values, message.connectionId, message.hostOverride);
        case 'checkBody':
          return await this.checkBody(message.bodyText);
        case 'updateSchema':
          await this.updateResponseSchema();
          return;
        case 'copyCurl':
          return await this.copyCurl(message.redacted);
        case 'rerun':
          return await this.rerun(message.id);
        case 'compare':
          return await this.compare(message.ids);
        case 'clearHistory':
          await this.services.context.workspaceState.update(this.historyStateKey, undefined);
          this.post({ type: 'history', entries: [] });
          return;
        case 'selectConnection':
          this.connectionId = message.connectionId;
          this.post({ type: 'selfSigned', allowed: this.allowSelfSigned(this.connectionId) });
          return;
        case 'allowSelfSigned':
          await this.setAllowSelfSigned(message.connectionId ?? this.connectionId, message.allow);
          return;
        case 'manageConnections':
          await vscode.commands.executeCommand('connectorStudio.connections.focus');
          return;
        case 'startPolling':
          return await this.triggers.startPolling(message);
        case 'stopPolling':
          return this.triggers.stopPolling();
        case 'subscribe':
          return await this.triggers.subscribe(message);
        case 'unsubscribe':
          return await this.triggers.unsubscribe();
        case 'waitNotification':
          return await this.triggers.waitNotification();
      }
    } catch (error) {
      this.post({ type: 'notice', level: 'error', message: redactText(error instanceof Error ? error.message : String(error)) });
    }
  }

  private async onReady(): Promise<void> {
    let model: FormModel;
    try {
      model = await this.loadModel();
    } catch (error) {
      this.post({ type: 'notice', level: 'error', message: (error as Error).message });
      return;
    }
    this.model = model;
    const connections = this.connections();
    if (this.connectionId && !connections.some((c) => c.id === this.connectionId)) this.connectionId = undefined;
    this.connectionId ??= connections[0]?.id;
    this.post({
      type: 'init',
      form: model,
      connections,
      connectionId: this.connectionId,
      history: summarize(this.history()),
      timeoutMs: this.timeoutMs(),
    });
    this.post({ type: 'selfSigned', allowed: this.allowSelfSigned(this.connectionId) });
    await this.triggers.refresh();
    this.triggers.replay();
    this.resolveReady();
  }

  private timeoutMs(): number {
    const value = vscode.workspace.getConfiguration('connectorStudio.testOperation').get<number>('timeoutMs', 30_000);
    return Number.isFinite(value) && value > 0 ? value : 30_000;
  }

  private async resolveConnection(id: string | undefined): Promise<{ connection?: RunConnection; record?: ConnectionRecord }> {
    if (!id) return {};
    const svc = this.services.connections;
    const record = svc.get(id);
    if (!record) throw new Error('The selected connection no longer exists.');
    const decorations = await svc.resolve(id);
    const parameters = await svc.store.getValues(id);
    return { record, connection: { decorations, parameters, secretParameterNames: record.secretParameterNames } };
  }

  /** Sends the operation with the entered values; returns the result also posted to the webview. */
  async send(payload: SendPayload): Promise<RunResult> {
    const runId = ++this.runId;
    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    this.post({ type: 'sending', runId });
    if (payload.connectionId !== undefined) this.connectionId = payload.connectionId || undefined;
    let result: RunResult;
    let entrySecrets: string[] = [];
    let record: ConnectionRecord | undefined;
    let output: Awaited<ReturnType<typeof runOperation>> | undefined;
    try {
      const { swagger } = await loadDefinition(this.uri);
      const model = buildFormModel(swagger, this.operationId);
      if (!model) throw new Error(`Operation ${this.operationId} is not in the definition any more.`);
      model.settingHostOverride = settingHostOverride(this.uri, swagger);
      this.model = model;
      let resolved: Awaited<ReturnType<TestOperationPanel['resolveConnection']>>;
      try {
        resolved = await this.resolveConnection(payload.connectionId ?? this.connectionId);
      } catch (error) {
        result = { ok: false, runId, stage: 'connection', kind: 'connection', message: `The connection could not be used: ${(error as Error).message}` };
        return this.finish(result, payload, [], undefined, undefined);
      }
      record = resolved.record;
      output = await runOperation({
        runId,
        document: swagger,
        operationRef: this.operationId,
        model,
        raw: payload.values,
        bodyText: payload.bodyText,
        // The host field wins; else the setting's entry for the definition's host.
        hostOverride: payload.hostOverride?.trim() || model.settingHostOverride,
        policies: await loadPolicies(this.uri),
        connection: resolved.connection,
        timeoutMs: this.timeoutMs(),
        signal: controller.signal,
        allowSelfSigned: this.allowSelfSigned(record?.id),
      });
      result = output.result;
      entrySecrets = output.secretValues;
      if (output.result.ok) {
        this.lastRun = { status: output.result.response.status, statusText: output.result.response.statusText, json: output.json, sent: output.sent };
      } else this.lastRun = output.sent ? { status: 0, statusText: '', sent: output.sent } : undefined;
    } catch (error) {
      result = { ok: false, runId, stage: 'build', kind: 'unexpected', message: (error as Error).message };
    } finally {
      if (this.inflight === controller) this.inflight = undefined;
    }
    return this.finish(result, payload, entrySecrets, record, output?.bodyText);
  }

  /** The trigger request built from the form as a Send would build it (connection, policies). */
  private async prepareTrigger(payload: SendPayload): Promise<{ ok: true; prepared: PreparedTriggerRequest } | { ok: false; message: string }> {
    if (payload.connectionId !== undefined) this.connectionId = payload.connectionId || undefined;
    try {
      const model = await this.loadModel();
      this.model = model;
      const { swagger } = await loadDefinition(this.uri);
      const { record, connection } = await this.resolveConnection(payload.connectionId ?? this.connectionId);
      const prepared = await prepareRequest({
        // Not a Send: the run counter stays, so a Send in flight still shows its result.
        runId: this.runId,
        document: swagger,
        operationRef: this.operationId,
        model,
        raw: payload.values,
        bodyText: payload.bodyText,
        hostOverride: payload.hostOverride?.trim() || model.settingHostOverride,
        policies: await loadPolicies(this.uri),
        connection,
        timeoutMs: this.timeoutMs(),
      });
      if (!prepared.ok) {
        const r = prepared.output.result;
        return { ok: false, message: r.ok ? 'unexpected' : redactText(r.message) };
      }
      return { ok: true, prepared: { request: prepared.request, secretValues: prepared.secretValues, allowSelfSigned: this.allowSelfSigned(record?.id), timeoutMs: this.timeoutMs() } };
    } catch (error) {
      return { ok: false, message: redactText((error as Error).message) };
    }
  }

  /** A trigger run (poll, subscribe, notification, unsubscribe) in the history, secrets scrubbed. */
  private async recordTrigger(run: TriggerRun): Promise<void> {
    if (!this.model) return;
    const record = this.connectionId ? this.services.connections.get(this.connectionId) : undefined;
    const entry = makeHistoryEntry({
      id: randomUUID(),
      at: Date.now(),
      model: this.model,
      values: run.values,
      bodyText: run.bodyText,
      connectionId: record?.id,
      connectionName: record?.name,
      ok: run.ok,
      outcome: run.outcome,
      requestLine: run.requestLine,
      status: run.status,
      responseHeaders: run.responseHeaders,
      responseBody: run.responseBody,
      secretValues: run.secretValues,
    });
    // One write at a time: a notification may arrive while a poll is being recorded.
    const write = this.historyWrites.then(async () => {
      const next = pushHistory(this.history(), entry);
      await this.services.context.workspaceState.update(this.historyStateKey, next);
      return next;
    });
    this.historyWrites = write.then(() => undefined, () => undefined);
    const next = await write;
    if (TestOperationPanel.open.get(TestOperationPanel.key(this.uri, this.operationId)) === this) this.post({ type: 'history', entries: summarize(next) });
  }

  private async finish(result: RunResult, payload: SendPayload, secrets: string[], record: ConnectionRecord | undefined, bodyText: string | undefined): Promise<RunResult> {
    // A newer run replaced this one: its result is stale.
    if (result.runId !== this.runId) return result;
    this.lastResult = result;
    this.post({ type: 'result', result });
    if (this.model && (result.ok || result.stage !== 'form')) {
      const outcome = result.ok
        ? `${result.response.status} ${result.response.statusText} · ${result.response.timeMs} ms`
        : `${result.kind}${result.stage === 'send' ? '' : ` (${result.stage})`}`;
      const entry = makeHistoryEntry({
        id: randomUUID(),
        at: Date.now(),
        model: this.model,
        values: payload.values,
        bodyText: payload.bodyText,
        connectionId: record?.id,
        connectionName: record?.name,
        hostOverride: payload.hostOverride,
        ok: result.ok && result.response.status < 400,
        outcome,
        requestLine: result.request ? `${result.request.method} ${result.request.url}` : undefined,
        status: result.ok ? result.response.status : undefined,
        responseHeaders: result.ok ? result.response.headers : undefined,
        responseBody: bodyText,
        secretValues: secrets,
      });
      const next = pushHistory(this.history(), entry);
      await this.services.context.workspaceState.update(this.historyStateKey, next);
      this.post({ type: 'history', entries: summarize(next) });
    }
    return result;
  }

  private async loadDynamicValues(key: string, raw: Record<string, string>, connectionId: string | undefined, hostOverride: string | undefined): Promise<void> {
    const field = this.model?.fields.find((f) => f.key === key);
    if (!field?.dynamic || !this.model) {
      this.post({ type: 'dynamicValues', key, error: 'This parameter has no dynamic values.' });
      return;
    }
    const spec = field.dynamic;
    try {
      const { swagger } = await loadDefinition(this.uri);
      let request = buildRequest(swagger, spec.operationId, dynamicCallValues(spec, this.model, raw), { hostOverride: hostOverride?.trim() || settingHostOverride(this.uri, swagger) });
      const { connection } = await this.resolveConnection(connectionId ?? this.connectionId);
      if (connection) request = applyDecorations(request, connection.decorations);
      const policy = await applyPolicies(request, await loadPolicies(this.uri), {
        operationId: spec.operationId,
        connectionParameters: connection?.parameters ?? {},
        secretConnectionParameters: connection?.secretParameterNames ?? [],
      });
      const failed = policy.outcomes.find((o) => o.status === 'failed');
      if (failed) throw new Error(`policy ${failed.title ?? failed.templateId}: ${failed.message}`);
      const sent = await sendRequest(policy.request, { timeoutMs: this.timeoutMs(), allowSelfSigned: this.allowSelfSigned(connectionId ?? this.connectionId) });
      if (!sent.ok) throw new Error(sent.error.message);
      const { status, statusText, body } = sent.response;
      if (status >= 400) throw new Error(`${spec.operationId} answered ${status} ${statusText}`);
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(body));
      } catch {
        throw new Error(`${spec.operationId} did not answer JSON`);
      }
      this.post({ type: 'dynamicValues', key, options: dynamicOptions(spec, json) });
    } catch (error) {
      this.post({ type: 'dynamicValues', key, error: `Could not load the values from ${spec.operationId}: ${(error as Error).message}` });
    }
  }

  private async checkBody(bodyText: string): Promise<void> {
    const problems: string[] = [];
    if (bodyText.trim() !== '') {
      let value: unknown;
      try {
        value = JSON.parse(bodyText);
      } catch (error) {
        this.post({ type: 'bodyCheck', problems: [`Not valid JSON: ${(error as Error).message}`] });
        return;
      }
      const { swagger } = await loadDefinition(this.uri);
      const located = findOperation(swagger, this.operationId);
      const bodyParam = located ? operationParameters(swagger, located).find((p) => p.in === 'body') : undefined;
      if (bodyParam?.schema) {
        try {
          const schema = deref<SwaggerSchema>(swagger, bodyParam.schema);
          for (const m of checkValueAgainstSchema(swagger, schema, value)) problems.push(`${m.path}: ${m.message}`);
        } catch (error) {
          problems.push(`The body schema cannot be checked: ${(error as Error).message}`);
        }
      }
    }
    this.post({ type: 'bodyCheck', problems });
  }

  /**
   * Infers a schema from the last JSON response and writes it into the definition as one
   * undoable edit, after a diff preview and a confirmation. Returns true when applied.
   */
  async updateResponseSchema(confirm?: Confirm): Promise<boolean> {
    const run = this.lastRun;
    if (!run?.json) {
      this.post({ type: 'notice', level: 'error', message: 'Send a request that returns a JSON body first.' });
      return false;
    }
    const { document, swagger, isJson } = await loadDefinition(this.uri);
    if (!isJson) {
      this.post({ type: 'notice', level: 'error', message: 'Updating the schema is supported for JSON definitions only.' });
      return false;
    }
    const text = document.getText();
    const update = computeSchemaUpdate(text, swagger, this.operationId, run.status, run.statusText, inferSchema(run.json.value));
    if (update.newText === text) {
      this.post({ type: 'notice', level: 'info', message: `The schema at ${update.label} already matches this response.` });
      return false;
    }
    const previewUri = this.docs.set(`preview/${this.operationId}/${document.uri.path.split('/').pop() ?? 'definition.json'}`, update.newText);
    const ask: Confirm =
      confirm ??
      (async (label) => {
        await vscode.commands.executeCommand('vscode.diff', document.uri, previewUri, `${label} (preview of the schema update)`, { preview: true, viewColumn: vscode.ViewColumn.One });
        const answer = await vscode.window.showInformationMessage(`Replace the schema at ${label} with one inferred from this response?`, { modal: true, detail: 'The change is one edit you can undo.' }, 'Apply');
        return answer === 'Apply';
      });
    let ok = false;
    try {
      ok = await ask(update.label);
    } finally {
      await this.closePreview(previewUri);
    }
    if (!ok) return false;
    if (document.getText() !== text) {
      this.post({ type: 'notice', level: 'error', message: 'The definition changed while the preview was open; nothing was written. Try again.' });
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of update.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) {
      this.post({ type: 'notice', level: 'error', message: 'VS Code refused the edit; the definition is unchanged.' });
      return false;
    }
    await document.save();
    this.post({ type: 'notice', level: 'info', message: `Updated the schema at ${update.label} (Undo in the editor reverts it).` });
    return true;
  }

  private async closePreview(previewUri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === previewUri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  private async copyCurl(redacted: boolean): Promise<void> {
    const sent = this.lastRun?.sent;
    if (!sent) {
      this.post({ type: 'notice', level: 'error', message: 'Send a request first.' });
      return;
    }
    if (!redacted) {
      const answer = await vscode.window.showWarningMessage('Copy the cURL command WITH secrets (API keys, tokens) to the clipboard?', { modal: true }, 'Copy with secrets');
      if (answer !== 'Copy with secrets') return;
    }
    await vscode.env.clipboard.writeText(toCurl(sent, { redact: redacted }));
    this.post({ type: 'notice', level: 'info', message: redacted ? 'Copied as cURL (secrets redacted).' : 'Copied as cURL, including secrets.' });
  }

  private async rerun(id: string): Promise<void> {
    const entry = this.history().find((e) => e.id === id);
    if (!entry) return;
    const connectionId = entry.connectionId && this.services.connections.get(entry.connectionId) ? entry.connectionId : this.connectionId;
    this.post({ type: 'fill', values: entry.values, bodyText: entry.bodyText, connectionId, hostOverride: entry.hostOverride });
    await this.send({ values: entry.values, bodyText: entry.bodyText, connectionId, hostOverride: entry.hostOverride });
  }

  private async compare(ids: [string, string]): Promise<void> {
    const entries = this.history();
    const [a, b] = ids.map((id) => entries.find((e) => e.id === id));
    if (!a || !b) return;
    const [older, newer] = a.at <= b.at ? [a, b] : [b, a];
    const left = this.docs.set(`history/${this.operationId}/${older.id}.md`, compareText(older));
    const right = this.docs.set(`history/${this.operationId}/${newer.id}.md`, compareText(newer));
    await vscode.commands.executeCommand('vscode.diff', left, right, `${this.operationId}: ${new Date(older.at).toLocaleTimeString()} ↔ ${new Date(newer.at).toLocaleTimeString()}`);
  }

  dispose(): void {
    TestOperationPanel.open.delete(TestOperationPanel.key(this.uri, this.operationId));
    this.triggers.dispose();
    this.inflight?.abort();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
