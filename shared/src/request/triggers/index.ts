// Trigger testing (issue 23): the pure logic the Test panel drives. See each module's header.
export { finding, type TriggerFinding, type TriggerFindingCode } from './findings';
export { triggerInfo, batchItems, type TriggerInfo, type NotificationUrlTarget } from './model';
export {
  interpretPoll, retryAfterMs, resolveLocation, checkItem, PollingSession,
  MAX_ITEMS_SHOWN, ITEM_TEXT_LIMIT,
  type PollResponse, type PollOutcome, type PollOptions, type PollStep, type PollSender, type PollSendResult, type FiredItem, type SessionOptions,
} from './polling';
export { startReceiver, DEFAULT_MAX_BODY, DEFAULT_MAX_NOTIFICATIONS, type Receiver, type ReceivedNotification, type ReceiverOptions } from './receiver';
export { fillNotificationUrl, interpretRegistration, unsubscribeRequest, requestForUrl, checkNotification, type CheckedNotification } from './webhook';
export { httpPollSender, redactUrl } from './http';
