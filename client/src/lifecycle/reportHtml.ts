// The readiness report as HTML for a webview (reportPage: no script, strict CSP, every text
// escaped). Links are command URIs the panel allows explicitly.
import * as path from 'node:path';
import type { ReadinessFinding } from '../../../shared/src/lifecycle/readiness';
import { readinessSummary } from '../../../shared/src/lifecycle/readiness';
import type { ReadinessReport } from '../../../shared/src/protocol';
import { commandUri, escapeHtml, reportPage } from '../reportPage';

export { commandUri, escapeHtml };

export const OPEN_LOCATION_COMMAND = 'connectorStudio.openReportLocation';
export const RERUN_COMMAND = 'connectorStudio.checkReadiness';

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
  return reportPage({ title: 'Certification readiness', cspSource: csp.cspSource, nonce: csp.nonce, css: `  td.status { white-space: nowrap; font-weight: bold; width: 6em; }
  tr.pass td.status { color: var(--vscode-testing-iconPassed, #3fb950); }
  tr.fail td.status { color: var(--vscode-testing-iconFailed, #f85149); }
  .desc { opacity: .8; margin-top: 2px; }
  ul { margin: 6px 0 0; padding-left: 1.2em; }
  li .sev { text-transform: uppercase; font-size: 85%; opacity: .8; }
  li.error .sev { color: var(--vscode-errorForeground); }
  #summary.fail { color: var(--vscode-errorForeground); }`, body: `<h1>Certification readiness: ${escapeHtml(report.folderName)}</h1>
<p id="summary" class="${failed ? 'fail' : 'pass'}">${passed} of ${report.results.length} requirements pass${failed ? `, ${failed} fail` : ''}. <a href="${escapeHtml(commandUri(RERUN_COMMAND, [report.folder]))}">Check again</a></p>
<table>
${rows}
</table>
<p class="desc">Validator findings come from the certification profile (the same rules as the editor). The readme, icon and brand-colour checks follow the certification guide and the public connectors repository.</p>` });
}
