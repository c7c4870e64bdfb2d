// The polling state machine (interpretPoll): each response of a poll to what the platform does
// next (wait, next URL, items fired, named findings).
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { interpretPoll, retryAfterMs, triggerInfo, type PollResponse } from '../../../shared/src/request/triggers';
import type { SwaggerDocument } from '../../../shared/src/request/types';

const doc: SwaggerDocument = {
  swagger: '2.0',
  paths: {
    '/batch': { get: { operationId: 'Batch', 'x-ms-trigger': 'batch', 'x-ms-trigger-hint': 'h', responses: { '200': { description: 'x', schema: { type: 'object', properties: { value: { type: 'array', items: { $ref: '#/definitions/Item' } } } } }, '202': { description: 'n' } } } },
    '/single': { get: { operationId: 'Single', 'x-ms-trigger': 'single', 'x-ms-trigger-hint': 'h', responses: { '200': { description: 'x', schema: { $ref: '#/definitions/Item' } }, '202': { description: 'n' } } } },
  },
  definitions: { Item: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, n: { type: 'integer' } } } },
};
const batch = triggerInfo(doc, 'Batch')!;
const single = triggerInfo(doc, 'Single')!;
const URL0 = 'https://api.example.com/v1/batch?x=1';
const opts = { intervalMs: 30_000, maxWaitMs: 60_000, now: Date.parse('2026-12-03T12:00:00Z') };
const res = (status: number, headers: Record<string, string> = {}, body: unknown = ''): PollResponse => ({ status, headers, bodyText: typeof body === 'string' ? body : JSON.stringify(body) });
const codes = (o: { findings: Array<{ code: string }> }) => o.findings.map((f) => f.code).sort();

describe('polling state machine', () => {
  it('202 with Location and Retry-After: no items, wait Retry-After, poll the Location next (relative resolved)', () => {
    const o = interpretPoll(doc, batch, URL0, res(202, { Location: '/v1/batch?after=7', 'Retry-After': '5' }), opts);
    assert.equal(o.outcome, 'no-items');
    assert.equal(o.waitMs, 5000);
    assert.equal(o.nextUrl, 'https://api.example.com/v1/batch?after=7');
    assert.deepEqual(codes(o), []);
  });

  it('202 without Location or Retry-After: named findings, the interval, the trigger request again', () => {
    const o = interpretPoll(doc, batch, URL0, res(202), opts);
    assert.equal(o.outcome, 'no-items');
    assert.equal(o.waitMs, 30_000);
    assert.equal(o.nextUrl, undefined);
    assert.deepEqual(codes(o), ['no-location-on-202', 'no-retry-after']);
  });

  it('an empty 200 is "no new items" too', () => {
    assert.equal(interpretPoll(doc, batch, URL0, res(200, { location: URL0, 'retry-after': '1' }, '  '), opts).outcome, 'no-items');
  });

  it('200 batch: split at the item path into one run per item, each checked against the item schema', () => {
    const o = interpretPoll(doc, batch, URL0, res(200, { Location: `${URL0}&after=9`, 'Retry-After': '2' }, { value: [{ id: 'a' }, { id: 'b', n: 2 }, { n: 'x' }] }), opts);
    assert.equal(o.outcome, 'fired');
    assert.equal(o.itemCount, 3);
    assert.deepEqual(o.items.map((i) => i.valid), [true, true, false]);
    assert.deepEqual(o.items[2].mismatches.map((m) => m.path).sort(), ['$.id', '$.n']);
    assert.deepEqual(codes(o), ['item-schema-mismatch']);
    assert.equal(o.nextUrl, `${URL0}&after=9`);
    assert.equal(o.waitMs, 2000);
  });

  it('200 batch with an empty array fires nothing', () => {
    assert.equal(interpretPoll(doc, batch, URL0, res(200, { Location: URL0 }, { value: [] }), opts).outcome, 'no-items');
  });

  it('200 batch whose body is not an array at the item path: batch-body-not-array', () => {
    const o = interpretPoll(doc, batch, URL0, res(200, { Location: URL0 }, { value: { id: 'a' } }), opts);
    assert.equal(o.outcome, 'error');
    assert.deepEqual(codes(o), ['batch-body-not-array']);
  });

  it('200 single: the body is one run', () => {
    const o = interpretPoll(doc, single, URL0, res(200, { Location: URL0, 'Retry-After': '1' }, { id: 'a' }), opts);
    assert.equal(o.outcome, 'fired');
    assert.equal(o.itemCount, 1);
    assert.equal(o.items[0].valid, true);
  });

  it('a body that is not JSON, an error status', () => {
    assert.deepEqual(codes(interpretPoll(doc, single, URL0, res(200, { Location: URL0 }, '<html>'), opts)), ['body-not-json']);
    const e = interpretPoll(doc, single, URL0, res(500, {}, 'boom'), opts);
    assert.equal(e.outcome, 'error');
    assert.deepEqual(codes(e), ['error-status']);
    assert.equal(e.waitMs, 30_000);
  });

  it('Retry-After as an HTTP-date, clamped when too long, unreadable ignored', () => {
    assert.equal(retryAfterMs('Thu, 03 Dec 2026 12:00:10 GMT', opts.now), 10_000);
    assert.equal(retryAfterMs('soon'), undefined);
    const o = interpretPoll(doc, batch, URL0, res(202, { Location: URL0, 'Retry-After': '86400' }), opts);
    assert.equal(o.waitMs, 60_000);
    assert.deepEqual(codes(o), ['retry-after-clamped']);
  });

  it('a Location on another origin is named; a non-http Location is not followed', () => {
    assert.deepEqual(codes(interpretPoll(doc, batch, URL0, res(202, { Location: 'https://elsewhere.example.com/p', 'Retry-After': '1' }), opts)), ['location-other-origin']);
    const o = interpretPoll(doc, batch, URL0, res(202, { Location: 'javascript:alert(1)', 'Retry-After': '1' }), opts);
    assert.equal(o.nextUrl, undefined);
    assert.deepEqual(codes(o), ['no-location-on-202']);
  });

  it('hostile: 100 000 items are counted, at most 50 listed and checked, findings bounded', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? { id: String(i) } : { n: 'bad' }));
    const t0 = Date.now();
    const o = interpretPoll(doc, batch, URL0, res(200, { Location: URL0, 'Retry-After': '1' }, { value: items }), opts);
    assert.equal(o.itemCount, 100_000);
    assert.equal(o.items.length, 50);
    assert.ok(o.findings.length <= 21);
    assert.ok(o.findings.some((f) => f.level === 'info' && f.message.includes('100000 items fired')));
    assert.ok(Date.now() - t0 < 8000, `${Date.now() - t0} ms`);
  });
});
