// The page around a report webview (readiness, breaking changes): no script, a strict CSP with a
// nonce for the one style block, the editor's colours; callers escape every text they put in.

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Rules every report shares: body, the findings table, links. */
const BASE_CSS = `  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em 2em; }
  table { border-collapse: collapse; width: 100%; }
  td { vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
  a { color: var(--vscode-textLink-foreground); }`;

export function reportPage(o: { title: string; cspSource: string; nonce: string; css: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${o.cspSource} 'nonce-${o.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(o.title)}</title>
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
