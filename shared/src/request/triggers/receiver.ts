/**
 * The local webhook receiver of the Test panel: an HTTP server on 127.0.0.1 (a random port by
 * default) that takes the API's notifications at /notify/<token> (any prefix is accepted, so a
 * forwarding proxy that keeps its /proxy/<port> prefix still reaches it; the random token keeps
 * other local callers out) and answers 200 as the platform does.
 *
 * Budgets: bodies up to maxBodyBytes (413 beyond), at most maxNotifications kept (older ones
 * dropped), 100 headers, short request timeouts. Secret-looking headers are redacted before a
 * notification leaves this module. Faults are named: a taken port is 'port-taken', no
 * notification within the time limit is 'notification-timeout'.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { REDACTED } from '../redact';
import { SECRET_HEADERS, SECRET_NAME } from '../secretNames';
import { finding, type TriggerFinding } from './findings';

export interface ReceivedNotification {
  n: number;
  at: number;
  method: string;
  /** Path and query as received (the token is replaced by <token>). */
  path: string;
  headers: Record<string, string>;
  bodyText: string;
  /** The body was over the budget: it was refused with 413 and is not kept. */
  tooLarge?: boolean;
}

export interface ReceiverOptions {
  /** 0 (default): a random free port. */
  port?: number;
  maxBodyBytes?: number;
  maxNotifications?: number;
  onNotification?(notification: ReceivedNotification): void;
}

export interface Receiver {
  /** http://127.0.0.1:<port>/notify/<token>: where the API must POST (before any forwarding). */
  readonly url: string;
  readonly port: number;
  readonly notifications: readonly ReceivedNotification[];
  /** The next notification after `count` were received, or a notification-timeout finding. */
  waitForNotification(timeoutMs: number, after?: number, signal?: AbortSignal): Promise<{ ok: true; notification: ReceivedNotification } | { ok: false; finding: TriggerFinding }>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY = 256 * 1024;
export const DEFAULT_MAX_NOTIFICATIONS = 50;

function safeHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) || SECRET_NAME.test(name) ? REDACTED : text.slice(0, 2048);
  }
  return out;
}

/** Starts the receiver; a port in use or another listen error is a named finding. */
export async function startReceiver(options: ReceiverOptions = {}): Promise<{ ok: true; receiver: Receiver } | { ok: false; finding: TriggerFinding }> {
  const token = randomBytes(16).toString('hex');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxKept = options.maxNotifications ?? DEFAULT_MAX_NOTIFICATIONS;
  const notifications: ReceivedNotification[] = [];
  let received = 0;
  const waiters = new Set<() => void>();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const rawPath = req.url ?? '/';
    const pathOnly = rawPath.split('?')[0];
    if (!pathOnly.endsWith(`/notify/${token}`)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not a Connector Studio notification URL.');
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      const n = ++received;
      const notification: ReceivedNotification = {
        n,
        at: Date.now(),
        method: req.method ?? 'POST',
        path: rawPath.split(token).join('<token>').slice(0, 2048),
        headers: safeHeaders(req),
        bodyText: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'),
      };
      if (tooLarge) notification.tooLarge = true;
      notifications.push(notification);
      if (notifications.length > maxKept) notifications.shift();
      if (tooLarge) res.writeHead(413, { 'Content-Type': 'text/plain' }).end(`The body is over ${maxBody} bytes.`);
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      try {
        options.onNotification?.(notification);
      } finally {
        for (const w of [...waiters]) w();
      }
    });
  };

  const server: Server = createServer(handle);
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 2_000;
  server.maxHeadersCount = 100;
  const listened = await new Promise<{ ok: true } | { ok: false; error: NodeJS.ErrnoException }>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, error }));
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve({ ok: true }));
  });
  if (!listened.ok) {
    const e = listened.error;
    return e.code === 'EADDRINUSE'
      ? { ok: false, finding: finding('port-taken', 'error', `The receiver port 127.0.0.1:${options.port ?? 0} is taken by another program; choose another port (0 = a random free one).`) }
      : { ok: false, finding: finding('receiver-failed', 'error', `The receiver could not start: ${e.message}`) };
  }
  const port = (server.address() as { port: number }).port;
  let closed = false;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/notify/${token}`,
    port,
    notifications,
    waitForNotification(timeoutMs, after = received, signal) {
      return new Promise((resolve) => {
        const check = (): boolean => {
          if (received > after) {
            const notification = notifications.find((x) => x.n === after + 1) ?? notifications[notifications.length - 1];
            finish({ ok: true, notification });
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => finish({ ok: false, finding: finding('notification-timeout', 'error', `No notification arrived within ${Math.round(timeoutMs / 1000)} s: the API did not call the notification URL (check that it stores and calls the x-ms-notification-url value, and that it can reach the URL).`) }), timeoutMs);
        const onAbort = (): void => finish({ ok: false, finding: finding('notification-timeout', 'info', 'Stopped waiting for a notification.') });
        function finish(value: Awaited<ReturnType<Receiver['waitForNotification']>>): void {
          clearTimeout(timer);
          waiters.delete(listener);
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        }
        const listener = (): void => void check();
        if (check()) return;
        waiters.add(listener);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
  return { ok: true, receiver };
}
