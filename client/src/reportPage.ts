// The page around a report webview (readiness, breaking changes): no script, a strict CSP with a
// nonce for the one style block, the editor's colours; callers escape every text they put in.

import { escapeHtml, pageHead } from './webviewPage';

export { escapeHtml };

export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Rules every report shares: body, the findings table, links. */
const BASE_CSS = `  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em 2em; }
  table { border-collapse: collapse; width: 100%; }
  td { vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
  a { color: var(--vscode-textLink-foreground); }`;

export function reportPage(o: { title: string; cspSource: string; nonce: string; css: string; body: string }): string {
  return `${pageHead(`default-src 'none'; style-src ${o.cspSource} 'nonce-${o.nonce}';`, o.title)}
<style nonce="${o.nonce}">
${BASE_CSS}
${o.css}
</style>
</head>
<body>
${o.body}
</body>
</html>`;
}
