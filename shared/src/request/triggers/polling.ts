/**
 * The platform's polling contract, emulated: send the trigger request; 202 (or an empty 2xx)
 * means "no new items": wait Retry-After (else the interval) and poll the Location URL next when
 * there is one (the trigger state lives in it); 200 with a body fires: a batch is split at its
 * item path into one run per item, a single body is one run. Each fired item is checked against
 * the item schema. Errors are named findings; a session never throws and stops on request.
 *
 * interpretPoll is the pure state transition; PollingSession drives it with an injected sender
 * (unit-tested against a real local API) and an abortable sleep.
 */
import type { SwaggerDocument } from '../types';
import { valueChecker } from '../schemaCheck';
import { finding, type TriggerFinding } from './findings';
import type { TriggerInfo } from './model';

/** What a poll brought back (already read, bounded by the sender). */
export interface PollResponse {
  status: number;
  statusText?: string;
  headers: Record<string, string>;
  bodyText: string;
  /** The body was cut at the sender's byte budget. */
  truncated?: boolean;
}

export interface FiredItem {
  index: number;
  /** The item as JSON text (cut for display at ITEM_TEXT_LIMIT). */
  text: string;
  valid: boolean;
  mismatches: Array<{ path: string; message: string }>;
}

export interface PollOutcome {
  outcome: 'no-items' | 'fired' | 'error';
  /** When the next poll is due, in ms from now. */
  waitMs: number;
  /** URL of the next poll (Location, resolved), else the trigger request again (undefined). */
  nextUrl?: string;
  items: FiredItem[];
  /** Items beyond MAX_ITEMS_SHOWN are counted, not listed or checked. */
  itemCount: number;
  findings: TriggerFinding[];
}

export interface PollOptions {
  /** Wait when the API sends no Retry-After (the platform's trigger interval), ms. */
  intervalMs: number;
  /** Longest wait honoured; a longer Retry-After is clamped (and said so). */
  maxWaitMs: number;
  /** Current time (for an HTTP-date Retry-After). */
  now?: number;
}

export const MAX_ITEMS_SHOWN = 50;
export const ITEM_TEXT_LIMIT = 8 * 1024;
const MAX_FINDINGS_PER_POLL = 20;

