// The DocumentCache keeps a strict JSON document's positioned tree only while the document is in
// use (issue 19, target 6: the trees of the open files are most of the server's memory): validating
// a file just opened builds none, a tree let go after an idle spell is built again the same on the
// next read, and an edit after that is still parsed incrementally to what a fresh parse gives.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentCache } from '../../../engine/src/languageService/documentCache';
import { IncrementalRules } from '../../../engine/src/languageService/incrementalRules';
import { parseDocument, treeBuilt } from '../../../engine/src/languageService/parseDocument';
import type { TreeNode } from '../../../engine/src/languageService/tree';
import { validateConnector, validationSteps, type ConnectorSources } from '../../../engine/src/languageService/validateConnector';
import { CORPUS_CONNECTORS } from '../ruleTestKit';

function read(folder: string, file = 'apiDefinition.swagger.json'): string {
  const p = path.join(CORPUS_CONNECTORS, folder, file);
  assert.ok(fs.existsSync(p), `corpus file missing: ${p} (the shared corpus must be at ../shared/corpus)`);
  return fs.readFileSync(p, 'utf8');
}

/** The tree as plain data (types, offsets, lengths, values, colons). */
function shape(node: TreeNode | undefined): unknown {
  return node && [node.type, node.offset, node.length, node.value, node.colonOffset, node.children?.map(shape)];
}

function run(sources: ConnectorSources, docs: DocumentCache, rules: IncrementalRules) {
  const steps = validationSteps(sources, {}, (f) => docs.get(f), undefined, rules);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

describe('DocumentCache: positioned trees only while a document is in use', function () {
  this.timeout(120_000);
  const uri = 'file:///c/apiDefinition.swagger.json';

  it('validating a strict JSON file just opened builds no tree, and gives what a full validation gives', () => {
    // Encodian has findings placed by offset as well as by pointer; Impexium many by pointer.
    for (const folder of ['certified-connectors/Encodian', 'certified-connectors/Impexium']) {
      const docs = new DocumentCache();
      const sources: ConnectorSources = { definition: { uri, text: read(folder), version: 1 }, properties: { uri: 'file:///c/apiProperties.json', text: read(folder, 'apiProperties.json'), version: 1 } };
      const results = run(sources, docs, new IncrementalRules());
      assert.equal(treeBuilt(docs.get(sources.definition!)), false, `${folder}: validation built the tree`);
      assert.ok(results.some((r) => r.diagnostics.length > 0), `${folder}: no finding at all (nothing was placed)`);
      assert.deepEqual(results, validateConnector(sources), `${folder}: findings differ from a full validation`);
    }
  });

  it('lets go only the trees of documents idle for the given time, and builds the same tree again', () => {
    const docs = new DocumentCache();
    const text = read('certified-connectors/Evocom');
    const t0 = 1_000_000;
    const doc = docs.get({ uri, text, version: 1 }, t0);
    const built = shape(doc.root);
    assert.equal(treeBuilt(doc), true);
    assert.equal(docs.releaseIdleTrees(30_000, t0 + 29_999), 0, 'released before the idle time');
    assert.equal(treeBuilt(doc), true);
    docs.get({ uri, text, version: 1 }, t0 + 20_000); // a request of the document: in use again
    assert.equal(docs.releaseIdleTrees(30_000, t0 + 49_999), 0, 'released although asked for 29.999 s before');
    assert.equal(docs.releaseIdleTrees(30_000, t0 + 50_000), 1);
    assert.equal(treeBuilt(doc), false);
    assert.deepEqual(shape(doc.root), built, 'the tree built again differs');
    assert.deepEqual(shape(doc.root), shape(parseDocument(uri, text, { eagerTree: true }).root));
  });

  it('an edit after the tree was let go is parsed incrementally to what a fresh parse gives', () => {
    const docs = new DocumentCache();
    const text = read('certified-connectors/Evocom');
    const first = docs.get({ uri, text, version: 1 });
    void first.root;
    docs.releaseIdleTrees(0);
    const mid = text.indexOf('"description"', text.length / 2);
    const edited = text.slice(0, mid) + '"x-ms-visibility": "advanced", ' + text.slice(mid);
    const second = docs.get({ uri, text: edited, version: 2 });
    assert.equal(second.root, first.root, 'not taken incrementally (the rebuilt tree was not reused)');
    const fresh = parseDocument(uri, edited, { eagerTree: true });
    assert.deepEqual(shape(second.root), shape(fresh.root));
    assert.deepEqual(second.value, fresh.value);
  });

  it('keeps the trees it cannot rebuild from the text alone: YAML, syntax errors, a byte-order mark', () => {
    const docs = new DocumentCache();
    const yaml = docs.get({ uri: 'file:///c/apiDefinition.swagger.yaml', text: 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {}\n', version: 1 });
    const broken = docs.get({ uri: 'file:///d/apiDefinition.swagger.json', text: '{"swagger": "2.0", "info": {"title": "t",}, "paths": {}}', version: 1 });
    const bom = docs.get({ uri: 'file:///e/apiDefinition.swagger.json', text: '\ufeff{"swagger": "2.0", "paths": {}}', version: 1 });
    for (const d of [yaml, broken, bom]) void d.root;
    assert.equal(docs.releaseIdleTrees(0), 0);
    for (const d of [yaml, broken, bom]) assert.equal(treeBuilt(d), true, d.uri);
  });
});
