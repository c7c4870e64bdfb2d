// The readiness report as HTML for a webview: no script, strict CSP with a nonce for the one
// style block, every text escaped. Links are command URIs the panel allows explicitly.
import * as path from 'node:path';
import type { ReadinessFinding } from '../../../shared/src/lifecycle/readiness';
import { readinessSummary } from '../../../shared/src/lifecycle/readiness';
import type { ReadinessReport } from '../../../shared/src/protocol';

export const OPEN_LOCATION_COMMAND = 'connectorStudio.openReportLocation';
export const RERUN_COMMAND = 'connectorStudio.checkReadiness';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function findingLink(report: ReadinessReport, f: ReadinessFinding): string {
  const file = path.join(report.folder, f.file);
  const where = f.line !== undefined ? `${f.file}:${f.line + 1}` : f.file;
  return `<a href="${escapeHtml(commandUri(OPEN_LOCATION_COMMAND, [file, f.line ?? 0, f.character ?? 0]))}" title="Open ${escapeHtml(where)}">${escapeHtml(where)}</a>`;
}

export function reportHtml(report: ReadinessReport, csp: { cspSource: string; nonce: string }): string {
  const { passed, failed } = readinessSummary(report.results);
  const rows = report.results.map((r) => {
    const items = r.findings.map((f) => `<li class="${f.severity}"><span class="sev">${escapeHtml(f.severity)}</span> ${findingLink(report, f)} ${escapeHtml(f.message)}${f.ruleId ? ` <code>${escapeHtml(f.ruleId)}</code>` : ''}</li>`).join('');
    return `<tr class="req ${r.status}" data-requirement="${escapeHtml(r.id)}">
  <td class="status">${r.status === 'pass' ? '✔ pass' : '✘ fail'}</td>
  <td><strong>${escapeHtml(r.title)}</strong><div class="desc">${escapeHtml(r.description)}</div>${items ? `<ul>${items}</ul>` : ''}</td>
</tr>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${csp.nonce}'; style-src ${csp.cspSource} 'nonce-${csp.nonce}'; img-src ${csp.cspSource} data:; font-src ${csp.cspSource}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Certification readiness</title>
<style nonce="${csp.nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em 2em; }
  table { border-collapse: collapse; width: 100%; }
  td { vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
  td.status { white-space: nowrap; font-weight: bold; width: 6em; }
  tr.pass td.status { color: var(--vscode-testing-iconPassed, #3fb950); }
  tr.fail td.status { color: var(--vscode-testing-iconFailed, #f85149); }
  .desc { opacity: .8; margin-top: 2px; }
  ul { margin: 6px 0 0; padding-left: 1.2em; }
  li .sev { text-transform: uppercase; font-size: 85%; opacity: .8; }
  li.error .sev { color: var(--vscode-errorForeground); }
  a { color: var(--vscode-textLink-foreground); }
  #summary.fail { color: var(--vscode-errorForeground); }
</style>
</head>
<body>
<h1>Certification readiness: ${escapeHtml(report.folderName)}</h1>
<p id="summary" class="${failed ? 'fail' : 'pass'}">${passed} of ${report.results.length} requirements pass${failed ? `, ${failed} fail` : ''}. <a href="${escapeHtml(commandUri(RERUN_COMMAND, [report.folder]))}">Check again</a></p>
<table>
${rows}
</table>
<p class="desc">Validator findings come from the certification profile (the same rules as the editor). The readme, icon and brand-colour checks follow the certification guide and the public connectors repository.</p>
</body>
</html>`;
}
