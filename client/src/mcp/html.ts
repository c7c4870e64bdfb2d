// The MCP Test panel's page: strict CSP (nonce), VS Code theme colours, one inline script that
// renders what the host posts with textContent only (server texts are never parsed as HTML).

import { escapeHtml, pageHead } from '../webviewPage';

export function mcpPanelHtml(cspSource: string, nonce: string, operationId: string): string {
  const csp = ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'nonce-${nonce}'`].join('; ');
  return `${pageHead(csp, `MCP: ${operationId}`)}
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px 24px; }
  h2 { font-size: 1.2em; margin: 12px 0 4px; }
  h3 { font-size: 1em; margin: 16px 0 6px; }
  .muted { color: var(--vscode-descriptionForeground); }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
  select, input, textarea { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; }
  textarea { width: 100%; min-height: 3em; font-family: var(--vscode-editor-font-family); }
  button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; }
  button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
  .tool { border: 1px solid var(--vscode-panel-border); padding: 6px 8px; margin: 6px 0; }
  .tool[data-ok="false"] { border-left: 3px solid var(--vscode-errorForeground); }
  .tool[data-ok="true"] { border-left: 3px solid var(--vscode-testing-iconPassed, green); }
  .tool-name { font-weight: bold; font-family: var(--vscode-editor-font-family); }
  .violation, .fault { color: var(--vscode-errorForeground); margin: 2px 0; }
  .pointer { font-family: var(--vscode-editor-font-family); }
  pre { background: var(--vscode-textCodeBlock-background); padding: 6px; white-space: pre-wrap; word-break: break-word; max-height: 24em; overflow: auto; }
  label { display: block; margin: 6px 0 2px; }
  #mcp-result[data-error="true"] .result-text { color: var(--vscode-errorForeground); }
  details { margin: 4px 0; }
</style>
</head>
<body>
<h2>MCP server: <span id="mcp-operation-id">${escapeHtml(operationId)}</span></h2>
<div class="muted"><span id="mcp-endpoint"></span> · <span id="mcp-protocol"></span></div>
<div class="row">
  <label for="mcp-connection" style="display:inline">Connection</label>
  <select id="mcp-connection"></select>
  <button id="mcp-connect">Connect</button>
  <button id="mcp-open-connections" class="secondary">Connections…</button>
</div>
<div id="mcp-status" class="muted">Not connected. Connect runs initialize, then lists the tools and resources.</div>
<div id="mcp-fault" class="fault" hidden></div>
<div id="mcp-summary"></div>
<div id="mcp-tools"></div>
<div id="mcp-form-area" hidden>
  <h3>Call <span id="mcp-form-tool"></span></h3>
  <div id="mcp-form"></div>
  <div class="row"><button id="mcp-call">Call tool</button></div>
