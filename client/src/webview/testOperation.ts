// Test Operation webview (browser bundle): renders the form the host derived from the operation,
// posts what the user entered, and shows the result. It never sees a secret: the host redacts
// requests before posting them and connections are listed by id and name.
import '@vscode-elements/elements/dist/main.js';
import './testOperation.css';
import {
  isHostToWebview,
  type ConnectionOption,
  type FormField,
  type FormModel,
  type HistorySummary,
  type HostToWebview,
  type PolicyLine,
  type RunResult,
  type SendPayload,
  type TestOperationViewState,
  type WebviewToHost,
} from '../../../shared/src/messages/testOperation';
import { el, icon } from './parts/dom';
import { handleTriggerMessage, mountTrigger } from './parts/triggers';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): TestOperationViewState | undefined;
  setState(state: TestOperationViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

const state: TestOperationViewState = vscode.getState() ?? { values: {} };
let form: FormModel | undefined;
let connections: ConnectionOption[] = [];
let history: HistorySummary[] = [];
let sending = false;
const dynamicOptions = new Map<string, { options?: Array<{ value: string; title: string }>; error?: string; loading?: boolean }>();
const compareSelection = new Set<string>();
let bodyProblems: string[] = [];
let bodyTimer: ReturnType<typeof setTimeout> | undefined;
/** Last notice, kept across re-renders (a definition edit re-renders the page right after "schema updated"). */
let notice: { level: 'info' | 'error'; message: string } | undefined;
let selfSignedAllowed = false;

function post(message: WebviewToHost): void {
  vscode.postMessage(message);
}

function save(): void {
  vscode.setState(state);
}


function setValue(key: string, value: string): void {
  state.values[key] = value;
  save();
}

// ---------------------------------------------------------------------------------------------
// Form

function fieldInput(field: FormField): HTMLElement {
  const current = state.values[field.key] ?? field.default ?? '';
  if (field.enum?.length || field.type === 'boolean') {
    const options = field.enum?.length ? field.enum : ['true', 'false'];
    const select = el('vscode-single-select', { 'data-key': field.key, id: `f-${field.key}` });
    if (!field.required) select.append(el('vscode-option', { value: '' }, '(not sent)'));
    for (const o of options) select.append(el('vscode-option', { value: o, selected: o === current }, o));
    select.addEventListener('change', () => setValue(field.key, (select as unknown as { value: string }).value));
    if (current) queueMicrotask(() => ((select as unknown as { value: string }).value = current));
    return select;
  }
  const input = el('vscode-textfield', {
    'data-key': field.key,
    id: `f-${field.key}`,
    value: current,
    type: field.type === 'integer' || field.type === 'number' ? 'number' : field.secret ? 'password' : 'text',
    placeholder: field.type === 'array' ? 'a, b, c  or  ["a", "b"]' : field.format ?? field.type,
  });
  input.addEventListener('input', () => setValue(field.key, (input as unknown as { value: string }).value));
  if (!field.dynamic) return input;
  // Dynamic values: a dropdown filled from the referenced operation, plus the text field for a typed value.
  const dyn = dynamicOptions.get(field.key);
  const wrap = el('div', { class: 'dynamic' });
  const select = el('vscode-single-select', { 'data-dynamic': field.key });
  select.append(el('vscode-option', { value: '' }, dyn?.loading ? 'Loading…' : dyn?.options ? `(${dyn.options.length} values)` : '(values not loaded)'));
  for (const o of dyn?.options ?? []) select.append(el('vscode-option', { value: o.value, description: o.value, selected: o.value === current }, o.title));
  select.addEventListener('change', () => {
    const value = (select as unknown as { value: string }).value;
    if (!value) return;
    (input as unknown as { value: string }).value = value;
    setValue(field.key, value);
  });
  const refresh = el('vscode-button', { secondary: true, title: `Load values from ${field.dynamic.operationId}`, 'data-refresh': field.key }, icon('refresh'), ' Refresh');
  refresh.addEventListener('click', () => loadDynamic(field.key));
  wrap.append(select, refresh, input);
  if (dyn?.error) wrap.append(el('div', { class: 'error', 'data-dynamic-error': field.key }, icon('error'), ' ', dyn.error));
  return wrap;
}

function loadDynamic(key: string): void {
  dynamicOptions.set(key, { loading: true });
  post({ type: 'loadDynamicValues', key, values: { ...state.values }, connectionId: state.connectionId, hostOverride: state.hostOverride });
  renderForm();
}

function fieldRow(field: FormField): HTMLElement {
  const label = el('vscode-label', { for: `f-${field.key}`, required: field.required }, field.label);
  const meta = el('span', { class: 'meta' }, `${field.in}${field.name !== field.label ? ` · ${field.name}` : ''} · ${field.type}${field.format ? ` (${field.format})` : ''}${field.type === 'array' && field.itemsType ? ` of ${field.itemsType}` : ''}`);
  const row = el('div', { class: 'field', 'data-field': field.key }, el('div', { class: 'field-head' }, label, meta), fieldInput(field));
  if (field.description) row.append(el('vscode-form-helper', {}, field.description));
  return row;
}

function renderForm(): void {
  const host = document.getElementById('form');
  if (!host || !form) return;
  host.replaceChildren();
  const main = form.fields.filter((f) => f.visibility === 'important' || f.visibility === 'none');
  const advanced = form.fields.filter((f) => f.visibility === 'advanced');
  if (!main.length && !advanced.length && !form.body) host.append(el('p', { class: 'muted' }, 'This operation has no parameters to fill.'));
  for (const f of main) host.append(fieldRow(f));
  if (advanced.length) {
    const section = el('vscode-collapsible', { heading: `Advanced parameters (${advanced.length})`, id: 'advanced', open: !!state.advancedOpen });
    section.addEventListener('vsc-collapsible-toggle', () => {
      state.advancedOpen = (section as unknown as { open: boolean }).open;
      save();
    });
    const inner = el('div', { class: 'collapsible-body' });
    for (const f of advanced) inner.append(fieldRow(f));
    section.append(inner);
    host.append(section);
  }
  if (form.internal.length) {
    host.append(
      el('p', { class: 'muted', id: 'internal-note' }, icon('eye-closed'), ` Internal (hidden from users, sent with their default): ${form.internal.map((p) => `${p.name} (${p.in})${p.default !== undefined ? ` = ${p.default}` : ''}`).join(', ')}`),
    );
  }
  if (form.body) {
    const body = form.body;
    const text = state.bodyText ?? body.sample;
    const area = el('vscode-textarea', { id: 'body', 'data-key': body.key, rows: '12', monospace: true, resize: 'vertical', value: text });
    area.addEventListener('input', () => {
      state.bodyText = (area as unknown as { value: string }).value;
      save();
      if (bodyTimer) clearTimeout(bodyTimer);
      bodyTimer = setTimeout(() => post({ type: 'checkBody', bodyText: state.bodyText ?? '' }), 300);
    });
    const reset = el('vscode-button', { secondary: true, id: 'reset-body', title: 'Replace the body with a sample generated from its schema' }, 'Reset to sample');
    reset.addEventListener('click', () => {
      state.bodyText = body.sample;
      save();
      (area as unknown as { value: string }).value = body.sample;
      post({ type: 'checkBody', bodyText: body.sample });
    });
    host.append(
      el('div', { class: 'field', 'data-field': body.key },
        el('div', { class: 'field-head' }, el('vscode-label', { for: 'body', required: body.required }, body.label), el('span', { class: 'meta' }, `body · JSON${body.hasSchema ? ' · checked against its schema' : ''}`), reset),
        area,
        body.description ? el('vscode-form-helper', {}, body.description) : undefined,
        el('div', { id: 'body-problems' }),
      ),
    );
    renderBodyProblems();
  }
}

function renderBodyProblems(): void {
  const node = document.getElementById('body-problems');
  if (!node) return;
  node.replaceChildren(...bodyProblems.map((p) => el('div', { class: 'error' }, icon('warning'), ' ', p)));
}

function renderConnections(): void {
  const host = document.getElementById('connection-slot');
  if (!host) return;
  host.replaceChildren();
  if (!connections.length) {
    const link = el('vscode-button', { secondary: true, id: 'manage-connections' }, icon('plug'), ' New connection…');
    link.addEventListener('click', () => post({ type: 'manageConnections' }));
    host.append(el('span', { class: 'muted' }, 'No connection: sent without authentication. '), link);
    return;
  }
  const select = el('vscode-single-select', { id: 'connection', title: 'Connection' });
  select.append(el('vscode-option', { value: '' }, '(no connection)'));
  for (const c of connections) select.append(el('vscode-option', { value: c.id, description: c.detail, selected: c.id === state.connectionId }, c.name));
  select.addEventListener('change', () => {
    state.connectionId = (select as unknown as { value: string }).value || undefined;
    save();
    post({ type: 'selectConnection', connectionId: state.connectionId });
  });
  queueMicrotask(() => ((select as unknown as { value: string }).value = state.connectionId ?? ''));
  host.append(select);
}

// ---------------------------------------------------------------------------------------------
// Result

function kv(entries: Record<string, string>): HTMLElement {
  const table = el('table', { class: 'kv' });
  for (const [k, v] of Object.entries(entries)) table.append(el('tr', {}, el('th', {}, k), el('td', {}, v)));
  return table;
}

function policyList(lines: PolicyLine[]): HTMLElement {
  const list = el('ul', { class: 'policies' });
  for (const p of lines) list.append(el('li', { class: `policy ${p.status}` }, el('b', {}, `${p.title ?? p.templateId}`), ` (${p.templateId}) — ${p.status}: ${p.message}`));
  return list;
}

function section(heading: string, id: string, open: boolean, ...content: Array<Node | undefined>): HTMLElement {
  const s = el('vscode-collapsible', { heading, id, open });
  const inner = el('div', { class: 'collapsible-body' });
  for (const c of content) if (c) inner.append(c);
  s.append(inner);
  return s;
}

function renderResult(): void {
  const host = document.getElementById('result');
  if (!host) return;
  host.replaceChildren();
  const result: RunResult | undefined = state.result;
  if (sending) host.append(el('div', { class: 'sending' }, el('vscode-progress-ring', {}), ' Sending…'));
  if (!result) return;
  if (!result.ok) {
    host.append(
      el('div', { class: 'fault', id: 'fault', 'data-kind': result.kind, role: 'alert' },
        el('div', { class: 'fault-title' }, icon('error'), ` ${faultTitle(result.stage, result.kind)}`),
        el('pre', { class: 'fault-message' }, result.message),
        result.redirects?.length ? el('div', {}, `Redirects followed: ${result.redirects.map((r) => `${r.status} → ${r.location}`).join(', ')}`) : undefined,
        result.timeMs !== undefined ? el('div', { class: 'muted' }, `after ${result.timeMs} ms`) : undefined,
        result.kind === 'self-signed' ? allowSelfSignedButton() : undefined,
      ),
    );
    if (result.request) host.append(section('Request sent (secrets redacted)', 'request', true, requestView(result.request)));
    if (result.policies?.length) host.append(section('Policies', 'policies', true, policyList(result.policies)));
    return;
  }
  const r = result.response;
  const statusClass = r.status >= 500 ? 'status-5' : r.status >= 400 ? 'status-4' : r.status >= 300 ? 'status-3' : 'status-2';
  const bar = el('div', { class: 'status-bar' },
    el('span', { id: 'status', class: `status ${statusClass}` }, `${r.status} ${r.statusText}`),
    el('span', { id: 'time' }, icon('watch'), ` ${r.timeMs} ms`),
    el('span', { id: 'size' }, icon('file-binary'), ` ${r.sizeText}`),
  );
  const curl = el('vscode-button', { secondary: true, id: 'copy-curl', title: 'Copy the request as a cURL command, secrets redacted' }, icon('copy'), ' Copy as cURL');
  curl.addEventListener('click', () => post({ type: 'copyCurl', redacted: true }));
  const curlSecret = el('vscode-button', { secondary: true, id: 'copy-curl-secrets', title: 'Copy with secrets (asks first)' }, icon('unlock'));
  curlSecret.addEventListener('click', () => post({ type: 'copyCurl', redacted: false }));
  bar.append(el('span', { class: 'spacer' }), curl, curlSecret);
  host.append(bar);
  if (r.redirects.length) host.append(el('div', { class: 'note', id: 'redirects' }, icon('arrow-right'), ` Followed ${r.redirects.length} redirect(s): ${r.redirects.map((h) => `${h.status} → ${h.location}`).join(', ')}`));
  if (r.contentTypeProblem) host.append(el('div', { class: 'warning', id: 'content-type-problem' }, icon('warning'), ` ${r.contentTypeProblem}`));
  if (r.truncated) host.append(el('div', { class: 'warning' }, icon('warning'), ` The body was cut at ${r.sizeText}; the rest was not read.`));
  if (result.connectionNote) host.append(el('div', { class: 'warning' }, icon('warning'), ` ${result.connectionNote}`));

  const body = r.body;
  const bodyNode = el('div', { id: 'response-body', 'data-kind': body.kind });
  bodyNode.append(el('div', { class: 'muted' }, body.summary + (body.displayCut ? ' — shown up to 1 MB' : '')));
  if (body.parseError) bodyNode.append(el('div', { class: 'warning' }, icon('warning'), ` Not parseable: ${body.parseError}`));
  if (body.dataUri) bodyNode.append(el('img', { src: body.dataUri, alt: 'response image', class: 'image' }));
  else if (body.text !== undefined) bodyNode.append(el('pre', { class: `code ${body.kind}` }, body.text));
  host.append(section('Body', 'body-section', true, bodyNode));

  const schemaNode = el('div', { id: 'schema' });
  const s = r.schema;
  if (!s.checked) schemaNode.append(el('div', { class: 'muted', id: 'schema-status', 'data-valid': 'unchecked' }, `Not checked: ${s.reason ?? 'no schema'}`));
  else if (s.valid) schemaNode.append(el('div', { class: 'ok', id: 'schema-status', 'data-valid': 'true' }, icon('pass'), ` The body matches the schema of response ${s.responseKey ?? ''}.`));
  else {
    schemaNode.append(el('div', { class: 'warning', id: 'schema-status', 'data-valid': 'false' }, icon('warning'), ` ${s.mismatches.length} mismatch(es) with the schema of response ${s.responseKey ?? ''}:`));
    const list = el('ul', { id: 'schema-mismatches' });
    for (const m of s.mismatches) list.append(el('li', { class: 'mismatch' }, el('code', {}, m.path), ` ${m.message}`));
    schemaNode.append(list);
  }
  if (r.canUpdateSchema) {
    const update = el('vscode-button', { id: 'update-schema', title: 'Infer a schema from this response and write it into the definition (preview first)' }, icon('wand'), ' Update response schema from this response');
    update.addEventListener('click', () => post({ type: 'updateSchema' }));
    schemaNode.append(update);
  }
  host.append(section('Schema check', 'schema-section', true, schemaNode));
  host.append(section(`Response headers (${Object.keys(r.headers).length})`, 'headers-section', false, kv(r.headers)));
  host.append(section('Request sent (secrets redacted)', 'request', false, requestView(result.request)));
  const allPolicies = [...result.policies, ...result.responsePolicies];
  if (allPolicies.length) host.append(section(`Policies (${allPolicies.length})`, 'policies', false, policyList(allPolicies)));
}

function allowSelfSignedButton(): HTMLElement {
  const button = el('vscode-button', { id: 'allow-self-signed', title: 'Trust self-signed certificates for this connection only (Test Operation), then send again' }, icon('unlock'), ' Trust this self-signed certificate for this connection and send again');
  button.addEventListener('click', () => {
    post({ type: 'allowSelfSigned', allow: true, connectionId: state.connectionId });
    send();
  });
  return button;
}

function renderSelfSigned(): void {
  const node = document.getElementById('self-signed');
  if (!node) return;
  node.replaceChildren();
  if (!selfSignedAllowed) return;
  const revoke = el('vscode-button', { secondary: true, title: 'Reject self-signed certificates again' }, 'Revoke');
  revoke.addEventListener('click', () => post({ type: 'allowSelfSigned', allow: false, connectionId: state.connectionId }));
  node.append(el('span', { class: 'warning' }, icon('unlock'), ' Self-signed certificates are trusted for this connection. '), revoke);
}

function requestView(request: { method: string; url: string; headers: Record<string, string>; body?: string }): HTMLElement {
  return el('div', { id: 'request-view' }, el('pre', { class: 'code' }, `${request.method} ${request.url}`), kv(request.headers), request.body !== undefined ? el('pre', { class: 'code' }, request.body) : undefined);
}

function faultTitle(stage: string, kind: string): string {
  const titles: Record<string, string> = {
    'connection-refused': 'Connection refused',
    dns: 'Host not found (DNS)',
    tls: 'TLS error',
    'self-signed': 'Self-signed certificate',
    timeout: 'Timed out',
    aborted: 'Cancelled',
    reset: 'Connection reset',
    incomplete: 'Response cut off',
    unreachable: 'Host unreachable',
    'too-many-redirects': 'Too many redirects',
    'invalid-url': 'Invalid URL',
  };
  if (stage === 'send') return titles[kind] ?? 'Request failed';
  return { form: 'Check the entered values', build: 'The request cannot be built', connection: 'Connection problem', policies: 'A policy template failed' }[stage] ?? 'Failed';
}

// ---------------------------------------------------------------------------------------------
// History

function renderHistory(): void {
  const host = document.getElementById('history');
  if (!host) return;
  host.replaceChildren();
  if (!history.length) {
    host.append(el('p', { class: 'muted' }, 'No runs yet.'));
    return;
  }
  const list = el('ul', { class: 'history' });
  for (const h of history) {
    const check = el('vscode-checkbox', { checked: compareSelection.has(h.id), title: 'Select two runs to compare' });
    check.addEventListener('change', () => {
      if ((check as unknown as { checked: boolean }).checked) compareSelection.add(h.id);
      else compareSelection.delete(h.id);
      renderHistoryButtons();
    });
    const rerun = el('vscode-button', { secondary: true, title: 'Fill the form with these values and send again', 'data-rerun': h.id }, icon('debug-rerun'), ' Re-run');
    rerun.addEventListener('click', () => post({ type: 'rerun', id: h.id }));
    list.append(
      el('li', { class: h.ok ? 'ok' : 'failed' }, check, el('span', { class: 'when' }, new Date(h.at).toLocaleTimeString()), el('span', {}, h.outcome), h.connectionName ? el('span', { class: 'muted' }, h.connectionName) : undefined, rerun),
    );
  }
  host.append(list, el('div', { id: 'history-buttons' }));
  renderHistoryButtons();
}

function renderHistoryButtons(): void {
  const host = document.getElementById('history-buttons');
  if (!host) return;
  const compare = el('vscode-button', { secondary: true, disabled: compareSelection.size !== 2, id: 'compare' }, icon('diff'), ' Compare selected');
  compare.addEventListener('click', () => {
    const ids = [...compareSelection];
    if (ids.length === 2) post({ type: 'compare', ids: [ids[0], ids[1]] });
  });
  const clear = el('vscode-button', { secondary: true, id: 'clear-history' }, icon('clear-all'), ' Clear history');
  clear.addEventListener('click', () => post({ type: 'clearHistory' }));
  host.replaceChildren(compare, clear);
}

// ---------------------------------------------------------------------------------------------
// Page

/** What the form holds, as Send (and the trigger buttons) post it. */
function payload(): SendPayload | undefined {
  if (!form) return undefined;
  return { values: { ...state.values }, bodyText: form.body ? (state.bodyText ?? form.body.sample) : undefined, connectionId: state.connectionId ?? '', hostOverride: state.hostOverride };
}

function send(): void {
  const p = payload();
  if (p) post({ type: 'send', ...p });
}

function renderPage(timeoutMs: number): void {
  if (!form) return;
  const f = form;
  const sendButton = el('vscode-button', { id: 'send', title: 'Send the request (Ctrl+Enter)' }, icon('play'), ' Send');
  sendButton.addEventListener('click', send);
  const cancel = el('vscode-button', { secondary: true, id: 'cancel', disabled: !sending, title: 'Cancel the request' }, icon('debug-stop'), ' Cancel');
  cancel.addEventListener('click', () => post({ type: 'cancel' }));
  const placeholder = f.settingHostOverride ? `${f.settingHostOverride} (from settings; override: host:port or URL)` : `${f.target} (override: host:port or URL)`;
  const hostField = el('vscode-textfield', { id: 'host-override', placeholder, value: state.hostOverride ?? '', title: 'Send to another host for this test (the definition is not changed)' });
  hostField.addEventListener('input', () => {
    state.hostOverride = (hostField as unknown as { value: string }).value || undefined;
    save();
  });
  app.replaceChildren(
    el('header', {},
      el('div', { class: 'title' }, el('span', { class: `method m-${f.method.toLowerCase()}` }, f.method), el('code', { id: 'path' }, f.path), el('b', { id: 'operation-id' }, f.operationId)),
      f.summary ? el('div', { class: 'summary' }, f.summary) : undefined,
      el('div', { class: 'toolbar' }, el('span', { id: 'connection-slot' }), hostField, sendButton, cancel),
      f.settingHostOverride
        ? el('div', { class: 'muted', id: 'host-override-note' }, `Requests for ${f.target} go to ${f.settingHostOverride} unless the host field says otherwise (setting connectorStudio.testOperation.hostOverrides).`)
        : undefined,
      el('div', { class: 'muted' }, `Timeout ${timeoutMs} ms (setting connectorStudio.testOperation.timeoutMs).`),
      el('div', { id: 'self-signed' }),
    ),
    el('div', { id: 'notice' }),
    // A trigger's section comes first: polling or subscribing is what a trigger is tested with.
    el('section', { id: 'trigger' }),
    el('section', { id: 'form' }),
    el('h3', {}, 'Response'),
    el('section', { id: 'result' }),
    el('h3', {}, 'History'),
    el('section', { id: 'history' }),
  );
  app.dataset.state = 'ready';
  renderNotice();
  renderSelfSigned();
  renderConnections();
  renderForm();
  mountTrigger({ post, payload });
  renderResult();
  renderHistory();
}

function renderNotice(): void {
  const node = document.getElementById('notice');
  if (!node) return;
  node.replaceChildren();
  if (!notice) return;
  const close = el('vscode-button', { secondary: true, title: 'Dismiss' }, icon('close'));
  close.addEventListener('click', () => {
    notice = undefined;
    renderNotice();
  });
  node.append(el('div', { class: notice.level === 'error' ? 'error' : 'ok', role: 'status' }, icon(notice.level === 'error' ? 'error' : 'info'), ` ${notice.message} `, close));
}

function setSending(value: boolean): void {
  sending = value;
  const cancel = document.getElementById('cancel');
  const sendButton = document.getElementById('send');
  if (cancel) (cancel as unknown as { disabled: boolean }).disabled = !value;
  if (sendButton) (sendButton as unknown as { disabled: boolean }).disabled = value;
  renderResult();
}

let timeoutMs = 30_000;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostToWebview(message)) return;
  handle(message);
});

