// Breaking changes in the language server (issue 21), against the real server process: a
// connector committed in a temporary git repository; deleting an operation in the (unsaved)
// editor buffer publishes a breaking-change error with its own rule id, a CodeLens says what
// changed since the base, the report request lists the finding, and the setting "off" and a
// folder base work.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConnectorStudioRequests } from '../../shared/src/protocol';
import { TestLspClient } from './lspClient';

const DEFINITION = {
  swagger: '2.0',
  info: { title: 'Contoso Tasks', description: 'Manage tasks and projects in the Contoso task service.', version: '1.0' },
  host: 'api.contoso.com',
  basePath: '/',
  schemes: ['https'],
  paths: {
    '/tasks': {
      get: { operationId: 'ListTasks', summary: 'List tasks', description: 'Lists tasks.', responses: { '200': { description: 'OK' } } },
      post: { operationId: 'CreateTask', summary: 'Create task', description: 'Creates a task.', responses: { '200': { description: 'OK' } } },
    },
  },
};

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

describe('language server: breaking changes since the published version', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let dir: string;
  let file: string;
  const report = (params: ConnectorStudioRequests['connectorStudio/compareReport']['params']) => client.connection.sendRequest('connectorStudio/compareReport', params) as Promise<ConnectorStudioRequests['connectorStudio/compareReport']['result']>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-breaking-'));
    file = path.join(dir, 'apiDefinition.swagger.json');
    fs.writeFileSync(file, JSON.stringify(DEFINITION, null, 2));
    fs.writeFileSync(path.join(dir, 'apiProperties.json'), JSON.stringify({ properties: { publisher: 'Contoso', stackOwner: 'Contoso', connectionParameters: {} } }, null, 2));
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'published');
    client = new TestLspClient();
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Deletes CreateTask from the buffer, as a user does in the editor (not saved). */
  const deleteCreateTask = (uri: string) => {
    const v = structuredClone(DEFINITION) as { paths: Record<string, Record<string, unknown>> };
    delete v.paths['/tasks'].post;
    client.change(uri, JSON.stringify(v, null, 2));
  };

  it('deleting an operation in the editor publishes breaking-operation-removed (error) on its path item; the CodeLens and the report say what changed', async () => {
    await client.initialize(dir);
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    const first = await client.waitForDiagnostics(uri);
    assert.ok(!first.some((d) => String(d.code).startsWith('breaking-')), 'nothing changed yet');
    deleteCreateTask(uri);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'breaking-operation-removed'));
    const found = diags.filter((d) => d.code === 'breaking-operation-removed');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 1, 'an error');
    assert.match(String(found[0].message), /CreateTask.*has been deleted.*since HEAD.*Fix:/);
    const v0 = structuredClone(DEFINITION) as { paths: Record<string, Record<string, unknown>> };
    delete v0.paths['/tasks'].post;
    const lines = JSON.stringify(v0, null, 2).split('\n');
    assert.match(lines[found[0].range.start.line], /^\s*"\/tasks": \{$/, 'on the "/tasks" path item of the edited buffer');
    // The report lists it, with the fix and a position in the file.
    const r = await report({ uri, base: { kind: 'git' } });
    assert.equal(r.problem, undefined);
    assert.equal(r.baseLabel, 'HEAD');
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity, f.operationId]), [['breaking-operation-removed', 'error', 'CreateTask']]);
    assert.match(r.findings[0].fix, /deprecated/);
    assert.equal(r.findings[0].uri, uri);
    // A changed operation gets "changed since HEAD".
    const v = structuredClone(DEFINITION) as { paths: Record<string, Record<string, { description: string }>> };
    v.paths['/tasks'].get.description = 'Lists every task.';
    client.change(uri, JSON.stringify(v, null, 2));
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'breaking-operation-removed'));
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command?: { title: string; command: string } }[];
    const since = lenses.filter((l) => l.command?.title.includes('since HEAD'));
    assert.deepEqual(since.map((l) => l.command!.title), ['changed since HEAD']);
    assert.equal(since[0].command!.command, 'connectorStudio.compareWithPublished');
  });

  it('by default the base is the merge base with origin/main when the branch has one (a feature branch with a commit of its own)', async () => {
    git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    const base = git(dir, 'rev-parse', '--short=7', 'HEAD').trim();
    git(dir, 'checkout', '-q', '-b', 'feature');
    const v = structuredClone(DEFINITION) as { paths: Record<string, Record<string, unknown>> };
    delete v.paths['/tasks'].post;
    fs.writeFileSync(file, JSON.stringify(v, null, 2));
    git(dir, 'commit', '-q', '-am', 'delete CreateTask on the branch');
    await client.initialize(dir);
    // Committed on the branch, so HEAD has no change: only the merge base shows it.
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'breaking-operation-removed'));
    assert.match(String(diags.find((d) => d.code === 'breaking-operation-removed')!.message), new RegExp(`since origin/main \\(${base}\\)`));
  });

  it('connectorStudio.breakingChanges.base "off" reports nothing; a folder base (a download) is compared too', async () => {
    client.settings = { breakingChanges: { base: 'off' } };
    await client.initialize(dir);
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    await client.waitForDiagnostics(uri);
    deleteCreateTask(uri);
    await client.waitForDiagnostics(uri, (d) => d.length >= 0);
    await new Promise((r) => setTimeout(r, 800));
    assert.ok(!(client.lastDiagnostics(uri) ?? []).some((d) => String(d.code).startsWith('breaking-')), 'off: no breaking-change diagnostic');
    const published = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-published-'));
    try {
      fs.writeFileSync(path.join(published, 'apiDefinition.swagger.json'), JSON.stringify(DEFINITION));
      const r = await report({ uri, base: { kind: 'folder', folder: published } });
      assert.deepEqual(r.findings.map((f) => f.ruleId), ['breaking-operation-removed']);
      const bad = await report({ uri, base: { kind: 'git', ref: '--output=/tmp/x' } });
      assert.match(bad.problem ?? '', /not a git revision/);
    } finally {
      fs.rmSync(published, { recursive: true, force: true });
    }
  });
});
