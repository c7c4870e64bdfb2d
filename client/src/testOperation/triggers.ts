/**
 * Trigger testing in the Test Operation panel (issue 23), extension-host side. A polling trigger
 * polls as the platform does (shared/src/request/triggers/polling.ts); a webhook trigger gets a
 * local receiver on 127.0.0.1, exposed with vscode.env.asExternalUri (port forwarding in remote
 * and browser VS Code), subscribes with that URL, shows each notification checked against its
 * schema, and DELETEs the subscription on Unsubscribe and when the panel closes. Each run goes
 * to the panel history through the panel (secrets scrubbed there).
 */
import * as vscode from 'vscode';
import type { HostToWebview, SendPayload } from '../../../shared/src/messages/testOperation';
import type { NotificationView, PollStepView, SubscriptionView, TriggerView } from '../../../shared/src/messages/triggers';
import { redact, sendRequest, type HttpRequest, type SwaggerDocument } from '../../../shared/src/request';
import { scrubSecretValues } from '../../../shared/src/request/redact';
import {
  checkNotification,
  fillNotificationUrl,
  finding,
  httpPollSender,
  interpretRegistration,
  PollingSession,
  redactUrl,
  startReceiver,
  triggerInfo,
  unsubscribeRequest,
  type PollStep,
  type Receiver,
  type TriggerFinding,
  type TriggerInfo,
} from '../../../shared/src/request/triggers';

/** Longest Retry-After honoured in the panel. */
const MAX_WAIT_MS = 5 * 60_000;
/** A polling session stops by itself after this many polls. */
const MAX_POLLS = 500;
const BODY_DISPLAY = 16 * 1024;
/** Steps and notifications kept to show again when the webview is re-created (hidden, shown). */
const KEEP = 100;

export interface PreparedTriggerRequest {
  request: HttpRequest;
  secretValues: string[];
  allowSelfSigned: boolean;
  timeoutMs: number;
}

export interface TriggerRun {
  outcome: string;
  ok: boolean;
  values: Record<string, string>;
  bodyText?: string;
  /** "GET https://..." with secrets redacted. */
  requestLine?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  secretValues: string[];
}

/** What the panel gives the trigger controller. */
export interface TriggerHost {
  loadDocument(): Promise<SwaggerDocument>;
  post(message: HostToWebview): void;
  /** The operation's request from the form (connection, policies), or a message why not. */
  prepare(payload: SendPayload): Promise<{ ok: true; prepared: PreparedTriggerRequest } | { ok: false; message: string }>;
  /** Writes a run to the panel history (redacted there). */
  record(run: TriggerRun): Promise<void>;
}

function settings(): { intervalMs: number; notificationTimeoutMs: number; receiverPort: number } {
  const c = vscode.workspace.getConfiguration('connectorStudio.testOperation');
  const num = (key: string, fallback: number, min: number, max: number) => {
    const v = c.get<number>(key, fallback);
    return Number.isFinite(v) && v >= min && v <= max ? v : fallback;
  };
  return {
    intervalMs: num('triggerIntervalSeconds', 60, 1, 3600) * 1000,
    notificationTimeoutMs: num('notificationTimeoutSeconds', 120, 1, 3600) * 1000,
    receiverPort: Math.floor(num('webhookReceiverPort', 0, 0, 65535)),
  };
}

function viewOf(info: TriggerInfo): TriggerView {
  const s = settings();
  const target = info.notificationUrl;
  const view: TriggerView = { kind: info.kind, mode: info.mode, findings: info.findings, intervalMs: s.intervalMs, notificationTimeoutMs: s.notificationTimeoutMs };
  if (info.hint) view.hint = info.hint;
  if (info.itemPath) view.itemPath = info.itemPath.length ? info.itemPath.join('.') : 'the body';
  if (info.itemSchemaSource) view.itemSchemaSource = info.itemSchemaSource;
  if (target) view.notificationUrlTarget = target.in === 'body' ? `body.${target.path.join('.')}` : `${target.in} ${target.name}`;
  if (info.deleteOperationId) view.deleteOperationId = info.deleteOperationId;
  return view;
}

function line(request: HttpRequest): string {
  const safe = redact(request);
  return `${safe.method} ${safe.url}`;
}

function pretty(text: string): string {
  let out = text;
  try {
    out = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // as received
  }
  return out.length > BODY_DISPLAY ? `${out.slice(0, BODY_DISPLAY)}\n… (cut)` : out;
}

