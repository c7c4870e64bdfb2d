// Quick fix of mcp-protocol-value (issue 26): a typo or the retired SSE value becomes
// "mcp-streamable-1.0" with a minimal edit; an unrelated value gets no guess.
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { quickFixes } from '../../../engine/src/languageService/features/codeActions';
import { baseDefinition, only, validate } from '../ruleTestKit';

function withValue(value: unknown): string {
  const def = baseDefinition();
  def.paths['/mcp'] = { post: { operationId: 'InvokeMCP', summary: 'MCP server', description: 'The MCP server.', 'x-ms-agentic-protocol': value, responses: { '200': { description: 'OK', schema: { type: 'object' } } } } };
  return JSON.stringify(def, null, 4);
}

describe('quick fix: mcp-protocol-value', () => {
  for (const wrong of ['mcp-streamble-1.0', 'mcp-sse-1.0', true]) {
    it(`${JSON.stringify(wrong)} → "mcp-streamable-1.0", and the finding is gone`, () => {
      const text = withValue(wrong);
      const finding = only(validate({ definition: text }).all, 'mcp-protocol-value')[0];
      assert.ok(finding, 'no finding');
      const doc = parseDocument('/x/apiDefinition.swagger.json', text);
      const actions = quickFixes({ file: 'definition', definition: doc }, { ruleId: 'mcp-protocol-value', pointer: '/paths/~1mcp/post/x-ms-agentic-protocol', message: finding.message });
      assert.equal(actions[0]?.title, 'Use "mcp-streamable-1.0"');
      let after = text;
      for (const e of [...actions[0].edits].sort((a, b) => b.offset - a.offset)) after = after.slice(0, e.offset) + e.newText + after.slice(e.offset + e.length);
      assert.equal(after, withValue('mcp-streamable-1.0'));
      assert.deepEqual(only(validate({ definition: after }).all, 'mcp-protocol-value'), []);
    });
  }
  it('an unrelated value ("graphql") gets no quick fix', () => {
    const text = withValue('graphql');
    const finding = only(validate({ definition: text }).all, 'mcp-protocol-value')[0];
    const doc = parseDocument('/x/apiDefinition.swagger.json', text);
    assert.deepEqual(quickFixes({ file: 'definition', definition: doc }, { ruleId: 'mcp-protocol-value', pointer: '/paths/~1mcp/post/x-ms-agentic-protocol', message: finding.message }), []);
  });
});
