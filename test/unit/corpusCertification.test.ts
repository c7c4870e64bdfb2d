// Certification profile fidelity on the shared corpus (docs/rules.md, "Profiles and Microsoft's
// checks"). The certified and independent-publisher connectors whose definition changed after
// 2023-06-01 were each checked by Microsoft's pull-request pipeline with the certification rules on,
// and accepted: at most 5% of them may get an error in the certification profile (readme and icon
// checks aside: the corpus copies hold only the two JSON files), and an error the certification
// profile adds that fires on more than 3% of them needs, in docs/rules.md, a dated Microsoft message
// newer than their last change. Prints the figure and the per-rule counts, top rules first. The
// whole-corpus counts of both profiles are printed by corpus.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOGUE } from '../../engine/src/rules/catalogue';
import { loadConnectorFromDisk } from '../../engine/node/diskFileAccess';
import { validateConnector } from '../../engine/src/languageService/validateConnector';
import { RuleCounts } from '../corpusRuleCounts';
import { CORPUS, CORPUS_CONNECTORS, REPO_ROOT, requireCorpus } from './ruleTestKit';

const RECENT_SINCE = '2023-06-01';
const MAX_ERROR_SHARE = 0.05;
const EVIDENCE_NEEDED_SHARE = 0.03;
const FOLDER_ONLY = new Set(['readme-present', 'icon-file']);
const EVIDENCE_HEADING = '### Evidence for the errors the certification profile adds';

interface Recent {
  name: string;
  changed: string;
}

/** Recent certified and independent-publisher connectors with a valid-JSON definition. */
function recentCertified(): Recent[] {
  requireCorpus();
  const tsv = path.join(CORPUS, 'connector-history.tsv');
  assert.ok(fs.existsSync(tsv), `the corpus history is missing: ${tsv}`);
  const rows = fs.readFileSync(tsv, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const out = rows
    .filter(([name, changed]) => changed > RECENT_SINCE && !name.startsWith('custom-connectors/'))
    .filter(([name]) => {
      try {
        JSON.parse(fs.readFileSync(path.join(CORPUS_CONNECTORS, name, 'apiDefinition.swagger.json'), 'utf8').replace(/^\uFEFF/, ''));
        return true;
      } catch {
        return false; // an unparseable copy is json-parse-error's business, not a calibration sample
      }
    })
    .map(([name, changed]) => ({ name, changed }));
  assert.ok(out.length >= 50, `only ${out.length} recent certified/independent-publisher connectors found via ${tsv}`);
  return out;
}

describe('corpus: certification profile on recent certified and independent-publisher connectors', function () {
  this.timeout(180_000);
  let recent: Recent[] = [];
  /** connector -> error rule ids in the certification profile (readme and icon aside). */
  const errors = new Map<string, string[]>();
  const crashes: string[] = [];

  before(() => {
    recent = recentCertified();
    for (const { name } of recent) {
      const sources = loadConnectorFromDisk(path.join(CORPUS_CONNECTORS, name, 'apiDefinition.swagger.json'));
      const results = validateConnector(sources, { profile: 'certification' }, undefined, (ids, e) => crashes.push(`${name}: rule ${ids.join(',')} threw ${String(e)}`));
      const ids = new Set(results.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error' && !FOLDER_ONLY.has(d.ruleId)).map((d) => d.ruleId)));
      errors.set(name, [...ids].sort());
    }
  });

  it('validates them without a rule crashing', () => {
    assert.deepEqual(crashes, []);
  });

  it(`at most ${MAX_ERROR_SHARE * 100}% of them get an error (readme and icon aside)`, () => {
    const counts = new RuleCounts();
    for (const { name } of recent) counts.add(name, (errors.get(name) ?? []).map((ruleId) => ({ ruleId, severity: 'error' })));
    console.log(counts.format(`certification profile, ${recent.length} certified and independent-publisher connectors changed after ${RECENT_SINCE}, errors per rule (readme and icon aside)`));
    const bad = counts.connectorsWithError();
    const share = bad.length / recent.length;
    assert.ok(share <= MAX_ERROR_SHARE, `${bad.length} of ${recent.length} (${(100 * share).toFixed(1)}%) get an error, goal at most ${MAX_ERROR_SHARE * 100}%:\n${bad.map((n) => `${n}: ${(errors.get(n) ?? []).join(', ')}`).join('\n')}`);
  });

  it(`an error the certification profile adds that fires on more than ${EVIDENCE_NEEDED_SHARE * 100}% of them has a dated Microsoft message newer than their last change`, () => {
    const added = new Set(CATALOGUE.filter((e) => e.certificationSeverity === 'error' && e.defaultSeverity !== 'error').map((e) => e.id));
    assert.ok(added.size > 0, 'the catalogue lists no error the certification profile adds');
    const byRule = new Map<string, Recent[]>();
    for (const c of recent) for (const id of errors.get(c.name) ?? []) if (added.has(id)) byRule.set(id, [...(byRule.get(id) ?? []), c]);
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules.md'), 'utf8');
    const start = doc.indexOf(EVIDENCE_HEADING);
    assert.ok(start >= 0, `docs/rules.md has no "${EVIDENCE_HEADING}" section`);
    const next = doc.indexOf('\n#', start + EVIDENCE_HEADING.length);
    const rows = doc.slice(start, next < 0 ? undefined : next).split('\n');
    const problems: string[] = [];
    for (const [id, hits] of byRule) {
      if (hits.length <= EVIDENCE_NEEDED_SHARE * recent.length) continue;
      const latestChange = hits.map((h) => h.changed).sort().pop()!;
      const row = rows.find((l) => l.startsWith(`| ${id} |`));
      const newest = row ? [...row.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((m) => m[1]).sort().pop() : undefined;
      if (!newest || newest <= latestChange) {
        problems.push(`${id}: fires on ${hits.length} of ${recent.length} (last changed ${latestChange}); ${row ? `newest dated message ${newest ?? 'none'}` : 'no evidence row'}: narrow it or demote it`);
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  it('every error the certification profile adds has an evidence row in docs/rules.md', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules.md'), 'utf8');
    const start = doc.indexOf(EVIDENCE_HEADING);
    assert.ok(start >= 0, `docs/rules.md has no "${EVIDENCE_HEADING}" section`);
    const next = doc.indexOf('\n#', start + EVIDENCE_HEADING.length);
    const section = doc.slice(start, next < 0 ? undefined : next);
    const documented = new Set([...section.matchAll(/^\| ([a-z0-9-]+) \|/gm)].map((m) => m[1]));
    const added = CATALOGUE.filter((e) => e.certificationSeverity === 'error' && e.defaultSeverity !== 'error').map((e) => e.id);
    assert.deepEqual(added.filter((id) => !documented.has(id)), [], 'certification-only errors without evidence in docs/rules.md');
  });
});
