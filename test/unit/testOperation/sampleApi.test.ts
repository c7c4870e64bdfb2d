// The local sample API that `npm start` runs for samples/contoso-todo: every operation of the
// sample definition answers through the host override with a body that the declared response
// schema accepts (checked with ajv directly, not through our schemaCheck), and the API key the
// sample's apiProperties.json asks for is required.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { after, before, describe, it } from 'mocha';
import { buildRequest } from '../../../shared/src/request/buildRequest';
import { hostOverrideFor } from '../../../shared/src/request/hostOverrides';
import type { SwaggerDocument } from '../../../shared/src/request/types';
import { HOST_OVERRIDES_SETTING, SAMPLE_API_KEY, SAMPLE_FOLDER, startSampleApi, writeHostOverride, writeSampleWorkspace, type SampleApi } from '../../../scripts/sampleApi.mjs';

const definitionFile = path.join(SAMPLE_FOLDER, 'apiDefinition.swagger.json');
const doc = JSON.parse(fs.readFileSync(definitionFile, 'utf8')) as SwaggerDocument & { definitions: Record<string, unknown> };
const properties = JSON.parse(fs.readFileSync(path.join(SAMPLE_FOLDER, 'apiProperties.json'), 'utf8')) as { properties: { connectionParameters: Record<string, { type: string }> } };

/** Inputs for each operation, as a user would type them in the Test panel. */
const CALLS: Record<string, Record<string, unknown>> = {
  ListTasks: { status: 'open' },
  CreateTask: { body: { title: 'Buy milk', dueDate: '2030-01-31T17:00:00Z' } },
  GetTask: { taskId: 't-1003' },
  CompleteTask: { taskId: 't-1003', body: { status: 'done' } },
};
/** The MCP operation (JSON-RPC over streamable HTTP, not one REST answer): tested in test/unit/mcp/sampleMcp.test.ts. */
const MCP_OPERATIONS = ['InvokeMCP'];
/** The trigger operations (202/201/204, not one 200 answer): tested in test/unit/triggers/sampleTriggers.test.ts. */
const TRIGGER_OPERATIONS = ['OnNewTasks', 'OnTaskCreated', 'DeleteHook'];

function operations(): Array<{ operationId: string; schema: unknown }> {
  const out: Array<{ operationId: string; schema: unknown }> = [];
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, { operationId?: string; responses?: Record<string, { schema?: unknown }> }>)) {
      if (!['get', 'put', 'post', 'patch', 'delete', 'head', 'options'].includes(method)) continue;
      out.push({ operationId: op.operationId ?? `${method}`, schema: op.responses?.['200']?.schema });
    }
  }
  return out;
}

async function call(api: SampleApi, operationId: string, key: string | undefined): Promise<{ status: number; json: unknown }> {
  const request = buildRequest(doc, operationId, CALLS[operationId] ?? {}, { hostOverride: hostOverrideFor(doc.host, { [doc.host!]: api.url }) });
  const headers: Record<string, string> = { ...request.headers };
  if (key !== undefined) headers['X-API-Key'] = key;
  const res = await fetch(request.url, { method: request.method, headers, body: request.body as string | undefined });
  return { status: res.status, json: await res.json() };
}

