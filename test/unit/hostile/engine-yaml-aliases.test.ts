// Issue 17 item 6: YAML aliases became null (`- *idParam` gave "parameters[0] must be an object,
// not null" and a missing path parameter). Aliases now resolve to their anchor; the alias-bomb
// guard stays (an alias budget and an expansion budget).
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';

const YAML = `swagger: "2.0"
info:
  title: Alias Test
  description: A connector written in YAML that reuses a parameter through an anchor.
  version: "1.0"
host: api.contoso.com
basePath: /
schemes: [https]
parameters:
  idParam: &idParam
    name: id
    in: path
    required: true
    type: string
    x-ms-summary: Item ID
    description: The item.
paths:
  /items/{id}:
    get:
      operationId: GetItem
      summary: Get an item
      description: Returns one item.
      parameters:
        - *idParam
      responses:
        "200":
          description: OK
  /other/{id}:
    get:
      operationId: GetOther
      summary: Get another
      description: Returns another.
      parameters:
        - *idParam
        - &badParam
          name: q
          in: query
          type: strin
      responses:
        "200":
          description: OK
  /third:
    get:
      operationId: GetThird
      summary: Get a third
      description: Returns a third.
      parameters:
        - *badParam
      responses:
        "200":
          description: OK
`;

describe('hostile engine input: YAML aliases', function () {
  this.timeout(20_000);

  it('`- *idParam` resolves to the anchored parameter: no null parameter, no missing path parameter', () => {
    const doc = parseDocument('/x/apiDefinition.yaml', YAML);
    const value = doc.value as any;
    assert.deepEqual(value.paths['/items/{id}'].get.parameters[0], { name: 'id', in: 'path', required: true, type: 'string', 'x-ms-summary': 'Item ID', description: 'The item.' });
    const results = validateConnector({ definition: { uri: '/x/apiDefinition.yaml', text: YAML } });
    const msgs = results[0].diagnostics.map((d) => `${d.ruleId}: ${d.message}`);
    assert.ok(!msgs.some((m) => /null/.test(m)), msgs.join('\n'));
    assert.ok(!msgs.some((m) => /\{id\}/.test(m) && /path parameter/i.test(m)), msgs.join('\n'));
  });

  it('a finding inside aliased content is placed on the alias that brought it in', () => {
    const results = validateConnector({ definition: { uri: '/x/apiDefinition.yaml', text: YAML } });
    const lines = YAML.split('\n');
    const typeFindings = results[0].diagnostics.filter((d) => /strin/.test(d.message));
    assert.ok(typeFindings.length >= 2, JSON.stringify(results[0].diagnostics.map((d) => d.message)));
    const onLines = typeFindings.map((d) => lines[d.range.start.line]);
    assert.ok(onLines.some((l) => /type: strin/.test(l)), 'the anchor itself');
    assert.ok(onLines.some((l) => /- \*badParam/.test(l)), `the alias: ${onLines.join(' | ')}`);
  });

  it('an alias bomb (10 levels of 10) stops at the alias budget with one finding, quickly', () => {
    let bomb = 'swagger: "2.0"\na0: &a0 ["x","x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1; i < 10; i++) bomb += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]\n`;
    const started = Date.now();
    const doc = parseDocument('/x/bomb.yaml', bomb);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
    assert.equal(doc.usable, false);
    const budget = doc.syntax.filter((s) => s.ruleId === 'input-budget');
    assert.equal(budget.length, 1);
    assert.match(budget[0].message, /more than 10000 alias expansions/);
  });

  it('aliases that copy in huge strings stop at the expansion budget', () => {
    const big = 'y'.repeat(1024 * 1024);
    const text = `swagger: "2.0"\ns: &s "${big}"\nl: [${Array.from({ length: 40 }, () => '*s').join(',')}]\n`;
    const doc = parseDocument('/x/strings.yaml', text);
    assert.equal(doc.usable, false);
    assert.match(doc.syntax.find((s) => s.ruleId === 'input-budget')?.message ?? '', /characters of strings/);
  });

  it('a self-referencing alias does not loop', () => {
    const doc = parseDocument('/x/cycle.yaml', 'swagger: "2.0"\na: &a\n  b: *a\n');
    assert.equal(doc.usable, true);
  });
});
