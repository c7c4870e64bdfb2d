import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestLspClient } from './lspClient';

const VALID = {
  swagger: '2.0',
  info: { title: 'Contoso Tasks', description: 'Manage tasks and projects in the Contoso task service.', version: '1.0' },
  host: 'api.contoso.com',
  basePath: '/',
  schemes: ['https'],
  paths: { '/tasks': { get: { operationId: 'ListTasks', summary: 'List tasks', description: 'Lists tasks.', responses: { '200': { description: 'OK' } } } } },
};

describe('language server over IPC: diagnostics', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let dir: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-'));
    client = new TestLspClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a JSON syntax error at the right range, with source, code and docs link', async () => {
    const file = path.join(dir, 'apiDefinition.swagger.json');
    const text = '{\n  "swagger": "2.0",\n  "info": { "title": "x", "version": "1" }\n  "paths": {}\n}\n';
    fs.writeFileSync(file, text);
    const uri = client.open(file, text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const syntax = diags.find((d) => d.code === 'json-parse-error');
    assert.ok(syntax, JSON.stringify(diags));
    assert.equal(syntax.source, 'connector-studio');
    assert.equal(syntax.range.start.line, 3, 'missing comma is reported where "paths" starts');
    assert.match(String(syntax.message), /Comma expected/);
    assert.match(String(syntax.codeDescription?.href), /docs\/rules\.md#json-parse-error$/);
  });

  it('a diagnostic that mirrors a Microsoft validator code carries it in data and links its description', async () => {
    const file = path.join(dir, 'apiDefinition.swagger.json');
    const def = { ...VALID, security: [{ undeclared: [] }] };
    const uri = client.open(file, JSON.stringify(def, null, 2));
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'security-requirement-defined'));
    const sec = diags.find((d) => d.code === 'security-requirement-defined')!;
    const data = sec.data as { microsoftCode?: string; ruleDoc?: string; pointer?: string };
    assert.equal(data.microsoftCode, 'SecurityRequirementMustBeDefined');
    assert.equal(data.pointer, '/security/0/undeclared');
    assert.match(String(data.ruleDoc), /docs\/rules\.md#security-requirement-defined$/);
    assert.match(String(sec.codeDescription?.href), /certification-swagger-validator-rules#:~:text=SecurityRequirementMustBeDefined$/);
  });

  it('detects a YAML definition by its content and reports its syntax error', async () => {
    const file = path.join(dir, 'petstore.yaml');
    const text = 'swagger: "2.0"\ninfo:\n  title: x\n  version: "1"\npaths:\n  /a: [\n';
    const uri = client.open(file, text, 'yaml');
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'yaml-parse-error'));
    assert.ok(diags.every((d) => d.source === 'connector-studio'));
  });

  it('ignores JSON files that are not connector files', async () => {
    const file = path.join(dir, 'package.json');
    const uri = client.open(file, '{ "name": "x", broken }');
    // A connector file opened afterwards proves the server processed both in order.
    const def = path.join(dir, 'apiDefinition.swagger.json');
    const defUri = client.open(def, JSON.stringify(VALID, null, 2));
    await client.waitForDiagnostics(defUri);
    assert.equal(client.lastDiagnostics(uri), undefined);
  });

  it('clears the diagnostic when the edit fixes the file', async () => {
    const file = path.join(dir, 'apiDefinition.swagger.json');
    const uri = client.open(file, '{ "swagger": "2.0", }');
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'json-parse-error'));
    client.change(uri, JSON.stringify(VALID, null, 2));
    const after = await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'json-parse-error'));
    assert.ok(!after.some((d) => d.severity === 1), JSON.stringify(after));
  });
});

describe('language server over IPC: several definitions in one folder', function () {
  this.timeout(30_000);
  it('validates each definition even when they are opened within the debounce delay', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-two-'));
    const client = new TestLspClient();
    try {
      await client.initialize(dir);
      const a = client.open(path.join(dir, 'a.swagger.json'), '{ "swagger": "2.0", ');
      const b = client.open(path.join(dir, 'b.yaml'), 'swagger: "2.0"\npaths: [\n', 'yaml');
      await client.waitForDiagnostics(a, (d) => d.some((x) => x.code === 'json-parse-error'));
      await client.waitForDiagnostics(b, (d) => d.some((x) => x.code === 'yaml-parse-error'));
      // Edits to both within the debounce delay: each still gets its own run.
      client.change(a, JSON.stringify(VALID));
      client.change(b, 'swagger: "2.0"\ninfo: [\n');
      await client.waitForDiagnostics(a, (d) => !d.some((x) => x.code === 'json-parse-error'));
      await client.waitForDiagnostics(b, (d) => d.some((x) => x.code === 'yaml-parse-error' && x.range.start.line >= 1));
    } finally {
      await client.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
