// Connections in the real extension host: connections of every non-interactive kind (none, API key
// in header and query, basic, OAuth 2.0 client credentials for oauth2 and aad) plus authorization
// code with PKCE (the browser step driven by the test), created through services.connections with
// random secret values, exercised against a local HTTP server (API + token endpoint) on 127.0.0.1.
// Then the VS Code user-data dir, the extension storage dirs, the logs, the workspace and the
// browser profile are searched for every secret value and issued token: zero hits allowed.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../../../client/src/services';

const EXTENSION_ID = 'connector-studio.connector-studio';
const say = (line: string): void => console.log(`[mocha]       ${line}`);

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** API (/api/me) + OAuth endpoints (/authorize, /token, /<tenant>/oauth2/v2.0/token), issuing random tokens. */
class LocalServer {
  readonly requests: Recorded[] = [];
  readonly issued: string[] = [];
  private server!: Server;
  port = 0;
  constructor(private readonly clientSecret: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const json = (status: number, value: unknown): void => {
          res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
        };
        if (url.pathname === '/authorize') {
          const code = `code-${randomUUID()}`;
          this.issued.push(code);
          const back = new URL(url.searchParams.get('redirect_uri') ?? '');
          back.searchParams.set('code', code);
          back.searchParams.set('state', url.searchParams.get('state') ?? '');
          res.writeHead(302, { Location: back.toString() }).end();
          return;
        }
        if (url.pathname === '/token' || url.pathname.endsWith('/oauth2/v2.0/token')) {
          const form = new URLSearchParams(body);
          if (form.get('client_secret') !== this.clientSecret) return json(401, { error: 'invalid_client' });
          const access = `at-${randomUUID()}`;
          const refresh = `rt-${randomUUID()}`;
          this.issued.push(access, refresh);
          const grant = form.get('grant_type');
          return json(200, { access_token: access, token_type: 'Bearer', expires_in: 3600, ...(grant === 'client_credentials' ? {} : { refresh_token: refresh }) });
        }
        if (url.pathname === '/api/me') return json(200, { ok: true });
        json(404, { error: 'not found' });
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((r) => {
      this.server.closeAllConnections();
      this.server.close(() => r());
    });
  }
}

