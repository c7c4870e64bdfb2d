// Every accepted corpus connector validates without crash or hang; in the default profile every
// error-severity finding on them is a pinned, justified real defect (rule id AND count, see
// test/corpus-expectations.json), at most 3% of the valid-JSON connectors get an error, and a rule
// that flags more than 10% of them has its reason written in docs/rules.md. Prints per-rule counts
// for both profiles, top rules first (all rules with CORPUS_REPORT=1).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConnectorFromDisk } from '../../engine/node/diskFileAccess';
import { validateConnector, type ValidationConfig } from '../../engine/src/languageService/validateConnector';
import { RuleCounts } from '../corpusRuleCounts';
import { CORPUS_CONNECTORS, corpusConnectorNames, REPO_ROOT } from './ruleTestKit';

const EXPECTATIONS_FILE = path.join(REPO_ROOT, 'test/corpus-expectations.json');
const RULES_DOC = path.join(REPO_ROOT, 'docs/rules.md');
/** Heading of the docs/rules.md section that gives the reason for every rule flagging > 10% of the corpus. */
const FREQUENT_RULES_HEADING = '## Rules that flag many accepted connectors';
const MAX_ERROR_SHARE = 0.03;
const FREQUENT_SHARE = 0.1;
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

/** Valid JSON by an independent reader (JSON.parse), the way the definition is judged "accepted and parseable". */
function definitionIsValidJson(name: string): boolean {
  try {
    JSON.parse(fs.readFileSync(path.join(CORPUS_CONNECTORS, name, 'apiDefinition.swagger.json'), 'utf8').replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

describe('corpus: accepted connectors', function () {
  this.timeout(240_000);
  const names = corpusConnectorNames();
  const crashes: string[] = [];
  const runs: Partial<Record<'default' | 'certification', ProfileRun>> = {};
  const validJson = new Set<string>();
  let slowest = { name: '', ms: 0 };

  before(() => {
    assert.ok(fs.existsSync(CORPUS_CONNECTORS), `the corpus is missing: ${CORPUS_CONNECTORS}`);
    assert.ok(names.length >= 300, `corpus has ${names.length} connectors (expected at least 300 in ${CORPUS_CONNECTORS})`);
    for (const name of names) if (definitionIsValidJson(name)) validJson.add(name);
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

  it(`default profile: at most ${MAX_ERROR_SHARE * 100}% of the valid-JSON connectors get an error`, () => {
    const run = runs.default!;
    assert.ok(validJson.size >= 290, `only ${validJson.size} corpus definitions parse with JSON.parse`);
    const failing = run.counts.connectorsWithError().filter((n) => validJson.has(n));
    const share = failing.length / validJson.size;
    assert.ok(share <= MAX_ERROR_SHARE, `${failing.length} of ${validJson.size} valid-JSON connectors (${(100 * share).toFixed(1)}%) get an error:\n${failing.join('\n')}`);
  });

  it(`default profile: a rule that flags more than ${FREQUENT_SHARE * 100}% of the connectors has its reason in docs/rules.md`, () => {
    const doc = fs.readFileSync(RULES_DOC, 'utf8');
    const start = doc.indexOf(FREQUENT_RULES_HEADING);
    assert.ok(start >= 0, `docs/rules.md has no section "${FREQUENT_RULES_HEADING}"`);
    const end = doc.indexOf('\n## ', start + FREQUENT_RULES_HEADING.length);
    const section = doc.slice(start, end < 0 ? undefined : end);
    // Each entry is a list item that starts with the rule id in backticks and gives a reason after it.
    const documented = new Set([...section.matchAll(/^- `([a-z0-9-]+)`[^\n]{20,}/gm)].map((m) => m[1]));
    const frequent = runs.default!.counts.firingOnMoreThan(FREQUENT_SHARE);
    const missing = frequent.filter((r) => !documented.has(r.ruleId)).map((r) => `${r.ruleId}: ${r.connectorsWithErrorOrWarning} of ${runs.default!.counts.connectorCount} connectors`);
    assert.deepEqual(missing, [], `rules flagging more than ${FREQUENT_SHARE * 100}% of accepted connectors without a reason in docs/rules.md ("${FREQUENT_RULES_HEADING}"); demote them or write why:\n${missing.join('\n')}`);
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
