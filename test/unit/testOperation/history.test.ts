// Test Operation history: last 20 runs, newest first, never a secret.
import assert from 'node:assert/strict';
import { compareText, HISTORY_BODY_LIMIT, HISTORY_LIMIT, makeHistoryEntry, pushHistory, summarize, type HistoryEntry } from '../../../client/src/testOperation/history';
import type { FormModel } from '../../../shared/src/messages/testOperation';

const model: FormModel = {
  operationId: 'Op',
  method: 'GET',
  path: '/x',
  fields: [
    { key: 'query:q', name: 'q', in: 'query', label: 'q', required: false, visibility: 'none', type: 'string', secret: false },
    { key: 'header:X-Api-Token', name: 'X-Api-Token', in: 'header', label: 'Token', required: false, visibility: 'none', type: 'string', secret: true },
  ],
  internal: [],
  target: 'https://h',
  produces: [],
};

function entry(id: string, at: number): HistoryEntry {
  return { id, at, values: {}, ok: true, outcome: '200 OK' };
}

describe('Test Operation history', () => {
  it('keeps the newest HISTORY_LIMIT (20) entries, newest first', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 25; i++) list = pushHistory(list, entry(`e${i}`, i));
    assert.equal(HISTORY_LIMIT, 20);
    assert.equal(list.length, 20);
    assert.equal(list[0].id, 'e24');
    assert.equal(list[19].id, 'e5');
    assert.deepEqual(summarize(list.slice(0, 1)), [{ id: 'e24', at: 24, outcome: '200 OK', ok: true }]);
  });

  it('drops secret fields and scrubs connection secrets from every stored text', () => {
    const apiKey = 'sk-live-1234567890';
    const e = makeHistoryEntry({
      id: '1',
      at: 1,
      model,
      values: { 'query:q': `find ${apiKey}`, 'header:X-Api-Token': 'tok-abcdef' },
      bodyText: `{"key":"${apiKey}"}`,
      ok: true,
      outcome: '200 OK',
      requestLine: `GET https://h/x?key=${encodeURIComponent(apiKey)}`,
      responseHeaders: { 'set-cookie': 'sid=1', 'x-echo': apiKey },
      responseBody: `echo tok-abcdef ${apiKey}`,
      secretValues: [apiKey],
    });
    const stored = JSON.stringify(e);
    assert.ok(!stored.includes(apiKey), stored);
    assert.ok(!stored.includes('tok-abcdef'), stored);
    assert.equal(e.values['header:X-Api-Token'], undefined);
    assert.equal(e.values['query:q'], 'find ***');
    assert.equal(e.responseHeaders?.['set-cookie'], '***');
  });

  it('cuts long response bodies and renders a compare text', () => {
    const e = makeHistoryEntry({ id: '2', at: 0, model, values: { 'query:q': 'a' }, ok: true, outcome: '200 OK', status: 200, responseBody: 'x'.repeat(HISTORY_BODY_LIMIT + 10), secretValues: [] });
    assert.ok(e.responseBody!.length < HISTORY_BODY_LIMIT + 20);
    assert.match(e.responseBody!, /… \(cut\)$/);
    const text = compareText(e);
    assert.match(text, /## Parameters\n\{\n {2}"query:q": "a"\n\}/);
    assert.match(text, /## Response 200/);
  });
});
