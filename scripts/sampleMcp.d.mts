// Types of scripts/sampleMcp.mjs for the TypeScript tests that start the sample MCP server.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SampleMcpTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}
export interface SampleTask {
  id: string;
  title: string;
  status: string;
}
export declare const SAMPLE_MCP_TOOLS: SampleMcpTool[];
export declare function createSampleMcpServer(options?: { tasks?: () => SampleTask[]; tools?: string[] }): unknown;
export declare function handleSampleMcp(req: IncomingMessage, res: ServerResponse, options?: { tasks?: () => SampleTask[]; tools?: string[]; json?: boolean }): Promise<void>;
