// The panel's HTML shell: strict CSP with a per-load nonce; script and codicons from dist/webview.
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { pageHead } from '../webviewPage';

export function webviewHtml(webview: vscode.Webview, root: vscode.Uri, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(root.with({ path: `${root.path}/${name}` })).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `${pageHead(csp, title)}
<link rel="stylesheet" href="${asset('codicon.css')}" id="vscode-codicon-stylesheet" nonce="${nonce}">
<link rel="stylesheet" href="${asset('testOperation.css')}" nonce="${nonce}">
</head>
<body>
<div id="app" data-state="loading"><p class="muted">Loading…</p></div>
<script nonce="${nonce}" src="${asset('testOperation.js')}"></script>
</body>
</html>`;
}
