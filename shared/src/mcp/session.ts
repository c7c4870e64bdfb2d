/**
 * An MCP session through a connector's MCP operation, with the official SDK's client and its
 * streamable-HTTP transport; every HTTP exchange goes through createConnectorFetch (connection,
 * policies, our sender). Faults are named (see McpFaultKind); the SSE-only server is recognised by a
 * probe after the POST fails. Used by the Test panel (client) and `connector-studio mcp` (CLI).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { scrubSecretValues } from '../request/redact';
import { createConnectorFetch, type ConnectorFetch, type McpExchange, type McpFault, type McpTarget } from './connectorFetch';

export interface McpToolInfo {
  name: string;
  title?: string;
  description?: string;
  inputSchema: unknown;
  outputSchema?: unknown;
}

export interface McpResourceInfo {
  uri: string;
  name: string;
  description?: string;
  mimeType?: string;
}

export interface McpServerInfo {
  name?: string;
  version?: string;
  protocolVersion?: string;
  instructions?: string;
  capabilities: string[];
}

export interface McpToolResult {
  isError: boolean;
  /** Text parts joined (other parts summarised, e.g. "[image image/png, 1200 bytes]"). */
  text: string;
  structuredContent?: unknown;
  /** The result as received (content array included), bounded. */
  raw: unknown;
}

/** Pages of tools/list and resources/list read at most (each page is bounded by the response cap). */
const MAX_PAGES = 20;

export class McpSession {
  private constructor(
    private readonly client: Client,
    private readonly wire: ConnectorFetch,
    readonly server: McpServerInfo,
    private readonly requestTimeoutMs: number,
  ) {}

  get exchanges(): McpExchange[] {
    return this.wire.exchanges;
  }

  /** Connects and runs initialize. Never throws: a fault is named. */
  static async open(target: McpTarget): Promise<{ ok: true; session: McpSession } | { ok: false; fault: McpFault; exchanges: McpExchange[] }> {
    const wire = createConnectorFetch(target);
    const endpoint = wire.endpoint() || 'http://connector.invalid/mcp';
    const transport = new StreamableHTTPClientTransport(new URL(endpoint), { fetch: wire.fetch as never, redirectPolicy: 'follow' });
    const client = new Client({ name: 'connector-studio', version: '0.1.0' }, { capabilities: {} });
    const initializeTimeoutMs = target.initializeTimeoutMs ?? 10_000;
    try {
      await client.connect(transport, { timeout: initializeTimeoutMs + 1_000, signal: target.signal });
    } catch (error) {
      await client.close().catch(() => undefined);
      const fault = wire.fault() ?? (await classifyConnectError(error, wire, initializeTimeoutMs));
      if (fault.kind === 'http' || fault.kind === 'protocol') {
        const sse = await sseOnly(wire, Math.min(initializeTimeoutMs, 3_000));
        if (sse) return { ok: false, fault: sse, exchanges: wire.exchanges };
      }
      return { ok: false, fault: { ...fault, message: scrubSecretValues(fault.message, wire.secretValues()) }, exchanges: wire.exchanges };
    }
    const version = client.getServerVersion();
    const caps = client.getServerCapabilities() ?? {};
    const server: McpServerInfo = {
      name: version?.name,
      version: version?.version,
      protocolVersion: (transport as unknown as { protocolVersion?: string }).protocolVersion,
      instructions: client.getInstructions(),
      capabilities: Object.keys(caps).sort(),
    };
    return { ok: true, session: new McpSession(client, wire, server, target.requestTimeoutMs ?? 30_000) };
  }

  private async guard<T>(what: string, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; fault: McpFault }> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const f = this.wire.fault() ?? { kind: 'protocol' as const, message: `${what} failed: ${(error as Error).message}` };
      return { ok: false, fault: { ...f, message: scrubSecretValues(f.message, this.wire.secretValues()) } };
    }
  }

  async listTools() {
    return this.guard('tools/list', async () => {
      const tools: McpToolInfo[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = await this.client.listTools(cursor ? { cursor } : {}, { timeout: this.requestTimeoutMs });
        for (const t of r.tools) tools.push({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema });
        cursor = r.nextCursor;
        if (!cursor) break;
      }
      return tools;
    });
  }

  async listResources() {
    if (!this.server.capabilities.includes('resources')) return { ok: true as const, value: [] as McpResourceInfo[] };
    return this.guard('resources/list', async () => {
      const out: McpResourceInfo[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = await this.client.listResources(cursor ? { cursor } : {}, { timeout: this.requestTimeoutMs });
        for (const x of r.resources) out.push({ uri: x.uri, name: x.name, description: x.description, mimeType: x.mimeType });
        cursor = r.nextCursor;
        if (!cursor) break;
      }
      return out;
    });
  }

  async callTool(name: string, args: Record<string, unknown>) {
    return this.guard(`tools/call ${name}`, async (): Promise<McpToolResult> => {
      const r = await this.client.callTool({ name, arguments: args }, undefined, { timeout: this.requestTimeoutMs });
      const content = Array.isArray(r.content) ? (r.content as Array<Record<string, unknown>>) : [];
      const parts = content.map((c) => {
        if (c.type === 'text') return String(c.text ?? '');
        if (c.type === 'image' || c.type === 'audio') return `[${String(c.type)} ${String(c.mimeType ?? '')}, ${String(c.data ?? '').length} base64 characters]`;
        if (c.type === 'resource_link') return `[resource link ${String(c.uri ?? '')}]`;
        if (c.type === 'resource') return `[resource ${String((c.resource as { uri?: unknown } | undefined)?.uri ?? '')}]`;
        return `[${String(c.type)}]`;
      });
      const secrets = this.wire.secretValues();
      return { isError: r.isError === true, text: scrubSecretValues(parts.join('\n'), secrets), structuredContent: r.structuredContent, raw: r };
    });
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }
}

async function classifyConnectError(error: unknown, wire: ConnectorFetch, initializeTimeoutMs: number): Promise<McpFault> {
  const message = (error as Error)?.message ?? String(error);
  const code = (error as { code?: unknown }).code;
  // The SDK's own request timeout (McpError RequestTimeout, -32001) fired before our sender's deadline.
  if (code === -32001 || /timed? ?out/i.test(message)) {
    return { kind: 'initialize-timeout', message: `The server did not answer initialize within ${initializeTimeoutMs} ms.` };
  }
  const status = /Error POSTing to endpoint/.test(message) ? (error as { code?: number }).code : undefined;
  if (typeof status === 'number' && status >= 300) return { kind: 'http', status, message: `HTTP ${status} to initialize: ${message.slice(0, 300)}` };
  void wire;
  return { kind: 'protocol', message: `initialize failed: ${message.slice(0, 300)}` };
}

/** After a failed POST: does a GET open an old-style SSE stream (an `endpoint` event)? Then the server speaks only the retired HTTP+SSE transport. */
async function sseOnly(wire: ConnectorFetch, timeoutMs: number): Promise<McpFault | undefined> {
  const probe = await wire.probeSse(timeoutMs);
  const isSse = (probe.contentType ?? '').toLowerCase().startsWith('text/event-stream');
  if (probe.status === 200 && isSse) {
    return {
      kind: 'sse-only',
      status: probe.status,
      message: 'The server speaks only the retired HTTP+SSE transport (a GET opens an event stream; POST to the operation is refused). Copilot Studio no longer supports SSE: move the server to streamable HTTP (one POST endpoint answering JSON or an SSE stream per request).',
    };
  }
  return undefined;
}
