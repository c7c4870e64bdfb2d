/**
 * Which instances apply to an operation and in which section. Per the policy template pages on
 * Microsoft Learn: `x-ms-apimTemplate-operationName` lists the operations ("if no operation is
 * selected, this policy will apply to all operations"); `x-ms-apimTemplate-policySection` is
 * Request (before the backend call), Response (after it) or, for setheader, Failure (only when
 * the backend call fails).
 */
import type { PolicyTemplateInstance } from './types';

export type Section = 'request' | 'response' | 'failure';

/** Templates that only make sense on the response. */
const RESPONSE_ONLY = new Set(['updatenextlink', 'setconnectionstatustounauthenticated']);

export function templateKey(instance: PolicyTemplateInstance): string {
  return String(instance.templateId ?? '').toLowerCase();
}

export function operationNames(instance: PolicyTemplateInstance): string[] {
  const p = instance.parameters ?? {};
  const raw = p['x-ms-apimTemplate-operationName'] ?? p['x-ms-apimTemplateParameter.operationName'];
  if (Array.isArray(raw)) return raw.map(String).filter(Boolean);
  if (typeof raw === 'string' && raw.trim()) return raw.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

export function appliesToOperation(instance: PolicyTemplateInstance, operationId: string | undefined): boolean {
  const names = operationNames(instance);
  return names.length === 0 || (operationId !== undefined && names.includes(operationId));
}

export function sectionOf(instance: PolicyTemplateInstance): Section {
  const raw = instance.parameters?.['x-ms-apimTemplate-policySection'];
  if (typeof raw === 'string' && raw.trim()) {
    const s = raw.trim().toLowerCase();
    if (s === 'response' || s === 'failure' || s === 'request') return s;
  }
  return RESPONSE_ONLY.has(templateKey(instance)) ? 'response' : 'request';
}
