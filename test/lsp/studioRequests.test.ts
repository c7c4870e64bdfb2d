// The custom requests of shared/src/protocol.ts against the real server process: readiness, the
// package plan, the import plan and detection, with open (unsaved) buffers and the user's settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAndConvert } from '../../engine/src/converters/postman';
import type { ConnectorStudioRequests, RequestMethod } from '../../shared/src/protocol';
import { TestLspClient } from './lspClient';

const DEFINITION = {
  swagger: '2.0',
  info: { title: 'Contoso Tasks', description: 'Manage tasks and projects in the Contoso task service.', version: '1.0' },
  host: 'api.contoso.com',
  basePath: '/',
  schemes: ['https'],
  paths: { '/tasks': { get: { operationId: 'ListTasks', summary: 'List tasks', description: 'Lists tasks.', responses: { '200': { description: 'OK' } } } } },
};
const PROPERTIES = { properties: { publisher: 'Contoso', stackOwner: 'Contoso', connectionParameters: {} } };

describe('language server: custom requests (shared/src/protocol.ts)', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let dir: string;
  const ask = <M extends RequestMethod>(method: M, params: ConnectorStudioRequests[M]['params']) =>
    client.connection.sendRequest(method, params) as Promise<ConnectorStudioRequests[M]['result']>;
  const ruleIds = (r: ConnectorStudioRequests['connectorStudio/readiness']['result']) => new Set(r.results.flatMap((x) => x.findings.map((f) => f.ruleId)).filter((id): id is string => !!id));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-lsp-req-'));
    fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), JSON.stringify(DEFINITION, null, 2));
    fs.writeFileSync(path.join(dir, 'apiProperties.json'), JSON.stringify(PROPERTIES, null, 2));
    client = new TestLspClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('readiness reads the unsaved buffer, not the disk', async () => {
    const onDisk = await ask('connectorStudio/readiness', { folder: dir });
    assert.equal(onDisk.folderName, path.basename(dir));
    assert.ok(onDisk.results.length > 0, 'readiness returned no requirement');
    assert.ok(!ruleIds(onDisk).has('json-parse-error'), 'the saved definition is valid JSON');
    const file = path.join(dir, 'apiDefinition.swagger.json');
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    client.change(uri, '{ "swagger": "2.0", "info": ');
    const edited = await ask('connectorStudio/readiness', { folder: dir });
    assert.ok(ruleIds(edited).has('json-parse-error'), `the broken buffer must be checked: ${[...ruleIds(edited)].join(', ')}`);
  });

  it('readiness applies connectorStudio.validation.rules', async () => {
    const before = ruleIds(await ask('connectorStudio/readiness', { folder: dir }));
    const rule = [...before][0];
    assert.ok(rule, 'expected at least one rule finding on this minimal connector (certification profile)');
    client.settings = { validation: { rules: { [rule]: 'off' } } };
    const after = ruleIds(await ask('connectorStudio/readiness', { folder: dir }));
    assert.ok(!after.has(rule), `${rule} is off in the settings but still reported`);
  });

  it('detection: by name, by content, and not for other JSON', async () => {
    assert.equal((await ask('connectorStudio/detect', { uri: client.uriOf(path.join(dir, 'apiProperties.json')), head: '{}' })).kind, 'properties');
    assert.equal((await ask('connectorStudio/detect', { uri: client.uriOf(path.join(dir, 'tasks.json')), head: '{ "swagger": "2.0" }' })).kind, 'definition');
    assert.equal((await ask('connectorStudio/detect', { uri: client.uriOf(path.join(dir, 'package.json')), head: '{ "name": "x" }' })).kind, undefined);
  });

  it('the import plan converts in the server and merges with the open buffer', async () => {
    const collection = JSON.stringify({
      info: { name: 'Tasks API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'Create task', request: { method: 'POST', url: 'https://api.contoso.com/tasks', body: { mode: 'raw', raw: '{"title":"x"}', options: { raw: { language: 'json' } } } } }],
    });
    const titled = await ask('connectorStudio/importPlan', { collectionText: collection });
    // The same title the converter gives in-process (the request only moves it to the server).
    const local = parseAndConvert(collection);
    assert.ok(local.ok);
    assert.ok(titled.ok && titled.title === (local.definition.info as { title: string }).title && titled.title.length > 0 && !titled.plan, JSON.stringify(titled));
    const broken = await ask('connectorStudio/importPlan', { collectionText: '{ nope' });
    assert.equal(broken.ok, false);
    // An unsaved edit of the target's definition is what the merge starts from.
    const file = path.join(dir, 'apiDefinition.swagger.json');
    const edited = { ...DEFINITION, info: { ...DEFINITION.info, title: 'Edited, not saved' } };
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    client.change(uri, JSON.stringify(edited, null, 2));
    const planned = await ask('connectorStudio/importPlan', { collectionText: collection, target: dir });
    assert.ok(planned.ok && planned.plan?.ok, JSON.stringify(planned));
    assert.equal(planned.plan.mode, 'merge');
    const def = planned.plan.files.find((f) => f.name === 'apiDefinition.swagger.json')!;
    assert.equal(def.currentText, JSON.stringify(edited, null, 2));
    assert.match(def.text, /Edited, not saved/);
    assert.match(def.text, /"post"/);
  });

  it('the package plan carries the files in base64 and its source folder', async () => {
    const plan = await ask('connectorStudio/packagePlan', { folder: dir });
    assert.equal(plan.source, dir);
    const def = plan.files.find((f) => f.name === 'apiDefinition.swagger.json');
    assert.ok(def, JSON.stringify(plan.files.map((f) => f.name)));
    assert.equal(JSON.parse(Buffer.from(def.base64, 'base64').toString('utf8')).info.title, 'Contoso Tasks');
  });
});
