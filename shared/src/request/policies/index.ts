/**
 * Emulation of connector policy templates (apiProperties.json properties.policyTemplateInstances)
 * on a built request and on the response, in the order the instances are listed.
 * Every instance yields one outcome; templates this tool cannot reproduce say so.
 */
import { setHeader } from '../headers';
import type { HttpRequest } from '../types';
import { withUrl } from '../url';
import { applyBodyTemplate, BODY_TEMPLATES } from './bodyTemplates';
import { evaluateTemplate } from './expressions';
import {
  dynamichosturl,
  existsActionOf,
  routerequesttoendpoint,
  setHeaderWithAction,
  setheaderOnRequest,
  setqueryparameter,
  setvaluefromurl,
} from './requestTemplates';
import { appliesToOperation, operationNames, sectionOf, templateKey, type Section } from './select';
import {
  PolicyFailure,
  requireParam,
  type PolicyContext,
  type PolicyOutcome,
  type PolicyResponse,
  type PolicyTemplateInstance,
  type RequestPolicyResult,
  type ResponsePolicyResult,
} from './types';

export * from './types';
export { evaluateTemplate, parsePath } from './expressions';
export { sectionOf, operationNames, appliesToOperation } from './select';

/** Template ids this module knows, lower case (the catalogue's list plus spellings seen in accepted connectors). */
export const KNOWN_TEMPLATES = [
  'setheader',
  'setqueryparameter',
  'dynamichosturl',
  'routerequesttoendpoint',
  'setproperty',
  'stringtoarray',
  'convertarraytoobject',
  'convertobjecttoarray',
  'stringreplace',
  'encodepropertyvalue',
  'setvaluefromurl',
  'updatenextlink',
  'setconnectionstatustounauthenticated',
  'pollingtrigger',
  'moveproperties',
  'dynamicsubdomain',
] as const;

const NOT_EMULATED: Record<string, string> = {
  pollingtrigger:
    'Not emulated: the runtime keeps polling state (triggerConfig, triggerDataPath) between trigger runs; this tool sends one request with the values you enter.',
  moveproperties: 'Not emulated: Microsoft publishes no specification for this template.',
  dynamicsubdomain: 'Not emulated: Microsoft publishes no specification for this template (use dynamichosturl semantics to test).',
};

function outcome(index: number, instance: PolicyTemplateInstance, status: PolicyOutcome['status'], message: string): PolicyOutcome {
  return { index, templateId: instance.templateId, title: instance.title, status, message };
}

function skipReason(instance: PolicyTemplateInstance, operationId: string | undefined, wanted: Section[]): string | undefined {
  if (!appliesToOperation(instance, operationId)) return `applies only to ${operationNames(instance).join(', ')}`;
  const section = sectionOf(instance);
  if (!wanted.includes(section)) return `runs on the ${section} section`;
  return undefined;
}

const decoder = new TextDecoder();

function parseJsonBody(body: string | Uint8Array | undefined, create: boolean): unknown {
  if (body === undefined || (typeof body === 'string' && body.trim() === '') || (body instanceof Uint8Array && body.length === 0)) {
    if (create) return {};
    throw new PolicyFailure('there is no body to transform');
  }
  const text = typeof body === 'string' ? body : decoder.decode(body);
  try {
    return JSON.parse(text);
  } catch {
    throw new PolicyFailure('the body is not JSON, so it cannot be transformed');
  }
}

/** Applies the Request-section instances to a request. */
export async function applyPolicies(
  request: HttpRequest,
  instances: PolicyTemplateInstance[] | undefined,
  context: PolicyContext,
): Promise<RequestPolicyResult> {
  let current = request;
  const outcomes: PolicyOutcome[] = [];
  for (const [index, instance] of (instances ?? []).entries()) {
    const key = templateKey(instance);
    const skip = skipReason(instance, context.operationId, ['request']);
    if (skip) {
      outcomes.push(outcome(index, instance, 'skipped', skip));
      continue;
    }
    try {
      let message: string;
      if (key === 'setheader') ({ request: current, message } = setheaderOnRequest(current, instance, context));
      else if (key === 'setqueryparameter') ({ request: current, message } = setqueryparameter(current, instance, context));
      else if (key === 'dynamichosturl') ({ request: current, message } = dynamichosturl(current, instance, context));
      else if (key === 'routerequesttoendpoint') ({ request: current, message } = routerequesttoendpoint(current, instance, context));
      else if (BODY_TEMPLATES.has(key)) {
        const root = parseJsonBody(current.body, key === 'setproperty');
        const result = applyBodyTemplate(key, instance, root);
        const contentType = current.contentType ?? 'application/json';
        current = withUrl({
          ...current,
          body: JSON.stringify(result.body),
          contentType,
          headers: setHeader(current.headers, 'Content-Type', contentType),
        });
        message = result.message;
      } else if (key === 'setvaluefromurl') {
        const result = await setvaluefromurl(current, instance, context);
        if (!result) {
          outcomes.push(
            outcome(index, instance, 'not-emulated', 'Not emulated: this template makes an extra call to the backend to read the value; no side-call function was provided.'),
          );
          continue;
        }
        ({ request: current, message } = result);
      } else if (NOT_EMULATED[key]) {
        outcomes.push(outcome(index, instance, 'not-emulated', NOT_EMULATED[key]));
        continue;
      } else {
        outcomes.push(outcome(index, instance, 'not-emulated', `Not emulated: unknown template id "${instance.templateId}".`));
        continue;
      }
      outcomes.push(outcome(index, instance, 'applied', message));
    } catch (error) {
      outcomes.push(outcome(index, instance, 'failed', failureMessage(error)));
    }
  }
  return { request: current, outcomes };
}

function failureMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return error instanceof PolicyFailure ? text.charAt(0).toUpperCase() + text.slice(1) + '.' : `Unexpected error: ${text}`;
}

/**
 * Applies Response-section instances (and Failure-section ones when the status is 4xx/5xx)
 * to a received response. `request` is the request that was sent, for expressions.
 */
export function applyResponsePolicies(
  response: PolicyResponse,
  instances: PolicyTemplateInstance[] | undefined,
  context: PolicyContext,
  request?: HttpRequest,
): ResponsePolicyResult {
  let current: PolicyResponse = { ...response, headers: { ...response.headers } };
  const outcomes: PolicyOutcome[] = [];
  const result: ResponsePolicyResult = { response: current, outcomes };
  const sections: Section[] = response.status >= 400 ? ['response', 'failure'] : ['response'];
  for (const [index, instance] of (instances ?? []).entries()) {
    const key = templateKey(instance);
    const skip = skipReason(instance, context.operationId, sections);
    if (skip) {
      outcomes.push(outcome(index, instance, 'skipped', skip));
      continue;
    }
    try {
      if (key === 'setheader') {
        const name = requireParam(instance, 'name');
        const evaluated = evaluateTemplate(requireParam(instance, 'value'), {
          connectionParameters: context.connectionParameters,
          secretConnectionParameters: context.secretConnectionParameters,
          // @headers() on the response side reads the response headers.
          headers: current.headers,
          query: request?.query ?? [],
        });
        if (evaluated.errors.length) throw new PolicyFailure(evaluated.errors.join('; '));
        const set = setHeaderWithAction(current.headers, name, evaluated.value, existsActionOf(instance));
        current = { ...current, headers: set.headers };
        outcomes.push(outcome(index, instance, 'applied', set.message));
      } else if (BODY_TEMPLATES.has(key)) {
        const root = parseJsonBody(current.body, false);
        const transformed = applyBodyTemplate(key, instance, root);
        current = { ...current, body: JSON.stringify(transformed.body) };
        outcomes.push(outcome(index, instance, 'applied', transformed.message));
      } else if (key === 'updatenextlink') {
        const name = requireParam(instance, 'nextLinkPropertyName');
        const root = parseJsonBody(current.body, false);
        const link = root && typeof root === 'object' ? (root as Record<string, unknown>)[name] : undefined;
        if (typeof link === 'string' && link) {
          result.nextLink = link;
          outcomes.push(
            outcome(index, instance, 'applied', `next page link found in "${name}"; the runtime rewrites it so the next page is fetched through the connector — shown here as the backend sent it`),
          );
        } else outcomes.push(outcome(index, instance, 'skipped', `the body has no "${name}" link (last page)`));
      } else if (key === 'setconnectionstatustounauthenticated') {
        const code = Number(requireParam(instance, 'statusCode'));
        if (!Number.isInteger(code)) throw new PolicyFailure('statusCode is not an integer');
        if (response.status === code) {
          result.connectionStatus = 'unauthenticated';
          outcomes.push(
            outcome(index, instance, 'applied', `status ${code}: the runtime would mark the connection as unauthenticated (users must sign in again)`),
          );
        } else outcomes.push(outcome(index, instance, 'skipped', `status ${response.status} is not ${code}`));
      } else if (NOT_EMULATED[key]) {
        outcomes.push(outcome(index, instance, 'not-emulated', NOT_EMULATED[key]));
      } else {
        outcomes.push(
          outcome(index, instance, 'not-emulated', `Not emulated on the response: "${instance.templateId}" is not a response template this tool knows.`),
        );
      }
    } catch (error) {
      outcomes.push(outcome(index, instance, 'failed', failureMessage(error)));
    }
  }
  result.response = current;
  return result;
}
