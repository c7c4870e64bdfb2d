// The MCP panel's run history (client/src/mcp/history.ts): what is stored has no secret, even one
// the server echoed into a body or a header, and bodies are cut.
import * as assert from 'node:assert/strict';
import { historyEntry, HISTORY_BODY_LIMIT } from '../../../client/src/mcp/history';
import type { McpExchange } from '../../../shared/src/mcp';

const KEY = 'history-Secret-Key-91';

describe('MCP run history', () => {
  it('scrubs every secret value (URL, headers, bodies, fault text) and cuts bodies', () => {
    const exchanges: McpExchange[] = [
      {
        seq: 1,
        rpc: 'initialize',
        request: { method: 'POST', url: `https://mcp.contoso.com/mcp?code=${KEY}`, headers: { 'X-API-Key': '***', 'X-Echo': KEY }, body: `{"key":"${KEY}"}` },
        response: { status: 200, headers: { 'x-seen': KEY }, body: `${'x'.repeat(HISTORY_BODY_LIMIT + 100)}${KEY}` },
        timeMs: 3,
      },
      { seq: 2, rpc: 'tools/list', request: { method: 'POST', url: 'https://mcp.contoso.com/mcp', headers: {} }, fault: { kind: 'auth', status: 401, message: `denied for ${KEY}` }, timeMs: 1 },
    ];
    const entry = historyEntry({ at: 1, ok: false, outcome: `auth: denied for ${KEY}`, connectionName: 'c', exchanges }, [KEY]);
    const text = JSON.stringify(entry);
    assert.ok(!text.includes(KEY), text.slice(0, 300));
    assert.ok(entry.exchanges[0].response!.body!.length <= HISTORY_BODY_LIMIT + 1);
    assert.equal(entry.exchanges[0].request.headers['X-Echo'], '***');
    assert.match(entry.exchanges[1].fault!.message, /denied for \*\*\*/);
    assert.equal(entry.exchanges.length, 2);
  });
  it('keeps at most the last 50 exchanges of a run', () => {
    const many: McpExchange[] = Array.from({ length: 80 }, (_, i) => ({ seq: i + 1, rpc: 'tools/call', request: { method: 'POST', url: 'u', headers: {} }, timeMs: 0 }));
    const entry = historyEntry({ at: 1, ok: true, outcome: 'ok', exchanges: many }, []);
    assert.equal(entry.exchanges.length, 50);
    assert.equal(entry.exchanges[0].seq, 31);
  });
});
