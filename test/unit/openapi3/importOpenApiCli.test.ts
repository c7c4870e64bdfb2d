// `connector-studio import-openapi`: files and URLs, named read errors, clean refusals (exit 1 or 2,
// a message with the location, nothing written, no folder left), re-import merge, --include-tags.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { importOpenApiCommand } from '../../../cli/src/importOpenApi';
import { fetchSourceText, SourceReadError } from '../../../shared/src/openapi/readSource';
import { OAS_EXAMPLES, swaggerParserValidate } from './openApiTestKit';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

const PETSTORE_YAML = path.join(OAS_EXAMPLES, '3.0/yaml/petstore.yaml');
const PETSTORE_31 = path.join(OAS_EXAMPLES, '3.1/json/petstore.json');

describe('openapi3: import-openapi CLI', function () {
  this.timeout(60_000);
  let tmp: string;
  let server: http.Server;
  let base: string;
  before(async () => {
    for (const f of [PETSTORE_YAML, PETSTORE_31]) assert.ok(fs.existsSync(f), `${f} is missing: install the devDependency @readme/oas-examples (npm ci)`);
    server = http.createServer((req, res) => {
      if (req.url === '/openapi.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(fs.readFileSync(PETSTORE_31));
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"openapi":"3.0.0","x":"${'a'.repeat(4096)}"}`);
      } else if (req.url === '/slow') {
        // Never answers: the client's deadline must fire.
      } else {
        res.writeHead(404);
        res.end('not here');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-openapi-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a YAML file: writes both files, prints the report with its meters, exits 0; swagger-parser accepts the result', async () => {
    const { out, io } = capture();
    const dir = path.join(tmp, 'new', 'petstore');
    assert.equal(await importOpenApiCommand([PETSTORE_YAML, '--out', dir], io), 0, out.stderr);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['apiDefinition.swagger.json', 'apiProperties.json']);
    const def = JSON.parse(fs.readFileSync(path.join(dir, 'apiDefinition.swagger.json'), 'utf8'));
    assert.equal(def.swagger, '2.0');
    await swaggerParserValidate(def);
    assert.match(out.stdout, /OpenAPI 3\.0\.\d: \d+ operation\(s\) -> \d+ operation\(s\)/);
    assert.match(out.stdout, /meter definition size \(bytes\): [\d,]+ of 1,048,576/);
  });

  it('a URL: fetched, converted, written', async () => {
    const { out, io } = capture();
    assert.equal(await importOpenApiCommand([`${base}/openapi.json`, '--out', tmp], io), 0, out.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(tmp, 'apiDefinition.swagger.json'), 'utf8')).host, 'petstore.swagger.io');
  });

  for (const [name, url, pattern] of [
    ['404', '/missing.json', /not found \(HTTP 404\)/],
    ['DNS', 'http://no-such-host.invalid/openapi.json', /DNS lookup failed/],
    ['TLS', 'https-to-http', /TLS error/],
    ['timeout', '/slow', /timed out/],
  ] as const) {
    it(`${name}: exit 1, a named error with the URL, nothing written`, async () => {
      const { out, io } = capture();
      const target = url === 'https-to-http' ? base.replace('http:', 'https:') + '/openapi.json' : url.startsWith('/') ? base + url : url;
      const dir = path.join(tmp, 'out');
      assert.equal(await importOpenApiCommand([target, '--out', dir, '--timeout', '1'], io), 1);
      assert.match(out.stderr, pattern);
      assert.ok(out.stderr.includes(target), out.stderr);
      assert.equal(fs.existsSync(dir), false, 'no folder created');
    });
  }

  it('too large: a download over the cap is a named error', async () => {
    await assert.rejects(fetchSourceText(`${base}/big`, { maxBytes: 1024 }), (e: unknown) => e instanceof SourceReadError && e.kind === 'too-large' && /larger than/.test(e.message));
  });

  it('a broken document: exit 1 with line and column, no file, no half-written folder', async () => {
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(bad, 'openapi: 3.0.0\ninfo:\n  title: x\npaths:\n  /a: {get: [}\n');
    const { out, io } = capture();
    const dir = path.join(tmp, 'out');
    assert.equal(await importOpenApiCommand([bad, '--out', dir], io), 1);
    assert.match(out.stderr, /bad\.yaml line \d+, column \d+/);
    assert.equal(fs.existsSync(dir), false);
    const notOpenApi = path.join(tmp, 'x.json');
    fs.writeFileSync(notOpenApi, '{"hello": 1}');
    assert.equal(await importOpenApiCommand([notOpenApi, '--out', dir], io), 1);
    assert.match(out.stderr, /neither an "openapi" nor a "swagger" field\. \(at .*x\.json #\)/);
    assert.equal(fs.existsSync(dir), false);
  });

  it('bad usage: exit 2 (missing --out, two sources, missing file)', async () => {
    const { io } = capture();
    assert.equal(await importOpenApiCommand([PETSTORE_YAML], io), 2);
    assert.equal(await importOpenApiCommand([PETSTORE_YAML, PETSTORE_31, '--out', tmp], io), 2);
    assert.equal(await importOpenApiCommand([path.join(tmp, 'nope.yaml'), '--out', path.join(tmp, 'o')], io), 2);
    assert.equal(fs.existsSync(path.join(tmp, 'o')), false);
  });

  it('re-import merges: the author\'s edits survive, new operations are added; --force replaces', async () => {
    const v1 = JSON.parse(fs.readFileSync(PETSTORE_31, 'utf8'));
    const src = path.join(tmp, 'api.json');
    const dir = path.join(tmp, 'conn');
    fs.writeFileSync(src, JSON.stringify(v1));
    const { io, out } = capture();
    assert.equal(await importOpenApiCommand([src, '--out', dir], io), 0, out.stderr);
    const defFile = path.join(dir, 'apiDefinition.swagger.json');
    const def = JSON.parse(fs.readFileSync(defFile, 'utf8'));
    def.paths['/pet'].post.summary = 'Add a pet (edited by me)';
    def.paths['/pet'].post['x-ms-visibility'] = 'important';
    fs.writeFileSync(defFile, JSON.stringify(def, null, 4));
    // The API changes: a new operation.
    v1.paths['/pet/{petId}/vaccinations'] = { get: { operationId: 'listVaccinations', summary: 'List vaccinations', parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'ok' } } } };
    fs.writeFileSync(src, JSON.stringify(v1));
    assert.equal(await importOpenApiCommand([src, '--out', dir], io), 0, out.stderr);
    const merged = JSON.parse(fs.readFileSync(defFile, 'utf8'));
    assert.equal(merged.paths['/pet'].post.summary, 'Add a pet (edited by me)');
    assert.equal(merged.paths['/pet'].post['x-ms-visibility'], 'important');
    assert.equal(merged.paths['/pet/{petId}/vaccinations'].get.operationId, 'listVaccinations');
    assert.match(out.stdout, /Merged into/);
    await swaggerParserValidate(merged);
    assert.equal(await importOpenApiCommand([src, '--out', dir, '--force'], io), 0);
    assert.equal(JSON.parse(fs.readFileSync(defFile, 'utf8')).paths['/pet'].post['x-ms-visibility'], undefined);
  });

  it('--include-tags and --include-paths cut the import down', async () => {
    const { io, out } = capture();
    assert.equal(await importOpenApiCommand([PETSTORE_31, '--out', tmp, '--include-tags', 'store', '--include-paths', '/store/order'], io), 0, out.stderr);
    const def = JSON.parse(fs.readFileSync(path.join(tmp, 'apiDefinition.swagger.json'), 'utf8'));
    assert.deepEqual(Object.keys(def.paths).sort(), ['/store/order', '/store/order/{orderId}']);
    assert.match(out.stdout, /dropped GET \/pet\/findByStatus .*not in the included tags/);
  });
});
