// The sample MCP server behind the contoso-todo connector's InvokeMCP operation (POST /v1/mcp),
// built with the official SDK (@modelcontextprotocol/sdk) over streamable HTTP, stateless: one
// server and transport per POST. The local sample API (scripts/sampleApi.mjs) mounts it behind its
// API key; the tests mount it behind an API key or an OAuth bearer token (test/unit/mcp).
//
// Tools, chosen so the Test panel and `connector-studio mcp` have something to show:
//   search_tasks   clean: Copilot Studio can use it
//   create_task    its input schema uses $ref            (Copilot Studio drops it)
//   set_due_date   its input schema has a type array     (Copilot Studio drops it)
//   fail_always    answers isError: true                 (a tool error, shown as such)
// and one resource, tasks://summary.
//
// Bounded: request bodies up to 64 kB, answers to one request only (no GET stream, no sessions).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const MAX_BODY_BYTES = 64 * 1024;

export const SAMPLE_MCP_TOOLS = [
  {
    name: 'search_tasks',
    description: 'Finds Contoso tasks whose title contains the text.',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Text to look for in task titles.' },
        limit: { type: 'integer', description: 'At most this many tasks (default 10).' },
      },
      required: ['query'],
    },
  },
  {
    name: 'create_task',
    description: 'Creates a task (its schema uses $ref, which Copilot Studio cannot read).',
    inputSchema: {
      type: 'object',
      properties: { task: { $ref: '#/$defs/Task' } },
      required: ['task'],
      $defs: { Task: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] } },
    },
  },
  {
    name: 'set_due_date',
    description: 'Sets or clears the due date of a task (its schema uses a type array).',
    inputSchema: {
      type: 'object',
      properties: { taskId: { type: 'string' }, due: { type: ['string', 'null'], description: 'A date-time, or null to clear it.' } },
      required: ['taskId'],
    },
  },
  {
    name: 'fail_always',
    description: 'Always fails: shows how a tool error looks.',
    inputSchema: { type: 'object', properties: {} },
  },
];

const defaultTasks = () => [
  { id: 't-1003', title: 'Try Connector Studio on the sample', status: 'open' },
  { id: 't-1002', title: 'Read the certification checklist', status: 'open' },
  { id: 't-1001', title: 'Install the extension', status: 'done' },
];

/** A new low-level SDK server with the sample tools (or only those named in `tools`). `tasks()` gives the tasks to search. */
export function createSampleMcpServer({ tasks = defaultTasks, tools } = {}) {
  const offered = tools ? SAMPLE_MCP_TOOLS.filter((t) => tools.includes(t.name)) : SAMPLE_MCP_TOOLS;
  const server = new Server({ name: 'contoso-tasks-mcp', version: '1.0.0' }, { capabilities: { tools: {}, resources: {} }, instructions: 'Contoso tasks for Copilot Studio agents.' });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: offered }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args = {} } = request.params;
    if (!offered.some((t) => t.name === name)) return { isError: true, content: [{ type: 'text', text: `Unknown tool ${name}.` }] };
    if (name === 'search_tasks') {
      const query = String(args.query ?? '').toLowerCase();
      const limit = Number.isInteger(args.limit) && args.limit > 0 ? Math.min(args.limit, 100) : 10;
      const found = tasks().filter((t) => t.title.toLowerCase().includes(query)).slice(0, limit).map((t) => ({ id: t.id, title: t.title, status: t.status }));
      return { content: [{ type: 'text', text: found.length ? found.map((t) => `${t.id} ${t.title} (${t.status})`).join('\n') : `No task matches "${query}".` }], structuredContent: { tasks: found } };
    }
    if (name === 'create_task') return { content: [{ type: 'text', text: `Would create "${String(args.task?.title ?? '')}".` }] };
    if (name === 'set_due_date') return { content: [{ type: 'text', text: `Would set the due date of ${String(args.taskId ?? '')}.` }] };
    if (name === 'fail_always') return { isError: true, content: [{ type: 'text', text: 'The Contoso backend refused the request (sample tool error).' }] };
    return { isError: true, content: [{ type: 'text', text: `Unknown tool ${name}.` }] };
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: [{ uri: 'tasks://summary', name: 'Task summary', description: 'Open and done task counts.', mimeType: 'application/json' }] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const all = tasks();
    return { contents: [{ uri: request.params.uri, mimeType: 'application/json', text: JSON.stringify({ open: all.filter((t) => t.status === 'open').length, done: all.filter((t) => t.status === 'done').length }) }] };
  });
  return server;
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        resolve({ tooLarge: true });
      } else chunks.push(c);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ text: '' }));
  });
}

/**
 * Answers one HTTP request to the MCP endpoint (after the caller checked the credential).
 * `json: true` answers application/json; otherwise each POST gets a short SSE stream.
 */
export async function handleSampleMcp(req, res, { tasks, tools, json = false } = {}) {
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST', 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this stateless server answers POST only.' }, id: null }));
  }
  const body = await readBody(req);
  if (body.tooLarge) {
    res.writeHead(413, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32600, message: `Body over ${MAX_BODY_BYTES} bytes.` }, id: null }));
  }
  let parsed;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null }));
  }
  const server = createSampleMcpServer({ tasks, tools });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: json });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, parsed);
}
