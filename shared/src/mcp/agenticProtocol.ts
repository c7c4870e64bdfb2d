// The x-ms-agentic-protocol extension (Copilot Studio MCP connectors, 2025): one vocabulary for the
// engine's rules and completion, the client's Test panel and the CLI. Pure data, no imports.

export const AGENTIC_PROTOCOL_KEY = 'x-ms-agentic-protocol';

/** Values Copilot Studio accepts today: MCP over streamable HTTP. */
export const AGENTIC_PROTOCOL_VALUES: readonly string[] = ['mcp-streamable-1.0'];

/** Values Copilot Studio used to accept and has retired, with the reason shown to the author. */
export const RETIRED_AGENTIC_PROTOCOL_VALUES: Readonly<Record<string, string>> = {
  'mcp-sse-1.0': 'the SSE transport is retired in Copilot Studio (since August 2025); servers must speak streamable HTTP',
};

/** Default number of tools an agent takes from one MCP server (third-party guides: 128; a setting). */
export const DEFAULT_MAX_MCP_TOOLS = 128;

/** True when the operation object carries the extension with any value (the operation is meant as an MCP server). */
export function isMcpOperation(operation: unknown): boolean {
  return typeof operation === 'object' && operation !== null && !Array.isArray(operation) && AGENTIC_PROTOCOL_KEY in operation;
}
