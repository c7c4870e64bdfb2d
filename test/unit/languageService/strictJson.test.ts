// parseDocument's strict-JSON path (no tree at parse: batch validation) is taken exactly when
// JSON.parse accepts the text, no object repeats a key and the nesting and node budgets hold; the
// decision is checked against an independent reader (jsonc-parser's tree, keys compared decoded) on
// every corpus file and on random texts full of colons in keys and strings, escaped colons
// (\u003a) and repeated keys; over a budget, the same input-budget finding as the eager path.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { parseDocument, PARSE_LIMITS, treeBuilt, type ParseLimits } from '../../../engine/src/languageService/parseDocument';
import { SEED } from '../fuzz/fuzzKit';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/connectors');

/** Depth, nodes (as the budget counts them) and whether an object repeats a key, from jsonc-parser's tree. */
function reference(text: string): { parses: boolean; duplicate: boolean; depth: number; nodes: number } {
  let parses = true;
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    parses = false;
  }
  const root = parseTree(text.replace(/^\uFEFF/, ''));
  let duplicate = false;
  let depth = 0;
  let nodes = 1;
  const stack: [Node, number][] = root ? [[root, 0]] : [];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (n.type === 'object') {
      const keys = new Set<string>();
      const props = n.children ?? [];
      nodes += 1 + 2 * props.length + Math.max(0, props.length - 1);
      depth = Math.max(depth, d + 1);
      for (const p of props) {
        const k = String(p.children?.[0]?.value);
        if (keys.has(k)) duplicate = true;
        keys.add(k);
        if (p.children?.[1]) stack.push([p.children[1], d + 1]);
      }
    } else if (n.type === 'array') {
      const items = n.children ?? [];
      nodes += 1 + Math.max(0, items.length - 1);
      depth = Math.max(depth, d + 1);
      for (const c of items) stack.push([c, d + 1]);
    }
  }
  return { parses, duplicate, depth, nodes };
}

function agree(name: string, text: string, limits: Partial<ParseLimits> = {}): boolean {
  const ref = reference(text);
  const all = { ...PARSE_LIMITS, ...limits };
  const expectStrict = ref.parses && !ref.duplicate && ref.depth <= all.maxNesting && ref.nodes <= all.maxNodes;
  const lazy = parseDocument(name, text, { limits });
  assert.equal(!treeBuilt(lazy), expectStrict, `${name}: strict path ${!treeBuilt(lazy)}, expected ${expectStrict} (${JSON.stringify(ref)}) for ${text.slice(0, 120)}`);
  // Whatever the path, the findings and the value are the eager parse's.
  const eager = parseDocument(name, text, { limits, eagerTree: true });
  assert.deepEqual(lazy.syntax, eager.syntax, `${name}: syntax`);
  assert.equal(lazy.usable, eager.usable, `${name}: usable`);
  assert.deepEqual(lazy.value, eager.value, `${name}: value`);
  return expectStrict;
}

