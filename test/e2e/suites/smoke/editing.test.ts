// Validation and editing features in the real extension host, on test/fixtures/e2e-workspace/lists:
// the same operations a user triggers from the editor (typing, completion, rename, quick fix, outline).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

function file(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, 'lists', name);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'connector-studio');

async function until<T>(what: string, probe: () => T | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

function positionOf(doc: vscode.TextDocument, needle: string, nth = 0, delta = 0): vscode.Position {
  let idx = -1;
  for (let i = 0; i <= nth; i++) idx = doc.getText().indexOf(needle, idx + 1);
  assert.ok(idx >= 0, `${needle} not found`);
  return doc.positionAt(idx + delta);
}

describe('Connector Studio editing', function () {
  this.timeout(60_000);
  const def = () => file('apiDefinition.swagger.json');
  const props = () => file('apiProperties.json');

  const original = new Map<string, string>();
  before(async () => {
    for (const uri of [def(), props()]) original.set(uri.toString(), Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
  });
  afterEach(async () => {
    // Each test starts from the files as found on disk: restore any text a test changed.
    for (const uri of [def(), props()]) {
      const doc = await vscode.workspace.openTextDocument(uri);
      const text = original.get(uri.toString())!;
      if (doc.getText() === text) continue;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      await vscode.workspace.applyEdit(edit);
      await doc.save();
    }
  });

  it('reports a wrong operationId in x-ms-dynamic-values within a second, and clears it when fixed', async () => {
    const editor = await openEditor(def());
    await until('the first validation', () => vscode.languages.getDiagnostics(def()) !== undefined && ours(def()).every((d) => codeOf(d) !== 'dynamic-operation-exists') && true, 10_000);
    const start = positionOf(editor.document, '"GetLists"', 1, 1);
    const range = new vscode.Range(start, start.translate(0, 'GetLists'.length));
    const t0 = Date.now();
    await editor.edit((e) => e.replace(range, 'GetListz'));
    const d = await until('dynamic-operation-exists', () => ours(def()).find((x) => codeOf(x) === 'dynamic-operation-exists'), 5_000);
    const elapsed = Date.now() - t0;
    assert.ok(elapsed < 1000, `diagnostic took ${elapsed} ms`);
    assert.equal(d.range.start.line, start.line);
    await editor.edit((e) => e.replace(range, 'GetLists'));
    await until('the diagnostic to clear', () => !ours(def()).some((x) => codeOf(x) === 'dynamic-operation-exists'), 5_000);
  });

  it('applies a .connector-studio.json severity change without reload', async () => {
    const editor = await openEditor(def());
    const start = positionOf(editor.document, '"GetLists"', 1, 1);
    await editor.edit((e) => e.replace(new vscode.Range(start, start.translate(0, 8)), 'Missing1'));
    await until('dynamic-operation-exists as error', () => ours(def()).find((x) => codeOf(x) === 'dynamic-operation-exists' && x.severity === vscode.DiagnosticSeverity.Error));
    const config = file('.connector-studio.json');
    await vscode.workspace.fs.writeFile(config, Buffer.from(JSON.stringify({ rules: { 'dynamic-operation-exists': 'warning' } })));
    try {
      await until('dynamic-operation-exists as warning', () => ours(def()).find((x) => codeOf(x) === 'dynamic-operation-exists' && x.severity === vscode.DiagnosticSeverity.Warning));
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await until('back to error after the file is removed', () => ours(def()).find((x) => codeOf(x) === 'dynamic-operation-exists' && x.severity === vscode.DiagnosticSeverity.Error));
  });

  it('completes operationIds inside x-ms-dynamic-values', async () => {
    const editor = await openEditor(def());
    const pos = positionOf(editor.document, '"GetLists"', 1, 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', def(), pos);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('GetLists') && labels.includes('GetItems'), labels.join());
  });

  it('renames an operation and changes both files', async () => {
    const editor = await openEditor(def());
    const pos = positionOf(editor.document, '"GetLists"', 0, 2);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', def(), pos, 'ListAll');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const defDoc = await vscode.workspace.openTextDocument(def());
    const propsDoc = await vscode.workspace.openTextDocument(props());
    assert.equal((defDoc.getText().match(/"ListAll"/g) ?? []).length, 2);
    assert.match(propsDoc.getText(), /"x-ms-apimTemplate-operationName": \["ListAll"\]/);
    // One undo in each file restores it (the edit is undoable).
    await vscode.window.showTextDocument(propsDoc);
    await vscode.commands.executeCommand('undo');
    assert.match(propsDoc.getText(), /\["GetLists"\]/);
  });

  it('applies a quick fix', async () => {
    const editor = await openEditor(def());
    const summary = positionOf(editor.document, '"summary": "Get items",');
    await editor.edit((e) => e.delete(editor.document.lineAt(summary.line).rangeIncludingLineBreak));
    const d = await until('operation-summary-required', () => ours(def()).find((x) => codeOf(x) === 'operation-summary-required'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', def(), d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Add a summary');
    assert.ok(fix?.edit, actions.map((a) => a.title).join());
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /"summary": "Get items"/);
    await until('the finding to clear', () => !ours(def()).some((x) => codeOf(x) === 'operation-summary-required'));
  });

  it('lists operations in the outline', async () => {
    await openEditor(def());
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', def());
    const operations = symbols.flatMap((s) => s.children).map((c) => c.name);
    assert.deepEqual(operations.filter((n) => /^GET /.test(n)), ['GET /lists', 'GET /lists/{listId}/items']);
  });
});
