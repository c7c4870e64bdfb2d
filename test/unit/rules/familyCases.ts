// Table-driven rule tests for families 3 and 4: each case breaks one thing in the base connector
// and names the rule id, its severity, and text expected on the underlined line.
import * as assert from 'node:assert/strict';
import type { Profile } from '../../../engine/src/rules/types';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';

export interface RuleCase {
  id: string;
  title: string;
  /** Mutates the base definition (and properties); return a value to replace the definition. */
  mutate: (def: Record<string, any>, props: Record<string, any>) => void | Record<string, any>;
  severity: 'error' | 'warning' | 'info';
  profile?: Profile;
  /** Text expected on the line where the finding starts (the node that must change). */
  line: string | RegExp;
  message: RegExp;
  count?: number;
}

export function runCases(cases: RuleCase[]): void {
  for (const c of cases) {
    it(`${c.id}: ${c.title}`, () => {
      const def = baseDefinition();
      const props = baseProperties();
      const replaced = c.mutate(def, props);
      const definition = replaced ?? def;
      const r = validate({ definition, properties: props }, { profile: c.profile });
      const found = only(r.all, c.id);
      assert.equal(found.length, c.count ?? 1, `expected ${c.count ?? 1} finding(s) of ${c.id}, got ${JSON.stringify(found.map((f) => f.message))}`);
      const text = JSON.stringify(definition, null, 4).split('\n');
      assert.equal(found[0].severity, c.severity);
      assert.match(found[0].message, c.message);
      const lineText = text[found[0].range.start.line];
      if (typeof c.line === 'string') assert.ok(lineText.includes(c.line), `line ${found[0].range.start.line + 1} is ${JSON.stringify(lineText)}, expected it to contain ${JSON.stringify(c.line)}`);
      else assert.match(lineText, c.line);
    });
  }
}

/** The base connector is clean for every id of a family (the "passes" fixture of each rule). */
export function assertBaseClean(ids: string[], profile: Profile = 'default'): void {
  const r = validate({ definition: baseDefinition(), properties: baseProperties() }, { profile });
  for (const id of ids) assert.deepEqual(only(r.all, id).map((d) => d.message), [], `${id} fired on the base connector (${profile})`);
}
