// DOM helpers of the Test Operation webview's modules (browser code, bundled into testOperation.js; parts/ holds
// no entry points of their own).

/** Small element builder: attributes (string/boolean), then children. */
export function el<K extends string>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Array<Node | string | undefined>): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

export function icon(name: string, label?: string): HTMLElement {
  return el('vscode-icon', { name, label, title: label });
}
