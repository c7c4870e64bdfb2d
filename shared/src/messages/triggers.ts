/**
 * Trigger messages of the Test Operation panel (issue 23): the trigger the operation is, the
 * polling timeline and the webhook subscription with its notifications. Joined into the panel's
 * HostToWebview / WebviewToHost unions in testOperation.ts. Nothing secret: URLs are redacted,
 * secret-looking notification headers are replaced by ***.
 */
import type { TriggerFinding } from '../request/triggers/findings';
import type { FiredItem, PollStep } from '../request/triggers/polling';

export type { TriggerFinding, FiredItem };

export interface TriggerView {
  kind: 'polling' | 'webhook';
  /** x-ms-trigger as written. */
  mode: string;
  hint?: string;
  /** Polling: where a batch is split ("the body" or "value"). */
  itemPath?: string;
  itemSchemaSource?: string;
  /** Webhook: where the notification URL goes ("body.callbackUrl"). */
  notificationUrlTarget?: string;
  deleteOperationId?: string;
  /** Static findings of the definition. */
  findings: TriggerFinding[];
  /** Polling: the wait without Retry-After (setting connectorStudio.testOperation.triggerIntervalSeconds), ms. */
  intervalMs: number;
  /** Webhook: how long to wait for a notification before the notification-timeout fault, ms. */
  notificationTimeoutMs: number;
}

/** One poll as the timeline shows it (the session's step without the response headers). */
export type PollStepView = Omit<PollStep, 'headers'>;

export interface NotificationView {
  n: number;
  at: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Pretty JSON, or the text as received (cut for display). */
  bodyText: string;
  valid: boolean;
  mismatches: Array<{ path: string; message: string }>;
  findings: TriggerFinding[];
}

export type PollingState = { running: boolean; reason?: string };

export interface SubscriptionView {
  state: 'subscribing' | 'subscribed' | 'unsubscribing' | 'unsubscribed' | 'failed';
  /** The notification URL given to the API (external form, token included: it is not a user secret). */
  notificationUrl?: string;
  /** The receiver's local address. */
  localUrl?: string;
  /** The subscription (Location) URL, redacted. */
  subscriptionUrl?: string;
  registrationStatus?: number;
  deleteStatus?: number;
  findings: TriggerFinding[];
}

export type TriggerHostToWebview =
  | { type: 'trigger'; trigger?: TriggerView }
  | { type: 'pollStep'; step: PollStepView }
  | { type: 'polling'; state: PollingState }
  | { type: 'subscription'; subscription: SubscriptionView }
  | { type: 'notification'; notification: NotificationView }
  /** A named fault of the trigger run (unreachable, port-taken, notification-timeout, ...). */
  | { type: 'triggerFault'; finding: TriggerFinding };

export type TriggerWebviewToHost =
  | { type: 'startPolling'; values: Record<string, string>; bodyText?: string; connectionId?: string; hostOverride?: string }
  | { type: 'stopPolling' }
  | { type: 'subscribe'; values: Record<string, string>; bodyText?: string; connectionId?: string; hostOverride?: string }
  | { type: 'unsubscribe' }
  | { type: 'waitNotification' };

export const TRIGGER_HOST_TYPES = ['trigger', 'pollStep', 'polling', 'subscription', 'notification', 'triggerFault'] as const;
export const TRIGGER_WEBVIEW_TYPES = ['startPolling', 'stopPolling', 'subscribe', 'unsubscribe', 'waitNotification'] as const;