describe('parseDocument: the strict JSON path, told from the value', () => {
  it('hand cases: colons in keys and strings, a repeated member dropping its colons, escaped colons, BOM', () => {
    const cases: [string, boolean][] = [
      ['{"a": "x:y", "b": {"c:d": ":::"}}', true],
      ['{"a": "x:y", "a": "z"}', false],
      ['{"a:b": 1, "a:b": 2}', false],
      ['{"a": {"u": "1:2:3"}, "a": 1}', false],
      ['{"k\\u003a": 1, "k:": 2}', false],
      ['{"x": "\\u003a\\u003A", "y": ":"}', true],
      ['{"x": "\\u003a", "x": 1}', false],
      ['{"x": "\\\\u003a:", "y": 1}', true],
      ['"a:b"', true],
      ['[":", {"a": [":"]}, []]', true],
      ['\uFEFF{"a": ":"}', true],
      ['{"__proto__": {"a": 1}, "b": "__proto__:"}', true],
      ['{"__proto__": 1, "__proto__": 2}', false],
      ['{"a": 1,}', false],
    ];
    for (const [text, strict] of cases) assert.equal(agree('hand.json', text), strict, text);
  });

  it('random texts with repeated keys and colons everywhere (property-based)', () => {
    const colon = fc.constantFrom(':', '\\u003a', '\\u003A');
    const piece = fc.oneof(fc.constantFrom('a', 'b', '', '\\\\', '\\"', 'é'), colon);
    const str = fc.array(piece, { maxLength: 4 }).map((p) => `"${p.join('')}"`);
    // Keys from a few spellings (two of them the same key), so that objects repeat keys often.
    const key = fc.oneof(fc.constantFrom('"a"', '"a:"', '"a\\u003a"', '":"', '"\\u0061"'), str);
    const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        str,
        fc.constantFrom('1', 'null', 'true', '-2.5e3'),
        fc.array(tie('v'), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
        fc.array(fc.tuple(key, tie('v')), { maxLength: 5 }).map((ms) => `{${ms.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      ),
    })).v;
    let strict = 0;
    let other = 0;
    fc.assert(
      fc.property(value, (text) => {
        if (agree('random.json', text)) strict++;
        else other++;
      }),
      { numRuns: 2000, seed: SEED },
    );
    assert.ok(strict > 300 && other > 300, `both paths taken: ${strict} strict, ${other} not`);
  });

  it('over the nesting or node budget: the input-budget finding of the eager path', () => {
    const deep = '{"a": ' + '['.repeat(40) + ']'.repeat(40) + '}';
    assert.equal(agree('deep.json', deep, { maxNesting: 30 }), false);
    assert.match(parseDocument('deep.json', deep, { limits: { maxNesting: 30 } }).syntax[0].message, /nests 41 levels deep/);
    const wide = JSON.stringify({ a: Array.from({ length: 50 }, (_, i) => ({ [`k${i}`]: i })) });
    assert.equal(agree('wide.json', wide, { maxNodes: 100 }), false);
    assert.match(parseDocument('wide.json', wide, { limits: { maxNodes: 100 } }).syntax[0].message, /holds about \d+ values, over the budget of 100/);
    assert.equal(agree('wide.json', wide, { maxNodes: reference(wide).nodes }), true, 'at the budget exactly');
    assert.equal(agree('wide.json', wide, { maxNodes: reference(wide).nodes - 1 }), false, 'one over');
    // 200,000 levels: JSON.parse takes them; the walk is iterative (the reference reader would overflow).
    const hostile = '['.repeat(200_000) + ']'.repeat(200_000);
    const t0 = performance.now();
    const lazy = parseDocument('hostile.json', hostile);
    assert.ok(performance.now() - t0 < 2000, `took ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual(lazy.syntax, parseDocument('hostile.json', hostile, { eagerTree: true }).syntax);
    assert.match(lazy.syntax[0].message, /nests 200000 levels deep/);
    assert.equal(lazy.usable, false);
  });

  it('every corpus definition and properties file takes the path the independent reader says', function () {
    this.timeout(120_000);
    assert.ok(fs.existsSync(CORPUS), `the shared corpus is missing: ${CORPUS}`);
    let files = 0;
    let strict = 0;
    for (const group of fs.readdirSync(CORPUS)) {
      const g = path.join(CORPUS, group);
      if (!fs.statSync(g).isDirectory()) continue;
      for (const name of fs.readdirSync(g)) {
        for (const file of ['apiDefinition.swagger.json', 'apiProperties.json']) {
          const f = path.join(g, name, file);
          if (!fs.existsSync(f)) continue;
          files++;
          if (agree(f, fs.readFileSync(f, 'utf8'))) strict++;
        }
      }
    }
    assert.ok(files >= 600 && strict >= 550, `${strict} of ${files} corpus files strict`);
  });
});
