// Batch validation of YAML without a positioned tree (yamlLite.ts, issue 20 item 6). What
// parseYamlLite accepts it must read exactly as the tree path (parseYamlFast, else the tolerant
// `yaml` parser): the same value, and locateInYaml the same places as locatePointer over the tree,
// for every key and value (both targets) and for pointers that do not fully exist. Checked over
// every corpus definition converted to YAML as the bench converts them (yaml's stringify), against
// JSON.parse of the original JSON (an independent reader); over random values written with random
// stringify options and with comments added, against the tree; hostile input keeps its budget
// findings; and the validation output over the corpus as YAML is byte-identical to the tree path's.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify, type ToStringOptions } from 'yaml';
import { loadConnectorFromDisk } from '../../../engine/node/diskFileAccess';
import { locatePointer, locatePointers } from '../../../engine/src/languageService/locate';
import { parseDocument, PARSE_LIMITS, treeBuilt, type ParsedDocument } from '../../../engine/src/languageService/parseDocument';
import type { LocateQuery } from '../../../engine/src/languageService/textLocate';
import { pathToPointer } from '../../../engine/src/languageService/tree';
import { locateInYaml, parseYamlLite } from '../../../engine/src/languageService/yamlLite';
import { SEED } from '../fuzz/fuzzKit';
import { CORPUS_CONNECTORS, corpusConnectorNames, readCorpusConnector, requireCorpus } from '../ruleTestKit';
import { validateBothWays } from './treePaths';

/** The bench's conversion (bench/validationBench.ts): the JSON value written by yaml's stringify. */
const asYaml = (value: unknown, options: ToStringOptions = {}) => stringify(value, { aliasDuplicateObjects: false, ...options });

/** Every pointer of a value (each member and element), and for some a child that does not exist. */
function pointersOf(value: unknown): string[] {
  const out: string[] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path: p } = stack.pop()!;
    const pointer = pathToPointer(p);
    out.push(pointer);
    if (out.length % 7 === 0) out.push(`${pointer}/missing~1member`, `${pointer}/0/deeper`, `${pointer}/999999`);
    if (Array.isArray(v)) v.forEach((c, i) => stack.push({ v: c, path: [...p, i] }));
    else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) stack.push({ v: c, path: [...p, k] });
  }
  return out;
}

const both = (pointers: readonly string[]): LocateQuery[] => pointers.flatMap((pointer) => [{ pointer, target: 'key' as const }, { pointer, target: 'value' as const }]);

/** The places from the text (no tree) against the tree's, one by one; false when the text path gave up. */
function assertSamePlaces(name: string, text: string, queries: readonly LocateQuery[]): boolean {
  const placed = locateInYaml(text, queries, PARSE_LIMITS);
  if (!placed) return false;
  const tree = parseDocument(name, text, { languageId: 'yaml', eagerTree: true });
  assert.ok(tree.root, `${name}: the tree path parsed nothing`);
  queries.forEach((q, i) => {
    const expected = locatePointer(tree, q.pointer, q.target);
    assert.deepEqual(placed[i], expected, `${name}: ${q.pointer} (${q.target}): text ${JSON.stringify(placed[i])}, tree ${JSON.stringify(expected)} ${JSON.stringify(text.slice(expected.offset, expected.offset + 40))}`);
  });
  return true;
}

