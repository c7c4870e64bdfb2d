// The objects parseYamlLite builds (yamlLite.ts) have JSON.parse's layout where members added one by
// one would leave V8 a worse one: mappings with index keys ("200" in `responses`) and mappings with
// more than 16 members are laid out by JSON.parse (Reader.mapping, laidOutAsJson); duplicate keys
// among the members gathered for it still send the text to the tree path. Checked here: over every corpus
// definition converted to YAML, the value is JSON.parse's of the original member for member and in
// the same key order (JSON.stringify compares the order; deepEqual does not), and every object has
// the same V8 layout as JSON.parse's (fast or dictionary properties, dictionary elements or not);
// over random mappings around the size thresholds, with index-like keys and keys JSON must escape,
// the value and key order equal js-yaml's (an independent reader) and JSON.parse's.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import fc from 'fast-check';
import { load as loadYaml, CORE_SCHEMA } from 'js-yaml';
import { stringify } from 'yaml';
import { PARSE_LIMITS } from '../../../engine/src/languageService/parseDocument';
import { parseYamlLite } from '../../../engine/src/languageService/yamlLite';
import { SEED } from '../fuzz/fuzzKit';
import { corpusConnectorNames, readCorpusConnector, requireCorpus } from '../ruleTestKit';

const asYaml = (value: unknown) => stringify(value, { aliasDuplicateObjects: false });

/** V8's own view of an object's layout (natives syntax, enabled for this test file only). */
function layoutProbe(): (o: object) => string {
  v8.setFlagsFromString('--allow-natives-syntax');
  let probe: (o: object) => string;
  try {
    probe = new Function('o', 'return (%HasFastProperties(o) ? "fast" : "dictionary") + "/" + (%HasDictionaryElements(o) ? "dictionary elements" : "fast elements")') as (o: object) => string;
  } catch (e) {
    throw new Error(`V8 natives syntax could not be enabled to read object layouts: ${String(e)}`);
  }
  return probe;
}

