/**
 * Named trigger misconfigurations and faults. Every problem the trigger tester finds is one of
 * these codes with a message: nothing is thrown at the user.
 */
export type TriggerFindingCode =
  // static (the definition)
  | 'definition-unreadable'
  | 'trigger-hint-missing'
  | 'trigger-kind-unknown'
  | 'notification-url-missing'
  | 'notification-content-missing'
  | 'delete-operation-missing'
  | 'location-not-declared'
  | 'polling-not-get'
  | 'response-schema-missing'
  | 'batch-without-array'
  | 'single-is-array'
  | 'no-202-declared'
  // polling, per response
  | 'no-location-on-202'
  | 'no-retry-after'
  | 'retry-after-clamped'
  | 'batch-body-not-array'
  | 'body-not-json'
  | 'item-schema-mismatch'
  | 'error-status'
  | 'location-other-origin'
  // webhook
  | 'registration-failed'
  | 'registration-no-location'
  | 'notification-schema-mismatch'
  | 'notification-not-json'
  | 'unsubscribe-failed'
  // faults of the run itself
  | 'unreachable'
  | 'port-taken'
  | 'receiver-failed'
  | 'notification-timeout'
  | 'request-not-built';

export interface TriggerFinding {
  code: TriggerFindingCode;
  /** error: the platform would fail or never fire; warning: works but wrong/risky; info: style. */
  level: 'error' | 'warning' | 'info';
  message: string;
}

export function finding(code: TriggerFindingCode, level: TriggerFinding['level'], message: string): TriggerFinding {
  return { code, level, message };
}