function header(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Retry-After as ms: delta-seconds or an HTTP-date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The Location header resolved against the URL that was polled; undefined when absent or not http(s). */
export function resolveLocation(location: string | undefined, requestUrl: string): string | undefined {
  if (!location?.trim()) return undefined;
  try {
    const url = new URL(location.trim(), requestUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function at(value: unknown, path: readonly string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function itemText(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? String(value);
  return text.length > ITEM_TEXT_LIMIT ? `${text.slice(0, ITEM_TEXT_LIMIT)}\n… (cut)` : text;
}

type ItemChecker = (value: unknown) => FiredItem['mismatches'];

/** The item schema compiled once (no schema: every item fits; a schema that does not compile: said per item). */
function itemChecker(doc: SwaggerDocument, schema: Record<string, unknown> | undefined): ItemChecker {
  if (!schema) return () => [];
  try {
    const check = valueChecker(doc, schema);
    return (value) => check(value).map((m) => ({ path: m.path, message: m.message }));
  } catch (error) {
    const message = `the schema cannot be compiled: ${(error as Error).message}`;
    return () => [{ path: '$', message }];
  }
}

/** Checks one item against the trigger's item schema (no schema: valid, nothing to say). */
export function checkItem(doc: SwaggerDocument, schema: Record<string, unknown> | undefined, value: unknown, index: number, checker = itemChecker(doc, schema)): FiredItem {
  const mismatches = checker(value);
  return { index, text: itemText(value), valid: mismatches.length === 0, mismatches };
}

/** One transition of the polling state machine: the response of a poll to what happens next. */
export function interpretPoll(doc: SwaggerDocument, info: TriggerInfo, requestUrl: string, response: PollResponse, options: PollOptions): PollOutcome {
  const findings: TriggerFinding[] = [];
  const location = header(response.headers, 'location');
  const nextUrl = resolveLocation(location, requestUrl);
  if (location !== undefined && nextUrl === undefined) findings.push(finding('no-location-on-202', 'warning', `Location "${location}" is not an http(s) URL; the next poll repeats the trigger request.`));
  if (nextUrl && new URL(nextUrl).origin !== new URL(requestUrl).origin) {
    findings.push(finding('location-other-origin', 'warning', `Location points to another origin (${new URL(nextUrl).origin}); the connection's credentials are not sent there.`));
  }
  const retry = retryAfterMs(header(response.headers, 'retry-after'), options.now);
  let waitMs = retry ?? options.intervalMs;
  if (retry !== undefined && retry > options.maxWaitMs) {
    findings.push(finding('retry-after-clamped', 'info', `Retry-After asks for ${Math.round(retry / 1000)} s; the Test panel waits at most ${Math.round(options.maxWaitMs / 1000)} s.`));
    waitMs = options.maxWaitMs;
  }
  const base = { waitMs, nextUrl, items: [] as FiredItem[], itemCount: 0, findings };

  if (response.status >= 300) {
    findings.push(finding('error-status', response.status >= 500 ? 'warning' : 'error', `The trigger answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}; the platform retries later and the flow does not fire.`));
    return { ...base, outcome: 'error', nextUrl: undefined, waitMs: retry !== undefined ? waitMs : options.intervalMs };
  }
  const empty = response.bodyText.trim() === '';
  if (response.status === 202 || empty) {
    if (!nextUrl && location === undefined) findings.push(finding('no-location-on-202', 'warning', `${response.status} without a Location header: the platform polls the trigger request again and cannot keep trigger state (it may fire the same items twice or miss some).`));
    if (retry === undefined) findings.push(finding('no-retry-after', 'info', `${response.status} without Retry-After: the platform waits its own interval (here ${Math.round(options.intervalMs / 1000)} s).`));
    return { ...base, outcome: 'no-items' };
  }
  if (response.truncated) {
    findings.push(finding('body-not-json', 'error', 'The body is larger than the Test panel reads; its items were not split.'));
    return { ...base, outcome: 'error' };
  }
  let body: unknown;
  try {
    body = JSON.parse(response.bodyText);
  } catch (error) {
    findings.push(finding('body-not-json', 'error', `The ${response.status} body is not JSON (${(error as Error).message}); the platform cannot read trigger outputs from it.`));
    return { ...base, outcome: 'error' };
  }
  if (!nextUrl) findings.push(finding('no-location-on-202', 'info', `${response.status} without a Location header: the next poll repeats the trigger request, so trigger state must be kept some other way (e.g. x-ms-trigger-value).`));
  let values: unknown[];
  if (info.mode === 'batch') {
    const path = info.itemPath ?? [];
    const array = at(body, path);
    if (!Array.isArray(array)) {
      findings.push(finding('batch-body-not-array', 'error', `The trigger is "batch" but the body${path.length ? ` at ${path.join('.')}` : ''} is ${array === undefined ? 'missing' : Array.isArray(array) ? 'an array' : typeof array}, not an array: the platform cannot split it into runs.`));
      return { ...base, outcome: 'error' };
    }
    values = array;
    if (!values.length) return { ...base, outcome: 'no-items' };
  } else values = [body];
  // Budget: the first MAX_ITEMS_SHOWN items are checked and listed; the rest are counted.
  const items: FiredItem[] = [];
  const checker = itemChecker(doc, info.itemSchema);
  for (const [i, v] of values.slice(0, MAX_ITEMS_SHOWN).entries()) {
    const item = checkItem(doc, info.itemSchema, v, i, checker);
    items.push(item);
    if (!item.valid && findings.length < MAX_FINDINGS_PER_POLL) {
      findings.push(finding('item-schema-mismatch', 'warning', `Item ${i + 1} does not match the ${info.itemSchemaSource ?? 'schema'}: ${item.mismatches.slice(0, 3).map((m) => `${m.path} ${m.message}`).join('; ')}`));
    }
  }
  if (values.length > MAX_ITEMS_SHOWN) findings.push(finding('item-schema-mismatch', 'info', `${values.length} items fired; the first ${MAX_ITEMS_SHOWN} are listed and checked.`));
  return { ...base, outcome: 'fired', items, itemCount: values.length };
}

/** A sent poll: a response, or a named fault (the API unreachable, a timeout, ...). */
export type PollSendResult =
  | { ok: true; url: string; shownUrl?: string; response: PollResponse; timeMs: number }
  | { ok: false; url: string; shownUrl?: string; kind: string; message: string };

/** Sends one poll: the trigger request (url undefined) or a GET to the Location URL. */
export type PollSender = (url: string | undefined, signal: AbortSignal) => Promise<PollSendResult>;

export interface PollStep {
  n: number;
  at: number;
  /** The URL polled, secrets redacted. */
  url: string;
  status?: number;
  statusText?: string;
  timeMs?: number;
  outcome: PollOutcome['outcome'] | 'unreachable';
  waitMs: number;
  /** The URL of the next poll (Location), secrets redacted; undefined = the trigger request again. */
  nextUrl?: string;
  items: FiredItem[];
  itemCount: number;
  findings: TriggerFinding[];
  /** Response headers (the sender's, already safe to show). */
  headers?: Record<string, string>;
}

export interface SessionOptions extends PollOptions {
  /** Polls before the session stops by itself. */
  maxPolls: number;
  /** Consecutive unreachable polls before it stops (the API is down). */
  maxFaults?: number;
  onStep(step: PollStep): void;
  /** Redacts a URL for the step (default: as is). */
  redactUrl?(url: string): string;
  onStop?(reason: 'stopped' | 'max-polls' | 'unreachable'): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** One "Start polling": polls until stop(), maxPolls, or maxFaults unreachable polls in a row. */
export class PollingSession {
  private readonly controller = new AbortController();
  private steps = 0;
  readonly done: Promise<void>;

  constructor(
    private readonly doc: SwaggerDocument,
    private readonly info: TriggerInfo,
    private readonly send: PollSender,
    private readonly options: SessionOptions,
  ) {
    this.done = this.loop();
  }

  get running(): boolean {
    return !this.controller.signal.aborted;
  }

  stop(): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort();
    this.options.onStop?.('stopped');
  }

  private async loop(): Promise<void> {
    const signal = this.controller.signal;
    let next: string | undefined;
    let faults = 0;
    const maxFaults = this.options.maxFaults ?? 1;
    // Yield once so the caller has the session before the first step is reported.
    await Promise.resolve();
    while (!signal.aborted) {
      const n = ++this.steps;
      const sent = await this.send(next, signal);
      if (signal.aborted) return;
      let step: PollStep;
      const shown = (url: string | undefined) => (url === undefined ? undefined : (this.options.redactUrl ?? ((u: string) => u))(url));
      if (!sent.ok) {
        faults++;
        step = {
          n, at: Date.now(), url: sent.shownUrl ?? shown(sent.url)!, outcome: 'unreachable', waitMs: this.options.intervalMs, nextUrl: shown(next), items: [], itemCount: 0,
          findings: [finding('unreachable', 'error', `The API could not be reached (${sent.kind}): ${sent.message}`)],
        };
      } else {
        faults = 0;
        const o = interpretPoll(this.doc, this.info, sent.url, sent.response, { ...this.options, now: Date.now() });
        step = { n, at: Date.now(), url: sent.shownUrl ?? shown(sent.url)!, status: sent.response.status, statusText: sent.response.statusText, timeMs: sent.timeMs, headers: sent.response.headers, ...o, nextUrl: shown(o.nextUrl) };
        // No Location: the platform repeats the trigger request; a Location wins once given.
        next = o.nextUrl ?? (o.outcome === 'error' ? next : undefined);
      }
      this.options.onStep(step);
      if (faults >= maxFaults) return this.finish('unreachable');
      if (n >= this.options.maxPolls) return this.finish('max-polls');
      await sleep(step.waitMs, signal);
    }
  }

  private finish(reason: 'max-polls' | 'unreachable'): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort();
    this.options.onStop?.(reason);
  }
}