</div>
<div id="mcp-result" hidden><h3 id="mcp-result-title"></h3><pre class="result-text" id="mcp-result-text"></pre><div id="mcp-result-structured"></div></div>
<div id="mcp-resources"></div>
<h3>JSON-RPC exchange <span class="muted" id="mcp-history"></span></h3>
<div id="mcp-exchange" class="muted">Nothing sent yet.</div>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const $ = (id) => document.getElementById(id);
  const el = (tag, props, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'text') e.textContent = v;
      else if (k === 'class') e.className = v;
      else if (v !== undefined) e.setAttribute(k, String(v));
    }
    for (const c of children) if (c) e.appendChild(c);
    return e;
  };
  let tools = [];
  let selected;
  function showFault(f) {
    const box = $('mcp-fault');
    box.hidden = !f;
    box.textContent = f ? f.message : '';
    if (f) box.setAttribute('data-kind', f.kind); else box.removeAttribute('data-kind');
  }
  function renderExchange(list) {
    const box = $('mcp-exchange');
    box.textContent = '';
    box.className = '';
    if (!list || !list.length) { box.textContent = 'Nothing sent yet.'; box.className = 'muted'; return; }
    for (const x of list) {
      const head = '#' + x.seq + ' ' + (x.rpc || '(no JSON-RPC)') + ' → ' + (x.response ? x.response.status : (x.fault ? x.fault.kind : '…')) + ' (' + x.timeMs + ' ms)';
      const req = x.request.method + ' ' + x.request.url + '\\n' + Object.entries(x.request.headers).map(([k, v]) => k + ': ' + v).join('\\n') + (x.request.body ? '\\n\\n' + x.request.body : '');
      const res = x.response ? 'HTTP ' + x.response.status + '\\n' + Object.entries(x.response.headers).map(([k, v]) => k + ': ' + v).join('\\n') + (x.response.body ? '\\n\\n' + x.response.body : '') : (x.fault ? x.fault.message : '');
      box.appendChild(el('details', { class: 'exchange', 'data-rpc': x.rpc }, el('summary', { text: head }), el('pre', { class: 'exchange-request', text: req }), el('pre', { class: 'exchange-response', text: res })));
    }
  }
  function selectTool(name) {
    selected = tools.find((t) => t.name === name);
    if (!selected) return;
    $('mcp-form-area').hidden = false;
    $('mcp-form-tool').textContent = selected.name;
    const form = $('mcp-form');
    form.textContent = '';
    if (!selected.fields.length) form.appendChild(el('div', { class: 'muted', text: 'This tool takes no arguments.' }));
    for (const f of selected.fields) {
      const id = 'arg-' + f.name;
      form.appendChild(el('label', { for: id, text: f.name + (f.required ? ' *' : '') + ' (' + f.type + ')' + (f.description ? ' — ' + f.description : '') }));
      let input;
      if (f.enum) {
        input = el('select', { id, 'data-field': f.name }, el('option', { value: '', text: '' }));
        for (const v of f.enum) input.appendChild(el('option', { value: v, text: v }));
      } else if (f.type === 'boolean') {
        input = el('select', { id, 'data-field': f.name }, el('option', { value: '', text: '' }), el('option', { value: 'true', text: 'true' }), el('option', { value: 'false', text: 'false' }));
      } else if (f.type === 'object' || f.type === 'array') {
        input = el('textarea', { id, 'data-field': f.name, placeholder: f.type === 'array' ? '[ ]' : '{ }' });
      } else {
        input = el('input', { id, 'data-field': f.name, type: 'text', placeholder: f.default || '' });
      }
      form.appendChild(input);
    }
    $('mcp-result').hidden = true;
  }
  function renderTools(msg) {
    tools = msg.tools;
    const box = $('mcp-tools');
    box.textContent = '';
    box.appendChild(el('h3', { text: 'Tools (' + tools.length + ')' }));
    for (const t of tools) {
      const card = el('div', { class: 'tool', 'data-tool': t.name, 'data-ok': t.violations.length ? 'false' : 'true' });
      card.appendChild(el('div', {}, el('span', { class: 'tool-name', text: t.name }), el('span', { class: 'muted', text: t.description ? ' — ' + t.description : '' })));
      for (const v of t.violations) card.appendChild(el('div', { class: 'violation', 'data-rule': v.rule, 'data-pointer': v.pointer }, el('span', { class: 'pointer', text: v.pointer + ' ' }), el('span', { text: v.message + ' (' + v.rule + ')' })));
      const btn = el('button', { class: 'secondary mcp-select', 'data-tool': t.name, text: 'Select' });
      btn.addEventListener('click', () => selectTool(t.name));
      card.appendChild(el('div', { class: 'row' }, btn));
      card.appendChild(el('details', {}, el('summary', { text: 'Input schema' }), el('pre', { text: t.schemaText })));
      box.appendChild(card);
    }
    for (const v of msg.serverViolations) box.appendChild(el('div', { class: 'violation', 'data-rule': v.rule, text: v.message + ' (' + v.rule + ')' }));
    const res = $('mcp-resources');
    res.textContent = '';
    res.appendChild(el('h3', { text: 'Resources (' + msg.resources.length + ')' }));
    for (const r of msg.resources) res.appendChild(el('div', { class: 'resource', text: r.uri + ' — ' + r.name + (r.description ? ': ' + r.description : '') }));
    if (msg.resourcesFault) res.appendChild(el('div', { class: 'fault', text: msg.resourcesFault.message }));
  }
  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg.type === 'init') {
      $('mcp-endpoint').textContent = msg.endpoint;
      $('mcp-protocol').textContent = msg.protocol || '';
      const sel = $('mcp-connection');
      sel.textContent = '';
      sel.appendChild(el('option', { value: '', text: '(no connection)' }));
      for (const c of msg.connections) {
        const o = el('option', { value: c.id, text: c.name + ' — ' + c.detail });
        if (c.id === msg.connectionId) o.selected = true;
        sel.appendChild(o);
      }
      $('mcp-history').textContent = msg.history ? '(' + msg.history + ' runs in the history)' : '';
    } else if (msg.type === 'connecting') {
      $('mcp-status').textContent = 'Connecting…';
      showFault(undefined);
      $('mcp-summary').textContent = '';
    } else if (msg.type === 'fault') {
      $('mcp-status').textContent = 'Not connected.';
      showFault(msg.fault);
      renderExchange(msg.exchanges);
    } else if (msg.type === 'connected') {
      showFault(undefined);
      const s = msg.server;
      $('mcp-status').textContent = 'Connected to ' + (s.name || '?') + ' ' + (s.version || '') + ' (protocol ' + (s.protocolVersion || '?') + '; ' + (s.capabilities.join(', ') || 'no capabilities') + ')';
      $('mcp-summary').textContent = msg.violationCount ? msg.violationCount + ' Copilot Studio constraint violation' + (msg.violationCount === 1 ? '' : 's') + ': those tools would be left out of an agent.' : 'Every tool meets Copilot Studio\\'s constraints.';
      $('mcp-summary').setAttribute('data-violations', String(msg.violationCount));
      renderTools(msg);
      renderExchange(msg.exchanges);
    } else if (msg.type === 'callResult') {
      const box = $('mcp-result');
      box.hidden = false;
      box.setAttribute('data-error', String(!msg.ok));
      $('mcp-result-title').textContent = msg.tool + ': ' + (msg.ok ? 'result' : msg.isError ? 'the tool returned an error' : 'failed');
      $('mcp-result-text').textContent = msg.fault ? msg.fault.message : (msg.text || '(no text content)');
      const st = $('mcp-result-structured');
      st.textContent = '';
      if (msg.structured) st.appendChild(el('details', { open: '' }, el('summary', { text: 'Structured content' }), el('pre', { id: 'mcp-structured', text: msg.structured })));
      renderExchange(msg.exchanges);
    } else if (msg.type === 'history') {
      $('mcp-history').textContent = '(' + msg.count + ' runs in the history)';
    }
  });
  $('mcp-connect').addEventListener('click', () => vscode.postMessage({ type: 'connect', connectionId: $('mcp-connection').value }));
  $('mcp-open-connections').addEventListener('click', () => vscode.postMessage({ type: 'openConnections' }));
  $('mcp-call').addEventListener('click', () => {
    if (!selected) return;
    const values = {};
    for (const input of document.querySelectorAll('[data-field]')) values[input.getAttribute('data-field')] = input.value;
    $('mcp-result').hidden = true;
    vscode.postMessage({ type: 'call', tool: selected.name, values });
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