describe('sample API (npm start) for samples/contoso-todo', () => {
  let api: SampleApi;
  before(async () => {
    api = await startSampleApi();
  });
  after(async () => {
    await api?.close();
  });

  it('listens on 127.0.0.1 only, and the sample asks for the API key it checks', () => {
    assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(doc.securityDefinitions, { api_key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } });
    assert.equal(properties.properties.connectionParameters.api_key?.type, 'securestring');
  });

  it('every operation of the definition has a call here (a new operation must be implemented)', () => {
    assert.deepEqual(operations().map((o) => o.operationId).sort(), [...Object.keys(CALLS), ...TRIGGER_OPERATIONS, ...MCP_OPERATIONS].sort());
  });

  for (const operationId of Object.keys(CALLS)) {
    it(`${operationId}: 200 with the key, and the body matches the declared response schema`, async () => {
      const { status, json } = await call(api, operationId, SAMPLE_API_KEY);
      assert.equal(status, 200, JSON.stringify(json));
      const schema = operations().find((o) => o.operationId === operationId)?.schema;
      assert.ok(schema, `${operationId} declares a 200 schema`);
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      ajv.addFormat('int32', true);
      const validate = ajv.compile({ ...(schema as object), definitions: doc.definitions });
      assert.ok(validate(json), `${operationId}: ${JSON.stringify(validate.errors)}`);
      // Not an empty answer that any schema accepts.
      const value = json as { value?: unknown[]; id?: string; title?: string };
      if (operationId === 'ListTasks') assert.ok((value.value ?? []).length > 0 && (value.value as Array<{ status: string }>).every((t) => t.status === 'open'));
      else assert.ok(value.id && value.title, JSON.stringify(json));
      if (operationId === 'CompleteTask') assert.equal((json as { status: string }).status, 'done');
    });
  }

  it('401 without the key or with a wrong one', async () => {
    for (const key of [undefined, 'wrong-key', `${SAMPLE_API_KEY}x`, SAMPLE_API_KEY.toUpperCase()]) {
      const { status, json } = await call(api, 'ListTasks', key);
      assert.equal(status, 401, `key ${JSON.stringify(key)}`);
      assert.equal((json as { error: { code: string } }).error.code, 'Unauthorized');
    }
  });

  it('hostile input: oversized body 413, bad JSON 400, unknown task 404, unknown route 404', async () => {
    const headers = { 'X-API-Key': SAMPLE_API_KEY, 'Content-Type': 'application/json' };
    const big = await fetch(`${api.url}/v1/tasks`, { method: 'POST', headers, body: JSON.stringify({ title: 'x'.repeat(100_000) }) }).catch(() => undefined);
    // The server answers 413 and drops the connection; either is a refusal, never a created task.
    if (big) assert.equal(big.status, 413);
    assert.equal((await fetch(`${api.url}/v1/tasks`, { method: 'POST', headers, body: '{"title":' })).status, 400);
    assert.equal((await fetch(`${api.url}/v1/tasks`, { method: 'POST', headers, body: '{"title":"a","dueDate":"tomorrow"}' })).status, 400);
    assert.equal((await fetch(`${api.url}/v1/tasks/nope`, { headers })).status, 404);
    assert.equal((await fetch(`${api.url}/v1/tasks/%E0%A4%A`, { headers })).status, 400);
    assert.equal((await fetch(`${api.url}/elsewhere`, { headers })).status, 404);
    assert.equal((await fetch(`${api.url}/v1/tasks`, { method: 'DELETE', headers })).status, 405);
    const list = (await (await fetch(`${api.url}/v1/tasks?top=1000`, { headers })).json()) as { value: Array<{ title: string }> };
    assert.ok(list.value.every((t) => t.title.length < 1000));
  });

  it('the generated workspace (desktop VS Code) points the definition host at the API without touching the definition', () => {
    const before = fs.readFileSync(definitionFile, 'utf8');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-sample-ws-'));
    try {
      const { file, host } = writeSampleWorkspace({ file: path.join(dir, 'contoso-todo.code-workspace'), apiUrl: api.url });
      const ws = JSON.parse(fs.readFileSync(file, 'utf8')) as { folders: Array<{ path: string }>; settings: Record<string, Record<string, string>> };
      assert.equal(host, 'api.todo.contoso.com');
      assert.deepEqual(ws.folders, [{ path: SAMPLE_FOLDER }]);
      assert.deepEqual(ws.settings[HOST_OVERRIDES_SETTING], { 'api.todo.contoso.com': api.url });
      assert.equal(fs.readFileSync(definitionFile, 'utf8'), before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the user-settings override (code-server): set, other entries kept, removed again; a file with comments is left alone', () => {
    const before = fs.readFileSync(definitionFile, 'utf8');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-sample-settings-'));
    try {
      const file = path.join(dir, 'User/settings.json');
      const mine = { 'editor.fontSize': 15, [HOST_OVERRIDES_SETTING]: { 'other.example.com': 'http://127.0.0.1:1' } };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(mine));
      assert.deepEqual(writeHostOverride(file, { apiUrl: api.url }), { written: true, host: 'api.todo.contoso.com' });
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), {
        'editor.fontSize': 15,
        [HOST_OVERRIDES_SETTING]: { 'other.example.com': 'http://127.0.0.1:1', 'api.todo.contoso.com': api.url },
      });
      writeHostOverride(file, { apiUrl: undefined });
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), mine);
      const commented = '{\n  // mine\n  "editor.fontSize": 15\n}\n';
      fs.writeFileSync(file, commented);
      assert.equal(writeHostOverride(file, { apiUrl: api.url }).written, false);
      assert.equal(fs.readFileSync(file, 'utf8'), commented);
      const fresh = path.join(dir, 'new/settings.json');
      assert.equal(writeHostOverride(fresh, { apiUrl: api.url }).written, true);
      assert.deepEqual(JSON.parse(fs.readFileSync(fresh, 'utf8')), { [HOST_OVERRIDES_SETTING]: { 'api.todo.contoso.com': api.url } });
      assert.equal(fs.readFileSync(definitionFile, 'utf8'), before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
