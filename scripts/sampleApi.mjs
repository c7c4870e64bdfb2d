// The local Contoso Todo API behind samples/contoso-todo, so a new user can press Send in the
// Test panel and get a real answer. `npm start` runs it on 127.0.0.1 (a free port) and points the
// sample at it through the setting connectorStudio.testOperation.hostOverrides, written outside
// the repo: into code-server's own user settings (writeHostOverride), or for desktop VS Code into
// a generated .code-workspace (writeSampleWorkspace). The sample definition keeps its real host.
//
// It implements every operation of samples/contoso-todo/apiDefinition.swagger.json (ListTasks,
// CreateTask, GetTask, CompleteTask) with bodies that match the declared schemas, and requires
// the API key the sample's apiProperties.json asks for (header X-API-Key). Tasks live in memory.
// Triggers (issue 23): OnNewTasks polls GET /v1/triggers/tasks (202 + Location + Retry-After
// while nothing is new, 200 with the new tasks, oldest first); OnTaskCreated registers a webhook
// (POST /v1/hooks {callbackUrl} -> 201 + Location /v1/hooks/{id}); each created task is POSTed to
// every callback; DELETE /v1/hooks/{id} (DeleteHook) removes it. `deliveries` records each call.
// Bounded: 127.0.0.1 only, request bodies up to 64 kB, at most 1000 tasks and 20 hooks, short
// timeouts (a callback gets 5 s).
//
// Standalone: node scripts/sampleApi.mjs [--port N]   (prints the URL and the setting to use)
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer } from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_FOLDER = path.join(root, 'samples/contoso-todo');
/** The key of the LOCAL sample API only (printed by npm start, written in the sample readme). */
export const SAMPLE_API_KEY = 'contoso-local-key';
export const HOST_OVERRIDES_SETTING = 'connectorStudio.testOperation.hostOverrides';

const BASE_PATH = '/v1';
const MAX_BODY_BYTES = 64 * 1024;
const MAX_TASKS = 1000;
const MAX_TITLE = 500;
const STATUSES = ['open', 'done'];
const MAX_HOOKS = 20;
/** Retry-After of the polling trigger, in seconds (short: the Test panel and tests wait it). */
const POLL_RETRY_AFTER = 1;
const CALLBACK_TIMEOUT_MS = 5_000;

function isDateTime(s) {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));
}

function seedTasks() {
  const now = Date.now();
  const day = 24 * 3600 * 1000;
  const iso = (t) => new Date(t).toISOString();
  return [
    { id: 't-1003', title: 'Try Connector Studio on the sample', status: 'open', dueDate: iso(now + day), createdAt: iso(now - 1000) },
    { id: 't-1002', title: 'Read the certification checklist', status: 'open', createdAt: iso(now - day) },
    { id: 't-1001', title: 'Install the extension', status: 'done', createdAt: iso(now - 2 * day) },
  ];
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

const error = (res, status, code, message) => send(res, status, { error: { code, message } });

/** The JSON body, or undefined after an error answer (too large, not JSON, not an object). */
function readJson(req, res) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (value) => { if (!done) { done = true; resolve(value); } };
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        error(res, 413, 'PayloadTooLarge', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
        req.destroy();
        finish(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => finish(undefined));
    req.on('end', () => {
      if (done) return;
      let value;
      try {
        value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        error(res, 400, 'InvalidJson', 'The body is not valid JSON.');
        return finish(undefined);
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        error(res, 400, 'InvalidBody', 'The body must be a JSON object.');
        return finish(undefined);
      }
      finish(value);
    });
  });
}

/**
 * Starts the API on 127.0.0.1. `port` 0 (the default) picks a free one.
 * Resolves to { url, port, apiKey, requests, close() }; `requests` keeps the last 100
 * { method, path, status } (never header values).
 */
