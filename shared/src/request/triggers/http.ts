/**
 * The HTTP side of trigger testing on top of the one sender (send.ts): a PollSender that sends
 * the trigger request first and GETs the Location URL afterwards (credentials only on the same
 * origin), and URL redaction for the timeline and the history.
 */
import { redact } from '../redact';
import { scrubSecretValues } from '../redact';
import { isSecretName } from '../secretNames';
import { sendRequest, type SendOptions } from '../send';
import type { HttpRequest } from '../types';
import type { PollSender } from './polling';
import { requestForUrl } from './webhook';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** A URL safe to show: secret-named query values and known secret values replaced by ***. */
export function redactUrl(url: string, secretValues: readonly string[] = []): string {
  let shown = url;
  try {
    const parsed = new URL(url);
    let changed = false;
    for (const [name] of [...parsed.searchParams]) {
      if (isSecretName(name)) {
        parsed.searchParams.set(name, '***');
        changed = true;
      }
    }
    if (changed) shown = parsed.href.replace(/%2A%2A%2A/g, '***');
  } catch {
    // not a URL: scrub the literal values only
  }
  return scrubSecretValues(shown, secretValues);
}

/** Polls with `first` (already decorated and through the request policies), then the Location URLs. */
export function httpPollSender(first: HttpRequest, options: Omit<SendOptions, 'signal'>): PollSender {
  const secrets = first.secrets.values ?? [];
  return async (url, signal) => {
    const request = url ? requestForUrl(first, url, 'GET') : first;
    const shownUrl = url ? redactUrl(url, secrets) : redact(first).url;
    const sent = await sendRequest(request, { ...options, signal, followRedirects: false });
    if (!sent.ok) return { ok: false, url: request.url, shownUrl, kind: sent.error.kind, message: scrubSecretValues(sent.error.message, secrets) };
    const r = sent.response;
    return {
      ok: true,
      url: request.url,
      shownUrl,
      timeMs: r.timeMs,
      response: { status: r.status, statusText: r.statusText, headers: r.headers, bodyText: decoder.decode(r.body), truncated: r.truncated },
    };
  };
}