interface Subscription {
  receiver: Receiver;
  registration?: HttpRequest;
  subscriptionUrl?: string;
  secretValues: string[];
  allowSelfSigned: boolean;
  timeoutMs: number;
  view: SubscriptionView;
  waiting?: AbortController;
}

export class TriggerController implements vscode.Disposable {
  private session: PollingSession | undefined;
  private subscription: Subscription | undefined;
  private info: TriggerInfo | undefined;
  private doc: SwaggerDocument | undefined;
  private disposed = false;
  private steps: PollStepView[] = [];
  private notifications: NotificationView[] = [];
  private pollingState: { running: boolean; reason?: string } = { running: false };

  constructor(
    private readonly host: TriggerHost,
    private readonly operationId: string,
  ) {}

  /** Reads the trigger from the definition and tells the webview (undefined: not a trigger). */
  async refresh(): Promise<TriggerInfo | undefined> {
    try {
      this.doc = await this.host.loadDocument();
      this.info = triggerInfo(this.doc, this.operationId);
    } catch {
      return this.info; // a half-typed definition: keep the last one
    }
    this.post({ type: 'trigger', trigger: this.info ? viewOf(this.info) : undefined });
    return this.info;
  }

  private post(message: HostToWebview): void {
    if (message.type === 'pollStep') this.steps = [...this.steps, message.step].slice(-KEEP);
    if (message.type === 'notification') this.notifications = [...this.notifications, message.notification].slice(-KEEP);
    if (message.type === 'polling') this.pollingState = message.state;
    if (!this.disposed) this.host.post(message);
  }

  /** After the webview was re-created (hidden and shown again): the timeline and the subscription as they are. */
  replay(): void {
    if (this.disposed || !this.info) return;
    for (const step of this.steps) this.host.post({ type: 'pollStep', step });
    if (this.steps.length || this.pollingState.running) this.host.post({ type: 'polling', state: this.pollingState });
    this.postSubscription();
    for (const notification of this.notifications) this.host.post({ type: 'notification', notification });
  }

  private fault(f: TriggerFinding): void {
    this.post({ type: 'triggerFault', finding: f });
  }

  // ------------------------------------------------------------------------------------------
  // Polling

  async startPolling(payload: SendPayload): Promise<void> {
    this.stopPolling('restarted');
    this.steps = [];
    const info = await this.refresh();
    if (!info || !this.doc) return this.fault(finding('request-not-built', 'error', `${this.operationId} has no x-ms-trigger: it is not a trigger.`));
    if (info.kind !== 'polling') return this.fault(finding('request-not-built', 'error', `${this.operationId} is a webhook trigger: use Subscribe.`));
    const prepared = await this.host.prepare(payload);
    if (!prepared.ok) return this.fault(finding('request-not-built', 'error', prepared.message));
    const { request, secretValues, allowSelfSigned, timeoutMs } = prepared.prepared;
    const { intervalMs } = settings();
    const doc = this.doc;
    const session = new PollingSession(doc, info, httpPollSender(request, { timeoutMs, allowSelfSigned }), {
      intervalMs,
      maxWaitMs: MAX_WAIT_MS,
      maxPolls: MAX_POLLS,
      redactUrl: (url) => redactUrl(url, secretValues),
      onStep: (step) => {
        if (this.session !== session) return;
        this.post({ type: 'pollStep', step: this.stepView(step, secretValues) });
        if (step.outcome !== 'no-items' || step.n === 1) void this.host.record(this.pollRun(step, request, payload, secretValues));
      },
      onStop: (reason) => {
        if (this.session === session) this.post({ type: 'polling', state: { running: false, reason } });
      },
    });
    this.session = session;
    this.post({ type: 'polling', state: { running: true } });
  }

  private stepView(step: PollStep, secrets: string[]): PollStepView {
    const scrub = (t: string) => scrubSecretValues(t, secrets);
    return {
      n: step.n,
      at: step.at,
      url: step.url,
      status: step.status,
      statusText: step.statusText,
      timeMs: step.timeMs,
      outcome: step.outcome,
      waitMs: step.waitMs,
      nextUrl: step.nextUrl,
      items: step.items.map((i) => ({ ...i, text: scrub(i.text) })),
      itemCount: step.itemCount,
      findings: step.findings.map((f) => ({ ...f, message: scrub(f.message) })),
    };
  }

