// New Connector: an MCP connector for Copilot Studio (issue 26), with an API key or OAuth 2.0; it
// validates clean (no error, no warning) in both profiles and its server operation is what the
// MCP rules and the Test panel look for.
import * as assert from 'node:assert/strict';
import { findMcpOperations } from '../../../shared/src/mcp';
import { scaffoldConnector, ScaffoldError } from '../../../shared/src/lifecycle/scaffold';
import { cleanupTemp, errorsOf, options, validateFiles } from './lifecycleKit';

describe('New Connector: MCP server connector', () => {
  after(cleanupTemp);
  for (const auth of [['apiKey'], ['oauth2'], ['aad']] as const) {
    for (const format of ['json', 'yaml'] as const) {
      it(`${auth[0]} (${format}): POST /mcp with mcp-streamable-1.0, clean in default and certification`, () => {
        const files = scaffoldConnector({ ...options([...auth], format), kind: 'mcp' });
        for (const profile of ['default', 'certification'] as const) {
          const results = validateFiles(files, profile);
          assert.deepEqual(errorsOf(results), [], profile);
          // Clean: no warning either (the REST scaffold has none), so nothing the MCP operation adds.
          const findings = results.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.ruleId}: ${d.message}`));
          assert.deepEqual(findings, [], profile);
        }
        const def = files[0];
        assert.match(String(def.content), /x-ms-agentic-protocol/);
        assert.doesNotMatch(String(def.content), /\/items/);
        if (format === 'json') assert.deepEqual(findMcpOperations(JSON.parse(String(def.content))).map((o) => `${o.method} ${o.path} ${o.operationId}`), ['post /mcp InvokeMCP']);
        assert.match(String(files.find((f) => f.name === 'readme.md')!.content), /### MCP server/);
      });
    }
  }
  it('refuses basic, none and multi-auth for an MCP connector', () => {
    for (const auth of [['basic'], ['none'], ['apiKey', 'oauth2']] as const) {
      assert.throws(() => scaffoldConnector({ ...options([...auth]), kind: 'mcp' }), ScaffoldError);
    }
  });
});
