/**
 * Where the browser cannot reach the extension host's 127.0.0.1 (remote windows, VS Code in a
 * browser), the OAuth redirect goes to a vscode:// URI instead (made reachable with
 * vscode.env.asExternalUri) and the UriHandler hands the query to the waiting loopback listener,
 * which still checks `state`. Pure helpers here; the wiring is in connectionsService.ts.
 */
export const CALLBACK_PATH = '/oauth-callback';

/** The loopback listener's URL with the redirect's query (code, state, error, ...). */
export function loopbackTarget(loopbackRedirectUri: string, callbackQuery: string): string {
  const target = new URL(loopbackRedirectUri);
  target.search = callbackQuery.startsWith('?') ? callbackQuery.slice(1) : callbackQuery;
  return target.toString();
}

/** True when a redirect to 127.0.0.1 on the extension host cannot reach it from the browser. */
export function loopbackUnreachable(env: { remoteName: string | undefined; isWebUi: boolean }): boolean {
  return env.remoteName !== undefined || env.isWebUi;
}
