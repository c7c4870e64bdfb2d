/**
 * The Test panel of an MCP operation (x-ms-agentic-protocol): connect through the chosen connection
 * (its credentials, the connector's policy templates, the host override), run initialize, list tools
 * and resources, name Copilot Studio's constraint violations (tool + JSON pointer), build a form from
 * a tool's input schema, call it and show the result. The JSON-RPC exchange goes into the run
 * history redacted. The session runs in the extension host (shared/src/mcp, the official SDK); the
 * webview only renders what it is posted (never a secret) and sends back clicks and typed values.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { AGENTIC_PROTOCOL_KEY, checkToolConstraints, DEFAULT_MAX_MCP_TOOLS, McpSession, readToolArguments, toolFormFields, type McpConnection, type McpExchange, type McpFault, type McpToolInfo } from '../../../shared/src/mcp';
import { scrubSecretValues } from '../../../shared/src/request/redact';
import { findOperation } from '../../../shared/src/request/swagger';
import type { ExtensionServices } from '../services';
import { KIND_LABELS } from '../connections/treeItems';
import { folderOf, loadDefinition, loadPolicies, settingHostOverride } from '../testOperation/definitionSource';
import { historyEntry, HISTORY_LIMIT, type McpHistoryEntry } from './history';
import { mcpPanelHtml } from './html';

type FromWebview =
  | { type: 'ready' }
  | { type: 'connect'; connectionId?: string }
  | { type: 'call'; tool: string; values: Record<string, string> }
  | { type: 'openConnections' };

export class McpPanel {
  private static readonly panels = new Map<string, McpPanel>();
  private session: McpSession | undefined;
  private tools: McpToolInfo[] = [];
  private secrets: string[] = [];
  private connectionId: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(services: ExtensionServices, uri: vscode.Uri, operationId: string, connectionId?: string): McpPanel {
    const key = `${uri.toString()}#${operationId}`;
    const existing = McpPanel.panels.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const created = new McpPanel(services, uri, operationId, connectionId);
    McpPanel.panels.set(key, created);
    created.disposables.push({ dispose: () => McpPanel.panels.delete(key) });
    return created;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    private readonly services: ExtensionServices,
    private readonly uri: vscode.Uri,
    private readonly operationId: string,
    connectionId: string | undefined,
  ) {
    this.connectionId = connectionId;
    this.panel = vscode.window.createWebviewPanel('connectorStudio.testMcp', `MCP: ${operationId}`, vscode.ViewColumn.Beside, { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [] });
    this.panel.webview.html = mcpPanelHtml(this.panel.webview.cspSource, randomBytes(16).toString('base64'), operationId);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
      this.services.connections.onDidChange(() => void this.postInit()),
    );
    this.panel.onDidDispose(() => this.dispose());
  }

  private get historyKey(): string {
    return `connectorStudio.mcp.history:${this.uri.toString()}#${this.operationId}`;
  }

  private post(message: Record<string, unknown>): void {
    void this.panel.webview.postMessage(message);
  }

  private connectionList() {
    const svc = this.services.connections;
    return svc.list(folderOf(this.uri)).map((r) => ({ id: r.id, name: r.name, detail: `${KIND_LABELS[r.kind]} · ${svc.statusOf(r)}` }));
  }

  private async postInit(): Promise<void> {
    const connections = this.connectionList();
    if (this.connectionId && !connections.some((c) => c.id === this.connectionId)) this.connectionId = undefined;
    this.connectionId ??= connections[0]?.id;
    let endpoint = '';
    let protocol: unknown;
    try {
      const { swagger } = await loadDefinition(this.uri);
      const op = findOperation(swagger, this.operationId);
      protocol = op?.operation[AGENTIC_PROTOCOL_KEY];
      const host = settingHostOverride(this.uri, swagger);
      endpoint = `${op?.method.toUpperCase() ?? ''} ${host ?? `${swagger.schemes?.[0] ?? 'https'}://${swagger.host ?? ''}`}${(swagger.basePath ?? '').replace(/\/$/, '')}${op?.path ?? ''}`;
    } catch (e) {
      endpoint = `(${(e as Error).message})`;
    }
    this.post({ type: 'init', operationId: this.operationId, endpoint, protocol: typeof protocol === 'string' ? protocol : JSON.stringify(protocol), connections, connectionId: this.connectionId, maxTools: this.maxTools(), history: this.history().length });
  }

  private maxTools(): number {
    const v = vscode.workspace.getConfiguration('connectorStudio.mcp', this.uri).get<number>('maxTools', DEFAULT_MAX_MCP_TOOLS);
    return Number.isInteger(v) && v > 0 ? v : DEFAULT_MAX_MCP_TOOLS;
  }

  private history(): McpHistoryEntry[] {
    return this.services.context.workspaceState.get<McpHistoryEntry[]>(this.historyKey) ?? [];
  }

  private async remember(entry: McpHistoryEntry): Promise<void> {
    const list = [historyEntry(entry, this.secrets), ...this.history()].slice(0, HISTORY_LIMIT);
    await this.services.context.workspaceState.update(this.historyKey, list);
    this.post({ type: 'history', count: list.length });
  }

  private async onMessage(m: FromWebview): Promise<void> {
    try {
      if (m.type === 'ready') return await this.postInit();
      if (m.type === 'openConnections') return void vscode.commands.executeCommand('connectorStudio.connections.focus');
      if (m.type === 'connect') return await this.connect(m.connectionId || undefined);
      if (m.type === 'call') return await this.call(m.tool, m.values ?? {});
    } catch (e) {
      this.post({ type: 'fault', fault: { kind: 'protocol', message: scrubSecretValues((e as Error).message, this.secrets) }, exchanges: [] });
    }
  }

  private async resolveConnection(id: string | undefined, forceRefresh = false): Promise<{ connection?: McpConnection; name?: string; oauth?: boolean }> {
    if (!id) return {};
    const svc = this.services.connections;
    const record = svc.get(id);
    if (!record) throw new Error('The selected connection no longer exists.');
    const decorations = await svc.resolve(id, { forceRefresh });
    const parameters = await svc.store.getValues(id);
    return { name: record.name, oauth: record.kind.startsWith('oauth2'), connection: { decorations, parameters, secretParameterNames: record.secretParameterNames } };
  }

  async connect(connectionId: string | undefined): Promise<void> {
    this.connectionId = connectionId;
    await this.session?.close();
    this.session = undefined;
    this.post({ type: 'connecting' });
    const { swagger } = await loadDefinition(this.uri);
    const timeout = vscode.workspace.getConfiguration('connectorStudio.testOperation', this.uri).get<number>('timeoutMs', 30_000);
    const policies = await loadPolicies(this.uri);
    const open = async (forceRefresh: boolean) => {
      const resolved = await this.resolveConnection(connectionId, forceRefresh);
      const c = resolved.connection;
      this.secrets = [
        ...this.secrets,
        ...Object.values(c?.decorations.headers ?? {}),
        ...Object.values(c?.decorations.query ?? {}),
        ...(c?.secretParameterNames ?? []).map((n) => c?.parameters[n] ?? ''),
      ].filter((v) => v.length >= 4);
      const result = await McpSession.open({
        document: swagger,
        operationRef: this.operationId,
        hostOverride: settingHostOverride(this.uri, swagger),
        policies,
        connection: c,
        requestTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 30_000,
      });
      return { ...resolved, opened: result };
    };
    this.secrets = [];
    let attempt = await open(false);
    // An OAuth token the server refuses (401): refresh it once and retry, as any Test request does.
    if (!attempt.opened.ok && attempt.oauth && attempt.opened.fault.kind === 'auth' && attempt.opened.fault.status === 401) attempt = await open(true);
    const { name, opened } = attempt;
    if (!opened.ok) {
      this.post({ type: 'fault', fault: opened.fault, exchanges: this.safe(opened.exchanges) });
      await this.remember({ at: Date.now(), connectionName: name, ok: false, outcome: `${opened.fault.kind}: ${opened.fault.message}`, exchanges: opened.exchanges });
      return;
    }
    const session = opened.session;
    this.session = session;
    const tools = await session.listTools();
    const resources = await session.listResources();
    if (!tools.ok) {
      this.post({ type: 'fault', fault: tools.fault, exchanges: this.safe(session.exchanges) });
      await this.remember({ at: Date.now(), connectionName: name, ok: false, outcome: `${tools.fault.kind}: ${tools.fault.message}`, exchanges: session.exchanges });
      return;
    }
    this.tools = tools.value;
    const violations = checkToolConstraints(this.tools, { maxTools: this.maxTools() });
    this.post({
      type: 'connected',
      server: session.server,
      tools: this.tools.map((t) => ({ name: t.name, description: t.description ?? '', fields: toolFormFields(t.inputSchema), schemaText: JSON.stringify(t.inputSchema, null, 2).slice(0, 20_000), violations: violations.filter((v) => v.tool === t.name) })),
      serverViolations: violations.filter((v) => !v.tool),
      violationCount: violations.length,
      resources: resources.ok ? resources.value : [],
      resourcesFault: resources.ok ? undefined : resources.fault,
      exchanges: this.safe(session.exchanges),
    });
    await this.remember({ at: Date.now(), connectionName: name, ok: true, outcome: `initialize + tools/list: ${this.tools.length} tools, ${violations.length} constraint violations`, exchanges: session.exchanges });
  }

  async call(tool: string, values: Record<string, string>): Promise<void> {
    const session = this.session;
    const info = this.tools.find((t) => t.name === tool);
    if (!session || !info) {
      this.post({ type: 'callResult', tool, ok: false, fault: { kind: 'protocol', message: 'Connect first.' } satisfies McpFault, exchanges: [] });
      return;
    }
    const { args, problems } = readToolArguments(toolFormFields(info.inputSchema), values);
    if (problems.length) {
      this.post({ type: 'callResult', tool, ok: false, fault: { kind: 'protocol', message: problems.join(' ') }, exchanges: this.safe(session.exchanges) });
      return;
    }
    const before = session.exchanges.length;
    const r = await session.callTool(tool, args);
    const exchanges = session.exchanges.slice(before);
    if (r.ok) {
      this.post({ type: 'callResult', tool, ok: !r.value.isError, isError: r.value.isError, text: r.value.text, structured: r.value.structuredContent === undefined ? undefined : JSON.stringify(r.value.structuredContent, null, 2).slice(0, 100_000), exchanges: this.safe(session.exchanges) });
    } else {
      this.post({ type: 'callResult', tool, ok: false, fault: r.fault, exchanges: this.safe(session.exchanges) });
    }
    await this.remember({ at: Date.now(), connectionName: this.connectionId ? this.services.connections.get(this.connectionId)?.name : undefined, ok: r.ok && !r.value.isError, outcome: `tools/call ${tool}: ${r.ok ? (r.value.isError ? 'tool error' : 'ok') : r.fault.message}`, exchanges });
  }

  /** Exchanges as posted to the webview: already redacted by the sender; scrubbed again, bounded. */
  private safe(exchanges: McpExchange[]): McpExchange[] {
    return historyEntry({ at: 0, ok: true, outcome: '', exchanges }, this.secrets).exchanges;
  }

  dispose(): void {
    void this.session?.close();
    this.session = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
