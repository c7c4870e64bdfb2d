// Strict JSON gets no positioned tree in batch validation (issue 19): its findings are placed by one
// pass over the text (textLocate.ts). The places must equal those read from jsonc-parser's tree
// (locatePointer), for every finding and for random pointers (existing, partly existing, missing,
// both targets) over every corpus definition and properties file; and the whole validation output
// must be byte-identical to a validation with the tree built at once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadConnectorFromDisk } from '../../../engine/node/diskFileAccess';
import { locatePointer, locatePointers, type Location, type RangeTarget } from '../../../engine/src/languageService/locate';
import { parseDocument, treeBuilt, type ParsedDocument } from '../../../engine/src/languageService/parseDocument';
import { locateInText, type LocateQuery } from '../../../engine/src/languageService/textLocate';
import { pathToPointer } from '../../../engine/src/languageService/tree';
import { SEED } from '../fuzz/fuzzKit';
import { CORPUS_CONNECTORS, corpusConnectorNames, requireCorpus } from '../ruleTestKit';
import { validateBothWays } from './treePaths';

const TARGETS: RangeTarget[] = ['key', 'value'];

function both(pointers: readonly string[]): LocateQuery[] {
  return pointers.flatMap((pointer) => TARGETS.map((target) => ({ pointer, target })));
}

/** The places read from the tree (jsonc-parser, built at once) and from the text, compared one by one. */
function assertSamePlaces(name: string, text: string, queries: readonly LocateQuery[]): void {
  const eager = parseDocument(name, text, { eagerTree: true });
  const lazy = parseDocument(name, text);
  assert.equal(treeBuilt(lazy), false, `${name}: strict JSON without duplicate keys must get no tree at parse`);
  const fromText = locatePointers(lazy, queries);
  assert.equal(treeBuilt(lazy), false, `${name}: placing pointers must not build the tree`);
  queries.forEach((q, i) => {
    const fromTree = locatePointer(eager, q.pointer, q.target);
    assert.deepEqual(fromText[i], fromTree, `${name}: ${q.pointer} (${q.target}): text scan ${JSON.stringify(fromText[i])}, tree ${JSON.stringify(fromTree)}`);
  });
}

/** One step of a random pointer: which member/element to take, and how to spoil the last token. */
const stepArb = fc.record({ pick: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000), stop: fc.integer({ min: 0, max: 6 }) });
const recipeArb = fc.record({ steps: fc.array(stepArb, { minLength: 0, maxLength: 9 }), spoil: fc.integer({ min: 0, max: 9 }) });

/** A pointer into `value` following the recipe: existing, or spoiled into a partly existing or missing one. */
function pointerOf(value: unknown, recipe: { steps: { pick: number; stop: number }[]; spoil: number }): string {
  const segments: (string | number)[] = [];
  let cur = value;
  for (const step of recipe.steps) {
    if (step.stop === 0) break;
    if (Array.isArray(cur) && cur.length > 0) {
      const i = Math.floor(step.pick * cur.length);
      segments.push(i);
      cur = cur[i];
    } else if (cur && typeof cur === 'object' && Object.keys(cur).length > 0) {
      const keys = Object.keys(cur);
      const k = keys[Math.floor(step.pick * keys.length)];
      segments.push(k);
      cur = (cur as Record<string, unknown>)[k];
    } else {
      segments.push(step.pick < 0.5 ? 'x' : '0'); // into a string, number or empty container
      break;
    }
  }
  switch (recipe.spoil) {
    case 1:
      segments.push('no such member');
      break;
    case 2:
      if (segments.length) segments[segments.length - 1] = `${segments[segments.length - 1]}~/x`;
      break;
    case 3:
      segments.push(99_999, 'deeper');
      break;
    case 4:
      // An index written with a leading zero names the same element in the tree.
      if (typeof segments[segments.length - 1] === 'number') return pathToPointer(segments.slice(0, -1)) + '/0' + segments[segments.length - 1];
      break;
    case 5:
      segments.push('-');
      break;
  }
  return pathToPointer(segments);
}

function corpusFiles(): string[] {
  requireCorpus();
  const files: string[] = [];
  for (const name of corpusConnectorNames()) {
    for (const f of ['apiDefinition.swagger.json', 'apiProperties.json']) {
      const file = path.join(CORPUS_CONNECTORS, name, f);
      if (fs.existsSync(file)) files.push(file);
    }
  }
  assert.ok(files.length >= 600, `expected the 608 corpus definition and properties files, found ${files.length}`);
  return files;
}