describe('YAML without a tree (yamlLite)', function () {
  this.timeout(600_000);

  it('reads every corpus definition as YAML like JSON.parse reads the original, and places every key and value as the tree does', () => {
    requireCorpus();
    const names = corpusConnectorNames();
    assert.ok(names.length >= 300, `expected the 304 corpus connectors, found ${names.length}`);
    let accepted = 0;
    let queries = 0;
    let leftToTree = 0;
    const refused: string[] = [];
    for (const name of names) {
      let value: unknown;
      try {
        value = JSON.parse(readCorpusConnector(name).definition.replace(/^\uFEFF/, ''));
      } catch {
        continue; // not JSON (the corpus has a few broken files): nothing to convert
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
      const text = asYaml(value);
      const lite = parseYamlLite(text, PARSE_LIMITS);
      if (!lite) {
        refused.push(name);
        continue;
      }
      assert.deepEqual(lite.value, value, `${name}: the value differs from JSON.parse of the original`);
      const lazy = parseDocument(`${name}.yaml`, text, { languageId: 'yaml' });
      assert.equal(treeBuilt(lazy), false, `${name}: a YAML definition in the subset got a tree at parse`);
      const q = both(pointersOf(value));
      if (assertSamePlaces(name, text, q)) {
        const fromText = locatePointers(lazy, q);
        assert.equal(treeBuilt(lazy), false, `${name}: placing pointers built the tree`);
        assert.equal(fromText.length, q.length);
        queries += q.length;
      } else {
        // Only a place on a block scalar's value is left to the tree (yamlLite.ts, UNPLACED): keys are placed.
        assert.ok(/: [|>]/.test(text), `${name}: the locator gave up without a block scalar`);
        const keys = q.filter((x) => x.target === 'key');
        assert.ok(assertSamePlaces(name, text, keys), `${name}: the locator gave up on keys`);
        queries += keys.length;
        leftToTree++;
      }
      accepted++;
    }
    // Refused ones are read by the tree path (correct, only slower); nearly all must be in the subset.
    assert.ok(accepted >= 280, `only ${accepted} corpus definitions as YAML in the subset; refused: ${refused.slice(0, 10).join(', ')}`);
    console.log(`    ${accepted} definitions read without a tree (refused ${refused.length}: ${refused.slice(0, 5).join(', ')}), ${queries} places equal to the tree's; ${leftToTree} with block scalars whose value places are left to the tree`);
  });

  it('random values written with random stringify options, and with comment lines added: the tree path\'s value and places wherever it accepts', () => {
    const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('type', 'description', '$ref', 'x-ms-summary', '200', '1.0', 'null', 'true', '-1', 'a: b', 'a #b', '"q"', "it's", '- x', '? k', '[x]', '{}', '&a', '*a', '!t', '|', '>'));
    const scalar = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', ' ', 'a  b', 'trailing ', ' leading', 'x: y', 'x #y', 'line\nbreak', 'tab\there', '"quoted"', "'single'", 'back\\slash', '0x1F', '1e3', '.inf', '~', 'Null', 'TRUE', 'yes', '0o17', '+1', '-0', '1_000', '🙂 emoji', 'é', 'a\u00a0b', '---', '...'),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
      array: fc.array(tie('tree'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
    }));
    const options = fc.record({
      indent: fc.integer({ min: 1, max: 4 }),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 40, 80),
      minContentWidth: fc.constantFrom(0, 5, 20),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
      doubleQuotedAsJSON: fc.boolean(),
      doubleQuotedMinMultiLineLength: fc.constantFrom(0, 10, 40),
      nullStr: fc.constantFrom('null', '~', ''),
    });
    let runs = 0;
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 }), options, fc.array(fc.nat(), { maxLength: 4 }), (value, opts, commentAt) => {
        runs++;
        let text: string;
        try {
          text = asYaml(value, opts as ToStringOptions);
        } catch {
          return; // an option combination stringify refuses
        }
        // Comment lines at random line starts (inside a quoted scalar they are content: the tree decides).
        const lines = text.split('\n');
        for (const at of commentAt) lines.splice(at % lines.length, 0, `${' '.repeat(at % 5)}# comment ${at}`);
        for (const t of [text, lines.join('\n')]) {
          const lite = parseYamlLite(t, PARSE_LIMITS);
          if (!lite) continue;
          const eager = parseDocument('x.yaml', t, { languageId: 'yaml', eagerTree: true });
          assert.deepEqual(eager.syntax, [], `accepted a text the tree path finds errors in: ${JSON.stringify(t)}`);
          assert.deepEqual(lite.value, eager.value, `value differs: ${JSON.stringify(t)}`);
          accepted++;
          assertSamePlaces(JSON.stringify(t), t, both(pointersOf(eager.value)));
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // The subset must cover most of what stringify writes, or the test would prove nothing.
    assert.ok(accepted > runs * 0.5, `only ${accepted} of ${2 * runs} texts in the subset`);
    console.log(`    ${runs} values, ${accepted} of ${2 * runs} texts read without a tree, seed ${SEED}`);
  });

  it('leaves to the tree path what is outside the subset, with the same result as before', () => {
    const outside = [
      'a:\tb\n', // tab
      'a: 1\r\nb: 2\r\n', // CRLF
      '\uFEFFa: 1\n', // BOM
      'a: x\u00a0\n', // no-break space (the tree trims it as a space)
      'a: \u0001\n', // non-printable: js-yaml refuses, the tolerant path decides
      'a: \uD800x\n', // lone surrogate
      'a: x\uDC00\n', // lone low surrogate
      'k\u00a0ey: 1\n', // no-break space inside a key
      'a: "x\tb"\n', // a tab inside a quoted scalar
      'a: |\n  x\r\n  y\n', // CR inside a block scalar
      'a: 1\n# comment\r\nb: 2\r\n', // CR after a comment, then on a content line
      'a: |2\n   literal\n', // block scalar with an indentation indicator
      'a: |\n\n     \n  x\n', // a leading blank line deeper than the content
      'a: &x 1\nb: *x\n', // anchor and alias
      'a: !!str 1\n', // tag
      'a: [1, 2]\n', // flow content
      'a: {b: 1}\n',
      '? a\n: 1\n', // explicit key
      'a: 1\n---\nb: 2\n', // several documents
      '---\na: 1\n',
      'a: 1\nb: 2\na: 3\n', // duplicate key: the tree path reports it
      '__proto__: 1\n',
      'a:\n  -\n  - 1\n', // empty entry
      '- 1\n- 2\n', // root sequence
      'just a scalar\n',
      '',
      '# only a comment\n',
      'a: b: c\n', // mapping in a plain scalar: an error
      'a: "unterminated\n',
      'a:\n  b: 1\n c: 2\n', // bad indentation
      'a: x\n  # comment\n  more\n', // a comment line inside a plain scalar
    ];
    for (const text of outside) {
      assert.equal(parseYamlLite(text, PARSE_LIMITS), undefined, JSON.stringify(text));
      const lazy = parseDocument('x.yaml', text, { languageId: 'yaml' });
      const eager = parseDocument('x.yaml', text, { languageId: 'yaml', eagerTree: true });
      assert.deepEqual({ value: lazy.value, syntax: lazy.syntax, usable: lazy.usable }, { value: eager.value, syntax: eager.syntax, usable: eager.usable }, JSON.stringify(text));
      assert.ok(treeBuilt(lazy), `${JSON.stringify(text)}: outside the subset, the tree is built at parse`);
    }
    // An empty value is read, but placing it is left to the tree (its range comes from js-yaml's events).
    const empty = 'a:\nb: 1\n';
    assert.deepEqual(parseYamlLite(empty, PARSE_LIMITS)?.value, { a: null, b: 1 });
    assert.equal(locateInYaml(empty, [{ pointer: '/a', target: 'value' }], PARSE_LIMITS), undefined);
    const doc = parseDocument('x.yaml', empty, { languageId: 'yaml' });
    assert.deepEqual(locatePointers(doc, [{ pointer: '/a', target: 'value' }]), [locatePointer(parseDocument('x.yaml', empty, { languageId: 'yaml', eagerTree: true }), '/a', 'value')]);
  });

  it('hostile: an alias bomb, deep nesting and a huge file keep their budget findings, in bounded time', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const bomb = levels.join('\n') + '\n';
    // 1,500 levels of block nesting (over maxNesting 1,000), one space each.
    const deep = Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    // 9 MB: past the analysis ceiling.
    const line = 'k: ' + 'x'.repeat(90) + '\n';
    const huge = Array.from({ length: 100_000 }, (_, i) => `k${i}${line.slice(1)}`).join('');
    // The deep one overflows js-yaml's recursion, which the tree path reports as a parse error (as before).
    for (const [what, text, message] of [
      ['alias bomb', bomb, /alias/],
      ['deep nesting', deep, /nest|call stack/],
      ['huge file', huge, /ceiling/],
    ] as const) {
      const t = performance.now();
      assert.equal(parseYamlLite(text, PARSE_LIMITS), undefined, `${what}: the subset reader must give up`);
      const doc = parseDocument('x.yaml', text, { languageId: 'yaml' });
      const ms = performance.now() - t;
      assert.ok(ms < 5_000, `${what}: ${ms.toFixed(0)} ms`);
      assert.equal(doc.usable, false, what);
      assert.ok(doc.syntax.some((f) => (f.ruleId === 'input-budget' || f.ruleId === 'yaml-parse-error') && message.test(f.message)), `${what}: ${JSON.stringify(doc.syntax)}`);
      const eager = parseDocument('x.yaml', text, { languageId: 'yaml', eagerTree: true });
      // (Where the recursion overflows depends on the stack in use: the rule ids, not the offsets.)
      assert.deepEqual([...new Set(doc.syntax.map((f) => f.ruleId))], [...new Set(eager.syntax.map((f) => f.ruleId))], `${what}: findings differ from the tree path's`);
    }
    // Within its own budgets: a document of more values than maxNodes is left to the tree path.
    const many = Array.from({ length: 50 }, (_, i) => `k${i}: ${i}`).join('\n') + '\n';
    assert.equal(parseYamlLite(many, { ...PARSE_LIMITS, maxNodes: 20 }), undefined);
    assert.ok(parseYamlLite(many, PARSE_LIMITS));
    const nested = 'a:\n  b:\n    c:\n      d: 1\n';
    assert.equal(parseYamlLite(nested, { ...PARSE_LIMITS, maxNesting: 3 }), undefined);
    assert.ok(parseYamlLite(nested, { ...PARSE_LIMITS, maxNesting: 4 }));
  });

  it('gives byte-identical validation output over the corpus as YAML (every finding placed as with the tree), with no tree built', () => {
    requireCorpus();
    const names = corpusConnectorNames();
    assert.ok(names.length >= 300, `expected the 304 corpus connectors, found ${names.length}`);
    let findings = 0;
    let withoutTree = 0;
    let compared = 0;
    for (const name of names) {
      const jsonPath = path.join(CORPUS_CONNECTORS, name, 'apiDefinition.swagger.json');
      const sources = loadConnectorFromDisk(jsonPath);
      let value: unknown;
      try {
        value = JSON.parse(sources.definition!.text.replace(/^\uFEFF/, ''));
      } catch {
        continue;
      }
      const yamlSources = { ...sources, definition: { uri: sources.definition!.uri.replace(/\.json$/, '.yaml'), text: asYaml(value), languageId: 'yaml' } };
      const { lazy, eager, docs } = validateBothWays(yamlSources);
      assert.equal(JSON.stringify(lazy), JSON.stringify(eager), `${name}: validation output of the YAML differs from the one with the tree`);
      if (docs[0]?.language === 'yaml' && !treeBuilt(docs[0])) withoutTree++;
      for (const fd of lazy) findings += fd.diagnostics.length;
      compared++;
    }
    assert.ok(findings > 1000, `expected thousands of findings over the corpus, found ${findings}`);
    assert.ok(withoutTree >= 280, `only ${withoutTree} of ${compared} YAML definitions validated without a tree`);
    console.log(`    ${compared} connectors as YAML, ${findings} findings identical; ${withoutTree} definitions validated without a tree`);
  });
});
