// The "Compare with Published Version" report (client/src/compare/reportHtml.ts): every text
// escaped (messages carry values from the user's files), no script, links only to the two
// allowed commands, each finding with its fix and its place.
import * as assert from 'node:assert/strict';
import { compareReportHtml } from '../../../client/src/compare/reportHtml';
import type { CompareReportResult } from '../../../shared/src/protocol';

const range = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 10 } });

describe('breaking changes: the report HTML', () => {
  const result: CompareReportResult = {
    baseLabel: 'HEAD',
    definitionUri: 'file:///w/c/apiDefinition.swagger.json',
    findings: [
      { ruleId: 'breaking-operation-removed', severity: 'error', message: 'The operation "<img src=x onerror=alert(1)>" has been deleted.', fix: 'Keep it & deprecate it.', uri: 'file:///w/c/apiDefinition.swagger.json', range: range(12), operationId: '<b>Op</b>', before: 'x', after: '(deleted)' },
      { ruleId: 'breaking-host-changed', severity: 'warning', message: 'host changed', fix: 'Keep the old host working.', uri: 'file:///w/c/apiDefinition.swagger.json', range: range(3) },
    ],
    changedOperations: [{ operationId: 'ListTasks', status: 'changed', uri: 'file:///w/c/apiDefinition.swagger.json', range: range(20) }],
    truncated: false,
  };
  const html = compareReportHtml(result, { cspSource: 'vscode-resource:', nonce: 'N0NCE', fileOf: (u) => u.replace('file://', ''), nameOf: () => 'apiDefinition.swagger.json', uri: result.definitionUri! });

  it('escapes every text from the files; no script, a strict CSP', () => {
    assert.ok(!html.includes('<img'), 'a tag in a message is escaped');
    assert.ok(!html.includes('<b>Op'), 'a tag in an operation id is escaped');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!/<script/i.test(html));
    assert.match(html, /default-src 'none'/);
  });

  it('lists each finding with its class, rule, fix and a link to its 1-based line; changed operations too', () => {
    assert.match(html, /<tr class="finding breaks" data-rule="breaking-operation-removed">/);
    assert.match(html, /<tr class="finding risky" data-rule="breaking-host-changed">/);
    assert.match(html, /Keep it &amp; deprecate it\./);
    assert.match(html, /1 breaking change, 1 risky, 0 safe; 1 operation changed or added/);
    const links = [...html.matchAll(/href="command:([\w.]+)\?([^"]+)"/g)].map((m) => [m[1], JSON.parse(decodeURIComponent(m[2].replace(/&quot;/g, '"').replace(/&amp;/g, '&')))]);
    assert.deepEqual(links.filter((l) => l[0] === 'connectorStudio.openReportLocation').map((l) => l[1]), [['/w/c/apiDefinition.swagger.json', 12, 4], ['/w/c/apiDefinition.swagger.json', 3, 4], ['/w/c/apiDefinition.swagger.json', 20, 4]]);
    assert.ok(links.every((l) => l[0] === 'connectorStudio.openReportLocation' || l[0] === 'connectorStudio.compareWithPublished'));
    assert.match(html, />apiDefinition\.swagger\.json:13</);
  });

  it('a problem (no base) is said instead of a list', () => {
    const p = compareReportHtml({ baseLabel: '', findings: [], changedOperations: [], truncated: false, problem: 'The connector is new since HEAD: nothing to compare with.' }, { cspSource: 'x', nonce: 'n', fileOf: () => undefined, nameOf: () => 'a', uri: 'u' });
    assert.match(p, /id="summary" class="problem">The connector is new since HEAD/);
    assert.ok(!p.includes('id="findings"'));
  });
});
