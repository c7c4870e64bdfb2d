// Issue 17 item 5 and the budgets of acceptance 3: a 50 MB definition, deep nesting, too many
// values. Each hits a budget and gets one clear finding, never a crash, a hang or an abort.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadConnectorFromDisk } from '../../../engine/node/diskFileAccess';
import { checkJsonWellFormed, parseDocument, PARSE_LIMITS } from '../../../engine/src/languageService/parseDocument';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';
import { bigDefinitionText, removeTemp, smallDefinition, tempDir, writeConnector } from './engine-fixtures';

describe('hostile engine input: budgets (size ceiling, nesting, values)', function () {
  this.timeout(60_000);

  it('a 50 MB definition: only the cheap checks, a "not fully checked" finding at the top, in seconds and bounded memory', () => {
    const dir = tempDir();
    try {
      writeConnector(dir, bigDefinitionText(50));
      if (global.gc) global.gc();
      const heapBefore = process.memoryUsage().heapUsed;
      let peak = heapBefore;
      const started = Date.now();
      const sources = loadConnectorFromDisk(path.join(dir, 'apiDefinition.swagger.json'));
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      const results = validateConnector(sources);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      const ms = Date.now() - started;
      const def = results.find((r) => r.kind === 'definition')!;
      const budget = def.diagnostics.filter((d) => d.ruleId === 'input-budget');
      assert.equal(budget.length, 1);
      assert.deepEqual(budget[0].range.start, { line: 0, character: 0 });
      assert.match(budget[0].message, /Not fully checked: this file is 50\.0 MB, over the 8\.0 MB analysis ceiling.*only well-formedness and size were checked/);
      assert.equal(def.diagnostics.filter((d) => d.ruleId === 'definition-size').length, 1);
      // Nothing but the cheap checks ran.
      assert.deepEqual([...new Set(def.diagnostics.map((d) => d.ruleId))].sort(), ['definition-size', 'input-budget']);
      assert.ok(ms < 15_000, `took ${ms} ms`);
      // The text itself is ~100 MB of UTF-16 in the heap; a parsed tree would be gigabytes.
      assert.ok(peak - heapBefore < 600 * 1024 * 1024, `heap grew by ${Math.round((peak - heapBefore) / 1e6)} MB`);
    } finally {
      removeTemp(dir);
    }
  });

  it('over the ceiling, broken JSON still gets its json-parse-error with a position', () => {
    const text = bigDefinitionText(9);
    const at = text.indexOf(',"/things2000/{id}"');
    assert.ok(at > 0);
    const broken = text.slice(0, at) + ',,' + text.slice(at);
    const results = validateConnector({ definition: { uri: '/x/apiDefinition.swagger.json', text: broken } });
    const parse = results[0].diagnostics.filter((d) => d.ruleId === 'json-parse-error');
    assert.equal(parse.length, 1);
    // The text is one line: the character is the offset of the second comma.
    assert.deepEqual(parse[0].range.start, { line: 0, character: at + 1 });
    assert.equal(results[0].diagnostics.filter((d) => d.ruleId === 'input-budget').length, 1);
  });

  it('the sliced well-formedness scan agrees with JSON.parse (an independent reader) on 3,000 mutated documents', () => {
    const base = JSON.stringify({ swagger: '2.0', a: [1, -2.5e3, true, false, null, 'x\\"y\u00e9'], o: { k: { deep: [[], {}] } } });
    const alphabet = '{}[],:"0123456789-.eE+tfnul \\/\tx\u0001';
    let seed = 17;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    let disagreements = 0;
    for (let i = 0; i < 3000; i++) {
      let t = base;
      for (let k = 0, edits = 1 + rand(3); k < edits; k++) {
        const p = rand(t.length + 1);
        const op = rand(3);
        t = op === 0 ? t.slice(0, p) + t.slice(p + 1) : op === 1 ? t.slice(0, p) + alphabet[rand(alphabet.length)] + t.slice(p) : t.slice(0, p) + alphabet[rand(alphabet.length)] + t.slice(p + 1);
      }
      let native = true;
      try {
        JSON.parse(t);
      } catch {
        native = false;
      }
      const steps = checkJsonWellFormed(t);
      let r = steps.next();
      while (!r.done) r = steps.next();
      if (native !== (r.value === undefined)) disagreements++;
    }
    assert.equal(disagreements, 0);
  });

  it('nesting past the budget: one input-budget finding, no stack overflow', () => {
    const depth = 50_000;
    const text = '{"swagger":"2.0","x":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
    const results = validateConnector({ definition: { uri: '/x/apiDefinition.swagger.json', text } });
    const d = results[0].diagnostics;
    const budget = d.filter((x) => x.ruleId === 'input-budget');
    assert.equal(budget.length, 1);
    assert.match(budget[0].message, new RegExp(`nests ${depth + 1} levels deep, over the budget of ${PARSE_LIMITS.maxNesting}`));
    const yaml = 'swagger: "2.0"\nx: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
    const y = validateConnector({ definition: { uri: '/x/apiDefinition.yaml', text: yaml } });
    assert.equal(y[0].diagnostics.filter((x) => x.ruleId === 'input-budget').length, 1);
  });

  it('a 30 MB script.csx: no script rule runs, one input-budget finding, in seconds; a 1 MB one keeps its positions fast', () => {
    const line = 'public class Script : ScriptBase { public override async Task<HttpResponseMessage> ExecuteAsync() { return null; } }\n';
    const definition = { uri: '/x/apiDefinition.swagger.json', text: JSON.stringify(smallDefinition(), null, 4) };
    let started = Date.now();
    const big = validateConnector({ definition, script: { uri: '/x/script.csx', text: line.repeat(Math.ceil(30e6 / line.length)) } });
    assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
    const script = big.find((r) => r.kind === 'script')!.diagnostics;
    assert.deepEqual(script.map((d) => d.ruleId), ['input-budget']);
    assert.match(script[0].message, /Not fully checked: script\.csx is 28\.6 MB/);
    // Under the ceiling every rule runs; thousands of findings must not cost a scan of the text each.
    started = Date.now();
    const mid = validateConnector({ definition, script: { uri: '/x/script.csx', text: line.repeat(Math.ceil(1e6 / line.length)) } });
    assert.ok(Date.now() - started < 5_000, `${Date.now() - started} ms`);
    const found = mid.find((r) => r.kind === 'script')!.diagnostics;
    assert.ok(found.length > 1000);
    assert.equal(found[found.length - 1].range.start.line, Math.ceil(1e6 / line.length) - 1);
  });

  it('too many values (under the size ceiling, with a lowered budget): one input-budget finding', () => {
    const text = '{"swagger":"2.0","x":[' + Array.from({ length: 20_000 }, () => '0').join(',') + ']}';
    const doc = parseDocument('/x/apiDefinition.swagger.json', text, { limits: { maxNodes: 10_000 } });
    assert.equal(doc.usable, false);
    assert.deepEqual(doc.syntax.map((s) => s.ruleId), ['input-budget']);
    assert.match(doc.syntax[0].message, /over the budget of 10000/);
  });
});