  private pollRun(step: PollStep, request: HttpRequest, payload: SendPayload, secretValues: string[]): TriggerRun {
    const what = step.outcome === 'fired' ? `${step.itemCount} item(s) fired` : step.outcome === 'no-items' ? 'no new items' : step.findings[0]?.code ?? step.outcome;
    return {
      outcome: `poll ${step.n}${step.status !== undefined ? ` · ${step.status}` : ''} · ${what}`,
      ok: step.outcome === 'fired' || step.outcome === 'no-items',
      values: payload.values,
      requestLine: `${request.method} ${step.url}`,
      status: step.status,
      responseBody: step.items.length ? `[\n${step.items.map((i) => i.text).join(',\n')}\n]` : undefined,
      secretValues,
    };
  }

  stopPolling(reason = 'stopped'): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    session.stop();
    this.post({ type: 'polling', state: { running: false, reason } });
  }

  // ------------------------------------------------------------------------------------------
  // Webhook

  private postSubscription(): void {
    if (this.subscription) this.post({ type: 'subscription', subscription: { ...this.subscription.view, findings: [...this.subscription.view.findings] } });
  }

  async subscribe(payload: SendPayload): Promise<void> {
    if (this.subscription && this.subscription.view.state === 'subscribed') {
      this.post({ type: 'notice', level: 'info', message: 'Already subscribed: Unsubscribe first.' });
      return;
    }
    await this.closeSubscription();
    this.notifications = [];
    const info = await this.refresh();
    if (!info || !this.doc) return this.fault(finding('request-not-built', 'error', `${this.operationId} has no x-ms-trigger: it is not a trigger.`));
    if (info.kind !== 'webhook') return this.fault(finding('request-not-built', 'error', `${this.operationId} is a polling trigger: use Start polling.`));
    const doc = this.doc;
    const s = settings();
    const started = await startReceiver({
      port: s.receiverPort,
      onNotification: (n) => {
        const sub = this.subscription;
        if (!sub || sub.receiver !== receiverRef) return;
        const checked = checkNotification(doc, info, n);
        const view: NotificationView = {
          n: checked.n,
          at: checked.at,
          method: checked.method,
          path: checked.path,
          headers: checked.headers,
          bodyText: scrubSecretValues(pretty(checked.bodyText), sub.secretValues),
          valid: checked.check.valid,
          mismatches: checked.check.mismatches,
          findings: checked.findings,
        };
        this.post({ type: 'notification', notification: view });
        void this.host.record({
          outcome: `notification ${checked.n} · ${checked.check.valid ? 'matches the schema' : checked.findings[0]?.code ?? 'does not match'}`,
          ok: checked.check.valid,
          values: payload.values,
          status: undefined,
          responseHeaders: checked.headers,
          responseBody: checked.bodyText,
          secretValues: sub.secretValues,
        });
      },
    });
    if (!started.ok) return this.fault(started.finding);
    const receiverRef = started.receiver;
    const external = await vscode.env.asExternalUri(vscode.Uri.parse(receiverRef.url));
    const notificationUrl = external.toString(true);
    const sub: Subscription = {
      receiver: receiverRef,
      secretValues: [],
      allowSelfSigned: false,
      timeoutMs: 30_000,
      view: { state: 'subscribing', notificationUrl, localUrl: receiverRef.url, findings: [] },
    };
    this.subscription = sub;
    this.postSubscription();

    const filled = fillNotificationUrl(info, payload.values, payload.bodyText, notificationUrl);
    sub.view.findings.push(...filled.findings);
    const prepared = await this.host.prepare({ ...payload, values: filled.values, bodyText: filled.bodyText });
    if (!prepared.ok) {
      sub.view = { ...sub.view, state: 'failed', findings: [...sub.view.findings, finding('request-not-built', 'error', prepared.message)] };
      this.postSubscription();
      await sub.receiver.close();
      return;
    }
    const { request, secretValues, allowSelfSigned, timeoutMs } = prepared.prepared;
    Object.assign(sub, { registration: request, secretValues, allowSelfSigned, timeoutMs });
    const sent = await sendRequest(request, { timeoutMs, allowSelfSigned });
    if (this.subscription !== sub) return;
    if (!sent.ok) {
      const f = finding('unreachable', 'error', `The registration could not reach the API (${sent.error.kind}): ${scrubSecretValues(sent.error.message, secretValues)}`);
      sub.view = { ...sub.view, state: 'failed', findings: [...sub.view.findings, f] };
      this.postSubscription();
      this.fault(f);
      await this.host.record({ outcome: `subscribe · ${sent.error.kind}`, ok: false, values: payload.values, bodyText: filled.bodyText, requestLine: line(request), secretValues });
      await sub.receiver.close();
      return;
    }
    const r = sent.response;
    const registration = interpretRegistration(info, request.url, r.status, r.headers);
    sub.subscriptionUrl = registration.subscriptionUrl;
    sub.view = {
      ...sub.view,
      state: r.status >= 200 && r.status < 300 ? 'subscribed' : 'failed',
      registrationStatus: r.status,
      subscriptionUrl: registration.subscriptionUrl ? redactUrl(registration.subscriptionUrl, secretValues) : undefined,
      findings: [...sub.view.findings, ...registration.findings],
    };
    this.postSubscription();
    const bodyText = new TextDecoder().decode(r.body);
    await this.host.record({
      outcome: `subscribe · ${r.status} ${r.statusText}${registration.subscriptionUrl ? '' : ' · no Location'}`,
      ok: sub.view.state === 'subscribed',
      values: payload.values,
      bodyText: filled.bodyText,
      requestLine: line(request),
      status: r.status,
      responseHeaders: r.headers,
      responseBody: bodyText,
      secretValues,
    });
    if (sub.view.state !== 'subscribed') {
      await sub.receiver.close();
      return;
    }
    void this.waitNotification();
  }

  /** The panel state for tests: the current subscription and whether polling runs. */
  get state(): { polling: boolean; subscription?: SubscriptionView } {
    return { polling: !!this.session?.running, subscription: this.subscription?.view };
  }

  /** Waits for the next notification; none within the time limit is the notification-timeout fault. */
  async waitNotification(): Promise<void> {
    const sub = this.subscription;
    if (!sub || sub.view.state !== 'subscribed') return;
    sub.waiting?.abort();
    const controller = new AbortController();
    sub.waiting = controller;
    const got = await sub.receiver.waitForNotification(settings().notificationTimeoutMs, undefined, controller.signal);
    if (!got.ok && !controller.signal.aborted && this.subscription === sub) this.fault(got.finding);
  }

  /** DELETE to the subscription's Location, as the platform does when a flow is turned off. */
  async unsubscribe(): Promise<void> {
    const sub = this.subscription;
    if (!sub) return;
    sub.waiting?.abort();
    if (sub.view.state !== 'subscribed') {
      await this.closeSubscription();
      return;
    }
    sub.view = { ...sub.view, state: 'unsubscribing' };
    this.postSubscription();
    if (!sub.subscriptionUrl || !sub.registration) {
      sub.view = { ...sub.view, state: 'unsubscribed', findings: [...sub.view.findings, finding('registration-no-location', 'warning', 'No Location was returned: there is nothing to DELETE, so the API keeps this subscription.')] };
      this.postSubscription();
      await this.closeSubscription();
      return;
    }
    const del = unsubscribeRequest(sub.registration, sub.subscriptionUrl);
    const sent = await sendRequest(del, { timeoutMs: sub.timeoutMs, allowSelfSigned: sub.allowSelfSigned, followRedirects: false });
    const findings = [...sub.view.findings];
    if (!sent.ok) findings.push(finding('unsubscribe-failed', 'error', `The DELETE could not reach the API (${sent.error.kind}): ${scrubSecretValues(sent.error.message, sub.secretValues)}`));
    else if (sent.response.status >= 300) findings.push(finding('unsubscribe-failed', 'warning', `The DELETE answered ${sent.response.status}: the platform treats this as a failed unsubscribe and the API may keep calling.`));
    sub.view = { ...sub.view, state: 'unsubscribed', deleteStatus: sent.ok ? sent.response.status : undefined, findings };
    this.postSubscription();
    await this.host.record({
      outcome: `unsubscribe · DELETE ${sent.ok ? `${sent.response.status} ${sent.response.statusText}` : sent.error.kind}`,
      ok: sent.ok && sent.response.status < 300,
      values: {},
      requestLine: line(del),
      status: sent.ok ? sent.response.status : undefined,
      secretValues: sub.secretValues,
    });
    await this.closeSubscription();
  }

  private async closeSubscription(): Promise<void> {
    const sub = this.subscription;
    if (!sub) return;
    sub.waiting?.abort();
    await sub.receiver.close();
  }

  /** Stops polling and unsubscribes (the DELETE is sent as when a flow is turned off). */
  async shutdown(): Promise<void> {
    this.stopPolling('panel closed');
    await this.unsubscribe().catch(() => undefined);
  }

  /** The panel closed: nothing is posted any more; polling stops and the subscription is deleted. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.shutdown();
  }
}