/** Walks two values of the same shape together, calling visit on each pair of objects. */
function eachObjectPair(a: unknown, b: unknown, visit: (x: object, y: object, pointer: string) => void): number {
  let n = 0;
  const stack: [unknown, unknown, string][] = [[a, b, '']];
  while (stack.length) {
    const [x, y, p] = stack.pop()!;
    if (Array.isArray(x) && Array.isArray(y)) x.forEach((c, i) => stack.push([c, y[i], `${p}/${i}`]));
    else if (x && typeof x === 'object' && y && typeof y === 'object') {
      n++;
      visit(x, y, p);
      for (const k of Object.keys(x)) stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${p}/${k}`]);
    }
  }
  return n;
}

describe('YAML without a tree: object layout (yamlLite)', function () {
  this.timeout(300_000);

  it('reads every corpus definition as YAML into objects laid out as JSON.parse lays them out, keys in the same order', () => {
    requireCorpus();
    const layout = layoutProbe();
    const names = corpusConnectorNames();
    assert.ok(names.length >= 300, `expected the 304 corpus connectors, found ${names.length}`);
    let definitions = 0;
    let objects = 0;
    let relaidOut = 0;
    for (const name of names) {
      let value: unknown;
      try {
        value = JSON.parse(readCorpusConnector(name).definition.replace(/^\uFEFF/, ''));
      } catch {
        continue; // not JSON (the corpus has a few broken files)
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
      const lite = parseYamlLite(asYaml(value), PARSE_LIMITS);
      if (!lite) continue; // outside the subset: the tree path reads it (yamlLite.test.ts counts these)
      assert.equal(JSON.stringify(lite.value), JSON.stringify(value), `${name}: the value or its key order differs from JSON.parse of the original`);
      objects += eachObjectPair(lite.value, value, (y, j, pointer) => {
        const keys = Object.keys(j);
        if (keys.length > 16 || keys.some((k) => /^(0|[1-9]\d*)$/.test(k))) relaidOut++;
        assert.equal(layout(y), layout(j), `${name}: the object at ${pointer || '/'} (${keys.length} members) is laid out differently from JSON.parse's`);
      });
      definitions++;
    }
    assert.ok(definitions >= 280, `only ${definitions} corpus definitions read without a tree`);
    // The corpus must exercise the re-laid-out kinds, or this test proves nothing about them.
    assert.ok(relaidOut >= 1000, `only ${relaidOut} objects with index keys or more than 16 members in the corpus`);
    console.log(`    ${definitions} definitions, ${objects} objects laid out as JSON.parse's (${relaidOut} with index keys or more than 16 members)`);
  });

  it('still leaves a duplicate key to the tree path when it comes among the members gathered for JSON.parse (past 16 members, or after an index key)', () => {
    const long = 'a-key-longer-than-forty-characters-is-not-shared-x';
    const members = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`);
    const cases: [string, string[]][] = [
      ['a short key repeated past 16 members', [...members(20), 'k18: again']],
      ['a short key first added, repeated past 16 members', [...members(20), 'k3: again']],
      ['a long key repeated past 16 members', [...members(17), `${long}: 1`, `${long}: 2`]],
      ['a long key added, then repeated past 16 members', [`${long}: 1`, ...members(17), `${long}: 2`]],
      ['an index key repeated', ['"200": a', '"404": b', '"200": c']],
      ['a key repeated after an index key', ['x: 1', '"200": a', 'x: 2']],
    ];
    for (const [what, lines] of cases) {
      const text = `root:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
      assert.equal(parseYamlLite(text, PARSE_LIMITS), undefined, `${what}: read without the tree`);
      const fine = `root:\n${lines.slice(0, -1).map((l) => `  ${l}`).join('\n')}\n`;
      assert.ok(parseYamlLite(fine, PARSE_LIMITS), `${what}: without the repeated key, not read at all`);
    }
  });

  it('random mappings around the size thresholds, with index-like keys and keys JSON escapes: js-yaml\'s value and JSON.parse\'s key order', () => {
    const layout = layoutProbe();
    const key = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('0', '1', '200', '404', '007', '-1', '1e3', '1.5', '4294967294', '4294967295', '99999999999', 'a"b', 'back\\slash', 'é', '🙂', 'constructor', 'toString', 'length'),
      fc.nat({ max: 5000 }).map(String),
    );
    const scalar = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
      array: fc.array(tie('tree'), { maxLength: 3 }),
      object: fc.oneof(fc.dictionary(key, tie('tree'), { maxKeys: 4 }), fc.dictionary(key, scalar, { minKeys: 14, maxKeys: 20 }), fc.dictionary(key, scalar, { minKeys: 125, maxKeys: 130 })),
    }));
    let accepted = 0;
    let runs = 0;
    let relaidOut = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 20 }), (value) => {
        runs++;
        if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return;
        const text = asYaml(value);
        const lite = parseYamlLite(text, PARSE_LIMITS);
        if (!lite) return;
        accepted++;
        const independent = loadYaml(text, { schema: CORE_SCHEMA });
        assert.deepEqual(lite.value, independent, `value differs from js-yaml's: ${JSON.stringify(text)}`);
        const json = JSON.stringify(value);
        assert.equal(JSON.stringify(lite.value), json, `key order differs from the original's: ${JSON.stringify(text)}`);
        eachObjectPair(lite.value, JSON.parse(json), (y, j, pointer) => {
          const keys = Object.keys(j);
          if (keys.length > 16 || keys.some((k) => /^(0|[1-9]\d*)$/.test(k))) relaidOut++;
          assert.equal(layout(y), layout(j), `layout at ${pointer || '/'} (${keys.length} members): ${JSON.stringify(text)}`);
        });
      }),
      { seed: SEED, numRuns: 400 },
    );
    // Random keys often leave the subset (the tree path reads those); enough must stay in it.
    assert.ok(accepted >= runs / 5 && relaidOut >= 50, `only ${accepted} of ${runs} random texts read without a tree, ${relaidOut} objects with index keys or more than 16 members`);
    console.log(`    ${accepted} of ${runs} random texts read without a tree (${relaidOut} objects with index keys or more than 16 members), seed ${SEED}`);
  });
});
