// Completion coverage over LSP (issue 6): parameter in/type/format values, $ref targets,
// x-ms-api-annotation fields, capabilities, policy template ids and parameters in apiProperties,
// connection parameter types. Fixture: test/fixtures/features, edited in memory as a user types.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CompletionRequest, type CompletionItem, type CompletionList, type Position, type TextEdit } from 'vscode-languageserver-protocol/node';
import { openFixtureConnector, type OpenedConnector, TestLspClient } from './lspClient';
import { applyEdits, positionOf } from './textHelpers';

const FIXTURE = path.resolve(__dirname, '../fixtures/features');

describe('language server over IPC: completion coverage', function () {
  this.timeout(30_000);
  let client: TestLspClient;
  let opened: OpenedConnector;
  let defText: string;
  let propsText: string;
  let defUri: string;
  let propsUri: string;

  before(async () => {
    opened = await openFixtureConnector(FIXTURE, 'apiDefinition.swagger.json', 'cs-lsp-completion-');
    ({ client, defText, propsText, defUri, propsUri } = opened);
  });
  after(() => opened.dispose());

  async function complete(uri: string, position: Position): Promise<CompletionItem[]> {
    const r = (await client.connection.sendRequest(CompletionRequest.method, { textDocument: { uri }, position })) as CompletionItem[] | CompletionList | null;
    return !r ? [] : Array.isArray(r) ? r : r.items;
  }

  /**
   * Completion after replacing `anchor` by `replacement` in a file; the cursor goes where "|" is in
   * the replacement. The original text is restored afterwards.
   */
  async function completeTyped(file: 'definition' | 'properties', anchor: string, replacement: string): Promise<CompletionItem[]> {
    const [uri, original] = file === 'definition' ? [defUri, defText] : [propsUri, propsText];
    assert.ok(original.includes(anchor), `anchor ${anchor} not found`);
    const edited = original.replace(anchor, replacement.replace('|', ''));
    const cursor = original.indexOf(anchor) + replacement.indexOf('|');
    const before = edited.slice(0, cursor);
    client.change(uri, edited);
    try {
      return await complete(uri, { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 });
    } finally {
      client.change(uri, original);
    }
  }

  const labels = (items: CompletionItem[]) => items.map((i) => i.label);

  it('completes the values of a parameter\'s "in"', async () => {
    const items = await complete(defUri, positionOf(defText, '"in": "path"', 0, '"in": "pa'.length));
    assert.deepEqual(labels(items), ['query', 'header', 'path', 'formData', 'body']);
    const edit = items.find((i) => i.label === 'query')!.textEdit as TextEdit;
    assert.match(applyEdits(defText, [edit]), /"in": "query",/);
  });

  it('completes the values of a parameter\'s "type"', async () => {
    const items = await complete(defUri, positionOf(defText, '"type": "string"', 0, '"type": "'.length));
    assert.deepEqual(labels(items), ['string', 'number', 'integer', 'boolean', 'array', 'object', 'file']);
  });

  it('completes the values of a parameter\'s "format"', async () => {
    const items = await completeTyped('definition', '"type": "string",\n                        "x-ms-summary"', '"type": "string",\n                        "format": "|",\n                        "x-ms-summary"');
    assert.ok(labels(items).includes('date-time'), labels(items).join());
    assert.ok(labels(items).includes('int32'));
    assert.ok(!labels(items).includes('query'));
  });

  it('completes $ref targets with the sections they point into', async () => {
    const items = await complete(defUri, positionOf(defText, '"$ref": "#/definitions/ListCollection"', 0, '"$ref": "#/'.length));
    assert.deepEqual(labels(items), ['#/definitions/ListCollection']);
    assert.equal(items[0].detail, 'definitions');
  });

  it('completes the fields of x-ms-api-annotation and the values of its status', async () => {
    const keys = await completeTyped('definition', '"tags": ["Items"],', '"tags": ["Items"],\n                "x-ms-api-annotation": { "|" },');
    assert.deepEqual(labels(keys), ['family', 'revision', 'status', 'replacement']);
    const status = await completeTyped('definition', '"tags": ["Items"],', '"tags": ["Items"],\n                "x-ms-api-annotation": { "family": "GetItems", "status": "|" },');
    assert.deepEqual(labels(status), ['Preview', 'Production']);
    const replacement = await completeTyped('definition', '"tags": ["Items"],', '"tags": ["Items"],\n                "x-ms-api-annotation": { "replacement": { "operationId": "|" } },');
    assert.deepEqual(labels(replacement).sort(), ['GetItems', 'GetLists']);
  });

  it('completes x-ms-capabilities fields by position: testConnection at the root, chunkTransfer on an operation', async () => {
    const root = await completeTyped('definition', '"schemes": ["https"],', '"schemes": ["https"],\n    "x-ms-capabilities": { "|" },');
    assert.deepEqual(labels(root), ['testConnection', 'file-picker']);
    const op = await completeTyped('definition', '"tags": ["Items"],', '"tags": ["Items"],\n                "x-ms-capabilities": { "|" },');
    assert.deepEqual(labels(op), ['chunkTransfer']);
  });

  it('completes apiProperties capabilities, leaving out those already listed', async () => {
    const items = await completeTyped('properties', '"capabilities": []', '"capabilities": ["actions", "|"]');
    assert.deepEqual(labels(items), ['triggers', 'gateway', 'cloud only']);
  });

  it('completes policy template ids with their titles', async () => {
    const items = await complete(propsUri, positionOf(propsText, '"templateId": "setheader"', 0, '"templateId": "set'.length));
    assert.ok(labels(items).includes('dynamichosturl'));
    assert.ok(labels(items).includes('updatenextlink'));
    assert.equal(items.find((i) => i.label === 'setheader')?.detail, 'Set HTTP header');
  });

  it('completes the parameters of the instance\'s policy template', async () => {
    const items = await complete(propsUri, positionOf(propsText, '"x-ms-apimTemplateParameter.name"', 0, 1));
    const names = labels(items);
    assert.ok(names.includes('x-ms-apimTemplateParameter.value'), names.join());
    assert.ok(names.includes('x-ms-apimTemplate-policySection'));
    assert.ok(!names.includes('x-ms-apimTemplateParameter.urlTemplate'), 'a dynamichosturl parameter is not a setheader parameter');
  });

  it('completes operationIds in a policy template\'s x-ms-apimTemplate-operationName', async () => {
    const items = await complete(propsUri, positionOf(propsText, '["GetLists"]', 0, 2));
    assert.deepEqual(labels(items).sort(), ['GetItems', 'GetLists']);
  });

  it('completes connection parameter types', async () => {
    const items = await completeTyped('properties', '"connectionParameters": {}', '"connectionParameters": { "api_key": { "type": "|" } }');
    assert.deepEqual(labels(items), ['string', 'securestring', 'oauthSetting', 'int', 'bool', 'gatewaySetting']);
  });
});
