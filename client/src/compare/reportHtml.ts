// The breaking-change report as HTML for a webview (reportPage: no script, strict CSP, every text
// escaped); links are command URIs into the file (the readiness
// report's "open location" command, which the panel allows explicitly).
import type { CompareReportResult, WireChange } from '../../../shared/src/protocol';
import { OPEN_LOCATION_COMMAND } from '../lifecycle/reportHtml';
import { commandUri, escapeHtml, reportPage } from '../reportPage';

export { OPEN_LOCATION_COMMAND };
export const COMPARE_COMMAND = 'connectorStudio.compareWithPublished';

/** A link that opens `file` (a path) at a 0-based line, shown as "name:line". */
function link(file: string | undefined, name: string, line: number, character: number): string {
  const where = `${name}:${line + 1}`;
  if (!file) return escapeHtml(where);
  return `<a href="${escapeHtml(commandUri(OPEN_LOCATION_COMMAND, [file, line, character]))}" title="Open ${escapeHtml(where)}">${escapeHtml(where)}</a>`;
}

const CLASS: Record<WireChange['severity'], string> = { error: 'breaks', warning: 'risky', info: 'safe', hint: 'safe' };

export function compareReportHtml(r: CompareReportResult, o: { cspSource: string; nonce: string; fileOf: (uri: string) => string | undefined; nameOf: (uri: string) => string; uri: string }): string {
  const breaking = r.findings.filter((f) => f.severity === 'error').length;
  const risky = r.findings.filter((f) => f.severity === 'warning').length;
  const rows = r.findings.map((f) => `<tr class="finding ${CLASS[f.severity]}" data-rule="${escapeHtml(f.ruleId)}">
  <td class="sev">${f.severity === 'error' ? 'breaks' : f.severity === 'warning' ? 'risky' : 'safe'}</td>
  <td>${link(o.fileOf(f.uri), o.nameOf(f.uri), f.range.start.line, f.range.start.character)}<br><code>${escapeHtml(f.ruleId)}</code>${f.operationId ? `<br>operation <code>${escapeHtml(f.operationId)}</code>` : ''}</td>
  <td><div class="msg">${escapeHtml(f.message)}</div>${f.before !== undefined || f.after !== undefined ? `<div class="change">was <code>${escapeHtml(f.before ?? '')}</code> → now <code>${escapeHtml(f.after ?? '')}</code></div>` : ''}<div class="fix"><strong>Fix:</strong> ${escapeHtml(f.fix)}</div></td>
</tr>`).join('\n');
  const changed = r.changedOperations.map((c) => `<li class="op ${c.status}" data-operation="${escapeHtml(c.operationId)}">${escapeHtml(c.status)}: <code>${escapeHtml(c.operationId)}</code> ${link(o.fileOf(c.uri), o.nameOf(c.uri), c.range.start.line, c.range.start.character)}</li>`).join('');
  const summary = r.problem
    ? `<p id="summary" class="problem">${escapeHtml(r.problem)}</p>`
    : `<p id="summary" class="${breaking ? 'fail' : 'pass'}">${breaking} breaking change${breaking === 1 ? '' : 's'}, ${risky} risky, ${r.findings.length - breaking - risky} safe; ${r.changedOperations.length} operation${r.changedOperations.length === 1 ? '' : 's'} changed or added.${r.truncated ? ' The comparison stopped at its budget: the list is incomplete.' : ''} <a href="${escapeHtml(commandUri(COMPARE_COMMAND, [o.uri]))}">Compare again</a></p>`;
  return reportPage({ title: 'Breaking changes', cspSource: o.cspSource, nonce: o.nonce, css: `  td.sev { white-space: nowrap; font-weight: bold; text-transform: uppercase; font-size: 85%; }
  tr.breaks td.sev { color: var(--vscode-errorForeground, #f85149); }
  tr.risky td.sev { color: var(--vscode-editorWarning-foreground, #d29922); }
  .change, .fix { margin-top: 4px; }
  .fix { opacity: .9; }
  #summary.fail, #summary.problem { color: var(--vscode-errorForeground); }`, body: `<h1>Breaking changes since ${escapeHtml(r.baseLabel || 'the published version')}</h1>
${summary}
${r.findings.length ? `<table id="findings">\n${rows}\n</table>` : r.problem ? '' : '<p id="none">Nothing breaks existing flows or connections.</p>'}
${changed ? `<h2>Changed operations</h2><ul id="changed">${changed}</ul>` : ''}` });
}
