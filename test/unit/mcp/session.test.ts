// MCP through a connector (issue 26): a real SDK server over streamable HTTP behind an API key and
// behind the local OAuth provider; tools listed, constraints named, a tool called, the exchange kept
// redacted; policy templates applied; and every named fault from a real faulty server.
import * as assert from 'node:assert/strict';
import { requestClientCredentials } from '../../../shared/src/auth/tokenEndpoint';
import { inspectMcpServer, McpSession, type McpTarget } from '../../../shared/src/mcp';
import { CONFIDENTIAL_CLIENT, startOidcServer, type TestOidcServer } from '../auth/oidcTestServer';
import { freePort } from '../request/localServers';
import { MCP_TEST_KEY, mcpDefinition, startMcpTestServers, type McpTestServers } from './mcpTestServer';

describe('MCP session through a connector operation (real SDK server)', function () {
  this.timeout(30_000);
  let servers: McpTestServers;
  let oidc: TestOidcServer;

  before(async () => {
    oidc = await startOidcServer();
    servers = await startMcpTestServers({ oauthApiUrl: oidc.apiUrl });
  });
  after(async () => {
    await servers?.close();
    await oidc?.close();
  });

  const target = (basePath: string, more: Partial<McpTarget> = {}): McpTarget => ({
    document: mcpDefinition(basePath),
    operationRef: 'InvokeMCP',
    hostOverride: servers.url,
    connection: { decorations: { headers: { 'X-API-Key': MCP_TEST_KEY } }, parameters: { api_key: MCP_TEST_KEY }, secretParameterNames: ['api_key'] },
    initializeTimeoutMs: 3_000,
    requestTimeoutMs: 5_000,
    ...more,
  });

  for (const base of ['/apikey', '/json']) {
    it(`API key (${base === '/json' ? 'JSON answers' : 'SSE answers'}): initialize, tools with schemas, resources, the two violations, a call`, async () => {
      const r = await inspectMcpServer(target(base), { call: { tool: 'search_tasks', args: { query: 'sample' } } });
      assert.equal(r.fault, undefined, JSON.stringify(r.fault));
      assert.equal(r.ok, true);
      assert.equal(r.server?.name, 'contoso-tasks-mcp');
      assert.deepEqual(r.server?.capabilities, ['resources', 'tools']);
      assert.deepEqual(r.tools.map((t) => t.name), ['search_tasks', 'create_task', 'set_due_date', 'fail_always']);
      assert.equal(r.tools[0].description, 'Finds Contoso tasks whose title contains the text.');
      assert.deepEqual(r.resources.map((x) => x.uri), ['tasks://summary']);
      assert.deepEqual(
        r.violations.map((v) => `${v.rule} ${v.tool} ${v.pointer}`),
        ['mcp-tool-ref create_task /inputSchema/properties/task/$ref', 'mcp-tool-type-array set_due_date /inputSchema/properties/due/type'],
      );
      assert.equal(r.call?.ok, true);
      assert.match(r.call!.result!.text, /t-1003 Try Connector Studio on the sample \(open\)/);
      assert.deepEqual(r.call!.result!.structuredContent, { tasks: [{ id: 't-1003', title: 'Try Connector Studio on the sample', status: 'open' }] });
      // The exchange is kept, in order, with the key redacted everywhere.
      const rpcs = r.exchanges.map((e) => e.rpc);
      assert.deepEqual(rpcs.slice(0, 2), ['initialize', 'notifications/initialized']);
      assert.ok(rpcs.includes('tools/list') && rpcs.includes('resources/list') && rpcs.includes('tools/call'), rpcs.join());
      assert.equal(r.exchanges[0].request.headers['X-API-Key'], '***');
      assert.equal(r.exchanges[0].response?.status, 200);
      assert.ok(!JSON.stringify(r).includes(MCP_TEST_KEY), 'the API key appears in the inspection');
      assert.ok(servers.seen.some((s) => s.path === `${base}/mcp` && s.credential));
    });
  }

  it('a tool that returns an error is shown as a tool error with its text', async () => {
    const opened = await McpSession.open(target('/apikey'));
    assert.ok(opened.ok);
    try {
      const r = await opened.session.callTool('fail_always', {});
      assert.ok(r.ok);
      assert.equal(r.value.isError, true);
      assert.match(r.value.text, /refused the request/);
    } finally {
      await opened.session.close();
    }
  });

  it('OAuth 2.0: a bearer token from the local provider opens the session; without it, 401 is named', async () => {
    const tokens = await requestClientCredentials({ ...CONFIDENTIAL_CLIENT, tokenUrl: oidc.tokenUrl, scopes: ['api:read'] });
    const bearer = `Bearer ${tokens.accessToken}`;
    const ok = await inspectMcpServer(target('/oauth', { connection: { decorations: { headers: { Authorization: bearer } }, parameters: {}, secretParameterNames: [] } }));
    assert.equal(ok.fault, undefined, JSON.stringify(ok.fault));
    assert.equal(ok.tools.length, 4);
    assert.equal(ok.exchanges[0].request.headers.Authorization, 'Bearer ***');
    assert.ok(!JSON.stringify(ok).includes(tokens.accessToken));
    const denied = await inspectMcpServer(target('/oauth', { connection: { decorations: { headers: { Authorization: 'Bearer wrong-token-123456' } }, parameters: {}, secretParameterNames: [] } }));
    assert.equal(denied.fault?.kind, 'auth');
    assert.equal(denied.fault?.status, 401);
  });

  it('policy templates apply: routerequesttoendpoint sends the MCP operation to the real route, setheader adds a header', async () => {
    const document = mcpDefinition('/', { path: '/wrong' });
    const policies = [
      { templateId: 'routerequesttoendpoint', title: 'Route to MCP', parameters: { 'x-ms-apimTemplateParameter.newPath': '/apikey/mcp', 'x-ms-apimTemplate-operationName': ['InvokeMCP'] } },
      { templateId: 'setheader', title: 'Tag', parameters: { 'x-ms-apimTemplateParameter.name': 'X-Studio', 'x-ms-apimTemplateParameter.value': 'mcp', 'x-ms-apimTemplateParameter.existsAction': 'override', 'x-ms-apimTemplate-policySection': 'Request' } },
    ];
    const r = await inspectMcpServer({ ...target('/'), document, policies: policies as never });
    assert.equal(r.fault, undefined, JSON.stringify(r.fault));
    assert.equal(r.tools.length, 4);
    assert.match(r.exchanges[0].request.url, /\/apikey\/mcp$/);
    assert.equal(r.exchanges[0].request.headers['X-Studio'], 'mcp');
    // Without the route policy the same definition reaches nothing useful: a named HTTP fault.
    const off = await inspectMcpServer({ ...target('/'), document });
    assert.equal(off.fault?.kind, 'http');
    assert.equal(off.fault?.status, 404);
  });

  describe('named faults', () => {
    it('unreachable host', async () => {
      const r = await inspectMcpServer(target('/apikey', { hostOverride: `http://127.0.0.1:${await freePort()}` }));
      assert.equal(r.fault?.kind, 'unreachable');
      assert.match(r.fault!.message, /unreachable: Connection refused/);
    });
    it('TLS (self-signed certificate)', async () => {
      const r = await inspectMcpServer(target('/apikey', { hostOverride: servers.httpsUrl }));
      assert.equal(r.fault?.kind, 'tls');
      assert.match(r.fault!.message, /self-signed/);
      const allowed = await inspectMcpServer(target('/apikey', { hostOverride: servers.httpsUrl, allowSelfSigned: true }));
      assert.equal(allowed.fault, undefined);
    });
    it('401 from the connection (wrong API key)', async () => {
      const r = await inspectMcpServer(target('/apikey', { connection: { decorations: { headers: { 'X-API-Key': 'wrong-key-000' } }, parameters: {}, secretParameterNames: [] } }));
      assert.equal(r.fault?.kind, 'auth');
      assert.equal(r.fault?.status, 401);
      assert.match(r.fault!.message, /401 Unauthorized from the MCP server through this connection/);
      assert.ok(!JSON.stringify(r).includes('wrong-key-000'));
    });
    it('403 from the connection', async () => {
      const r = await inspectMcpServer(target('/forbidden'));
      assert.equal(r.fault?.kind, 'auth');
      assert.equal(r.fault?.status, 403);
    });
    it('an SSE-only server (the retired transport)', async () => {
      const r = await inspectMcpServer(target('/sse-only'));
      assert.equal(r.fault?.kind, 'sse-only', JSON.stringify(r.fault));
      assert.match(r.fault!.message, /retired HTTP\+SSE transport/);
    });
    it('HTTP 200 that is an HTML page, and HTTP 200 JSON that is not JSON-RPC', async () => {
      const html = await inspectMcpServer(target('/html'));
      assert.equal(html.fault?.kind, 'not-jsonrpc');
      assert.match(html.fault!.message, /content type "text\/html"/);
      const json = await inspectMcpServer(target('/not-rpc'));
      assert.equal(json.fault?.kind, 'not-jsonrpc');
    });
    it('a server that never answers initialize (time limit)', async () => {
      const started = Date.now();
      const r = await inspectMcpServer(target('/silent', { initializeTimeoutMs: 800 }));
      assert.equal(r.fault?.kind, 'initialize-timeout', JSON.stringify(r.fault));
      assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    });
    it('hostile: endless tools/list pages stop at the page bound; the tool count is then a violation', async () => {
      const started = Date.now();
      const r = await inspectMcpServer(target('/endless'));
      assert.equal(r.fault, undefined, JSON.stringify(r.fault));
      assert.equal(r.tools.length, 20 * 500);
      assert.deepEqual([...new Set(r.violations.map((v) => v.rule))], ['mcp-tool-count']);
      assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    });
    it('an oversized answer (cap)', async () => {
      const r = await inspectMcpServer(target('/huge', { maxResponseBytes: 64 * 1024 }));
      assert.equal(r.fault?.kind, 'oversized');
      assert.match(r.fault!.message, /larger than the cap of 65536 bytes/);
    });
  });
});
