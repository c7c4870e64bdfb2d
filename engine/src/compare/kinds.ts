// The kinds of change the breaking-change comparison reports. Each kind is a rule id of the
// catalogue (docs/rules.md, "Breaking changes"): its severity is the catalogue's (breaking = error,
// risky = warning, safe = info), so a user can turn one off or down like any other rule.

export const CHANGE_KINDS = [
  // operations
  'breaking-operation-removed',
  'breaking-operation-id-changed',
  'breaking-operation-path-changed',
  'breaking-operation-method-changed',
  'breaking-operation-hidden',
  'breaking-operation-deprecated',
  // parameters (and the properties of a body schema, which the designer shows as inputs)
  'breaking-parameter-required-added',
  'breaking-parameter-required-default-added',
  'breaking-parameter-removed',
  'breaking-parameter-name-changed',
  'breaking-parameter-location-changed',
  'breaking-parameter-type-changed',
  'breaking-parameter-format-changed',
  'breaking-parameter-visibility-changed',
  'breaking-parameter-encoding-changed',
  'breaking-parameter-required-turned-on',
  'breaking-enum-value-removed',
  // responses
  'breaking-response-property-removed',
  'breaking-response-type-changed',
  'breaking-response-format-changed',
  'breaking-array-items-changed',
  'breaking-dynamic-changed',
  // triggers
  'breaking-trigger-kind-changed',
  'breaking-notification-content-changed',
  // security, connection parameters, policies
  'breaking-auth-changed',
  'breaking-connection-parameter-changed',
  'breaking-policy-template-changed',
  'breaking-host-changed',
  'client-secret-change-version',
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];
