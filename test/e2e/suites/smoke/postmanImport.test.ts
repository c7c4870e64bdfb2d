// "Connector Studio: Import Postman Collection" in the real extension host: import into an empty
// folder (files exist, the language server finds no errors), then edit, re-import through the diff
// preview and check the edit survived; a broken collection writes nothing.
// Fixtures: test/fixtures/e2e-workspace/postman/bookshelf.postman_{collection,environment}.json.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

interface ImportOutcome {
  status: 'written' | 'unchanged' | 'cancelled' | 'failed';
  message?: string;
  mode?: 'new' | 'merge';
  written?: string[];
  report?: string;
}

const COMMAND = 'connectorStudio.importPostman';
const PREVIEW_SCHEME = 'connector-studio-preview';
const COLLECTION = 'postman/bookshelf.postman_collection.json';
const ENVIRONMENT = 'postman/bookshelf.postman_environment.json';

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

/** Opens the file, waits until our server has validated it (a known info finding), returns the errors of any source. */
async function errorsAfterValidation(uri: vscode.Uri, expectedCode?: string): Promise<string[]> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  if (expectedCode) {
    await until(`the language server's ${expectedCode} on ${uri.path}`, () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'connector-studio' && codeOf(d) === expectedCode));
  } else {
    await new Promise((r) => setTimeout(r, 1500));
  }
  return vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => `${d.source}/${codeOf(d)}: ${d.message}`);
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) =>
    (t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PREVIEW_SCHEME) ||
    (t.input instanceof vscode.TabInputText && t.input.uri.scheme === PREVIEW_SCHEME));
}

