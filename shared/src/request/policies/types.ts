import type { HttpRequest } from '../types';

/** One entry of apiProperties.json properties.policyTemplateInstances. */
export interface PolicyTemplateInstance {
  templateId: string;
  title?: string;
  type?: string;
  parameters?: Record<string, unknown>;
}

/**
 * applied: the template changed (or inspected) the message as the runtime would;
 * skipped: it does not apply here (other operation, other section, condition not met);
 * not-emulated: the runtime would do something this tool cannot reproduce (message says what);
 * failed: the template applies but its parameters cannot be evaluated (message says why).
 */
export type PolicyStatus = 'applied' | 'skipped' | 'not-emulated' | 'failed';

export interface PolicyOutcome {
  index: number;
  templateId: string;
  title?: string;
  status: PolicyStatus;
  message: string;
}

export interface PolicyFetchResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends a side request (for setvaluefromurl); injected so the policy code stays pure. */
export type PolicyFetch = (request: HttpRequest) => Promise<PolicyFetchResponse>;

export interface PolicyContext {
  operationId: string | undefined;
  connectionParameters: Record<string, string>;
  /** Names of connection parameters that are secret (securestring / OAuth); values they feed get redacted. */
  secretConnectionParameters?: string[];
  fetch?: PolicyFetch;
}

/** A response as seen by response-section policies. */
export interface PolicyResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface RequestPolicyResult {
  request: HttpRequest;
  outcomes: PolicyOutcome[];
}

export interface ResponsePolicyResult {
  response: PolicyResponse;
  outcomes: PolicyOutcome[];
  /** Set by setconnectionstatustounauthenticated when the status matches. */
  connectionStatus?: 'unauthenticated';
  /** The next-page link found by updatenextlink. */
  nextLink?: string;
}

/** Thrown inside a template to produce a `failed` outcome with a clear message. */
export class PolicyFailure extends Error {}

export const PARAM = 'x-ms-apimTemplateParameter.';

export function param(instance: PolicyTemplateInstance, name: string): string | undefined {
  const value = instance.parameters?.[PARAM + name];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function requireParam(instance: PolicyTemplateInstance, name: string): string {
  const value = param(instance, name);
  if (value === undefined || value === '') throw new PolicyFailure(`parameter ${PARAM}${name} is required`);
  return value;
}
