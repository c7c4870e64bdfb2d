// The schema services' view of a large document (server/src/handlers/schemaFeatures.ts schemaView):
// same length and line breaks, the subtrees away from the cursor blanked, the path to it intact.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse as parseYaml } from 'yaml';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { schemaView, SCHEMA_VIEW_MIN_CHARS } from '../../../server/src/handlers/schemaFeatures';

function big(language: 'json' | 'yaml'): string {
  const definitions: Record<string, unknown> = {};
  for (let i = 0; i < 400; i++) definitions[`Model${i}`] = { type: 'object', properties: { id: { type: 'string', description: 'x'.repeat(100) } } };
  const value = { swagger: '2.0', info: { title: 'T', version: '1' }, paths: { '/a': { get: { operationId: 'A', responses: { 200: { description: 'ok' } } } } }, definitions };
  return language === 'json' ? JSON.stringify(value, null, 2) : (require('yaml') as typeof import('yaml')).stringify(value);
}

describe('schemaView: what the schema services parse in a large document', () => {
  for (const language of ['json', 'yaml'] as const) {
    it(`${language}: keeps offsets and line breaks, blanks the far subtrees, keeps the path to the cursor`, () => {
      const text = big(language);
      assert.ok(text.length > SCHEMA_VIEW_MIN_CHARS);
      const uri = `file:///x/apiDefinition.swagger.${language}`;
      const parsed = parseDocument(uri, text);
      const doc = TextDocument.create(uri, language, 3, text);
      const cursor = text.indexOf('operationId');
      const view = schemaView(doc, parsed, cursor).getText();
      assert.equal(view.length, text.length);
      assert.deepEqual([...view.matchAll(/\n/g)].map((m) => m.index), [...text.matchAll(/\n/g)].map((m) => m.index));
      assert.ok(view.includes('operationId'), 'the operation with the cursor stays');
      assert.ok(!view.includes('Model1'), 'definitions are blanked');
      assert.ok(view.includes('definitions'), 'the sibling keys stay');
      const value = (language === 'json' ? JSON.parse(view) : parseYaml(view)) as Record<string, unknown>;
      assert.deepEqual(Object.keys(value), ['swagger', 'info', 'paths', 'definitions']);
      assert.ok(view.replace(/\s/g, '').length < text.length / 20, 'most of the text is blank');
    });
  }

  it('passes small documents and documents without a tree as they are', () => {
    const small = TextDocument.create('file:///x/a.json', 'json', 1, '{"a": {"b": 1}}');
    assert.equal(schemaView(small, parseDocument('file:///x/a.json', '{"a": {"b": 1}}'), 2), small);
    const doc = TextDocument.create('file:///x/a.json', 'json', 1, big('json'));
    assert.equal(schemaView(doc, undefined, 2), doc);
  });
});

describe('schemaView with a tree one edit behind', () => {
  it('maps the blanks through the edit: offsets after it shift, the edited region is left alone', () => {
    const text = big('json');
    const uri = 'file:///x/apiDefinition.swagger.json';
    const parsed = parseDocument(uri, text);
    const at = text.indexOf('"info"');
    const edited = text.slice(0, at) + '"secu": 1,\n  ' + text.slice(at);
    const doc = TextDocument.create(uri, 'json', 4, edited);
    const view = schemaView(doc, parsed, at + 3).getText();
    assert.equal(view.length, edited.length);
    assert.ok(view.includes('"secu": 1,'), 'the typed text stays');
    assert.ok(!view.includes('Model1'), 'definitions (after the edit) are blanked at their new offsets');
    assert.deepEqual(Object.keys(JSON.parse(view)), ['swagger', 'secu', 'info', 'paths', 'definitions']);
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