export async function startSampleApi({ port = 0, apiKey = SAMPLE_API_KEY, log = () => undefined } = {}) {
  const tasks = seedTasks();
  const requests = [];
  let next = 1004;
  // Creation order of the tasks, for the polling trigger's state (the `after` of its Location).
  const seqOf = new Map(tasks.map((t, i) => [t.id, tasks.length - i]));
  let seq = tasks.length;
  /** Webhook subscriptions: id -> callback URL. */
  const hooks = new Map();
  let nextHook = 1;
  /** Callback calls: { hookId, taskId, status } or { hookId, taskId, error } (the last 100). */
  const deliveries = [];

  async function notify(task) {
    for (const [hookId, callbackUrl] of [...hooks]) {
      const entry = { hookId, taskId: task.id };
      try {
        const answer = await fetch(callbackUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(task),
          redirect: 'manual',
          signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
        });
        entry.status = answer.status;
        await answer.arrayBuffer().catch(() => undefined);
      } catch (e) {
        entry.error = e instanceof Error ? e.message : String(e);
      }
      deliveries.push(entry);
      if (deliveries.length > 100) deliveries.shift();
      log(`callback ${hookId} for ${task.id} -> ${entry.status ?? entry.error}`);
    }
  }

  /** This API's own origin as the caller addressed it (for absolute Location headers). */
  const origin = (req) => `http://${/^[\w.:[\]-]{1,300}$/.test(req.headers.host ?? '') ? req.headers.host : '127.0.0.1'}`;

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const record = () => {
      requests.push({ method, path: url.pathname, status: res.statusCode });
      if (requests.length > 100) requests.shift();
      log(`${method} ${url.pathname} -> ${res.statusCode}`);
    };
    res.once('finish', record);
    if (!url.pathname.startsWith(`${BASE_PATH}/`)) return error(res, 404, 'NotFound', `No route ${url.pathname}; the API lives under ${BASE_PATH}.`);
    // The connector's securityDefinitions: apiKey in header X-API-Key.
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || key !== apiKey) {
      res.setHeader('WWW-Authenticate', 'ApiKey header="X-API-Key"');
      return error(res, 401, 'Unauthorized', key ? 'The API key is not valid.' : 'The X-API-Key header is missing.');
    }
    const rest = url.pathname.slice(BASE_PATH.length);
    // The MCP operation InvokeMCP (issue 26): the sample MCP server (scripts/sampleMcp.mjs) over
    // streamable HTTP, behind the same API key; its search_tasks tool reads these tasks.
    // Loaded on the first MCP request: `npm start` imports this file before it has installed the
    // dependencies (the MCP SDK among them) on a fresh clone.
    if (rest === '/mcp') return import('./sampleMcp.mjs').then(({ handleSampleMcp }) => handleSampleMcp(req, res, { tasks: () => tasks }));
    if (rest === '/tasks') {
      if (method === 'GET') {
        const status = url.searchParams.get('status');
        if (status !== null && !STATUSES.includes(status)) return error(res, 400, 'InvalidStatus', 'status must be open or done.');
        const topText = url.searchParams.get('top');
        const top = topText === null ? 50 : Number(topText);
        if (!Number.isInteger(top) || top < 0 || top > 2147483647) return error(res, 400, 'InvalidTop', 'top must be a non-negative int32.');
        return send(res, 200, { value: tasks.filter((t) => status === null || t.status === status).slice(0, top) });
      }
      if (method === 'POST') {
        const body = await readJson(req, res);
        if (!body) return;
        if (typeof body.title !== 'string' || !body.title.trim()) return error(res, 400, 'InvalidTitle', 'title is required.');
        if (body.title.length > MAX_TITLE) return error(res, 400, 'InvalidTitle', `title is longer than ${MAX_TITLE} characters.`);
        if (body.dueDate !== undefined && !isDateTime(body.dueDate)) return error(res, 400, 'InvalidDueDate', 'dueDate must be a date-time such as 2026-01-31T17:00:00Z.');
        if (tasks.length >= MAX_TASKS) return error(res, 429, 'TooManyTasks', `This local API keeps at most ${MAX_TASKS} tasks.`);
        const task = { id: `t-${next++}`, title: body.title, status: 'open', createdAt: new Date().toISOString() };
        if (body.dueDate !== undefined) task.dueDate = new Date(body.dueDate).toISOString();
        tasks.unshift(task); // newest first
        seqOf.set(task.id, ++seq);
        send(res, 200, task);
        void notify(task); // the webhook trigger: after the answer, as a service would
        return;
      }
      res.setHeader('Allow', 'GET, POST');
      return error(res, 405, 'MethodNotAllowed', `${method} is not supported on /tasks.`);
    }
    if (rest === '/triggers/tasks') {
      if (method !== 'GET') {
        res.setHeader('Allow', 'GET');
        return error(res, 405, 'MethodNotAllowed', `${method} is not supported on /triggers/tasks.`);
      }
      // The polling trigger: the state (the last creation seen) travels in the Location URL.
      const afterText = url.searchParams.get('after');
      const after = afterText === null ? seq : Number(afterText);
      if (!Number.isInteger(after) || after < 0) return error(res, 400, 'InvalidAfter', 'after must be a non-negative integer.');
      const fresh = tasks.filter((t) => seqOf.get(t.id) > after).reverse(); // oldest first
      const last = fresh.length ? seqOf.get(fresh[fresh.length - 1].id) : after;
      res.setHeader('Location', `${origin(req)}${BASE_PATH}/triggers/tasks?after=${last}`);
      res.setHeader('Retry-After', String(POLL_RETRY_AFTER));
      if (!fresh.length) {
        res.writeHead(202, { 'Content-Length': 0, 'Cache-Control': 'no-store' });
        return res.end();
      }
      return send(res, 200, fresh);
    }
    if (rest === '/hooks') {
      if (method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return error(res, 405, 'MethodNotAllowed', `${method} is not supported on /hooks.`);
      }
      const body = await readJson(req, res);
      if (!body) return;
      let callback;
      try {
        callback = new URL(body.callbackUrl);
      } catch {
        return error(res, 400, 'InvalidCallbackUrl', 'callbackUrl must be an absolute http(s) URL.');
      }
      if (callback.protocol !== 'http:' && callback.protocol !== 'https:') return error(res, 400, 'InvalidCallbackUrl', 'callbackUrl must be an absolute http(s) URL.');
      if (hooks.size >= MAX_HOOKS) return error(res, 429, 'TooManyHooks', `This local API keeps at most ${MAX_HOOKS} subscriptions.`);
      const id = `h-${nextHook++}`;
      hooks.set(id, callback.href);
      res.setHeader('Location', `${origin(req)}${BASE_PATH}/hooks/${id}`);
      return send(res, 201, { id, callbackUrl: callback.href });
    }
    const hook = /^\/hooks\/([^/]+)$/.exec(rest);
    if (hook) {
      if (method !== 'DELETE') {
        res.setHeader('Allow', 'DELETE');
        return error(res, 405, 'MethodNotAllowed', `${method} is not supported on /hooks/{hookId}.`);
      }
      if (!hooks.delete(hook[1])) return error(res, 404, 'HookNotFound', `No subscription ${hook[1]}.`);
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      return res.end();
    }
    const m = /^\/tasks\/([^/]+)$/.exec(rest);
    if (m) {
      let id;
      try {
        id = decodeURIComponent(m[1]);
      } catch {
        return error(res, 400, 'InvalidTaskId', 'The task id is not valid.');
      }
      const task = tasks.find((t) => t.id === id);
      if (method !== 'GET' && method !== 'PATCH') {
        res.setHeader('Allow', 'GET, PATCH');
        return error(res, 405, 'MethodNotAllowed', `${method} is not supported on /tasks/{taskId}.`);
      }
      if (method === 'PATCH') {
        const body = await readJson(req, res);
        if (!body) return;
        if (!STATUSES.includes(body.status)) return error(res, 400, 'InvalidStatus', 'status must be open or done.');
        if (!task) return error(res, 404, 'TaskNotFound', `No task ${id}. List the tasks to see their ids (e.g. t-1003).`);
        task.status = body.status;
        return send(res, 200, task);
      }
      if (!task) return error(res, 404, 'TaskNotFound', `No task ${id}. List the tasks to see their ids (e.g. t-1003).`);
      return send(res, 200, task);
    }
    return error(res, 404, 'NotFound', `No route ${url.pathname}.`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => { if (!res.headersSent) error(res, 500, 'InternalError', 'The sample API failed.'); else res.destroy(); });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 2_000;
  server.maxHeadersCount = 100;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    apiKey,
    requests,
    hooks,
    deliveries,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The `host` of the connector definition in `folder` (the key of the host override). */
