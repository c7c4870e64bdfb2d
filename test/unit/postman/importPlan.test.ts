// The VS Code import's pure parts: what a (re-)import will write (engine/src/converters/postman/importPlan.ts)
// and where it can go (client/src/postman/targets.ts).
import * as assert from 'node:assert/strict';
import { buildImportPlan, changedFiles, serializeLike, type ImportPlan } from '../../../engine/src/converters/postman/importPlan';
import { checkNewFolderName, folderNameFor, targetChoices } from '../../../client/src/postman/targets';
import { DEFINITION_SIZE_LIMIT, serializeJson, type JsonObject } from '../../../engine/src/converters/postman';
import { convertOk, fixture, op } from './postmanTestKit';

type Collection = { item: Array<Record<string, unknown>> } & Record<string, unknown>;
const collection = (): Collection => fixture('mapping-v21.postman_collection.json') as Collection;

function ok(plan: ImportPlan): Extract<ImportPlan, { ok: true }> {
  if (!plan.ok) assert.fail(`plan failed: ${plan.message} (${plan.where})`);
  return plan;
}

function file(plan: Extract<ImportPlan, { ok: true }>, name: string) {
  const f = plan.files.find((x) => x.name === name);
  assert.ok(f, `${name} missing from the plan`);
  return f;
}

describe('Postman import plan (VS Code command)', () => {
  it('creates both files in a folder without a connector, in the project\'s JSON style', () => {
    const imported = convertOk(collection());
    const plan = ok(buildImportPlan(imported, {}));
    assert.equal(plan.mode, 'new');
    assert.deepEqual(plan.files.map((f) => [f.name, f.action]), [['apiDefinition.swagger.json', 'create'], ['apiProperties.json', 'create']]);
    assert.equal(file(plan, 'apiDefinition.swagger.json').text, serializeJson(imported.definition));
    assert.equal(file(plan, 'apiProperties.json').text, serializeJson(imported.properties));
    assert.equal(plan.oversize, false);
    assert.equal(plan.definitionBytes, Buffer.byteLength(serializeJson(imported.definition)));
    assert.match(plan.reportText, /^\d+ request\(s\) -> \d+ operation\(s\)/);
  });

  it('re-importing the same collection over an edited connector writes nothing and keeps the edit', () => {
    const first = convertOk(collection());
    const edited = structuredClone(first.definition);
    op(edited, 'get', '/tasks').summary = 'List my tasks (edited)';
    const current = { definition: JSON.stringify(edited, null, 2), properties: serializeJson(first.properties) };
    const plan = ok(buildImportPlan(convertOk(collection()), current));
    assert.equal(plan.mode, 'merge');
    assert.deepEqual(changedFiles(plan), []);
    assert.equal(file(plan, 'apiDefinition.swagger.json').text, current.definition);
  });

  it('a new request is merged in, the edit kept, the author\'s formatting (2 spaces, CRLF) kept', () => {
    const first = convertOk(collection());
    const edited = structuredClone(first.definition);
    op(edited, 'get', '/tasks').summary = 'List my tasks (edited)';
    const current = { definition: JSON.stringify(edited, null, 2).replace(/\n/g, '\r\n') + '\r\n', properties: serializeJson(first.properties) };
    const grown = collection();
    grown.item.push({ name: 'Ping', request: { method: 'GET', url: { raw: '{{baseUrl}}/ping', host: ['{{baseUrl}}'], path: ['ping'] } } });
    const plan = ok(buildImportPlan(convertOk(grown), current));
    const def = file(plan, 'apiDefinition.swagger.json');
    assert.equal(def.action, 'replace');
    assert.equal(def.currentText, current.definition);
    assert.equal(file(plan, 'apiProperties.json').action, 'unchanged');
    const written = JSON.parse(def.text) as JsonObject;
    assert.equal(op(written, 'get', '/tasks').summary, 'List my tasks (edited)');
    assert.ok(op(written, 'get', '/ping'), 'the new request is added');
    assert.ok(def.text.startsWith('{\r\n  "'), 'two-space indentation and CRLF kept');
    assert.ok(def.text.endsWith('}\r\n'));
    assert.ok(plan.report.entries.some((e) => e.code === 'reimport-operation-added'), 'the report says what was added');
  });

  it('merges when only apiProperties.json is there, creating the definition', () => {
    const first = convertOk(collection());
    const plan = ok(buildImportPlan(convertOk(collection()), { properties: serializeJson(first.properties) }));
    assert.equal(plan.mode, 'merge');
    assert.equal(file(plan, 'apiDefinition.swagger.json').action, 'create');
  });

  it('refuses to merge into a broken existing definition, saying where', () => {
    const plan = buildImportPlan(convertOk(collection()), { definition: '{\n  "swagger": "2.0",\n  "info": \n}' });
    assert.equal(plan.ok, false);
    if (plan.ok) return;
    assert.match(plan.message, /existing apiDefinition\.swagger\.json is not valid JSON/);
    assert.match(plan.where, /^apiDefinition\.swagger\.json line 4, column 1$/);
  });

  it('refuses an existing apiProperties.json that is not an object', () => {
    const plan = buildImportPlan(convertOk(collection()), { definition: '{}', properties: '[1, 2]' });
    assert.equal(plan.ok, false);
    if (!plan.ok) assert.match(plan.message, /apiProperties\.json does not hold a JSON object/);
  });

  it('flags a definition over the platform\'s 1 MB limit', () => {
    const big = collection();
    big.info = { ...(big.info as object), description: 'x'.repeat(DEFINITION_SIZE_LIMIT + 10) };
    const plan = ok(buildImportPlan(convertOk(big), {}));
    assert.equal(plan.oversize, true);
    assert.ok(plan.definitionBytes > DEFINITION_SIZE_LIMIT);
  });
});

