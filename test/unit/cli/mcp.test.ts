// `connector-studio mcp` (issue 26), run as the built CLI (dist/cli.js) against the real local MCP
// servers: exit codes, stylish/JSON/SARIF output, credentials from the environment, no secret in output.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../ruleTestKit';
import { MCP_TEST_KEY, mcpDefinition, startMcpTestServers, type McpTestServers } from '../mcp/mcpTestServer';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');

/** Runs the CLI without blocking this process (the MCP test server runs in it). */
function run(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 20_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const PROPERTIES = {
  properties: {
    connectionParameters: { api_key: { type: 'securestring', uiDefinition: { displayName: 'API Key', description: 'The API key', tooltip: 'Your key', constraints: { tabIndex: 2, clearText: false, required: 'true' } } } },
    iconBrandColor: '#0f6cbd',
    capabilities: [],
    publisher: 'Contoso',
    stackOwner: 'Contoso',
  },
};

describe('CLI: connector-studio mcp', function () {
  this.timeout(60_000);
  let servers: McpTestServers;
  let dir: string;

  before(async () => {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    servers = await startMcpTestServers();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-cli-mcp-'));
    for (const base of ['apikey', 'html', 'clean']) {
      fs.mkdirSync(path.join(dir, base));
      fs.writeFileSync(path.join(dir, base, 'apiDefinition.swagger.json'), JSON.stringify(mcpDefinition(`/${base}`), null, 2));
      fs.writeFileSync(path.join(dir, base, 'apiProperties.json'), JSON.stringify(PROPERTIES, null, 2));
    }
    fs.mkdirSync(path.join(dir, 'plain'));
    const plain = mcpDefinition('/apikey');
    delete plain.paths['/mcp'].post['x-ms-agentic-protocol'];
    fs.writeFileSync(path.join(dir, 'plain', 'apiDefinition.swagger.json'), JSON.stringify(plain));
  });
  after(async () => {
    await servers?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const key = { CONNECTOR_STUDIO_API_KEY: MCP_TEST_KEY };

  it('--help names the credential environment variables; no command line flag takes a secret', async () => {
    const r = await run(['mcp', '--help']);
    assert.equal(r.status, 0);
    for (const v of ['CONNECTOR_STUDIO_API_KEY', 'CONNECTOR_STUDIO_ACCESS_TOKEN', 'CONNECTOR_STUDIO_USERNAME', 'CONNECTOR_STUDIO_PASSWORD', 'CONNECTOR_STUDIO_CONNECTION_PARAMETERS']) assert.ok(r.stdout.includes(v), v);
    assert.ok(!/--(api-key|key|token|password|secret)\b/.test(r.stdout), r.stdout);
  });

  it('stylish: lists the tools, names the two violations with pointers, exits 1', async () => {
    const r = await run(['mcp', path.join(dir, 'apikey'), '--host', servers.url], key);
    assert.equal(r.status, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /✓ search_tasks/);
    assert.match(r.stdout, /✗ create_task[\s\S]*\/inputSchema\/properties\/task\/\$ref .*mcp-tool-ref/);
    assert.match(r.stdout, /✗ set_due_date[\s\S]*\/inputSchema\/properties\/due\/type .*mcp-tool-type-array/);
    assert.match(r.stdout, /4 tools checked, 2 constraint violations/);
    assert.ok(!r.stdout.includes(MCP_TEST_KEY) && !r.stderr.includes(MCP_TEST_KEY));
  });

  it('exit 0 when every tool passes; --max-tools below the count is a violation (exit 1)', async () => {
    const r = await run(['mcp', path.join(dir, 'clean'), '--host', servers.url, '--tool', 'search_tasks', '--args', '{"query":"install"}'], key);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No problem: 2 tools checked, 0 constraint violations/);
    assert.match(r.stdout, /t-1001 Install the extension \(done\)/);
    const over = await run(['mcp', path.join(dir, 'clean'), '--host', servers.url, '--format', 'json', '--max-tools', '1'], key);
    assert.equal(over.status, 1);
    assert.deepEqual((JSON.parse(over.stdout) as { violations: Array<{ rule: string }> }).violations.map((v) => v.rule), ['mcp-tool-count']);
  });

  it('json: tools, violations, the call result and the redacted exchange; no secret anywhere', async () => {
    const r = await run(['mcp', path.join(dir, 'apikey'), '--host', servers.url, '--format', 'json', '--tool', 'search_tasks', '--args', '{"query":"checklist"}'], key);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.operation, 'InvokeMCP');
    assert.equal(report.tools.length, 4);
    assert.equal(report.call.ok, true);
    assert.match(report.call.result.text, /t-1002 Read the certification checklist/);
    assert.equal(report.exchanges[0].rpc, 'initialize');
    assert.equal(report.exchanges[0].request.headers['X-API-Key'], '***');
    assert.ok(!r.stdout.includes(MCP_TEST_KEY) && !r.stderr.includes(MCP_TEST_KEY));
  });

  it('sarif: one error result per violation with the tool and pointer as logical location', async () => {
    const r = await run(['mcp', path.join(dir, 'apikey'), '--host', servers.url, '--format', 'sarif'], key);
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as Array<{ ruleId: string; level: string; ruleIndex: number; locations: Array<{ logicalLocations: Array<{ fullyQualifiedName: string }>; physicalLocation: { region: { startLine: number } } }> }>;
    assert.deepEqual(results.map((x) => `${x.ruleId} ${x.locations[0].logicalLocations[0].fullyQualifiedName}`), ['mcp-tool-ref create_task/inputSchema/properties/task/$ref', 'mcp-tool-type-array set_due_date/inputSchema/properties/due/type']);
    assert.ok(results.every((x) => x.level === 'error' && sarif.runs[0].tool.driver.rules[x.ruleIndex].id === x.ruleId));
    const defLines = fs.readFileSync(path.join(dir, 'apikey', 'apiDefinition.swagger.json'), 'utf8').split('\n');
    assert.match(defLines[results[0].locations[0].physicalLocation.region.startLine - 1], /x-ms-agentic-protocol/);
    assert.ok(!r.stdout.includes(MCP_TEST_KEY));
  });

  it('faults exit 1 and are named: no credential (401), a server answering HTML', async () => {
    const noKey = await run(['mcp', path.join(dir, 'apikey'), '--host', servers.url]);
    assert.equal(noKey.status, 1);
    assert.match(noKey.stdout, /401 Unauthorized .*mcp-fault-auth/);
    const html = await run(['mcp', path.join(dir, 'html'), '--host', servers.url, '--format', 'json'], key);
    assert.equal(html.status, 1);
    assert.equal(JSON.parse(html.stdout).fault.kind, 'not-jsonrpc');
    assert.ok(!html.stdout.includes(MCP_TEST_KEY));
  });

  it('a tool error exits 1', async () => {
    const r = await run(['mcp', path.join(dir, 'apikey'), '--host', servers.url, '--tool', 'fail_always', '--max-tools', '200'], key);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /call fail_always: tool error/);
  });

  it('usage errors exit 2: no MCP operation, bad --args, --args without --tool, missing folder', async () => {
    assert.equal((await run(['mcp', path.join(dir, 'plain')])).status, 2);
    assert.match((await run(['mcp', path.join(dir, 'plain')])).stderr, /no operation carries x-ms-agentic-protocol/);
    assert.equal((await run(['mcp', path.join(dir, 'apikey'), '--tool', 'x', '--args', '[1]'])).status, 2);
    assert.equal((await run(['mcp', path.join(dir, 'apikey'), '--args', '{}'])).status, 2);
    assert.equal((await run(['mcp', path.join(dir, 'nope')])).status, 2);
  });
});
