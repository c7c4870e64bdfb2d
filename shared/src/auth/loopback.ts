/**
 * Loopback redirect listener (RFC 8252 7.3): an HTTP server on 127.0.0.1 with an OS-chosen
 * port that waits for exactly one authorization response, checks `state`, and closes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError, authErrorFromOAuth } from './errors';

export interface AuthorizationResponse {
  code: string;
  /** All query parameters of the redirect (e.g. `iss`, `session_state`). */
  params: Record<string, string>;
}

export interface LoopbackListener {
  /** e.g. http://127.0.0.1:53124/callback */
  readonly redirectUri: string;
  /** Settles once: with the code, or with an AuthError (denied, state mismatch, timeout, cancelled). */
  readonly response: Promise<AuthorizationResponse>;
  /** Stop waiting (rejects `response` with `cancelled` if still pending) and free the port. */
  close(): void;
}

export interface LoopbackOptions {
  expectedState: string;
  /** How long to wait for the redirect. Default 5 minutes. */
  timeoutMs?: number;
  path?: string;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

function page(title: string, message: string): string {
  // Static text only: nothing from the request is echoed back.
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif"><h1>${title}</h1><p>${message}</p></body></html>`;
}

function reply(res: ServerResponse, status: number, title: string, message: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    Connection: 'close',
  });
  res.end(page(title, message));
}

export async function startLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  const path = options.path ?? '/callback';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let settle!: { resolve: (r: AuthorizationResponse) => void; reject: (e: AuthError) => void };
  const response = new Promise<AuthorizationResponse>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may attach its handler late (after opening the browser); avoid unhandled rejections.
  response.catch(() => undefined);
  let done = false;
  let timer: NodeJS.Timeout | undefined;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== path) {
      reply(res, 404, 'Not found', 'This address only accepts the sign-in redirect.');
      return;
    }
    if (done) {
      reply(res, 410, 'Sign-in already handled', 'You can close this window.');
      return;
    }
    const params = Object.fromEntries(url.searchParams);
    if (params.state !== options.expectedState) {
      reply(res, 400, 'Sign-in rejected', 'The response did not match this sign-in attempt. Start the sign-in again in VS Code.');
      finish(new AuthError('state_mismatch'));
      return;
    }
    if (params.error) {
      reply(res, 400, 'Sign-in failed', 'The authorization server reported an error. Return to VS Code for details.');
      finish(authErrorFromOAuth(params.error, params.error_description));
      return;
    }
    if (!params.code) {
      reply(res, 400, 'Sign-in failed', 'The redirect carried no authorization code.');
      finish(new AuthError('invalid_response', 'redirect without code'));
      return;
    }
    reply(res, 200, 'Signed in', 'You can close this window and return to VS Code.');
    finish({ code: params.code, params });
  });

  function finish(result: AuthorizationResponse | AuthError): void {
    if (done) return;
    done = true;
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.close();
    // Drop keep-alive sockets so the port is really freed.
    server.closeAllConnections?.();
    if (result instanceof AuthError) settle.reject(result);
    else settle.resolve(result);
  }
  const onAbort = (): void => finish(new AuthError('cancelled'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  timer = setTimeout(() => finish(new AuthError('timeout', `waited ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  timer.unref?.();
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  return {
    redirectUri: `http://127.0.0.1:${port}${path}`,
    response,
    close: () => finish(new AuthError('cancelled')),
  };
}
