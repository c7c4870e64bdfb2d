// Shared helpers for the structure-family rule tests (families 1, 2 and 10): run one rule on a
// mutated base connector and read back the text each diagnostic underlines.
import * as assert from 'node:assert/strict';
import type { ConnectorDiagnostic, ValidationConfig } from '../../../engine/src/languageService/validateConnector';
import { baseDefinition, baseProperties, only, validate, type ConnectorInput } from '../ruleTestKit';

export type Def = ReturnType<typeof baseDefinition>;

/** The text a diagnostic's range covers in the given file text. */
export function underlined(text: string, d: ConnectorDiagnostic): string {
  const lines = text.split('\n');
  const { start, end } = d.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

/** Validates the base connector after `mutate` and returns the findings of one rule in the definition. */
export function findingsFor(ruleId: string, mutate: (def: Def) => void, config: ValidationConfig = {}, extra: Partial<ConnectorInput> = {}): { found: ConnectorDiagnostic[]; text: string } {
  const def = baseDefinition();
  mutate(def);
  const text = JSON.stringify(def, null, 4);
  const r = validate({ definition: text, properties: baseProperties(), ...extra }, config);
  return { found: only(r.definition, ruleId), text };
}

/** Asserts exactly `count` findings of ruleId with the severity, and that the first underlines `at`. */
export function expectFinding(ruleId: string, mutate: (def: Def) => void, opts: { severity?: string; at?: string | RegExp; message?: RegExp; count?: number; config?: ValidationConfig } = {}): ConnectorDiagnostic[] {
  const { found, text } = findingsFor(ruleId, mutate, opts.config);
  if (opts.count !== undefined) assert.equal(found.length, opts.count, `${ruleId}: ${JSON.stringify(found.map((f) => f.message))}`);
  else assert.ok(found.length >= 1, `${ruleId} not reported`);
  assert.equal(found[0].severity, opts.severity ?? 'error');
  if (opts.message) assert.match(found[0].message, opts.message);
  if (opts.at !== undefined) {
    const u = underlined(text, found[0]);
    if (typeof opts.at === 'string') assert.equal(u, opts.at);
    else assert.match(u, opts.at);
  }
  return found;
}

export function expectClean(ruleId: string, mutate: (def: Def) => void, config: ValidationConfig = {}): void {
  const { found } = findingsFor(ruleId, mutate, config);
  assert.deepEqual(found.map((f) => f.message), [], `${ruleId} should not fire`);
}
