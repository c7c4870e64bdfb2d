// Trigger testing against a real local API: the sample API (scripts/sampleApi.mjs, what `npm
// start` runs) serves the sample's polling trigger (202 + Location + Retry-After, then items) and
// its webhook (subscribe, notify the receiver, DELETE). The session and the receiver are the ones
// the Test panel drives; fired items are also checked with ajv directly (an independent reader).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { after, afterEach, before, describe, it } from 'mocha';
import { applyDecorations, buildRequest, hostOverrideFor, sendRequest, type HttpRequest, type SwaggerDocument } from '../../../shared/src/request';
import {
  checkNotification,
  fillNotificationUrl,
  httpPollSender,
  interpretRegistration,
  PollingSession,
  startReceiver,
  triggerInfo,
  unsubscribeRequest,
  type PollStep,
  type Receiver,
} from '../../../shared/src/request/triggers';
import { SAMPLE_API_KEY, SAMPLE_FOLDER, startSampleApi, type SampleApi } from '../../../scripts/sampleApi.mjs';

const doc = JSON.parse(fs.readFileSync(path.join(SAMPLE_FOLDER, 'apiDefinition.swagger.json'), 'utf8')) as SwaggerDocument & { definitions: Record<string, unknown> };

function ajvTask(): (v: unknown) => boolean {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile({ $ref: '#/definitions/Task', definitions: doc.definitions });
  return (v) => validate(v) as boolean;
}

function request(api: SampleApi | { url: string }, operationId: string, values: Record<string, unknown> = {}): HttpRequest {
  const built = buildRequest(doc, operationId, values, { hostOverride: hostOverrideFor(doc.host, { [doc.host!]: api.url }) });
  return applyDecorations(built, { headers: { 'X-API-Key': SAMPLE_API_KEY }, query: {} });
}

async function createTask(api: SampleApi, title: string): Promise<void> {
  const res = await fetch(`${api.url}/v1/tasks`, { method: 'POST', headers: { 'X-API-Key': SAMPLE_API_KEY, 'Content-Type': 'application/json' }, body: JSON.stringify({ title }) });
  assert.equal(res.status, 200);
}

function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 25);
    };
    tick();
  });
}

