// parseDocument gives every children array of the JSON tree its exact length (compactChildren, for
// the server's memory): the tree must stay exactly jsonc-parser's, parent links included.
import * as assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { compactChildren } from '../../../engine/src/languageService/tree';
import { corpusConnectorNames, readCorpusConnector, requireCorpus } from '../ruleTestKit';

function sameTree(a: Node, b: Node, where = '$'): void {
  assert.equal(a.type, b.type, `${where}: type`);
  assert.equal(a.offset, b.offset, `${where}: offset`);
  assert.equal(a.length, b.length, `${where}: length`);
  assert.equal(a.colonOffset, b.colonOffset, `${where}: colonOffset`);
  assert.deepEqual(a.value, b.value, `${where}: value`);
  assert.equal(a.children?.length, b.children?.length, `${where}: children`);
  a.children?.forEach((c, i) => {
    assert.equal(c.parent, a, `${where}/${i}: parent link`);
    sameTree(c, b.children![i]!, `${where}/${i}`);
  });
}

describe('compactChildren: the parsed JSON tree is jsonc-parser\'s, with exact-length children arrays', function () {
  this.timeout(60_000);
  it('equals jsonc-parser\'s parseTree on 40 corpus definitions, parent links intact', () => {
    requireCorpus();
    const names = corpusConnectorNames();
    assert.ok(names.length > 200, `corpus connectors: ${names.length}`);
    for (const name of names.filter((_, i) => i % Math.floor(names.length / 40) === 0)) {
      const text = readCorpusConnector(name).definition;
      if (text.charCodeAt(0) === 0xfeff) continue;
      const ours = parseDocument('file:///c/apiDefinition.swagger.json', text).root;
      const theirs = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
      assert.ok(ours && theirs, name);
      sameTree(ours, theirs, name);
    }
  });

  it('copies each children array (a new array, same nodes) and leaves leaves alone', () => {
    const root = parseTree('{"a": [1, {"b": null}], "c": "x"}')!;
    const before = root.children!;
    const firstProp = before[0]!;
    compactChildren(root);
    assert.notEqual(root.children, before, 'a new array');
    assert.equal(root.children![0], firstProp, 'the same node objects');
    assert.equal(root.children![1]!.children![1]!.children, undefined, 'a string value has no children');
    sameTree(root, parseTree('{"a": [1, {"b": null}], "c": "x"}')!);
  });

  it('a hostile, deeply nested tree (100,000 levels, built by hand: parsers stop far earlier) is compacted without recursion', () => {
    const root: Node = { type: 'array', offset: 0, length: 0, children: [] };
    let cur = root;
    for (let i = 1; i < 100_000; i++) {
      const child: Node = { type: 'array', offset: i, length: 0, parent: cur, children: [] };
      cur.children!.push(child);
      cur = child;
    }
    compactChildren(root);
    let depth = 0;
    for (let n: Node | undefined = root; n; n = n.children?.[0]) depth++;
    assert.equal(depth, 100_000);
  });
});
