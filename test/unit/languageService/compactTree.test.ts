// parseDocument gives every children array of the JSON tree its exact length (compactChildren, for
// the server's memory), in-object property nodes and shared key strings: the tree must stay exactly
// jsonc-parser's, parent links included.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
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

describe('compactChildren: the parsed JSON tree is jsonc-parser\'s, in less memory', function () {
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

  it('copies each children array and property node (same value nodes, parent links to the new property)', () => {
    const root = parseTree('{"a": [1, {"b": null}], "c": "x", "d"}')!;
    const before = root.children!;
    const firstProp = before[0]!;
    const firstValue = firstProp.children![1]!;
    compactChildren(root);
    assert.notEqual(root.children, before, 'a new array');
    assert.notEqual(root.children![0], firstProp, 'a new property node');
    assert.equal(root.children![0]!.children![1], firstValue, 'the same value node');
    assert.equal(firstValue.parent, root.children![0], 'the value\'s parent is the new property');
    assert.equal(root.children![1]!.children![1]!.children, undefined, 'a string value has no children');
    sameTree(root, parseTree('{"a": [1, {"b": null}], "c": "x", "d"}')!);
    assert.equal('colonOffset' in root.children![2]!, false, 'a property without a colon gets no colonOffset');
  });

  it('keeps the largest corpus tree at most 0.65x the heap of jsonc-parser\'s (0.57x measured; exact arrays alone: 0.72x)', () => {
    requireCorpus();
    let text = '';
    for (const name of corpusConnectorNames()) {
      const t = readCorpusConnector(name).definition;
      if (t.length > text.length && t.charCodeAt(0) !== 0xfeff) text = t;
    }
    assert.ok(text.length > 500_000, `largest corpus definition: ${text.length} characters`);
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heapOf = (build: () => Node | undefined) => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const tree = build();
      gc();
      const after = process.memoryUsage().heapUsed;
      assert.ok(tree);
      return after - before;
    };
    const plain = heapOf(() => parseTree(text, []));
    const compacted = heapOf(() => {
      const root = parseTree(text, []);
      if (root) compactChildren(root);
      return root;
    });
    assert.ok(compacted <= 0.65 * plain, `compacted ${(compacted / 1048576).toFixed(1)} MB, jsonc-parser's ${(plain / 1048576).toFixed(1)} MB`);
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
