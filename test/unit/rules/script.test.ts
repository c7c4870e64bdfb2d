import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { blankComments } from '../../../engine/src/rules/script';

const GOOD = `using System;
using System.Net;
using System.Net.Http;
using Newtonsoft.Json.Linq;

public class Script : ScriptBase
{
    // new HttpClient() in a comment is fine
    public override async Task<HttpResponseMessage> ExecuteAsync()
    {
        if (this.Context.OperationId == "GetTask")
        {
            return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);
        }
        var s = "Thread.Sleep(10000)";
        return new HttpResponseMessage(HttpStatusCode.BadRequest);
    }
}
`;

const IDS = ['script-size', 'script-single-file', 'script-class-shape', 'script-namespaces', 'script-namespace-undocumented', 'script-send-async', 'script-time-budget', 'script-operations-exist', 'script-operations-without-script', 'script-no-gateway'];

function run(script: string | undefined, mutateProps: (p: ReturnType<typeof baseProperties>) => void = () => undefined, profile: 'default' | 'certification' = 'default', folderFiles?: string[]) {
  const props = baseProperties();
  mutateProps(props);
  return validate({ definition: baseDefinition(), properties: props, script, folderFiles: folderFiles ?? ['apiDefinition.swagger.json', 'apiProperties.json', ...(script !== undefined ? ['script.csx'] : [])] }, { profile });
}

function scriptText(script: string, d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string {
  const lines = script.split('\n');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.start.line === d.range.end.line ? d.range.end.character : undefined);
}

describe('rules: script.csx', () => {
  it('a well-formed script is clean for every script rule', () => {
    const r = run(GOOD, (p) => (p.properties.scriptOperations = ['GetTask']), 'certification');
    for (const id of IDS) assert.deepEqual(only(r.all, id).map((d) => d.message), [], id);
  });

  it('script-size: over 1 MB', () => {
    const big = GOOD + '//' + 'x'.repeat(1024 * 1024);
    const d = only(run(big).script, 'script-size');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'error');
  });

  it('script-single-file: two Script classes, or two .csx files', () => {
    const two = GOOD + '\npublic class Script : ScriptBase { }\n';
    const d = only(run(two).script, 'script-single-file');
    assert.equal(d.length, 1);
    assert.equal(d[0].range.start.line, GOOD.split('\n').length);
    const files = only(run(GOOD, undefined, 'default', ['apiDefinition.swagger.json', 'apiProperties.json', 'script.csx', 'old.csx']).script, 'script-single-file');
    assert.match(files[0].message, /2 script files/);
  });

  it('script-class-shape: wrong base class and missing ExecuteAsync override', () => {
    const d = only(run(GOOD.replace(': ScriptBase', ': Base').replace('public override async', 'public async')).script, 'script-class-shape');
    assert.equal(d.length, 2);
    assert.ok(d.every((x) => x.severity === 'error'));
    assert.match(scriptText(GOOD, d[0]), /class Script/);
    assert.match(only(run('// nothing here').script, 'script-class-shape')[0].message, /No "public class Script : ScriptBase"/);
  });

  it('script-namespaces: a library the host does not load is a warning by default and an error in certification', () => {
    const s = GOOD.replace('using System.Net;', 'using System.Net;\nusing HtmlAgilityPack;\nusing Json = Newtonsoft.Json.JsonConvert;');
    const d = only(run(s).script, 'script-namespaces');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
    assert.equal(scriptText(s, d[0]), 'HtmlAgilityPack');
    assert.equal(only(run(s, undefined, 'certification').script, 'script-namespaces')[0].severity, 'error');
    assert.equal(only(run(s, undefined, 'certification').script, 'script-namespace-undocumented').length, 0);
  });

  it('script-namespace-undocumented: framework namespaces outside the documented list are advice, never an error', () => {
    // What accepted certified connectors use: ScriptBase's own namespace and an undocumented System one.
    const s = GOOD.replace('using System.Net;', 'using System.Net;\nusing Microsoft.PowerPlatform.Connectors.CustomCode.CSharp;\nusing System.Runtime.Remoting.Contexts;');
    for (const profile of ['default', 'certification'] as const) {
      const all = run(s, undefined, profile).script;
      assert.equal(only(all, 'script-namespaces').length, 0, profile);
      const d = only(all, 'script-namespace-undocumented');
      assert.deepEqual(d.map((x) => scriptText(s, x)), ['Microsoft.PowerPlatform.Connectors.CustomCode.CSharp', 'System.Runtime.Remoting.Contexts'], profile);
      assert.ok(d.every((x) => x.severity === 'info'), profile);
    }
  });

  it('script-send-async: new HttpClient in code (not in comments or strings)', () => {
    const s = GOOD.replace('var s =', 'var client = new HttpClient();\n        var s =');
    const d = only(run(s).script, 'script-send-async');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
    assert.equal(scriptText(s, d[0]), 'new HttpClient(');
  });

  it('script-time-budget: long sleeps and delays are info', () => {
    const s = GOOD.replace('var s =', 'await Task.Delay(TimeSpan.FromSeconds(10));\n        Thread.Sleep(100);\n        var s =');
    const d = only(run(s).script, 'script-time-budget');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'info');
    assert.match(d[0].message, /10 s/);
  });

  it('script-operations-exist: unknown ids in scriptOperations and in OperationId comparisons', () => {
    const s = GOOD.replace('"GetTask"', '"GetTasks"');
    const r = run(s, (p) => (p.properties.scriptOperations = ['GetTask', 'Nope']));
    const inProps = only(r.properties, 'script-operations-exist');
    assert.equal(inProps.length, 1);
    assert.match(inProps[0].message, /"Nope"/);
    const inScript = only(r.script, 'script-operations-exist');
    assert.equal(inScript.length, 1);
    assert.equal(scriptText(s, inScript[0]), '"GetTasks"');
  });

  it('script-operations-without-script and script-no-gateway', () => {
    const r = run(undefined, (p) => (p.properties.scriptOperations = ['GetTask']));
    const d = only(r.properties, 'script-operations-without-script');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
    const g = only(run(GOOD, (p) => (p.properties.connectionParameters.gateway = { type: 'gatewaySetting', gatewaySettingDefinition: {} })).properties, 'script-no-gateway');
    assert.equal(g.length, 1);
    assert.match(g[0].message, /"gateway"/);
  });

  it('blankComments keeps offsets and hides comments and strings', () => {
    const src = 'a // x\nb /* y */ "new HttpClient()" @"q""r" c';
    const out = blankComments(src, true);
    assert.equal(out.length, src.length);
    assert.ok(!out.includes('HttpClient') && !out.includes('x') && out.includes('c'));
  });
});
