// Every accepted corpus connector validates without crash or hang, and every error-severity
// finding on them is an expected, justified real defect (test/corpus-expectations.json).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConnectorFromDisk } from '../../server/src/languageService/diskConnector';
import { validateConnector } from '../../server/src/languageService/validateConnector';
import { CORPUS_CONNECTORS, corpusConnectorNames, REPO_ROOT } from './ruleTestKit';

const EXPECTATIONS_FILE = path.join(REPO_ROOT, 'test/corpus-expectations.json');
type Expectations = Record<string, Record<string, string>>;

describe('corpus: accepted connectors', function () {
  this.timeout(120_000);

  it('validate without crash, and with no unexpected error', () => {
    const expectations = JSON.parse(fs.readFileSync(EXPECTATIONS_FILE, 'utf8')).connectors as Expectations;
    const names = corpusConnectorNames();
    assert.ok(names.length >= 300, `corpus has ${names.length} connectors`);
    const unexpected: string[] = [];
    const seen = new Set<string>();
    const perRule = new Map<string, { errors: number; warnings: number; info: number }>();
    let slowest = { name: '', ms: 0 };
    for (const name of names) {
      const sources = loadConnectorFromDisk(path.join(CORPUS_CONNECTORS, name, 'apiDefinition.swagger.json'));
      const t0 = performance.now();
      const results = validateConnector(sources, {}, undefined, (ids, e) => unexpected.push(`${name}: rule ${ids.join(',')} threw ${String(e)}`));
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { name, ms };
      for (const file of results) {
        for (const d of file.diagnostics) {
          const stats = perRule.get(d.ruleId) ?? { errors: 0, warnings: 0, info: 0 };
          if (d.severity === 'error') stats.errors++;
          else if (d.severity === 'warning') stats.warnings++;
          else stats.info++;
          perRule.set(d.ruleId, stats);
          if (d.severity !== 'error') continue;
          seen.add(`${name}|${d.ruleId}`);
          if (!expectations[name]?.[d.ruleId]) unexpected.push(`${name} (${path.basename(file.uri)}:${d.range.start.line + 1}): ${d.ruleId}: ${d.message}`);
        }
      }
    }
    const stale = Object.entries(expectations).flatMap(([name, rules]) => Object.keys(rules).filter((r) => !seen.has(`${name}|${r}`)).map((r) => `${name}: ${r}`));
    if (process.env.CORPUS_REPORT) {
      const rows = [...perRule.entries()].sort((a, b) => a[0].localeCompare(b[0]));
      console.log(rows.map(([id, s]) => `${id}\t${s.errors}\t${s.warnings}\t${s.info}`).join('\n'));
      console.log(`slowest: ${slowest.name} ${slowest.ms.toFixed(0)} ms`);
    }
    assert.deepEqual(unexpected, [], `unexpected errors on accepted connectors:\n${unexpected.join('\n')}`);
    assert.deepEqual(stale, [], `expectations that no longer occur (remove them):\n${stale.join('\n')}`);
  });
});
