/**
 * Real local MCP servers for the MCP tests, built with the official SDK over streamable HTTP (the
 * sample server of scripts/sampleMcp.mjs: a clean tool, a $ref tool, a type-array tool, an erroring
 * tool) behind an API key or behind the local OAuth provider (oidcTestServer: bearer tokens are
 * checked against its protected API), plus the faulty servers each named fault needs: 403, an
 * SSE-only server (the SDK's retired SSEServerTransport), a 200 that is HTML, a 200 that is JSON but
 * not JSON-RPC, a server that never answers, an oversized answer, and HTTPS with a self-signed cert.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { createSampleMcpServer, handleSampleMcp } from '../../../scripts/sampleMcp.mjs';
import { makeSelfSignedCert } from '../request/localServers';

export const MCP_TEST_KEY = 'mcp-Test-Key-5b1e9c0d';

export interface McpTestServers {
  /** http://127.0.0.1:port — base paths: /apikey, /json, /clean, /endless, /oauth, /forbidden, /sse-only, /html, /not-rpc, /silent, /huge */
  url: string;
  /** HTTPS with a self-signed certificate, base path /apikey. */
  httpsUrl: string;
  /** What the servers saw (method, path, credential present), never credential values. */
  seen: Array<{ method: string; path: string; credential: boolean }>;
  close(): Promise<void>;
}

export async function startMcpTestServers(options: { oauthApiUrl?: string } = {}): Promise<McpTestServers> {
  const seen: McpTestServers['seen'] = [];
  const sockets = new Set<Socket>();
  const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = req.headers['x-api-key'];
    const auth = req.headers.authorization;
    seen.push({ method: req.method ?? '', path: url.pathname, credential: !!key || !!auth });
    const [, base] = url.pathname.split('/');
    const apiKeyOk = key === MCP_TEST_KEY;
    const deny = (status: number) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...(status === 401 ? { 'WWW-Authenticate': 'ApiKey header="X-API-Key"' } : {}) });
      res.end(JSON.stringify({ error: status === 401 ? 'unauthorized' : 'forbidden' }));
    };
    switch (base) {
      case 'apikey':
      case 'json':
      case 'clean':
        if (url.pathname !== `/${base}/mcp`) return deny(404);
        if (!apiKeyOk) return deny(401);
        // /clean offers only the tools Copilot Studio can use.
        return handleSampleMcp(req, res, { json: base === 'json', tools: base === 'clean' ? ['search_tasks', 'fail_always'] : undefined });
      case 'oauth': {
        if (!options.oauthApiUrl) return deny(500);
        // The token is valid when the OAuth provider's protected API accepts it.
        const check = auth ? await fetch(options.oauthApiUrl, { headers: { Authorization: auth } }) : undefined;
        await check?.arrayBuffer();
        if (!check || check.status !== 200) return deny(401);
        return handleSampleMcp(req, res);
      }
      case 'forbidden':
        return deny(403);
      case 'endless': {
        // Hostile: tools/list always has a next page, 500 tools a page.
        const server = new Server({ name: 'endless', version: '1' }, { capabilities: { tools: {} } });
        let page = 0;
        server.setRequestHandler(ListToolsRequestSchema, async (request) => {
          page = Number(request.params?.cursor ?? 0) + 1;
          return { tools: Array.from({ length: 500 }, (_, i) => ({ name: `t${page}_${i}`, inputSchema: { type: 'object' as const } })), nextCursor: String(page) };
        });
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
        res.on('close', () => void server.close());
        await server.connect(transport);
        return transport.handleRequest(req, res);
      }
      case 'sse-only': {
        // The retired HTTP+SSE transport: GET opens the stream (an `endpoint` event), messages go to
        // another URL; a POST to the stream URL is refused.
        if (req.method === 'GET' && url.pathname === '/sse-only/mcp') {
          const transport = new SSEServerTransport('/sse-only/messages', res);
          const server = createSampleMcpServer() as { connect(t: unknown): Promise<void>; close(): Promise<void> };
          res.on('close', () => void server.close());
          await server.connect(transport);
          return;
        }
        res.writeHead(405, { Allow: 'GET' }).end();
        return;
      }
      case 'html':
        res.writeHead(200, { 'Content-Type': 'text/html' });
        return res.end('<!doctype html><title>Contoso</title><h1>Welcome</h1>');
      case 'not-rpc':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ value: [{ id: 1 }] }));
      case 'silent':
        // Reads the request and never answers (the socket is closed by close()).
        req.resume();
        return;
      case 'huge': {
        req.resume();
        const big = JSON.stringify({ jsonrpc: '2.0', id: 0, result: { padding: 'x'.repeat(1024 * 1024) } });
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(big) });
        return res.end(big);
      }
      default:
        return deny(404);
    }
  };
  const plain = http.createServer((req, res) => void handler(req, res));
  const secure = https.createServer(makeSelfSignedCert(), (req, res) => void handler(req, res));
  for (const s of [plain, secure]) {
    s.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    s.on('clientError', () => undefined);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  }
  const port = (s: http.Server) => (s.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port(plain)}`,
    httpsUrl: `https://127.0.0.1:${port(secure)}`,
    seen,
    async close() {
      for (const socket of sockets) socket.destroy();
      for (const s of [plain, secure]) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

/** A minimal MCP connector definition whose POST /mcp carries the extension; basePath selects the server. */
export function mcpDefinition(basePath: string, extra: { path?: string } = {}): Record<string, any> {
  return {
    swagger: '2.0',
    info: { title: 'Contoso MCP', description: 'Contoso tasks as MCP tools for Copilot Studio agents.', version: '1.0' },
    host: 'mcp.contoso.com',
    basePath,
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: {
      [extra.path ?? '/mcp']: {
        post: {
          operationId: 'InvokeMCP',
          summary: 'Contoso MCP server',
          description: 'The Contoso MCP server.',
          'x-ms-agentic-protocol': 'mcp-streamable-1.0',
          parameters: [{ name: 'body', in: 'body', required: true, schema: { type: 'object' } }],
          responses: { '200': { description: 'OK', schema: { type: 'object' } } },
        },
      },
    },
    securityDefinitions: { api_key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
    security: [{ api_key: [] }],
  };
}