describe('trigger testing against the sample API', function () {
  this.timeout(20_000);
  let api: SampleApi;
  let session: PollingSession | undefined;
  let receiver: Receiver | undefined;
  before(async () => {
    api = await startSampleApi();
  });
  afterEach(async () => {
    session?.stop();
    session = undefined;
    await receiver?.close();
    receiver = undefined;
  });
  after(async () => {
    await api?.close();
  });

  it('polling: 202 with Location and Retry-After, then two created tasks fire two items (schema-valid), state kept in Location', async () => {
    const info = triggerInfo(doc, 'OnNewTasks')!;
    const steps: PollStep[] = [];
    session = new PollingSession(doc, info, httpPollSender(request(api, 'OnNewTasks'), { timeoutMs: 5000 }), {
      intervalMs: 5000, maxWaitMs: 5000, maxPolls: 20, onStep: (s) => steps.push(s),
    });
    await until(() => steps.length >= 1, 5000, 'the first poll');
    assert.equal(steps[0].status, 202);
    assert.equal(steps[0].outcome, 'no-items');
    assert.equal(steps[0].waitMs, 1000);
    assert.match(steps[0].nextUrl ?? '', /\/v1\/triggers\/tasks\?after=\d+$/);
    assert.deepEqual(steps[0].findings, []);
    await createTask(api, 'first from the trigger test');
    await createTask(api, 'second from the trigger test');
    await until(() => steps.some((s) => s.outcome === 'fired'), 8000, 'a poll that fires');
    const fired = steps.find((s) => s.outcome === 'fired')!;
    assert.equal(fired.status, 200);
    assert.equal(fired.itemCount, 2);
    assert.deepEqual(fired.items.map((i) => (JSON.parse(i.text) as { title: string }).title), ['first from the trigger test', 'second from the trigger test']);
    assert.ok(fired.items.every((i) => i.valid));
    const valid = ajvTask();
    assert.ok(fired.items.every((i) => valid(JSON.parse(i.text))));
    // The Location of the firing poll moves the state on: the next poll has nothing new.
    await until(() => steps.length > steps.indexOf(fired) + 1, 5000, 'the poll after the items');
    assert.equal(steps[steps.indexOf(fired) + 1].outcome, 'no-items');
    const polled = api.requests.filter((r) => r.path === '/v1/triggers/tasks');
    assert.ok(polled.length >= 3 && polled.every((r) => r.method === 'GET' && (r.status === 202 || r.status === 200)), JSON.stringify(polled));
    session.stop();
    assert.equal(session.running, false);
    const count = api.requests.length;
    await new Promise((r) => setTimeout(r, 1300));
    assert.equal(api.requests.filter((r) => r.path === '/v1/triggers/tasks').length, api.requests.slice(0, count).filter((r) => r.path === '/v1/triggers/tasks').length, 'no poll after stop');
  });

  it('polling: an unreachable API is the named fault "unreachable" and the session stops', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const steps: PollStep[] = [];
    let stopped: string | undefined;
    session = new PollingSession(doc, triggerInfo(doc, 'OnNewTasks')!, httpPollSender(request({ url: `http://127.0.0.1:${port}` }, 'OnNewTasks'), { timeoutMs: 3000 }), {
      intervalMs: 100, maxWaitMs: 100, maxPolls: 5, onStep: (s) => steps.push(s), onStop: (r) => (stopped = r),
    });
    await session.done;
    assert.equal(stopped, 'unreachable');
    assert.equal(steps.length, 1);
    assert.equal(steps[0].outcome, 'unreachable');
    assert.equal(steps[0].findings[0].code, 'unreachable');
    assert.match(steps[0].findings[0].message, /connection-refused/);
    assert.ok(!steps[0].url.includes(SAMPLE_API_KEY));
  });

  it('webhook: subscribe with the receiver URL, a created task arrives and passes the schema check, unsubscribe DELETEs the Location', async () => {
    const info = triggerInfo(doc, 'OnTaskCreated')!;
    const started = await startReceiver();
    assert.ok(started.ok);
    receiver = started.receiver;
    assert.match(receiver.url, /^http:\/\/127\.0\.0\.1:\d+\/notify\/[0-9a-f]{32}$/);
    const filled = fillNotificationUrl(info, {}, '{\n  "callbackUrl": "string"\n}', receiver.url);
    assert.deepEqual(JSON.parse(filled.bodyText!), { callbackUrl: receiver.url });
    const registration = request(api, 'OnTaskCreated', { body: JSON.parse(filled.bodyText!) });
    const sent = await sendRequest(registration, { timeoutMs: 5000 });
    assert.ok(sent.ok);
    assert.equal(sent.response.status, 201);
    const { subscriptionUrl, findings } = interpretRegistration(info, registration.url, sent.response.status, sent.response.headers);
    assert.deepEqual(findings, []);
    assert.match(subscriptionUrl ?? '', /\/v1\/hooks\/h-\d+$/);
    assert.equal(api.hooks.size, 1);

    const before = receiver.notifications.length;
    const waiting = receiver.waitForNotification(5000, before);
    await createTask(api, 'notify me');
    const got = await waiting;
    assert.ok(got.ok, JSON.stringify(got));
    const checked = checkNotification(doc, info, got.notification);
    assert.equal(checked.method, 'POST');
    assert.equal(checked.check.valid, true, JSON.stringify(checked.check.mismatches));
    assert.equal((JSON.parse(checked.bodyText) as { title: string }).title, 'notify me');
    assert.ok(ajvTask()(JSON.parse(checked.bodyText)));
    assert.ok(!checked.path.includes(receiver.url.split('/').pop()!), 'the token is not shown');
    await until(() => api.deliveries.some((d) => d.taskId && d.status === 200), 3000, 'the delivery record');

    const del = unsubscribeRequest(registration, subscriptionUrl!);
    assert.equal(del.method, 'DELETE');
    assert.equal(del.body, undefined);
    const gone = await sendRequest(del, { timeoutMs: 5000 });
    assert.ok(gone.ok);
    assert.equal(gone.response.status, 204);
    assert.ok(api.requests.some((r) => r.method === 'DELETE' && /^\/v1\/hooks\/h-\d+$/.test(r.path) && r.status === 204));
    assert.equal(api.hooks.size, 0);
  });

  it('webhook: no notification within the time limit is the named fault "notification-timeout"', async () => {
    const started = await startReceiver();
    assert.ok(started.ok);
    receiver = started.receiver;
    const t0 = Date.now();
    const got = await receiver.waitForNotification(300);
    assert.equal(got.ok, false);
    assert.equal(!got.ok && got.finding.code, 'notification-timeout');
    assert.ok(Date.now() - t0 >= 290);
  });

  it('webhook: a notification that does not match x-ms-notification-content is "notification-schema-mismatch"', async () => {
    const info = triggerInfo(doc, 'OnTaskCreated')!;
    const started = await startReceiver();
    assert.ok(started.ok);
    receiver = started.receiver;
    const waiting = receiver.waitForNotification(3000, 0);
    const res = await fetch(receiver.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 7, status: 'lost' }) });
    assert.equal(res.status, 200);
    const got = await waiting;
    assert.ok(got.ok);
    const checked = checkNotification(doc, info, got.notification);
    assert.equal(checked.check.valid, false);
    assert.deepEqual(checked.check.mismatches.map((m) => m.path).sort(), ['$.id', '$.status']);
    assert.deepEqual(checked.findings.map((f) => f.code), ['notification-schema-mismatch']);
  });

  it('webhook: a taken receiver port is the named fault "port-taken"', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
    try {
      const started = await startReceiver({ port: (squatter.address() as AddressInfo).port });
      assert.equal(started.ok, false);
      assert.equal(!started.ok && started.finding.code, 'port-taken');
    } finally {
      await new Promise<void>((r) => squatter.close(() => r()));
    }
  });

  it('webhook: a registration without Location is "registration-no-location"; a failed one "registration-failed"', () => {
    const info = triggerInfo(doc, 'OnTaskCreated')!;
    assert.deepEqual(interpretRegistration(info, 'http://127.0.0.1:1/v1/hooks', 201, {}).findings.map((f) => f.code), ['registration-no-location']);
    assert.deepEqual(interpretRegistration(info, 'http://127.0.0.1:1/v1/hooks', 400, {}).findings.map((f) => f.code), ['registration-failed']);
  });

  it('hostile receiver: a wrong path is 404 and not kept, an oversized body 413, headers with secrets redacted, at most N kept', async () => {
    const started = await startReceiver({ maxBodyBytes: 1024, maxNotifications: 3 });
    assert.ok(started.ok);
    receiver = started.receiver;
    const base = receiver.url.replace(/\/notify\/.*$/, '');
    assert.equal((await fetch(`${base}/notify/guess`, { method: 'POST', body: '{}' })).status, 404);
    assert.equal(receiver.notifications.length, 0);
    const big = await fetch(receiver.url, { method: 'POST', body: 'x'.repeat(10_000) }).catch(() => undefined);
    if (big) assert.equal(big.status, 413);
    await until(() => receiver!.notifications.length === 1, 2000, 'the refused notification record');
    assert.equal(receiver.notifications[0].tooLarge, true);
    assert.equal(receiver.notifications[0].bodyText, '');
    await fetch(receiver.url, { method: 'POST', headers: { Authorization: 'Bearer s3cr3t-value', 'X-Trace': 'ok' }, body: '{}' });
    const last = receiver.notifications[receiver.notifications.length - 1];
    assert.equal(last.headers.authorization, '***');
    assert.equal(last.headers['x-trace'], 'ok');
    // A proxy that keeps its prefix (/proxy/<port>/...) still reaches the receiver.
    const token = receiver.url.split('/').pop()!;
    assert.equal((await fetch(`${base}/proxy/${receiver.port}/notify/${token}`, { method: 'POST', body: '{}' })).status, 200);
    for (let i = 0; i < 5; i++) await fetch(receiver.url, { method: 'POST', body: `{"i":${i}}` });
    assert.equal(receiver.notifications.length, 3);
    assert.equal(receiver.notifications[2].bodyText, '{"i":4}');
  });
});
