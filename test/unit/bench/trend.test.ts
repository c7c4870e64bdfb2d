import * as assert from 'node:assert/strict';
import { compareRatios, formatTrend } from '../../../bench/trend';

describe('bench trend check (ratios against the committed figures)', () => {
  it('passes ratios within 25% and fails one just above, naming the measure', () => {
    const committed = { 'cli.startup/node': 2, 'validation.Encodian.json.ours/swaggerParser': 1 };
    const ok = compareRatios(committed, { 'cli.startup/node': 2.5, 'validation.Encodian.json.ours/swaggerParser': 0.3 });
    assert.deepEqual(ok.regressions, []);
    assert.deepEqual(ok.compared, ['cli.startup/node', 'validation.Encodian.json.ours/swaggerParser']);
    const bad = compareRatios(committed, { 'cli.startup/node': 2.52, 'validation.Encodian.json.ours/swaggerParser': 1 });
    assert.equal(bad.regressions.length, 1);
    assert.equal(bad.regressions[0]!.measure, 'cli.startup/node');
    assert.ok(Math.abs(bad.regressions[0]!.worse - 0.26) < 1e-9);
    assert.match(formatTrend(bad), /REGRESSION cli\.startup\/node: 2\.520 now, 2\.000 committed \(\+26%\)/);
  });

  it('an improvement never fails, however large', () => {
    assert.deepEqual(compareRatios({ a: 10 }, { a: 0.1 }).regressions, []);
  });

  it('a measure that produced no usable number this run fails', () => {
    for (const v of [Number.NaN, 0, -1, Number.POSITIVE_INFINITY]) {
      const r = compareRatios({ a: 1 }, { a: v });
      assert.equal(r.regressions.length, 1, String(v));
      assert.match(formatTrend(r), /REGRESSION a: .*no figure this run/);
    }
  });

  it('lists measures that disappeared or are new without failing on them', () => {
    const r = compareRatios({ old: 1, same: 1 }, { same: 1, fresh: 3 });
    assert.deepEqual(r.regressions, []);
    assert.deepEqual(r.missing, ['old']);
    assert.deepEqual(r.added, ['fresh']);
    assert.deepEqual(r.compared, ['same']);
  });

  it('a committed figure that is not a positive number is not compared (no division by zero)', () => {
    const r = compareRatios({ a: 0, b: Number.NaN }, { a: 5, b: 5 });
    assert.deepEqual(r.regressions, []);
    assert.deepEqual(r.compared, []);
  });

  it('the tolerance is a parameter; a negative one is refused', () => {
    assert.equal(compareRatios({ a: 1 }, { a: 1.05 }, 0).regressions.length, 1);
    assert.equal(compareRatios({ a: 1 }, { a: 1.05 }, 0.1).regressions.length, 0);
    assert.throws(() => compareRatios({ a: 1 }, { a: 1 }, -0.1), /tolerance/);
  });
});
