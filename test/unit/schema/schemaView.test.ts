// The schema services' view of a large document (server/src/handlers/schemaFeatures.ts schemaView):
// the subtrees away from the cursor left out, the path to it intact, positions mapped both ways.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse as parseYaml } from 'yaml';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { forgetSchemaView, hoverFromView, itemsFromView, schemaView, SCHEMA_VIEW_MIN_CHARS, type SchemaView } from '../../../server/src/handlers/schemaFeatures';
import { readCorpusConnector, requireCorpus } from '../ruleTestKit';

function big(language: 'json' | 'yaml'): string {
  const definitions: Record<string, unknown> = {};
  for (let i = 0; i < 400; i++) definitions[`Model${i}`] = { type: 'object', properties: { id: { type: 'string', description: 'x'.repeat(100) } } };
  const value = { swagger: '2.0', info: { title: 'T', version: '1' }, paths: { '/a': { get: { operationId: 'A', responses: { 200: { description: 'ok' } } } } }, definitions };
  return language === 'json' ? JSON.stringify(value, null, 2) : (require('yaml') as typeof import('yaml')).stringify(value);
}

/** Checks a view against the text: every view character maps to the same character of the text, positions round-trip. */
function checkMapping(doc: TextDocument, view: SchemaView): void {
  const text = doc.getText();
  const v = view.doc.getText();
  const from = (o: number) => doc.offsetAt(view.fromView(view.doc.positionAt(o)));
  const to = (o: number) => view.doc.offsetAt(view.toView(doc.positionAt(o)));
  let checked = 0;
  for (let o = 0; o < v.length; o++) {
    if (v[o - 1] === '\r' && v[o] === '\n') continue; // no position lies between \r and \n
    const at = from(o);
    assert.equal(to(at), o, `view offset ${o} -> text ${at} -> view ${to(at)}`);
    // Where a left-out subtree ends, the next view character is the one after it in the text.
    if (from(o + 1) !== at + 1 && !(v[o] === '\r' && from(o + 2) === at + 2)) continue;
    assert.equal(v[o], text[at], `view offset ${o} shows ${JSON.stringify(v[o])}, the text has ${JSON.stringify(text[at])} at ${at}`);
    checked++;
  }
  assert.ok(checked > v.length * 0.8, `${checked} of ${v.length} view characters checked`);
}

describe('schemaView: what the schema services parse in a large document', () => {
  for (const language of ['json', 'yaml'] as const) {
    for (const eol of ['\n', '\r\n']) {
      it(`${language}, ${JSON.stringify(eol)} line ends: the far subtrees left out, the path to the cursor intact, positions mapped both ways`, () => {
        const text = big(language).replace(/\n/g, eol);
        assert.ok(text.length > SCHEMA_VIEW_MIN_CHARS);
        const uri = `file:///x/apiDefinition.swagger.${language}`;
        const parsed = parseDocument(uri, text);
        const doc = TextDocument.create(uri, language, 3, text);
        const cursor = text.indexOf('operationId');
        const view = schemaView(doc, parsed, cursor);
        const v = view.doc.getText();
        assert.ok(v.includes('operationId'), 'the operation with the cursor stays');
        assert.ok(!v.includes('Model1'), 'definitions are left out');
        assert.ok(v.includes('definitions'), 'the sibling keys stay');
        assert.ok(v.length < text.length / 20, `most of the text is left out (${v.length} of ${text.length})`);
        if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(v), 'no line end split');
        const value = (language === 'json' ? JSON.parse(v) : parseYaml(v)) as Record<string, unknown>;
        assert.deepEqual(Object.keys(value), ['swagger', 'info', 'paths', 'definitions']);
        const p = doc.positionAt(cursor);
        assert.deepEqual(view.fromView(view.toView(p)), p);
        assert.equal(view.doc.getText().slice(view.doc.offsetAt(view.toView(p)), view.doc.offsetAt(view.toView(p)) + 11), 'operationId');
        checkMapping(doc, view);
      });
    }
  }

  it('completion and hover at one place of one version share one view; a new version gets its own', () => {
    const text = big('json');
    const uri = 'file:///x/apiDefinition.swagger.json';
    const parsed = parseDocument(uri, text);
    const at = text.indexOf('operationId');
    const doc = TextDocument.create(uri, 'json', 8, text);
    const first = schemaView(doc, parsed, at);
    assert.equal(schemaView(doc, parsed, at), first);
    const next = TextDocument.create(uri, 'json', 9, text);
    assert.notEqual(schemaView(next, parsed, at), first);
  });

  it('passes small documents and documents without a tree as they are', () => {
    const small = TextDocument.create('file:///x/a.json', 'json', 1, '{"a": {"b": 1}}');
    assert.equal(schemaView(small, parseDocument('file:///x/a.json', '{"a": {"b": 1}}'), 2).doc, small);
    const doc = TextDocument.create('file:///x/a.json', 'json', 1, big('json'));
    assert.equal(schemaView(doc, undefined, 2).doc, doc);
  });
});