export function definitionHost(folder = SAMPLE_FOLDER) {
  const doc = JSON.parse(fs.readFileSync(path.join(folder, 'apiDefinition.swagger.json'), 'utf8'));
  if (typeof doc.host !== 'string' || !doc.host) throw new Error(`${folder}/apiDefinition.swagger.json has no host`);
  return doc.host;
}

/**
 * Writes a .code-workspace that opens `folder` with the host override pointing its definition's
 * host at `apiUrl` (the definition itself is not touched). Returns { file, host }.
 */
export function writeSampleWorkspace({ file, apiUrl, folder = SAMPLE_FOLDER }) {
  const host = definitionHost(folder);
  const workspace = { folders: [{ path: folder }], settings: { [HOST_OVERRIDES_SETTING]: { [host]: apiUrl } } };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(workspace, null, 2)}\n`);
  return { file, host };
}

/**
 * Sets the host override for the definition in `folder` to `apiUrl` in a VS Code settings.json
 * (code-server's user settings that `npm start` owns), keeping every other entry. A file that is
 * not plain JSON (comments) is left alone: returns { written: false } and the caller prints the
 * setting instead. `apiUrl` undefined removes the entry again.
 */
export function writeHostOverride(settingsFile, { apiUrl, folder = SAMPLE_FOLDER }) {
  const host = definitionHost(folder);
  let settings = {};
  if (fs.existsSync(settingsFile)) {
    try {
      settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    } catch {
      return { written: false, host };
    }
    if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return { written: false, host };
  }
  const current = settings[HOST_OVERRIDES_SETTING];
  const overrides = { ...(current && typeof current === 'object' && !Array.isArray(current) ? current : {}) };
  if (apiUrl) overrides[host] = apiUrl;
  else delete overrides[host];
  settings[HOST_OVERRIDES_SETTING] = overrides;
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  return { written: true, host };
}

/** How to use the local API, for the console. */
export function howToConnect(api, host = definitionHost()) {
  return [
    `Sample API for samples/contoso-todo: ${api.url}${BASE_PATH} (requests for ${host} go there: setting ${HOST_OVERRIDES_SETTING})`,
    `  1. Connections view (Connector Studio icon) > "+" on contoso-todo > name it > API Key: ${api.apiKey}`,
    '  2. Open apiDefinition.swagger.json, click "▶ Test" above ListTasks, press Send: 200 OK, checked against the schema.',
  ].join('\n');
}

async function main() {
  const i = process.argv.indexOf('--port');
  const api = await startSampleApi({ port: i >= 0 ? Number(process.argv[i + 1]) : 0, log: (line) => console.log(`[sample-api] ${line}`) });
  console.log(howToConnect(api));
  console.log(`  Setting to add (user or workspace settings): "${HOST_OVERRIDES_SETTING}": { "${definitionHost()}": "${api.url}" }`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => void api.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// No top-level await: the TypeScript tests load this file through tsx as CommonJS.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`[sample-api] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
