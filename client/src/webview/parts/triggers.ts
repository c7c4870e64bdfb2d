// Trigger section of the Test Operation webview (issue 23), bundled into testOperation.js: "Start polling" with the poll
// timeline, or "Subscribe" with the live notifications and "Unsubscribe". Renders what the host
// posts; the host polls, receives and checks.
import type { HostToWebview, SendPayload, WebviewToHost } from '../../../../shared/src/messages/testOperation';
import type { NotificationView, PollStepView, PollingState, SubscriptionView, TriggerFinding, TriggerView } from '../../../../shared/src/messages/triggers';
import { el, icon } from './dom';

interface Deps {
  post(message: WebviewToHost): void;
  payload(): SendPayload | undefined;
}

/** Steps and notifications kept on screen (the host keeps nothing more). */
const KEEP = 100;

let deps: Deps | undefined;
let trigger: TriggerView | undefined;
let steps: PollStepView[] = [];
let polling: PollingState = { running: false };
let subscription: SubscriptionView | undefined;
let notifications: NotificationView[] = [];
let faults: TriggerFinding[] = [];

/** Renders the section into #trigger (called on each page render). */
export function mountTrigger(d: Deps): void {
  deps = d;
  render();
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function findingList(findings: TriggerFinding[], id?: string): HTMLElement | undefined {
  if (!findings.length) return undefined;
  const list = el('ul', { class: 'trigger-findings', id });
  for (const f of findings) {
    list.append(el('li', { class: `finding ${f.level}`, 'data-code': f.code }, icon(f.level === 'error' ? 'error' : f.level === 'warning' ? 'warning' : 'info'), ' ', el('code', {}, f.code), ` ${f.message}`));
  }
  return list;
}

function button(id: string, label: string, iconName: string, onClick: () => void, opts: { secondary?: boolean; disabled?: boolean; title?: string } = {}): HTMLElement {
  const b = el('vscode-button', { id, secondary: opts.secondary, disabled: opts.disabled, title: opts.title }, icon(iconName), ` ${label}`);
  b.addEventListener('click', onClick);
  return b;
}

function send(type: 'startPolling' | 'subscribe'): void {
  const payload = deps?.payload();
  if (!payload) return;
  faults = [];
  if (type === 'startPolling') steps = [];
  else notifications = [];
  deps?.post({ type, ...payload });
  render();
}

function stepRow(s: PollStepView): HTMLElement {
  const status = s.status !== undefined ? `${s.status}${s.statusText ? ` ${s.statusText}` : ''}` : 'no answer';
  const what = s.outcome === 'fired' ? `${s.itemCount} item(s) fired` : s.outcome === 'no-items' ? 'no new items' : s.outcome === 'unreachable' ? 'unreachable' : 'error';
  const row = el('li', { class: `poll-step ${s.outcome}`, 'data-outcome': s.outcome, 'data-n': String(s.n) },
    el('div', { class: 'poll-head' },
      el('b', {}, `#${s.n}`), ' ', el('span', { class: 'poll-status' }, status), ' · ', el('span', { class: 'poll-what' }, what),
      s.timeMs !== undefined ? ` · ${s.timeMs} ms` : '', ` · next in ${seconds(s.waitMs)}`,
      el('span', { class: 'muted' }, ` ${new Date(s.at).toLocaleTimeString()}`),
    ),
    el('div', { class: 'muted poll-url' }, `GET ${s.url}`),
    el('div', { class: 'muted poll-next' }, s.nextUrl ? `next: ${s.nextUrl}` : 'next: the trigger request again'),
  );
  const findings = findingList(s.findings);
  if (findings) row.append(findings);
  if (s.items.length) {
    const items = el('ol', { class: 'fired-items' });
    for (const item of s.items) {
      const li = el('li', { class: 'fired-item', 'data-valid': String(item.valid) },
        el('div', {}, item.valid ? icon('pass') : icon('warning'), item.valid ? ' matches the schema' : ` ${item.mismatches.length} mismatch(es): ${item.mismatches.slice(0, 5).map((m) => `${m.path} ${m.message}`).join('; ')}`),
        el('pre', { class: 'code json' }, item.text),
      );
      items.append(li);
    }
    row.append(items);
  }
  return row;
}

function notificationRow(n: NotificationView): HTMLElement {
  const head = el('div', { class: 'notification-head' },
    el('b', {}, `#${n.n}`), ` ${n.method} ${n.path} · `, n.valid ? icon('pass') : icon('warning'),
    el('span', { class: 'notification-check' }, n.valid ? ' matches the x-ms-notification-content schema' : ` does not match: ${n.mismatches.slice(0, 5).map((m) => `${m.path} ${m.message}`).join('; ')}`),
    el('span', { class: 'muted' }, ` ${new Date(n.at).toLocaleTimeString()}`),
  );
  const headers = el('table', { class: 'kv' });
  for (const [k, v] of Object.entries(n.headers)) headers.append(el('tr', {}, el('th', {}, k), el('td', {}, v)));
  const details = el('vscode-collapsible', { heading: `Headers (${Object.keys(n.headers).length})` }, el('div', { class: 'collapsible-body' }, headers));
  return el('li', { class: 'notification', 'data-valid': String(n.valid), 'data-n': String(n.n) }, head, findingList(n.findings), el('pre', { class: 'code json' }, n.bodyText), details);
}

function render(): void {
  const host = document.getElementById('trigger');
  if (!host) return;
  host.replaceChildren();
  if (!trigger) return;
  const t = trigger;
  host.append(
    el('h3', {}, t.kind === 'polling' ? `Polling trigger (${t.mode})` : `Webhook trigger (${t.mode})`),
    el('div', { class: 'muted' }, t.kind === 'polling'
      ? `Polls as the platform does: 202 or an empty answer = no new items (wait Retry-After, else ${seconds(t.intervalMs)}; poll the Location next); 200 fires${t.mode === 'batch' ? ` one run per item of ${t.itemPath ?? 'the array'}` : ' one run'}${t.itemSchemaSource ? `, each checked against the ${t.itemSchemaSource}` : ''}.`
      : `Subscribe starts a local receiver, puts its URL into ${t.notificationUrlTarget ?? 'the notification URL'} and calls the registration; notifications are checked against the ${t.itemSchemaSource ?? 'notification schema'}. Unsubscribe (and closing the panel) sends DELETE to the Location, as the platform does when a flow is turned off.`),
  );
  if (t.hint) host.append(el('div', { class: 'trigger-hint' }, icon('lightbulb'), ` ${t.hint}`));
  const staticFindings = findingList(t.findings, 'trigger-findings');
  if (staticFindings) host.append(staticFindings);
  const faultList = findingList(faults, 'trigger-faults');
  if (faultList) host.append(el('div', { class: 'fault', role: 'alert' }, faultList));

  if (t.kind === 'polling') {
    host.append(
      el('div', { class: 'toolbar' },
        button('start-polling', polling.running ? 'Restart polling' : 'Start polling', 'play', () => send('startPolling'), { title: 'Poll this trigger with the values of the form' }),
        button('stop-polling', 'Stop polling', 'debug-stop', () => deps?.post({ type: 'stopPolling' }), { secondary: true, disabled: !polling.running }),
        el('span', { id: 'polling-state', 'data-running': String(polling.running) }, polling.running ? ' Polling…' : polling.reason ? ` Stopped (${polling.reason}).` : ''),
      ),
    );
    const fired = steps.reduce((n, s) => n + (s.outcome === 'fired' ? s.itemCount : 0), 0);
    host.append(el('div', { id: 'poll-summary', 'data-fired': String(fired) }, `${steps.length} poll(s), ${fired} item(s) fired`));
    const list = el('ol', { id: 'poll-timeline', reversed: true });
    for (const s of [...steps].reverse()) list.append(stepRow(s));
    host.append(list);
    return;
  }
  const sub = subscription;
  const subscribed = sub?.state === 'subscribed';
  host.append(
    el('div', { class: 'toolbar' },
      button('subscribe', 'Subscribe', 'plug', () => send('subscribe'), { disabled: subscribed || sub?.state === 'subscribing', title: 'Start the receiver and call the registration with its URL' }),
      button('unsubscribe', 'Unsubscribe', 'debug-disconnect', () => deps?.post({ type: 'unsubscribe' }), { secondary: true, disabled: !subscribed }),
      button('wait-notification', 'Wait again', 'watch', () => {
        faults = [];
        deps?.post({ type: 'waitNotification' });
        render();
      }, { secondary: true, disabled: !subscribed, title: 'Restart the time limit for the next notification' }),
    ),
  );
  if (sub) {
    const rows: Record<string, string> = {};
    if (sub.notificationUrl) rows['Notification URL'] = sub.notificationUrl;
    if (sub.localUrl && sub.localUrl !== sub.notificationUrl) rows['Receiver'] = sub.localUrl;
    if (sub.registrationStatus !== undefined) rows['Registration'] = String(sub.registrationStatus);
    if (sub.subscriptionUrl) rows['Subscription (Location)'] = sub.subscriptionUrl;
    if (sub.deleteStatus !== undefined) rows['DELETE'] = String(sub.deleteStatus);
    const table = el('table', { class: 'kv', id: 'subscription-details' });
    for (const [k, v] of Object.entries(rows)) table.append(el('tr', {}, el('th', {}, k), el('td', {}, v)));
    host.append(el('div', { id: 'subscription-state', 'data-state': sub.state }, `Subscription: ${sub.state}`), table);
    const f = findingList(sub.findings, 'subscription-findings');
    if (f) host.append(f);
  }
  host.append(el('div', { id: 'notification-summary', 'data-count': String(notifications.length) }, `${notifications.length} notification(s) received`));
  const list = el('ol', { id: 'notifications', reversed: true });
  for (const n of [...notifications].reverse()) list.append(notificationRow(n));
  host.append(list);
}

/** True when the message was a trigger message (handled here). */
export function handleTriggerMessage(message: HostToWebview): boolean {
  switch (message.type) {
    case 'trigger':
      trigger = message.trigger;
      break;
    case 'pollStep':
      steps.push(message.step);
      if (steps.length > KEEP) steps.shift();
      break;
    case 'polling':
      polling = message.state;
      break;
    case 'subscription':
      subscription = message.subscription;
      break;
    case 'notification':
      notifications.push(message.notification);
      if (notifications.length > KEEP) notifications.shift();
      break;
    case 'triggerFault':
      faults = [...faults.filter((f) => f.code !== message.finding.code), message.finding];
      break;
    default:
      return false;
  }
  render();
  return true;
}