function handle(message: HostToWebview): void {
  if (handleTriggerMessage(message)) return;
  switch (message.type) {
    case 'init':
      form = message.form;
      connections = message.connections;
      history = message.history;
      timeoutMs = message.timeoutMs;
      // A connection remembered by the webview wins if it still exists.
      if (!state.connectionId || !connections.some((c) => c.id === state.connectionId)) state.connectionId = message.connectionId;
      save();
      renderPage(timeoutMs);
      for (const field of form.fields) if (field.dynamic && connections.length) loadDynamic(field.key);
      return;
    case 'form':
      form = message.form;
      renderPage(timeoutMs);
      return;
    case 'connections':
      connections = message.connections;
      if (!state.connectionId || !connections.some((c) => c.id === state.connectionId)) state.connectionId = message.connectionId;
      save();
      renderConnections();
      return;
    case 'selfSigned':
      selfSignedAllowed = message.allowed;
      renderSelfSigned();
      return;
    case 'sending':
      notice = undefined;
      renderNotice();
      setSending(true);
      return;
    case 'result':
      state.result = message.result;
      save();
      setSending(false);
      return;
    case 'dynamicValues':
      dynamicOptions.set(message.key, { options: message.options, error: message.error });
      renderForm();
      return;
    case 'bodyCheck':
      bodyProblems = message.problems;
      renderBodyProblems();
      return;
    case 'history':
      history = message.entries;
      for (const id of [...compareSelection]) if (!history.some((h) => h.id === id)) compareSelection.delete(id);
      renderHistory();
      return;
    case 'fill':
      state.values = { ...message.values };
      if (message.bodyText !== undefined) state.bodyText = message.bodyText;
      if (message.connectionId) state.connectionId = message.connectionId;
      state.hostOverride = message.hostOverride;
      save();
      renderPage(timeoutMs);
      return;
    case 'notice':
      notice = { level: message.level, message: message.message };
      renderNotice();
      return;
  }
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
});

// The restored run (if any) tells the host that getState() brought the panel back as it was.
post({ type: 'ready', restoredRunId: state.result?.runId });