describe('schemaView with a tree one edit behind', () => {
  it('maps the cuts through the edit: offsets after it shift, the edited region is left alone', () => {
    const text = big('json');
    const uri = 'file:///x/apiDefinition.swagger.json';
    const parsed = parseDocument(uri, text);
    const at = text.indexOf('"info"');
    const edited = text.slice(0, at) + '"secu": 1,\n  ' + text.slice(at);
    const doc = TextDocument.create(uri, 'json', 4, edited);
    const view = schemaView(doc, parsed, at + 3);
    const v = view.doc.getText();
    assert.ok(v.includes('"secu": 1,'), 'the typed text stays');
    assert.ok(!v.includes('Model1'), 'definitions (after the edit) are left out at their new offsets');
    assert.deepEqual(Object.keys(JSON.parse(v)), ['swagger', 'secu', 'info', 'paths', 'definitions']);
    checkMapping(doc, view);
  });

  it('keeps no text of the version its tree was parsed from (the view is kept for the next request; issue 19, target 6)', () => {
    requireCorpus();
    const text = readCorpusConnector('certified-connectors/Encodian').definition;
    const uri = 'file:///x/apiDefinition.swagger.json';
    const at = text.indexOf('"operationId"', text.length / 2);
    assert.ok(at > 0, 'an operationId after the middle');
    const doc = TextDocument.create(uri, 'json', 2, text.slice(0, at) + ' ' + text.slice(at));
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    let least = Infinity;
    for (let i = 0; i < 3; i++) {
      forgetSchemaView(uri);
      gc();
      const before = process.memoryUsage().heapUsed;
      // The version before, in a string of its own (a flattened copy), with its tree.
      let view: SchemaView | undefined = (() => {
        const parsed = parseDocument(uri, (' ' + text).slice(1).trim() + '\n', { version: 1 });
        void parsed.root;
        return schemaView(doc, parsed, at + 20);
      })();
      gc();
      least = Math.min(least, process.memoryUsage().heapUsed - before);
      assert.ok(view.doc !== doc && view.doc.getText().length < text.length / 2, `a compact view: ${view.doc.getText().length} of ${text.length} characters`);
      view = undefined;
    }
    forgetSchemaView(uri);
    // One text is 2 bytes a character here (Encodian has characters beyond Latin-1).
    assert.ok(least < text.length, `a view keeps ${(least / 1048576).toFixed(2)} MB (one text: ${((2 * text.length) / 1048576).toFixed(2)} MB)`);
  });
});

describe('schema results placed back in the document', () => {
  it('completion edits and hover ranges map from the view to the editor document', () => {
    const text = big('json');
    const uri = 'file:///x/apiDefinition.swagger.json';
    const doc = TextDocument.create(uri, 'json', 5, text);
    // The cursor after the definitions: the view's offsets there are far smaller than the text's.
    const cursor = text.lastIndexOf('}') - 1;
    const view = schemaView(doc, parseDocument(uri, text), cursor);
    const inView = view.toView(doc.positionAt(cursor));
    const r = { start: inView, end: inView };
    const [item] = itemsFromView(view, [{ label: 'x', textEdit: { range: r, newText: 'x' }, additionalTextEdits: [{ range: r, newText: '' }] }]);
    assert.deepEqual((item.textEdit as { range: unknown }).range, { start: doc.positionAt(cursor), end: doc.positionAt(cursor) });
    assert.deepEqual(item.additionalTextEdits?.[0].range.start, doc.positionAt(cursor));
    const [replace] = itemsFromView(view, [{ label: 'y', textEdit: { insert: r, replace: r, newText: 'y' } }]);
    assert.deepEqual((replace.textEdit as { replace: { start: unknown } }).replace.start, doc.positionAt(cursor));
    assert.deepEqual(hoverFromView(view, { contents: 'h', range: r })?.range?.start, doc.positionAt(cursor));
  });
});

describe('merging our items with the schema services', () => {
  const { mergeCompletions, mergeHover, editorServesSchemaOf, setEditorServesJsonSchemas } = require('../../../server/src/handlers/schemaFeatures') as typeof import('../../../server/src/handlers/schemaFeatures');
  const Property = 10;
  const Value = 12;

  it('keys: ours first, then the schema keys we do not offer, each label once (quotes ignored)', () => {
    const merged = mergeCompletions([{ label: 'x-ms-visibility', kind: Property }], [{ label: '"x-ms-visibility"', kind: Property }, { label: 'securityDefinitions', kind: Property }, { label: 'securityDefinitions', kind: Property }]);
    assert.deepEqual(merged.map((i) => i.label), ['x-ms-visibility', 'securityDefinitions']);
    assert.ok(merged[1].sortText!.startsWith('~'), 'schema keys sort after ours');
  });

  it('values: where we complete values, ours are the list', () => {
    assert.deepEqual(mergeCompletions([{ label: 'GetLists', kind: Value }], [{ label: 'other', kind: Value }]).map((i) => i.label), ['GetLists']);
  });

  it('hover: ours wins; the schema hover becomes one markdown block', () => {
    const ours = { contents: { kind: 'markdown' as const, value: 'ours' } };
    assert.equal(mergeHover(ours, { contents: 'theirs' }), ours);
    assert.deepEqual(mergeHover(null, { contents: ['a', { language: 'json', value: '{}' }] })?.contents, { kind: 'markdown', value: 'a\n\n```json\n{}\n```' });
    assert.equal(mergeHover(null, { contents: [] }), null);
  });

  it('the editor serves the schema of JSON files in VS Code, and of YAML files only with Red Hat\'s extension', () => {
    try {
      setEditorServesJsonSchemas(true, false);
      assert.equal(editorServesSchemaOf({ uri: 'file:///a/apiDefinition.swagger.json', languageId: 'json' }), true);
      assert.equal(editorServesSchemaOf({ uri: 'file:///a/apiDefinition.yaml', languageId: 'yaml' }), false);
      setEditorServesJsonSchemas(true, true);
      assert.equal(editorServesSchemaOf({ uri: 'file:///a/apiDefinition.yaml', languageId: 'yaml' }), true);
    } finally {
      setEditorServesJsonSchemas(false, false);
    }
    assert.equal(editorServesSchemaOf({ uri: 'file:///a/apiDefinition.swagger.json', languageId: 'json' }), false);
  });
});
