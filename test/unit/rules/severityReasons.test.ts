// docs/rules.md gives every default error its reason ("Default severities and why"), lists the
// rules lowered to warning, and the certification profile never lowers a default severity.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOGUE } from '../../../engine/src/rules/catalogue';
import { REPO_ROOT } from '../ruleTestKit';

const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules.md'), 'utf8');

function section(heading: string, level: '##' | '###'): string {
  const start = doc.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/rules.md has no "${heading}"`);
  const ends = ['\n## ', ...(level === '###' ? ['\n### '] : [])].map((m) => doc.indexOf(m, start + heading.length + 2)).filter((i) => i >= 0);
  return doc.slice(start, ends.length ? Math.min(...ends) : undefined);
}

const idsIn = (text: string) => new Set([...text.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)+)`/g)].map((m) => m[1]));
const RANK: Record<string, number> = { off: 0, info: 1, warning: 2, error: 3 };
const byId = new Map(CATALOGUE.map((e) => [e.id, e]));

describe('rules: default severities and their reasons (docs/rules.md)', () => {
  it('every rule that is an error by default has its reason under "Errors that mirror a Microsoft code" or "Errors of our own"', () => {
    const listed = new Set([...idsIn(section('### Errors that mirror a Microsoft code', '###')), ...idsIn(section('### Errors of our own (no Microsoft code): the platform cannot import or run the connector', '###'))]);
    const errors = CATALOGUE.filter((e) => e.defaultSeverity === 'error');
    assert.ok(errors.length > 50, `only ${errors.length} default errors in the catalogue`);
    const missing = errors.filter((e) => !listed.has(e.id)).map((e) => e.id);
    assert.deepEqual(missing, [], 'default errors without a written reason');
    const notErrors = [...listed].filter((id) => byId.has(id) && byId.get(id)!.defaultSeverity !== 'error' && id !== 'policy-parameter-empty');
    assert.deepEqual(notErrors, [], 'listed as errors but not errors by default');
  });

  it('a default error with a Microsoft code is listed with the codes, one without under "our own"', () => {
    const ours = idsIn(section('### Errors of our own (no Microsoft code): the platform cannot import or run the connector', '###'));
    const mirrored = idsIn(section('### Errors that mirror a Microsoft code', '###'));
    for (const e of CATALOGUE.filter((x) => x.defaultSeverity === 'error')) {
      if (e.msCodes.length) assert.ok(mirrored.has(e.id), `${e.id} has codes ${e.msCodes.join(', ')} but is not under "Errors that mirror a Microsoft code"`);
      else assert.ok(ours.has(e.id), `${e.id} has no Microsoft code but is not under "Errors of our own"`);
    }
  });

  it('the rules lowered to warning are warnings (or info) by default', () => {
    const lowered = [...idsIn(section('### Lowered to warning: Microsoft accepts these', '###'))].filter((id) => byId.has(id));
    assert.ok(lowered.length >= 15, `only ${lowered.length} rules listed`);
    const still = lowered.filter((id) => byId.get(id)!.defaultSeverity === 'error' && !['operation-responses-required', 'pageable-next-link-name', 'dynamic-param-names-exist', 'required-value-empty', 'connector-metadata-shape', 'dynamic-values-needs-list', 'dynamic-schema-needs-properties'].includes(id));
    assert.deepEqual(still, [], 'listed as lowered but still errors by default');
  });

  it('the certification profile never lowers a default severity (it only adds checks)', () => {
    const lowered = CATALOGUE.filter((e) => RANK[e.certificationSeverity] < RANK[e.defaultSeverity]).map((e) => `${e.id}: ${e.defaultSeverity} -> cert ${e.certificationSeverity}`);
    assert.deepEqual(lowered, []);
  });
});
