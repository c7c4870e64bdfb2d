/**
 * The webhook side of the platform's trigger contract: the notification URL written into the
 * registration request (the x-ms-notification-url property), the subscription URL taken from the
 * registration's Location header, the DELETE sent to it when the flow is turned off, and each
 * notification checked against the x-ms-notification-content schema. Pure apart from types.
 */
import type { HttpRequest, SwaggerDocument } from '../types';
import { withUrl } from '../url';
import { checkItem, resolveLocation, type FiredItem } from './polling';
import { finding, type TriggerFinding } from './findings';
import type { TriggerInfo } from './model';
import type { ReceivedNotification } from './receiver';

/**
 * The form values and body text with the notification URL filled in where the definition marks
 * it. A body that is not a JSON object is replaced by one (with a finding).
 */
export function fillNotificationUrl(
  info: TriggerInfo,
  values: Record<string, string>,
  bodyText: string | undefined,
  url: string,
): { values: Record<string, string>; bodyText?: string; findings: TriggerFinding[] } {
  const target = info.notificationUrl;
  const findings: TriggerFinding[] = [];
  if (!target) return { values, bodyText, findings: [finding('notification-url-missing', 'error', 'The definition marks no property with "x-ms-notification-url": true; the API is not told where to send notifications.')] };
  if (target.in !== 'body') return { values: { ...values, [`${target.in}:${target.name}`]: url }, bodyText, findings };
  let body: Record<string, unknown> = {};
  if (bodyText?.trim()) {
    try {
      const parsed: unknown = JSON.parse(bodyText);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      else findings.push(finding('request-not-built', 'warning', 'The body is not a JSON object; it was replaced by one holding the notification URL.'));
    } catch {
      findings.push(finding('request-not-built', 'warning', 'The body is not valid JSON; it was replaced by one holding the notification URL.'));
    }
  }
  let cur = body;
  target.path.forEach((key, i) => {
    if (i === target.path.length - 1) cur[key] = url;
    else {
      const next = cur[key];
      cur[key] = next && typeof next === 'object' && !Array.isArray(next) ? next : {};
      cur = cur[key] as Record<string, unknown>;
    }
  });
  return { values, bodyText: JSON.stringify(body, null, 2), findings };
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** What the registration response means: the subscription URL, or named findings. */
export function interpretRegistration(info: TriggerInfo, requestUrl: string, status: number, headers: Record<string, string>): { subscriptionUrl?: string; findings: TriggerFinding[] } {
  const findings: TriggerFinding[] = [];
  if (status < 200 || status >= 300) {
    findings.push(finding('registration-failed', 'error', `The registration answered ${status}: the platform could not turn the flow on.`));
    return { findings };
  }
  const location = header(headers, 'location');
  const subscriptionUrl = resolveLocation(location, requestUrl);
  if (!subscriptionUrl) {
    findings.push(finding('registration-no-location', 'warning', location === undefined
      ? `The registration answered ${status} without a Location header: the platform cannot delete this subscription when the flow is turned off, so the API keeps calling a dead URL.`
      : `The registration's Location "${location}" is not an http(s) URL: the platform cannot delete this subscription.`));
  }
  if (!info.deleteOperationId) findings.push(finding('delete-operation-missing', 'warning', 'The definition declares no DELETE operation for subscriptions.'));
  return { subscriptionUrl, findings };
}

/**
 * The DELETE the platform sends to the subscription URL: the registration's headers (the
 * connection's credentials) when it is on the same origin, none of the secret ones otherwise.
 */
export function unsubscribeRequest(registration: HttpRequest, subscriptionUrl: string): HttpRequest {
  return requestForUrl(registration, subscriptionUrl, 'DELETE');
}

/** A bodiless request to `url` carrying the original request's headers (secret ones only on the same origin). */
export function requestForUrl(original: HttpRequest, url: string, method: string): HttpRequest {
  const target = new URL(url);
  const sameOrigin = target.origin === new URL(original.url).origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(original.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-type' || lower === 'content-length') continue;
    if (!sameOrigin && (original.secrets.headers.includes(lower) || /^(authorization|cookie|x-api-key|api-key|ocp-apim-subscription-key)$/i.test(name))) continue;
    headers[name] = value;
  }
  const query: Array<[string, string]> = [...target.searchParams.entries()];
  return withUrl({
    method,
    baseUrl: target.origin,
    path: target.pathname,
    query,
    headers,
    pathParams: {},
    operationId: original.operationId,
    secrets: { headers: sameOrigin ? original.secrets.headers : [], query: original.secrets.query, values: original.secrets.values },
  });
}

export interface CheckedNotification extends ReceivedNotification {
  check: FiredItem;
  findings: TriggerFinding[];
}

/** A received notification checked against the x-ms-notification-content schema. */
export function checkNotification(doc: SwaggerDocument, info: TriggerInfo, notification: ReceivedNotification): CheckedNotification {
  const findings: TriggerFinding[] = [];
  if (notification.tooLarge) {
    findings.push(finding('notification-not-json', 'error', 'The notification body was over the receiver budget and was refused (413).'));
    return { ...notification, check: { index: 0, text: '', valid: false, mismatches: [] }, findings };
  }
  let value: unknown;
  try {
    value = notification.bodyText.trim() === '' ? undefined : JSON.parse(notification.bodyText);
  } catch (error) {
    findings.push(finding('notification-not-json', 'error', `The notification body is not JSON (${(error as Error).message}).`));
    return { ...notification, check: { index: 0, text: notification.bodyText.slice(0, 8192), valid: false, mismatches: [] }, findings };
  }
  if (value === undefined) {
    findings.push(finding('notification-not-json', 'warning', 'The notification has an empty body: the flow run gets no outputs.'));
    return { ...notification, check: { index: 0, text: '', valid: !info.itemSchema, mismatches: [] }, findings };
  }
  const check = checkItem(doc, info.itemSchema, value, 0);
  if (!check.valid) {
    findings.push(finding('notification-schema-mismatch', 'warning', `The notification does not match the ${info.itemSchemaSource ?? 'schema'}: ${check.mismatches.slice(0, 3).map((m) => `${m.path} ${m.message}`).join('; ')}`));
  }
  return { ...notification, check, findings };
}
