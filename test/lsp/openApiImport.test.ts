// The OpenAPI import through the real server process: the document is fetched from a local HTTP
// URL by the server (connectorStudio/openApiImportPlan), the plan is written as the client would,
// and the opened result validates with no error. Read failures come back with a named kind.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { ConnectorStudioRequests, RequestMethod } from '../../shared/src/protocol';
import { TestLspClient } from './lspClient';

const PETSTORE = path.resolve(__dirname, '../../node_modules/@readme/oas-examples/3.1/json/petstore.json');

describe('language server: OpenAPI import from a URL', function () {
  this.timeout(60_000);
  let client: TestLspClient;
  let dir: string;
  let server: http.Server;
  let base: string;
  const ask = <M extends RequestMethod>(method: M, params: ConnectorStudioRequests[M]['params']) =>
    client.connection.sendRequest(method, params) as Promise<ConnectorStudioRequests[M]['result']>;

  before(async () => {
    assert.ok(fs.existsSync(PETSTORE), `${PETSTORE} is missing: install the devDependency @readme/oas-examples (npm ci)`);
    server = http.createServer((req, res) => {
      if (req.url === '/openapi.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(fs.readFileSync(PETSTORE));
      } else {
        res.writeHead(404);
        res.end('no');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-openapi-'));
    client = new TestLspClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fetches, converts, plans; the written connector opens with no error diagnostic', async () => {
    const first = await ask('connectorStudio/openApiImportPlan', { source: `${base}/openapi.json` });
    assert.ok(first.ok, JSON.stringify(first));
    assert.ok(first.title.length > 0 && first.sourceOperations === 20 && !first.plan, JSON.stringify({ ...first, reportText: undefined }));
    assert.deepEqual(first.tags.map((t) => t.name).sort(), ['pet', 'store', 'user']);
    assert.match(first.reportText, /OpenAPI 3\.1\.0: 20 operation\(s\) -> 20 operation\(s\)/);

    const target = path.join(dir, 'petstore');
    const planned = await ask('connectorStudio/openApiImportPlan', { source: `${base}/openapi.json`, target, includeTags: ['pet'] });
    assert.ok(planned.ok && planned.plan?.ok, JSON.stringify(planned));
    assert.equal(planned.plan.mode, 'new');
    fs.mkdirSync(target);
    for (const f of planned.plan.files) fs.writeFileSync(path.join(target, f.name), f.text);
    const def = JSON.parse(planned.plan.files[0]!.text);
    assert.equal(def.host, 'petstore.swagger.io');
    assert.ok(Object.values(def.paths).flatMap((item) => Object.values(item as object)).every((op) => (op as { tags?: string[] }).tags?.includes('pet')), 'only the pet operations');
    assert.match(planned.plan.reportText, /dropped .* not in the included tags \(pet\)/);

    const file = path.join(target, 'apiDefinition.swagger.json');
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    const diagnostics = await client.waitForDiagnostics(uri);
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => `${String(d.code)}: ${d.message}`), []);
  });

  it('a 404 and an unknown host are read errors with their kind; nothing is planned', async () => {
    const missing = await ask('connectorStudio/openApiImportPlan', { source: `${base}/nope.json`, target: dir });
    assert.equal(missing.ok, false);
    assert.ok(!missing.ok && missing.stage === 'read' && missing.kind === 'not-found', JSON.stringify(missing));
    const dns = await ask('connectorStudio/openApiImportPlan', { source: 'http://no-such-host.invalid/openapi.json' });
    assert.ok(!dns.ok && dns.stage === 'read' && dns.kind === 'dns', JSON.stringify(dns));
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