/** Every file under `root` (no symlinks), with a size cap. */
function* files(root: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(root, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

interface SearchReport {
  root: string;
  files: number;
  bytes: number;
  hits: string[];
}

/** Looks for each needle as UTF-8 and as UTF-16LE (how Chromium's IndexedDB may keep strings). */
function search(root: string, needles: string[]): SearchReport {
  const report: SearchReport = { root, files: 0, bytes: 0, hits: [] };
  const patterns = needles.flatMap((n) => [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le')].map((b) => ({ n, b })));
  for (const file of files(root)) {
    let buf: Buffer;
    try {
      if (fs.statSync(file).size > 64 * 2 ** 20) continue;
      buf = fs.readFileSync(file);
    } catch {
      continue; // vanished (log rotation, sockets)
    }
    report.files++;
    report.bytes += buf.length;
    for (const { n, b } of patterns) if (buf.includes(b)) report.hits.push(`${path.relative(root, file)}: ${n.slice(0, 12)}…`);
  }
  return report;
}

function ancestor(p: string, name: string): string | undefined {
  for (let dir = p; dir !== path.dirname(dir); dir = path.dirname(dir)) if (path.basename(dir) === name) return dir;
  return undefined;
}

describe('Connections: every kind, secrets only in SecretStorage', function () {
  this.timeout(60_000);
  let services: ExtensionServices;
  let server: LocalServer;
  let workspace: vscode.Uri;
  const clientSecret = `LEAK-client-secret-${randomUUID()}`;
  const known: string[] = [clientSecret];
  const secret = (label: string): string => {
    const v = `LEAK-${label}-${randomUUID()}`;
    known.push(v);
    return v;
  };
  const created: string[] = [];
  const marker = `conn-marker-${randomUUID()}`;

  before(async () => {
    const ext = vscode.extensions.getExtension<ExtensionServices>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    services = await ext.activate();
    assert.ok(services.connections, 'activate() returns services with a connections service');
    server = new LocalServer(clientSecret);
    await server.start();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test run must open a workspace folder');
    workspace = folder.uri;
    writeFixtures(workspace.fsPath, server.port);
  });

  after(async () => {
    for (const id of created) await services.connections.delete(id).catch(() => undefined);
    await server?.close();
  });

  const apiDefinition = (port: number, securityDefinitions: object) => ({
    swagger: '2.0',
    info: { title: 'Conn smoke', version: '1.0' },
    host: `127.0.0.1:${port}`,
    basePath: '/api',
    schemes: ['http'],
    paths: { '/me': { get: { operationId: 'Me', responses: { '200': { description: 'ok' } } } } },
    securityDefinitions,
  });
  const secure = (displayName: string) => ({ type: 'securestring', uiDefinition: { displayName, constraints: { required: 'true' } } });
  const text = (displayName: string) => ({ type: 'string', uiDefinition: { displayName, constraints: { required: 'true' } } });
  const oauth = (identityProvider: string, custom: Record<string, string>, scopes: string[]) => ({
    token: {
      type: 'oauthSetting',
      oAuthSettings: {
        identityProvider,
        clientId: 'smoke-client',
        scopes,
        redirectMode: 'GlobalPerConnector',
        customParameters: Object.fromEntries(Object.entries(custom).map(([k, v]) => [k, { value: v }])),
      },
    },
  });

  function writeFixtures(root: string, port: number): void {
    const base = `http://127.0.0.1:${port}`;
    const connectors: Record<string, [object, object]> = {
      none: [{}, {}],
      'apikey-header': [{ k: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } }, { api_key: secure('API key') }],
      'apikey-query': [{ k: { type: 'apiKey', in: 'query', name: 'code' } }, { api_key: secure('Function key') }],
      basic: [{ b: { type: 'basic' } }, { username: text('User'), password: secure('Password') }],
      'oauth-cc': [{}, oauth('oauth2', { tokenUrl: `${base}/token`, grantType: 'client_credentials' }, ['api.read'])],
      'aad-cc': [{}, oauth('aad', { loginUri: base, tenantId: 'contoso', resourceUri: 'api://smoke', grantType: 'client_credentials' }, [])],
      'oauth-code': [
        { o: { type: 'oauth2', flow: 'accessCode', authorizationUrl: `${base}/authorize`, tokenUrl: `${base}/token`, scopes: {} } },
        oauth('oauth2', { authorizationUrl: `${base}/authorize`, tokenUrl: `${base}/token` }, ['read', 'offline_access']),
      ],
    };
    for (const [name, [sec, params]] of Object.entries(connectors)) {
      const dir = path.join(root, 'conn-smoke', name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), JSON.stringify(apiDefinition(port, sec), null, 2));
      fs.writeFileSync(path.join(dir, 'apiProperties.json'), JSON.stringify({ properties: { connectionParameters: params, publisher: marker } }, null, 2));
    }
  }

  async function make(kindFolder: string, values: Record<string, string>): Promise<string> {
    const record = await services.connections.create({ folder: `conn-smoke/${kindFolder}`, name: `${kindFolder} ${marker}`, values });
    created.push(record.id);
    return record.id;
  }

  async function testOk(id: string): Promise<Recorded> {
    const before = server.requests.length;
    const result = await services.connections.test(id);
    assert.equal(result.ok, true, `test of ${services.connections.get(id)?.name}: ${result.summary} ${result.detail ?? ''}`);
    assert.equal(result.status, 200);
    const api = server.requests.slice(before).filter((r) => r.url.startsWith('/api/me'));
    assert.equal(api.length, 1, 'exactly one API request');
    return api[0]!;
  }

  it('none: sends nothing extra', async () => {
    const id = await make('none', {});
    const req = await testOk(id);
    assert.equal(req.headers.authorization, undefined);
    assert.equal(services.connections.statusOf(services.connections.get(id)!), 'ready');
  });

  it('API key in a header and in the query', async () => {
    const hk = secret('hdr-key');
    const qk = secret('qry-key');
    const h = await make('apikey-header', { api_key: hk });
    const q = await make('apikey-query', { api_key: qk });
    assert.equal((await testOk(h)).headers['x-api-key'], hk);
    assert.equal(new URL((await testOk(q)).url, 'http://x').searchParams.get('code'), qk);
    assert.deepEqual(await services.connections.resolve(h), { headers: { 'X-Api-Key': hk }, query: {} });
    // A value logged by mistake reaches the output channel as ***.
    services.log.info(`logging a key by mistake: ${hk} ${marker}`);
  });

  it('basic', async () => {
    const user = secret('user');
    const pw = secret('basic-pw');
    const id = await make('basic', { username: user, password: pw });
    const req = await testOk(id);
    const expected = `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
    known.push(Buffer.from(`${user}:${pw}`).toString('base64'));
    assert.equal(req.headers.authorization, expected);
  });

  it('OAuth 2.0 client credentials (oauth2 and aad): sign in, request with the token', async () => {
    for (const folder of ['oauth-cc', 'aad-cc']) {
      const id = await make(folder, { 'token.clientSecret': clientSecret });
      assert.equal(services.connections.statusOf(services.connections.get(id)!), 'needsSignIn');
      await services.connections.signIn(id);
      assert.equal(services.connections.statusOf(services.connections.get(id)!), 'signedIn');
      const req = await testOk(id);
      assert.match(String(req.headers.authorization), /^Bearer at-/);
    }
    assert.ok(server.requests.some((r) => r.url === '/contoso/oauth2/v2.0/token'), 'aad token URL built from loginUri and tenant');
  });

  it('OAuth 2.0 client credentials with a wrong secret ends in status error: invalid_client', async () => {
    const wrong = secret('wrong-secret');
    const id = await make('oauth-cc', { 'token.clientSecret': wrong });
    await assert.rejects(services.connections.signIn(id), /client/i);
    const record = services.connections.get(id)!;
    assert.equal(record.status, 'error');
    assert.equal(record.lastError, 'invalid_client');
  });

  it('OAuth 2.0 authorization code with PKCE through the loopback redirect, then refresh', async () => {
    const svc = services.connections;
    const saved = { open: svc.openBrowser, bridge: svc.bridgeRedirect };
    // The browser step: follow the authorization server's redirect to the loopback listener.
    svc.openBrowser = async (url) => {
      const u = new URL(url);
      assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
      assert.match(u.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      await (await fetch(url)).text();
    };
    svc.bridgeRedirect = false;
    try {
      const id = await make('oauth-code', { 'token.clientSecret': clientSecret });
      await svc.signIn(id, AbortSignal.timeout(15_000));
      assert.equal(svc.statusOf(svc.get(id)!), 'signedIn');
      const first = (await testOk(id)).headers.authorization;
      const refreshed = await svc.resolve(id, { forceRefresh: true });
      assert.notEqual(refreshed.headers.Authorization, first, 'a refresh gives a new access token');
      assert.ok(server.requests.some((r) => r.body.includes('grant_type=refresh_token')));
    } finally {
      svc.openBrowser = saved.open;
      svc.bridgeRedirect = saved.bridge;
    }
  });

  it('the OAuth redirect fits the UI kind: asExternalUri + UriHandler in browser VS Code, loopback in local desktop', async function () {
    const svc = services.connections;
    const web = vscode.env.uiKind === vscode.UIKind.Web;
    // No skip in either kind: the default (not forced) redirect path is checked end to end.
    // Browser VS Code (code-server) cannot reach the extension host's loopback, nor can a remote one.
    const bridged = web || vscode.env.remoteName !== undefined;
    assert.equal(svc.bridgeRedirect, bridged, `bridgeRedirect with uiKind ${web ? 'Web' : 'Desktop'}, remoteName ${vscode.env.remoteName}`);
    const saved = svc.openBrowser;
    let redirectUri = '';
    svc.openBrowser = async (url) => {
      redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
      // Local desktop: the authorization server redirects straight to the loopback listener.
      if (!bridged) return void (await (await fetch(url)).text());
      // Browser: it redirects to the external callback URI, which the real browser (chromium)
      // opens; VS Code hands it to the extension's UriHandler.
      const res = await fetch(url, { redirect: 'manual' });
      const location = res.headers.get('location');
      assert.ok(location, 'authorize redirects');
      return vscode.env.openExternal(vscode.Uri.parse(location, true));
    };
    try {
      const id = await make('oauth-code', { 'token.clientSecret': clientSecret });
      await svc.signIn(id, AbortSignal.timeout(20_000));
      assert.equal(svc.statusOf(svc.get(id)!), 'signedIn');
      if (bridged) assert.doesNotMatch(redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/, `redirect_uri ${redirectUri}`);
      else assert.match(redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/, `redirect_uri ${redirectUri}`);
      say(`${bridged ? 'bridged' : 'loopback'} redirect_uri: ${redirectUri.replace(/[?#].*/, '')}`);
    } finally {
      svc.openBrowser = saved;
    }
  });

  it('Copy as cURL header shows no secret', async () => {
    const id = created[1]!; // the header API key
    const text = await vscode.commands.executeCommand<string>('connectorStudio.copyConnectionCurl', id);
    assert.equal(text, `-H 'X-Api-Key: ***'`);
    assert.equal(await vscode.env.clipboard.readText(), text);
  });

  it('lists connections per folder for the test-operation API', () => {
    const folder = vscode.Uri.joinPath(workspace, 'conn-smoke', 'oauth-cc');
    const names = services.connections.list(folder).map((r) => r.name);
    assert.equal(names.length, 2, names.join(', '));
    assert.ok(services.connections.list().length >= created.length);
  });

  it('finds none of the secret values in user data, extension storage, logs, workspace or browser profile', async () => {
    const ctx = services.context;
    const needles = [...new Set([...known, ...server.issued])];
    assert.ok(needles.length >= 12, `${needles.length} needles`);
    const globalStorage = ctx.globalStorageUri.fsPath;
    // <user-data>/User/globalStorage/<extension id>
    const userData = path.dirname(path.dirname(path.dirname(globalStorage)));
    assert.equal(path.basename(path.dirname(path.dirname(globalStorage))), 'User', `unexpected globalStorageUri ${globalStorage}`);
    const logs = ancestor(ctx.logUri.fsPath, 'logs') ?? path.dirname(ctx.logUri.fsPath);
    const roots = new Set<string>([userData, logs, workspace.fsPath]);
    if (ctx.storageUri) roots.add(ctx.storageUri.fsPath);
    roots.add(globalStorage);
    // The e2e harness keeps code-server's HOME, XDG dirs and TMPDIR next to user-data: search them all.
    const runRoot = path.dirname(userData);
    if (fs.existsSync(path.join(runRoot, 'home')) && fs.existsSync(path.join(runRoot, 'tmp'))) roots.add(runRoot);
    // Chromium's profile (IndexedDB holds workspaceState in browser VS Code) is made by playwright
    // in the harness's temp dir, where the workspace copy also lives.
    const tmp = path.dirname(workspace.fsPath);
    for (const d of fs.readdirSync(tmp)) if (d.startsWith('playwright_chromiumdev_profile-')) roots.add(path.join(tmp, d));

    // Positive control: the search must see the output channel's log file. (Whether it sees the
    // browser's IndexedDB copy of workspaceState is only reported; the Mementos are checked directly below.)
    const deadline = Date.now() + 5_000;
    let logSeen = false;
    let stateSeen: string[] = [];
    for (;;) {
      const seen = [...roots].map((r) => search(r, [marker]));
      logSeen = seen.some((s) => s.root === logs && s.hits.some((h) => h.includes('.log')));
      stateSeen = seen.flatMap((s) => s.hits.filter((h) => !h.includes('.log') && !h.includes('conn-smoke')).map((h) => `${s.root}/${h}`));
      if (logSeen || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // What VS Code persists for the extension's Mementos is exactly these values.
    const mementos = [ctx.workspaceState, ctx.globalState].map((m) => JSON.stringify(m.keys().map((k) => [k, m.get(k)]))).join('\n');
    assert.ok(mementos.includes(marker), 'connection names are in workspaceState');
    assert.deepEqual(needles.filter((n) => mementos.includes(n)), [], 'no secret in workspaceState / globalState');
    const reports = [...roots].map((r) => search(r, needles));
    for (const r of reports) say(`searched ${r.root}: ${r.files} files, ${(r.bytes / 2 ** 20).toFixed(1)} MiB, ${r.hits.length} hits`);
    say(`positive controls: marker in the output log file: ${logSeen}; connection names (workspaceState) found on disk in: ${stateSeen.join(', ') || 'none of the searched files'}`);
    say(`${needles.length} secret values and issued tokens searched as UTF-8 and UTF-16LE`);
    assert.ok(logSeen, `the output channel's log file under ${logs} must be searched (marker not found)`);
    assert.deepEqual(reports.flatMap((r) => r.hits.map((h) => `${r.root}: ${h}`)), []);
  });
});