describe('Postman import command', function () {
  this.timeout(90_000);
  const target = () => workspaceUri('imported', 'bookshelf');
  const definition = () => vscode.Uri.joinPath(target(), 'apiDefinition.swagger.json');
  const properties = () => vscode.Uri.joinPath(target(), 'apiProperties.json');
  const grownCollection = () => workspaceUri('postman', 'bookshelf-grown.postman_collection.json');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [workspaceUri('imported'), grownCollection(), workspaceUri('broken-target')]) {
      await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
  });

  it('imports a collection into an empty folder: both files exist and the server reports no errors', async () => {
    await vscode.workspace.fs.createDirectory(target());
    const outcome = await vscode.commands.executeCommand<ImportOutcome>(COMMAND, { collection: COLLECTION, environment: ENVIRONMENT, target: target(), confirm: true });
    assert.equal(outcome.status, 'written', outcome.message);
    assert.equal(outcome.mode, 'new');
    assert.ok(await exists(definition()), 'apiDefinition.swagger.json written');
    assert.ok(await exists(properties()), 'apiProperties.json written');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), definition().toString(), 'the definition is opened');

    const def = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(definition()))) as { host: string; paths: Record<string, unknown> };
    assert.equal(def.host, 'books.contoso.com', 'the environment resolved {{baseUrl}}');
    assert.deepEqual(Object.keys(def.paths).sort(), ['/books', '/books/{bookId}']);
    assert.match(outcome.report ?? '', /3 request\(s\) -> 3 operation\(s\)/);

    assert.deepEqual(await errorsAfterValidation(definition(), 'connector-metadata-required'), []);
    assert.deepEqual(await errorsAfterValidation(properties()), []);
  });

  it('re-import shows a diff, writes on confirmation as one undoable edit, and keeps the author\'s edit', async () => {
    // The author changes a summary and saves.
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(definition()), { preview: false });
    const at = editor.document.getText().indexOf('"List books"');
    assert.ok(at > 0, 'the generated summary is there');
    const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + '"List books"'.length));
    assert.ok(await editor.edit((e) => e.replace(range, '"List every book on the shelf"')));
    assert.ok(await editor.document.save());

    // The collection grows by one request.
    const collection = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(COLLECTION)))) as { item: Array<{ item: unknown[] }> };
    collection.item[0]!.item.push({
      name: 'Remove book',
      request: { method: 'DELETE', description: 'Removes a book.', url: { raw: '{{baseUrl}}/books/:bookId', host: ['{{baseUrl}}'], path: ['books', ':bookId'], variable: [{ key: 'bookId', value: '1' }] } },
    });
    await vscode.workspace.fs.writeFile(grownCollection(), new TextEncoder().encode(JSON.stringify(collection, null, 2)));

    // No `confirm`: the command shows the diff and waits for the question to be answered.
    const running = Promise.resolve(vscode.commands.executeCommand<ImportOutcome>(COMMAND, { collection: grownCollection(), environment: ENVIRONMENT, target: target() }));
    const diffTab = await until('the diff of the definition', () => previewTabs().find((t) => t.input instanceof vscode.TabInputTextDiff));
    const diff = diffTab.input as vscode.TabInputTextDiff;
    assert.equal(diff.original.toString(), definition().toString(), 'left side: the file on disk');
    assert.ok(diff.modified.path.endsWith('/apiDefinition.swagger.json'), 'right side: the proposed definition');
    const proposed = (await vscode.workspace.openTextDocument(diff.modified)).getText();
    assert.ok(proposed.includes('List every book on the shelf') && proposed.includes('"delete"'), 'the proposal keeps the edit and adds the new request');
    assert.equal(previewTabs().length, 1, 'apiProperties.json does not change, so only one diff');
    assert.ok(!(await vscode.workspace.fs.readFile(definition()).then((b) => new TextDecoder().decode(b))).includes('"delete"'), 'nothing written before confirmation');

    // Accept "Write files" (the first item) in the confirmation quick pick.
    await new Promise((r) => setTimeout(r, 300));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await running;
    assert.equal(outcome.status, 'written', outcome.message);
    assert.equal(outcome.mode, 'merge');
    assert.equal(previewTabs().length, 0, 'the preview tabs are closed');

    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(definition()));
    const def = JSON.parse(written) as { paths: Record<string, Record<string, { summary?: string }>> };
    assert.equal(def.paths['/books']!.get!.summary, 'List every book on the shelf', 'the edit is kept');
    assert.ok(def.paths['/books/{bookId}']!.delete, 'the new request is added');
    assert.match(outcome.report ?? '', /reimport-operation-added/);
    assert.deepEqual(await errorsAfterValidation(definition(), 'connector-metadata-required'), []);

    // One undo in the definition's editor takes the import back, and the edit stays.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(definition()), { preview: false });
    await vscode.commands.executeCommand('undo');
    const undone = vscode.window.activeTextEditor!.document.getText();
    assert.ok(!undone.includes('"delete"'), 'undo removes the merged request');
    assert.ok(undone.includes('List every book on the shelf'), 'undo keeps the author\'s edit');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('cancelling the question writes nothing', async () => {
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(definition()));
    const running = Promise.resolve(vscode.commands.executeCommand<ImportOutcome>(COMMAND, { collection: COLLECTION, target: workspaceUri('imported', 'second') }));
    await until('the preview of the new connector', () => previewTabs().length === 2);
    await new Promise((r) => setTimeout(r, 300));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const outcome = await running;
    assert.equal(outcome.status, 'cancelled');
    assert.equal(await exists(workspaceUri('imported', 'second')), false, 'no folder created');
    assert.equal(previewTabs().length, 0, 'the preview tabs are closed');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(definition())), before);
  });

  it('a broken collection fails with line and column, and writes nothing', async () => {
    const broken = workspaceUri('postman', 'broken.postman_collection.json');
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode('{\n  "info": { "name": "x" },\n  "item": [\n'));
    try {
      const outcome = await vscode.commands.executeCommand<ImportOutcome>(COMMAND, { collection: broken, target: workspaceUri('broken-target'), confirm: true });
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.message ?? '', /not valid JSON.*line 4, column 1/);
      assert.equal(await exists(workspaceUri('broken-target')), false);
    } finally {
      await vscode.workspace.fs.delete(broken);
    }
  });
});