describe('serializeLike', () => {
  const value = { a: [1, { b: 'c' }] };
  it('keeps tabs, no final newline', () => {
    assert.equal(serializeLike(value, '{\n\t"x": 1\n}'), JSON.stringify(value, null, '\t'));
  });
  it('keeps CRLF, a final newline and a BOM', () => {
    assert.equal(serializeLike(value, '\uFEFF{\r\n   "x": 1\r\n}\r\n'), `\uFEFF${JSON.stringify(value, null, 3).replace(/\n/g, '\r\n')}\r\n`);
  });
  it('falls back to 4 spaces for a one-line file', () => {
    assert.equal(serializeLike(value, '{"x":1}'), JSON.stringify(value, null, 4));
  });
});

describe('Postman import targets', () => {
  it('names the new folder after the collection', () => {
    assert.equal(folderNameFor('Wise Cards'), 'wise-cards');
    assert.equal(folderNameFor('  Café Orders / v2 (beta) '), 'cafe-orders-v2-beta');
    assert.equal(folderNameFor('***'), 'imported-connector');
    assert.ok(folderNameFor('a'.repeat(100)).length <= 60);
  });

  it('offers the new subfolder first, then the workspace folder, then connector folders to merge into', () => {
    const choices = targetChoices([{ name: 'ws', path: '/home/me/ws' }], ['/home/me/ws/lists', '/home/me/ws'], 'Book Shelf');
    assert.deepEqual(
      choices.map((c) => [c.kind, c.kind === 'folder' ? c.path : '', c.kind === 'folder' && c.merge]),
      [
        ['folder', '/home/me/ws/book-shelf', false],
        ['folder', '/home/me/ws', true],
        ['folder', '/home/me/ws/lists', true],
        ['newFolder', '', false],
        ['browse', '', false],
      ],
    );
    assert.match(choices[0]!.label, /^\$\(new-folder\) book-shelf$/);
    assert.match(choices[2]!.label, /^\$\(plug\) lists$/);
  });

  it('says "merge" when the collection\'s folder already holds a connector (re-import), listing it once', () => {
    const choices = targetChoices([{ name: 'ws', path: '/ws' }], ['/ws/book-shelf/'], 'Book Shelf');
    const first = choices[0]!;
    assert.equal(first.kind, 'folder');
    if (first.kind !== 'folder') return;
    assert.equal(first.merge, true);
    assert.match(first.label, /^\$\(sync\)/);
    assert.match(first.description, /merge/);
    assert.equal(choices.filter((c) => c.kind === 'folder' && c.path === '/ws/book-shelf').length, 1);
  });

  it('without a workspace folder only "Browse..." is left', () => {
    assert.deepEqual(targetChoices([], [], 'X').map((c) => c.kind), ['browse']);
  });

  it('checks typed folder names', () => {
    assert.equal(checkNewFolderName('connectors/bookshelf'), undefined);
    assert.match(checkNewFolderName('') ?? '', /Type a folder name/);
    assert.match(checkNewFolderName('/etc') ?? '', /relative/);
    assert.match(checkNewFolderName('C:\\x') ?? '', /relative/);
    assert.match(checkNewFolderName('a/../../b') ?? '', /inside the workspace/);
    assert.match(checkNewFolderName('a?b') ?? '', /cannot contain/);
  });
});
