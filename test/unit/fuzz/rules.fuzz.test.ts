// Fuzz: the whole rule engine (validateConnector, both profiles) on mutated real connectors:
// never throws, no rule crashes (onRuleError), finishes within a bound, and every diagnostic
// range lies inside the file it is reported on.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateConnector, type SourceFile } from '../../../engine/src/languageService/validateConnector';
import { assertRangeInside, check, mutatedText, mutationArb, smallConnectors, timed } from './fuzzKit';

// Generous: catches hangs and blow-ups, not slowness on a loaded CI machine.
const BOUND_MS = 30_000;

describe('fuzz: rule engine', function () {
  this.timeout(600_000); // bounded by the case count; a loaded 2-core machine is slow

  it('validates mutated definitions and apiProperties without throwing, crashing a rule or leaving the document', () => {
    const corpus = smallConnectors();
    const arb = fc.record({
      file: fc.nat(),
      mutation: mutationArb,
      propsMutation: fc.option(mutationArb, { freq: 3 }),
      yaml: fc.boolean(),
      certification: fc.boolean(),
    });
    check(
      fc.property(arb, ({ file, mutation, propsMutation, yaml, certification }) => {
        const c = corpus[file % corpus.length]!;
        const definition: SourceFile = { uri: `file:///fuzz/c/apiDefinition.swagger.${yaml ? 'yaml' : 'json'}`, text: mutatedText(c.definition, mutation, yaml) };
        const properties: SourceFile | undefined = c.properties ? { uri: 'file:///fuzz/c/apiProperties.json', text: propsMutation ? mutatedText(c.properties, propsMutation, false) : c.properties } : undefined;
        const crashes: string[] = [];
        const { ms, value: results } = timed(() =>
          validateConnector({ definition, properties, folderName: 'c', folderFiles: ['apiDefinition.swagger.json', 'apiProperties.json'] }, { profile: certification ? 'certification' : 'default' }, undefined, (ids, e) =>
            crashes.push(`${ids.join(',')}: ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e)}`),
          ),
        );
        assert.deepEqual(crashes, [], 'a rule threw');
        assert.ok(ms < BOUND_MS, `validation took ${ms.toFixed(0)} ms`);
        for (const r of results) {
          const text = r.kind === 'definition' ? definition.text : properties!.text;
          for (const d of r.diagnostics) {
            assert.ok(d.message.length > 0, `${d.ruleId} without a message`);
            assertRangeInside(text, d.range, `${d.ruleId} in ${r.kind}`);
          }
        }
      }),
      1_800,
    );
  });
});
