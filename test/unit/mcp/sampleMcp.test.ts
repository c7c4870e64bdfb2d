// The sample connector's MCP operation (samples/contoso-todo InvokeMCP) against the local sample API
// that `npm start` runs: the same path as the Test panel (definition, host override, API key
// connection), the four sample tools, the two violations Copilot Studio would drop, a call.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findMcpOperations, inspectMcpServer } from '../../../shared/src/mcp';
import { hostOverrideFor } from '../../../shared/src/request/hostOverrides';
import type { SwaggerDocument } from '../../../shared/src/request/types';
import { SAMPLE_API_KEY, SAMPLE_FOLDER, startSampleApi, type SampleApi } from '../../../scripts/sampleApi.mjs';

describe('sample connector: InvokeMCP through the local sample API', function () {
  this.timeout(20_000);
  let api: SampleApi;
  const doc = JSON.parse(fs.readFileSync(path.join(SAMPLE_FOLDER, 'apiDefinition.swagger.json'), 'utf8')) as SwaggerDocument;
  before(async () => {
    api = await startSampleApi();
  });
  after(async () => api?.close());

  it('the sample has one MCP operation, POST /mcp with mcp-streamable-1.0', () => {
    assert.deepEqual(findMcpOperations(doc), [{ operationId: 'InvokeMCP', path: '/mcp', method: 'post', protocol: 'mcp-streamable-1.0' }]);
  });

  it('connects with the API key, lists the tools, names the two violations, calls search_tasks', async () => {
    const r = await inspectMcpServer(
      { document: doc, operationRef: 'InvokeMCP', hostOverride: hostOverrideFor(doc.host, { [doc.host!]: api.url }), connection: { decorations: { headers: { 'X-API-Key': SAMPLE_API_KEY } }, parameters: { api_key: SAMPLE_API_KEY }, secretParameterNames: ['api_key'] } },
      { call: { tool: 'search_tasks', args: { query: 'sample' } } },
    );
    assert.equal(r.fault, undefined, JSON.stringify(r.fault));
    assert.deepEqual(r.tools.map((t) => t.name), ['search_tasks', 'create_task', 'set_due_date', 'fail_always']);
    assert.deepEqual(r.violations.map((v) => `${v.tool} ${v.pointer}`), ['create_task /inputSchema/properties/task/$ref', 'set_due_date /inputSchema/properties/due/type']);
    assert.match(r.call!.result!.text, /t-1003 Try Connector Studio on the sample/);
    assert.ok(api.requests.some((x) => x.method === 'POST' && x.path === '/v1/mcp' && x.status === 200));
    assert.ok(!JSON.stringify(r).includes(SAMPLE_API_KEY));
  });

  it('without the key the sample API answers 401, named as an auth fault', async () => {
    const r = await inspectMcpServer({ document: doc, operationRef: 'InvokeMCP', hostOverride: api.url });
    assert.equal(r.fault?.kind, 'auth');
  });
});
