// Issue 17 item 8: the schema-depth message always said 399 levels (the recursive walk stopped
// there); and a response-schema `pattern` such as ^(a+)+$ blocked the extension host for 43 s.
import * as assert from 'node:assert/strict';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';
import { boundedRegExpEngine } from '../../../shared/src/request/boundedRegExp';
import { checkResponseSchema } from '../../../shared/src/request/schemaCheck';
import { smallDefinition } from './engine-fixtures';

describe('hostile engine input: schema depth and regex time', function () {
  this.timeout(20_000);

  for (const n of [150, 500, 1500]) {
    it(`schema-depth reports the real depth of a ${n}-definition $ref chain`, () => {
      const d = smallDefinition();
      for (let i = 0; i < n; i++) d.definitions[`L${i}`] = { type: 'object', properties: { next: i + 1 < n ? { $ref: `#/definitions/L${i + 1}` } : { type: 'string' } } };
      d.definitions.Item.properties.chain = { $ref: '#/definitions/L0' };
      const results = validateConnector({ definition: { uri: '/x/apiDefinition.swagger.json', text: JSON.stringify(d, null, 4) } });
      const depth = results[0].diagnostics.find((x) => x.ruleId === 'schema-depth' && /Definition "L0"/.test(x.message));
      // L0 .. L(n-1) and the string leaf.
      assert.match(depth?.message ?? '', new RegExp(`nests ${n + 1} levels deep`));
    });
  }

  it('an inline schema nested 450 levels reports 451', () => {
    const d = smallDefinition();
    let s: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 450; i++) s = { type: 'object', properties: { n: s } };
    d.definitions.Deep = s;
    const results = validateConnector({ definition: { uri: '/x/apiDefinition.swagger.json', text: JSON.stringify(d) } });
    assert.match(results[0].diagnostics.find((x) => x.ruleId === 'schema-depth')?.message ?? '', /nests 451 levels deep/);
  });

  it('a catastrophic response pattern (^(a+)+$) is stopped in bounded time and named; other patterns are still checked', () => {
    const doc = {
      swagger: '2.0',
      paths: { '/x': { get: { operationId: 'X', responses: { '200': { description: 'ok', schema: { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' }, b: { type: 'string', pattern: '^[0-9]+$' } } } } } } } },
    };
    const started = Date.now();
    const r = checkResponseSchema(doc as never, 'X', 200, JSON.stringify({ a: 'a'.repeat(40) + '!', b: 'x1' }));
    const ms = Date.now() - started;
    assert.ok(ms < 3000, `took ${ms} ms`);
    assert.equal(r.checked, true);
    assert.deepEqual(r.mismatches.map((m) => `${m.path} ${m.keyword}`), ['$.b pattern']);
    assert.equal(r.notes?.length, 1);
    assert.match(r.notes![0], /pattern "\^\(a\+\)\+\$" was not checked: testing it took over 100 ms/);
  });

  it('many values against a slow pattern stay within the total budget', () => {
    // Each test finishes under the per-test bound, but together they would take seconds.
    const engine = boundedRegExpEngine({ perTestMs: 1000, totalMs: 300 });
    const re = engine('^(a|aa)+$', 'u');
    const started = Date.now();
    let tested = 0;
    for (let i = 0; i < 200; i++) if (!re.test('a'.repeat(30 + (i % 2)) + '!')) tested++;
    const ms = Date.now() - started;
    assert.ok(ms < 2000, `took ${ms} ms`);
    assert.ok(tested < 200, 'the budget stopped the tests');
    assert.deepEqual([...engine.timedOut], ['^(a|aa)+$']);
    // The same through a response check with the default budget: bounded, still a result.
    const doc = { swagger: '2.0', paths: { '/x': { get: { operationId: 'X', responses: { '200': { description: 'ok', schema: { type: 'array', items: { type: 'string', pattern: '^(a|aa)+$' } } } } } } } };
    const t0 = Date.now();
    const r = checkResponseSchema(doc as never, 'X', 200, JSON.stringify(Array.from({ length: 200 }, (_, i) => 'a'.repeat(30 + (i % 2)) + '!')));
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    assert.equal(r.checked, true);
  });
});