describe('Finding places without a tree (textLocate)', () => {
  it('equal the tree places on hand-written JSON: escaped keys and tokens, __proto__, empty and nested containers, a string value, a BOM, CRLF and tabs', () => {
    const text = '\uFEFF{\r\n\t"a\\u0041": {"x\\"y": [1, [2, [], {}], {"~/": true}], "e": {}, "s": "str\\"ing"},\n  "__proto__": {"p": null},\n  "n": -1.5e+3 , "a/b": {"c~d": []}\n}';
    assert.doesNotThrow(() => JSON.parse(text.slice(1)));
    const pointers = ['', '/aA', '/aA/x"y', '/aA/x"y/0', '/aA/x"y/1/1', '/aA/x"y/1/2', '/aA/x"y/2/~0~1', '/aA/x"y/01', '/aA/x"y/1/0/z', '/aA/x"y/9', '/aA/e', '/aA/e/k', '/aA/s', '/aA/s/0', '/__proto__/p', '/__proto__/q', '/n', '/a~1b/c~0d', '/a~1b/c~0d/0', '/missing/deeper', '/aA/x"y/-', '#/aA/e'];
    assertSamePlaces('hand.json', text, both(pointers));
    // Fixed places, independent of both readers: a key with its quotes; a container's first character.
    const [key, container, str] = locateInText(text, [{ pointer: '/aA', target: 'key' }, { pointer: '/aA/e', target: 'value' }, { pointer: '/aA/s', target: 'value' }]);
    assert.deepEqual(key, { offset: text.indexOf('"a\\u0041"'), length: '"a\\u0041"'.length });
    assert.deepEqual(container, { offset: text.indexOf('{}, "s"'), length: 1 });
    assert.deepEqual(str, { offset: text.indexOf('"str'), length: '"str\\"ing"'.length });
  });

  it('equal the tree places on a root array, a root scalar and an empty root object', () => {
    assertSamePlaces('array.json', ' [ {"a": [[]]}, 2, "x" ] ', both(['', '/0/a/0', '/0/a/0/0', '/1', '/2', '/3', '/x']));
    assertSamePlaces('scalar.json', '  "just a string"\n', both(['', '/a', '/0']));
    assertSamePlaces('empty.json', '{}', both(['', '/a', '/a/b']));
  });

  it('take the later of duplicate keys, as the tree does; a document with one is parsed with its tree and reports json-duplicate-key as before', () => {
    const text = '{"a": {"b": 1, "c": {"d": 2}}, "x": 0, "a": {"b": [3], "e": 4}}';
    const tree = parseDocument('dup.json', text, { eagerTree: true });
    const queries = both(['/a', '/a/b', '/a/c', '/a/c/d', '/a/e', '/a/b/0']);
    const fromText = locateInText(text, queries);
    queries.forEach((q, i) => assert.deepEqual(fromText[i], locatePointer(tree, q.pointer, q.target), `${q.pointer} ${q.target}`));
    const lazy = parseDocument('dup.json', text);
    assert.equal(treeBuilt(lazy), true, 'a duplicate key takes the tree path');
    assert.deepEqual(lazy.syntax, tree.syntax);
    assert.deepEqual(lazy.syntax.map((s) => [s.ruleId, s.offset]), [['json-duplicate-key', text.lastIndexOf('"a"')]]);
    // A duplicate hidden in a nested object and one with an escaped spelling of the same key.
    for (const t of ['{"a": [{"k": 1, "k": 2}]}', '{"k": 1, "\\u006b": 2}']) {
      const d = parseDocument('dup2.json', t);
      assert.equal(treeBuilt(d), true, t);
      assert.deepEqual(d.syntax.map((s) => s.ruleId), ['json-duplicate-key'], t);
    }
  });

  it('keep the eager path for JSON that JSON.parse refuses (comments, trailing commas), with the same findings', () => {
    for (const text of ['{"a": 1, // c\n "b": 2}', '{"a": [1, 2,]}', '{"a": }']) {
      const doc = parseDocument('bad.json', text);
      assert.equal(treeBuilt(doc), true, text);
      assert.ok(doc.syntax.length > 0, text);
    }
  });

  it('a lazy tree built on first read equals the eager one, and an object spread copies the built tree', () => {
    const text = fs.readFileSync(path.join(requireCorpus(), corpusConnectorNames()[0], 'apiDefinition.swagger.json'), 'utf8');
    const lazy = parseDocument('x.json', text);
    const eager = parseDocument('x.json', text, { eagerTree: true });
    assert.equal(treeBuilt(lazy), false);
    const copy = { ...lazy };
    assert.equal(treeBuilt(lazy), true, 'a spread reads root');
    assert.equal(copy.root, lazy.root);
    const shape = (n: ParsedDocument['root']): unknown => n && [n.type, n.offset, n.length, n.value, n.children?.map(shape)];
    assert.deepEqual(shape(lazy.root), shape(eager.root));
    assert.deepEqual(lazy.value, eager.value);
    assert.deepEqual(lazy.syntax, eager.syntax);
    assert.equal(lazy.usable, eager.usable);
  });

  it('hostile: 200,000 levels of nesting and 1 MB of escaped quotes are scanned without recursion, within 2 s', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const t0 = performance.now();
    const [loc] = locateInText(deep, [{ pointer: '/0'.repeat(100_000), target: 'value' }]);
    assert.deepEqual(loc, { offset: 100_000, length: 1 });
    const quotes = '{"a": "' + '\\"'.repeat(500_000) + '", "b": [' + '"\\\\",'.repeat(100_000) + '1]}';
    assert.doesNotThrow(() => JSON.parse(quotes));
    assertSamePlaces('quotes.json', quotes, both(['/b/100000', '/b/5', '/a', '/c']));
    assert.ok(performance.now() - t0 < 2000, `took ${Math.round(performance.now() - t0)} ms`);
  });

  it('hostile: 20,000 wanted members of one length in a 20,000-member object stay linear (and equal the tree, escaped keys included)', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${String(i).padStart(5, '0')}`);
    // One key written with an escape (\u006b = "k"), decoded to a wanted token.
    const text = '{"big": {' + keys.map((k, i) => (i === 7 ? `"\\u006b${k.slice(1)}": ${i}` : `"${k}": {"v": ${i}}`)).join(', ') + '}}';
    const pointers = keys.map((k) => `/big/${k}/v`);
    const t0 = performance.now();
    const locs = locateInText(text, pointers.map((pointer) => ({ pointer, target: 'value' })));
    const ms = performance.now() - t0;
    assert.ok(ms < 1000, `took ${Math.round(ms)} ms`);
    assertSamePlaces('wide.json', text, both([...pointers.slice(0, 300), '/big/k00007', '/big/k00007/v', '/big/k19999/v']));
    assert.equal(text.slice(locs[19_999].offset, locs[19_999].offset + locs[19_999].length), '19999');
    // Few wanted tokens of a length: compared in place.
    assertSamePlaces('narrow.json', text, both(['/big/k00007', '/big/k00008/v', '/big/k00009/w']));
  });

  it('equal the tree places over every corpus definition and properties file: random pointers (existing, partly existing, missing; both targets)', function () {
    this.timeout(300_000);
    const files = corpusFiles();
    let pointers = 0;
    let strict = 0;
    files.forEach((file, n) => {
      const text = fs.readFileSync(file, 'utf8');
      let value: unknown;
      try {
        value = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        return; // not strict JSON: the tree path, as before (checked by the validation comparison below)
      }
      const probe = parseDocument(file, text);
      if (treeBuilt(probe)) return; // duplicate keys: the tree path
      strict++;
      fc.assert(
        fc.property(fc.array(recipeArb, { minLength: 150, maxLength: 150 }), (recipes) => {
          const ps = recipes.map((r) => pointerOf(value, r));
          pointers += ps.length;
          assertSamePlaces(path.relative(CORPUS_CONNECTORS, file), text, both(ps));
        }),
        { seed: SEED + n, numRuns: 2 },
      );
    });
    assert.ok(strict >= 550, `expected most corpus files to be strict JSON without duplicate keys, found ${strict} of ${files.length}`);
    console.log(`    ${strict} of ${files.length} files on the text path, ${pointers} random pointers x 2 targets, seed ${SEED}`);
  });

  it('give byte-identical validation output over the corpus (every finding placed as with the tree), and no tree is built in batch validation', function () {
    this.timeout(600_000);
    requireCorpus();
    const names = corpusConnectorNames();
    assert.ok(names.length >= 300, `expected the 304 corpus connectors, found ${names.length}`);
    let findings = 0;
    let lazyDocs = 0;
    for (const name of names) {
      const sources = loadConnectorFromDisk(path.join(CORPUS_CONNECTORS, name, 'apiDefinition.swagger.json'));
      const { lazy, eager, docs } = validateBothWays(sources);
      assert.equal(JSON.stringify(lazy), JSON.stringify(eager), `${name}: validation output differs from the one with the tree`);
      for (const d of docs) {
        const strictNoDup = (() => {
          try {
            JSON.parse(d.text.replace(/^\uFEFF/, ''));
            return !d.syntax.some((s) => s.ruleId === 'json-duplicate-key');
          } catch {
            return false;
          }
        })();
        if (strictNoDup) {
          lazyDocs++;
          assert.equal(treeBuilt(d), false, `${name}: ${path.basename(d.uri)} got a tree in batch validation`);
        }
      }
      for (const fd of lazy) findings += fd.diagnostics.length;
    }
    assert.ok(findings > 1000, `expected thousands of findings over the corpus, found ${findings}`);
    console.log(`    ${names.length} connectors, ${findings} findings identical; ${lazyDocs} documents validated without a tree`);
  });
});
