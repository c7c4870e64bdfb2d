// Fuzz: the positioned parser (JSON and YAML) on mutated real connector definitions never throws,
// finishes within a bound, and reports every syntax finding inside the document.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { check, mutatedText, mutationArb, smallConnectors, timed } from './fuzzKit';

// Generous: catches hangs and blow-ups, not slowness on a loaded CI machine.
const BOUND_MS = 20_000;

function checkParse(text: string, yaml: boolean): void {
  const uri = `file:///fuzz/apiDefinition.swagger.${yaml ? 'yaml' : 'json'}`;
  const { ms, value: doc } = timed(() => parseDocument(uri, text));
  assert.ok(ms < BOUND_MS, `parse took ${ms.toFixed(0)} ms`);
  assert.equal(doc.text, text);
  for (const s of doc.syntax) {
    assert.ok(typeof s.message === 'string' && s.message.length > 0, `empty message for ${s.ruleId}`);
    assert.ok(s.offset >= 0 && s.length >= 0 && s.offset + s.length <= text.length + 1, `${s.ruleId} at ${s.offset}+${s.length} outside ${text.length} chars`);
  }
  if (doc.usable) assert.notEqual(doc.value, undefined, 'a usable document has a value');
  if (doc.root) {
    assert.ok(doc.root.offset >= 0 && doc.root.offset + doc.root.length <= text.length, 'root node inside the text');
  }
}

describe('fuzz: parser', function () {
  this.timeout(600_000); // bounded by the case count; a loaded 2-core machine is slow
  const arb = fc.record({ file: fc.nat(), mutation: mutationArb, yaml: fc.boolean() });

  it('never throws, stays in bounds and in time on mutated corpus definitions (JSON and YAML)', () => {
    const corpus = smallConnectors();
    check(
      fc.property(arb, ({ file, mutation, yaml }) => {
        checkParse(mutatedText(corpus[file % corpus.length]!.definition, mutation, yaml), yaml);
      }),
      2_000,
    );
  });

  it('never throws on arbitrary text (unicode, control characters, BOM)', () => {
    check(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.boolean(), fc.boolean(), (text, bom, yaml) => checkParse((bom ? '\uFEFF' : '') + text, yaml)),
      1_000,
    );
  });
});
