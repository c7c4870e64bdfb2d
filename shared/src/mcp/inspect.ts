/**
 * One MCP check run, the same for the Test panel and `connector-studio mcp`: open a session through
 * the connector's MCP operation, list tools and resources, check the tools against Copilot Studio's
 * constraints, and optionally call one tool. Never throws; the first fault is named.
 */
import { AGENTIC_PROTOCOL_KEY, isMcpOperation } from './agenticProtocol';
import type { McpExchange, McpFault, McpTarget } from './connectorFetch';
import { checkToolConstraints, type McpConstraintViolation } from './constraints';
import { McpSession, type McpResourceInfo, type McpServerInfo, type McpToolInfo, type McpToolResult } from './session';

export interface McpOperationRef {
  operationId?: string;
  path: string;
  method: string;
  protocol: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/** The operations of a definition that carry x-ms-agentic-protocol (bounded by the document). */
export function findMcpOperations(document: unknown): McpOperationRef[] {
  const out: McpOperationRef[] = [];
  const paths = isObject(document) ? document.paths : undefined;
  if (!isObject(paths)) return out;
  for (const [p, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!isMcpOperation(op)) continue;
      const o = op as Record<string, unknown>;
      out.push({ operationId: typeof o.operationId === 'string' ? o.operationId : undefined, path: p, method: m, protocol: o[AGENTIC_PROTOCOL_KEY] });
    }
  }
  return out;
}

export interface McpInspection {
  ok: boolean;
  server?: McpServerInfo;
  tools: McpToolInfo[];
  resources: McpResourceInfo[];
  violations: McpConstraintViolation[];
  call?: { tool: string; ok: boolean; result?: McpToolResult; fault?: McpFault };
  fault?: McpFault;
  exchanges: McpExchange[];
  timeMs: number;
}

export interface InspectOptions {
  maxTools?: number;
  call?: { tool: string; args: Record<string, unknown> };
}

export async function inspectMcpServer(target: McpTarget, options: InspectOptions = {}): Promise<McpInspection> {
  const started = Date.now();
  const done = (r: Omit<McpInspection, 'timeMs'>): McpInspection => ({ ...r, timeMs: Date.now() - started });
  const opened = await McpSession.open(target);
  if (!opened.ok) return done({ ok: false, tools: [], resources: [], violations: [], fault: opened.fault, exchanges: opened.exchanges });
  const session = opened.session;
  try {
    const tools = await session.listTools();
    if (!tools.ok) return done({ ok: false, server: session.server, tools: [], resources: [], violations: [], fault: tools.fault, exchanges: session.exchanges });
    const resources = await session.listResources();
    const violations = checkToolConstraints(tools.value, { maxTools: options.maxTools });
    let call: McpInspection['call'];
    if (options.call) {
      const known = tools.value.some((t) => t.name === options.call!.tool);
      if (!known) call = { tool: options.call.tool, ok: false, fault: { kind: 'protocol', message: `The server has no tool "${options.call.tool}" (it offers ${tools.value.map((t) => t.name).join(', ') || 'none'}).` } };
      else {
        const r = await session.callTool(options.call.tool, options.call.args);
        call = r.ok ? { tool: options.call.tool, ok: !r.value.isError, result: r.value } : { tool: options.call.tool, ok: false, fault: r.fault };
      }
    }
    return done({
      ok: resources.ok,
      server: session.server,
      tools: tools.value,
      resources: resources.ok ? resources.value : [],
      violations,
      call,
      fault: resources.ok ? undefined : resources.fault,
      exchanges: session.exchanges,
    });
  } finally {
    await session.close();
  }
}
