// The fast YAML path of parseDocument (js-yaml events, issue 20 item 6) against the tolerant one
// (`yaml`'s Document API, an independent parser): same values, same positions on every corpus
// definition as YAML; budgets and duplicate keys on hostile input; anything it cannot pin down
// (syntax errors, tags, several documents, implicit flow values) goes to the tolerant path.
import * as assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { parseDocument, parseYamlFast, parseYamlTolerant, PARSE_LIMITS } from '../../../engine/src/languageService/parseDocument';
import type { TreeNode } from '../../../engine/src/languageService/tree';
import { corpusConnectorNames, readCorpusConnector, requireCorpus } from '../ruleTestKit';

function rangeDiffs(a: TreeNode, b: TreeNode, out: string[], path = ''): void {
  if (a.type !== b.type) {
    out.push(`${path}: type ${a.type} vs ${b.type}`);
    return;
  }
  if (a.offset !== b.offset || a.length !== b.length) out.push(`${path}: ${a.offset}+${a.length} vs ${b.offset}+${b.length}`);
  const ac = a.children ?? [];
  const bc = b.children ?? [];
  if (ac.length !== bc.length) {
    out.push(`${path}: ${ac.length} vs ${bc.length} children`);
    return;
  }
  ac.forEach((c, i) => rangeDiffs(c, bc[i], out, `${path}/${i}`));
}

describe('YAML fast path', function () {
  this.timeout(300_000);

  it('agrees with the tolerant parser on the corpus definitions as YAML (every third one: the tolerant parser is slow): values everywhere, positions but for a handful of nodes', () => {
    requireCorpus();
    let compared = 0;
    let nodesOff = 0;
    let fastMs = 0;
    let tolerantMs = 0;
    for (const name of corpusConnectorNames().filter((_, i) => i % 3 === 0)) {
      let value: unknown;
      try {
        value = JSON.parse(readCorpusConnector(name).definition.replace(/^\uFEFF/, ''));
      } catch {
        continue;
      }
      const text = stringify(value, { aliasDuplicateObjects: false });
      let t = performance.now();
      const fast = parseYamlFast(text);
      fastMs += performance.now() - t;
      t = performance.now();
      const tolerant = parseYamlTolerant(text);
      tolerantMs += performance.now() - t;
      assert.ok(fast, `${name}: the fast path gave up on a plain definition`);
      assert.deepEqual(fast.value, tolerant.value, `${name}: values differ`);
      assert.deepEqual(fast.syntax, tolerant.syntax, `${name}: findings differ`);
      const diffs: string[] = [];
      rangeDiffs(fast.root!, tolerant.root!, diffs);
      assert.ok(!diffs.some((d) => d.includes('type') || d.includes('children')), `${name}: ${diffs[0]}`);
      nodesOff += diffs.length;
      compared++;
    }
    assert.ok(compared > 90, `only ${compared} definitions compared`);
    // Known: a block scalar followed by a whitespace-only line ends 2 characters earlier (1 in the corpus).
    assert.ok(nodesOff <= 10, `${nodesOff} nodes with other positions`);
    assert.ok(fastMs < tolerantMs, `fast ${fastMs.toFixed(0)} ms vs tolerant ${tolerantMs.toFixed(0)} ms`);
  });

  it('keeps every node inside the text without a final line break, and leaves a BOM to the tolerant path', () => {
    const text = 'a:\n  b:\n    - x\n    - y';
    const r = parseYamlFast(text)!;
    const diffs: string[] = [];
    rangeDiffs(r.root!, parseYamlTolerant(text).root!, diffs);
    assert.deepEqual(diffs, []);
    assert.ok(r.root!.offset + r.root!.length <= text.length);
    assert.equal(parseYamlFast('\uFEFFa: 1\n'), undefined);
  });

  it('keeps duplicate keys as findings, and both properties in the tree', () => {
    const r = parseYamlFast('a: 1\nb: 2\na: 3\n')!;
    assert.ok(r, 'fast path');
    assert.deepEqual(r.syntax.map((f) => [f.ruleId, f.offset]), [['json-duplicate-key', 10]]);
    assert.equal(r.root!.children!.length, 3);
    assert.deepEqual(r.value, { a: 3, b: 2 });
  });

  it('expands aliases at the alias, like the tolerant path', () => {
    const text = 'p: &idp\n  name: id\n  in: path\nq:\n  - *idp\n';
    const fast = parseYamlFast(text)!;
    const tolerant = parseYamlTolerant(text);
    assert.deepEqual(fast.value, tolerant.value);
    const diffs: string[] = [];
    rangeDiffs(fast.root!, tolerant.root!, diffs);
    assert.deepEqual(diffs, []);
  });

  it('refuses an alias bomb with one input-budget finding, in bounded time', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const text = levels.join('\n') + '\n';
    const t = performance.now();
    const r = parseDocument('file:///bomb.yaml', text);
    assert.ok(performance.now() - t < 5_000);
    assert.equal(r.usable, false);
    assert.ok(r.syntax.some((f) => f.ruleId === 'input-budget'), JSON.stringify(r.syntax));
    const fast = parseYamlFast(text, { ...PARSE_LIMITS, maxAliases: 50 });
    assert.ok(fast && fast.syntax.some((f) => f.ruleId === 'input-budget' && /alias/.test(f.message)));
  });

  it('leaves to the tolerant path what it cannot pin down: syntax errors, tags, several documents, implicit flow values, empty input', () => {
    for (const text of ['a: [1, 2\nb: 3\n', 'a: !!str 12\n', 'a: 1\n---\nb: 2\n', 'a: {x, y: 1}\n', 'a: {x, y}\n', '', '# only a comment\n', '? [complex]\n: key\n']) {
      assert.equal(parseYamlFast(text), undefined, JSON.stringify(text));
      const r = parseDocument('file:///x.yaml', text);
      assert.deepEqual(r.value, parseYamlTolerant(text).value, JSON.stringify(text));
    }
    assert.ok(parseDocument('file:///x.yaml', 'a: [1, 2\nb: 3\n').syntax.some((f) => f.ruleId === 'yaml-parse-error'));
  });
});
