// x-ms-agentic-protocol (MCP connectors for Copilot Studio): each case adds or breaks the MCP
// operation of the base connector and names the rule id, severity and the underlined line.
import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { runCases, type RuleCase } from './familyCases';

const IDS = ['mcp-protocol-value', 'mcp-protocol-position', 'mcp-operation-post', 'mcp-operation-json', 'mcp-operation-visibility', 'x-ms-unknown-extension'];

/** A clean MCP operation, as the scaffold writes it. */
export function mcpOperation(): Record<string, any> {
  return {
    operationId: 'InvokeMCP',
    summary: 'Contoso MCP server',
    description: 'Contoso tasks as Model Context Protocol tools for Copilot Studio agents.',
    'x-ms-agentic-protocol': 'mcp-streamable-1.0',
    parameters: [{ name: 'body', in: 'body', required: false, 'x-ms-summary': 'Message', description: 'The JSON-RPC message.', schema: { type: 'object' } }],
    responses: { '200': { description: 'The JSON-RPC answer.', schema: { type: 'object', properties: { jsonrpc: { type: 'string', 'x-ms-summary': 'JSON-RPC', description: 'Version.' } } } } },
  };
}

const withMcp = (d: Record<string, any>, change?: (op: Record<string, any>) => void) => {
  const op = mcpOperation();
  change?.(op);
  d.paths['/mcp'] = { post: op };
};

const cases: RuleCase[] = [
  { id: 'mcp-protocol-value', title: 'a typo in the value gets the fix', mutate: (d) => withMcp(d, (op) => (op['x-ms-agentic-protocol'] = 'mcp-streamble-1.0')), severity: 'error', line: '"x-ms-agentic-protocol": "mcp-streamble-1.0"', message: /Unknown x-ms-agentic-protocol value "mcp-streamble-1.0".*Did you mean "mcp-streamable-1.0"\?/ },
  { id: 'mcp-protocol-value', title: 'the retired SSE value is named as retired', mutate: (d) => withMcp(d, (op) => (op['x-ms-agentic-protocol'] = 'mcp-sse-1.0')), severity: 'error', line: '"mcp-sse-1.0"', message: /"mcp-sse-1.0" is retired: the SSE transport.*Use "mcp-streamable-1.0"/ },
  { id: 'mcp-protocol-value', title: 'a non-string value', mutate: (d) => withMcp(d, (op) => (op['x-ms-agentic-protocol'] = true)), severity: 'error', line: '"x-ms-agentic-protocol": true', message: /must be a string/ },
  { id: 'mcp-protocol-value', title: 'an unrelated value gets no guess', mutate: (d) => withMcp(d, (op) => (op['x-ms-agentic-protocol'] = 'graphql')), severity: 'error', line: '"graphql"', message: /^(?!.*Did you mean).*Unknown x-ms-agentic-protocol value "graphql"/ },
  { id: 'mcp-protocol-position', title: 'on the path item instead of the operation', mutate: (d) => { withMcp(d); d.paths['/mcp']['x-ms-agentic-protocol'] = 'mcp-streamable-1.0'; }, severity: 'warning', line: '"x-ms-agentic-protocol"', message: /on a path item is ignored: it belongs on the POST operation/ },
  { id: 'mcp-protocol-position', title: 'at the document root', mutate: (d) => void (d['x-ms-agentic-protocol'] = 'mcp-streamable-1.0'), severity: 'warning', line: '"x-ms-agentic-protocol"', message: /on the document root is ignored/ },
  { id: 'mcp-protocol-position', title: 'on a body schema', mutate: (d) => withMcp(d, (op) => (op.parameters[0].schema['x-ms-agentic-protocol'] = 'mcp-streamable-1.0')), severity: 'warning', line: '"x-ms-agentic-protocol"', message: /on a schema is ignored/ },
  { id: 'x-ms-unknown-extension', title: 'a misspelt key is named with the right one', mutate: (d) => withMcp(d, (op) => { delete op['x-ms-agentic-protocol']; op['x-ms-agentic-protocl'] = 'mcp-streamable-1.0'; }), severity: 'warning', line: '"x-ms-agentic-protocl"', message: /did you mean "x-ms-agentic-protocol"\?/ },
  { id: 'mcp-operation-post', title: 'a GET MCP operation', mutate: (d) => { withMcp(d); const op = d.paths['/mcp'].post; delete op.parameters; d.paths['/mcp'] = { get: op }; }, severity: 'error', line: '"get"', message: /GET \/mcp carries x-ms-agentic-protocol, but Copilot Studio sends MCP's JSON-RPC messages with POST/ },
  { id: 'mcp-operation-json', title: 'a success response without schema', mutate: (d) => withMcp(d, (op) => delete op.responses['200'].schema), severity: 'warning', line: '"responses"', message: /success response has no schema/ },
  { id: 'mcp-operation-json', title: 'produces without application/json (operation level)', mutate: (d) => withMcp(d, (op) => (op.produces = ['text/plain'])), severity: 'warning', line: '"produces"', message: /produces does not list application\/json/ },
  { id: 'mcp-operation-json', title: 'consumes without application/json (document level)', mutate: (d) => { withMcp(d); d.consumes = ['application/xml']; }, severity: 'warning', line: '"consumes"', message: /consumes does not list application\/json/ },
  { id: 'mcp-operation-visibility', title: 'an internal MCP operation', mutate: (d) => withMcp(d, (op) => (op['x-ms-visibility'] = 'Internal')), severity: 'warning', line: '"x-ms-visibility": "Internal"', message: /marked internal, so makers cannot add it to an agent/ },
];

describe('rules: x-ms-agentic-protocol (MCP connectors)', () => {
  for (const profile of ['default', 'certification'] as const) {
    it(`a connector with a clean MCP operation is clean for every MCP rule and has no new error (${profile})`, () => {
      const def = baseDefinition();
      withMcp(def);
      const r = validate({ definition: def, properties: baseProperties() }, { profile });
      for (const id of IDS) assert.deepEqual(only(r.all, id).map((d) => d.message), [], `${id} fired on the clean MCP operation (${profile})`);
      const base = validate({ definition: baseDefinition(), properties: baseProperties() }, { profile });
      const key = (x: { ruleId?: string; severity: string }) => `${x.ruleId}:${x.severity}`;
      const added = r.all.map(key).filter((k) => !base.all.map(key).includes(k));
      assert.deepEqual(added, [], 'the MCP operation added findings');
    });
  }
  runCases(cases);
  it('the MCP operation keeps the summary/description rules (not skipped as internal would be)', () => {
    const def = baseDefinition();
    withMcp(def, (op) => delete op.summary);
    const r = validate({ definition: def });
    assert.equal(only(r.all, 'operation-summary-required').filter((x) => x.message.includes('POST /mcp')).length, 1);
  });
  it('never throws on odd shapes', () => {
    const def = baseDefinition();
    def.paths['/mcp'] = { post: { 'x-ms-agentic-protocol': { a: [1] }, responses: 'x', consumes: 'nope', produces: [1, null] } };
    def.info['x-ms-agentic-protocol'] = null;
    const r = validate({ definition: def });
    assert.ok(only(r.all, 'mcp-protocol-value').length >= 1);
  });
});
