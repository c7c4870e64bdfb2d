/**
 * Request-side templates that change the URL, headers or query (setheader, setqueryparameter,
 * dynamichosturl, routerequesttoendpoint, setvaluefromurl). Semantics from Microsoft Learn:
 * connectors/custom-connectors/policy-templates/<id>/<id> and the training module
 * "policy-templates-custom-connectors" (units 4 and 5).
 */
import { getHeader, findHeaderName, setHeader } from '../headers';
import type { HttpRequest } from '../types';
import { withUrl } from '../url';
import { evaluateTemplate, getAt, parsePath, type ExpressionScope } from './expressions';
import { PolicyFailure, param, requireParam, type PolicyContext, type PolicyTemplateInstance } from './types';

export type ExistsAction = 'override' | 'skip' | 'append';

export function scopeOf(request: HttpRequest, context: PolicyContext): ExpressionScope {
  return {
    connectionParameters: context.connectionParameters,
    secretConnectionParameters: context.secretConnectionParameters,
    headers: request.headers,
    query: request.query,
  };
}

function evaluate(template: string, request: HttpRequest, context: PolicyContext) {
  const result = evaluateTemplate(template, scopeOf(request, context));
  if (result.errors.length) throw new PolicyFailure(result.errors.join('; '));
  return result;
}

export function existsActionOf(instance: PolicyTemplateInstance): ExistsAction {
  const raw = (param(instance, 'existsAction') ?? 'override').toLowerCase();
  if (raw === 'override' || raw === 'skip' || raw === 'append') return raw;
  throw new PolicyFailure(`existsAction "${raw}" is not override, skip or append`);
}

/** Header rule shared by request and response: override replaces, skip keeps, append adds ", value". */
export function setHeaderWithAction(
  headers: Record<string, string>,
  name: string,
  value: string,
  action: ExistsAction,
): { headers: Record<string, string>; message: string } {
  const existing = getHeader(headers, name);
  if (existing === undefined) return { headers: setHeader(headers, name, value), message: `added header ${name}` };
  if (action === 'skip') return { headers, message: `kept existing header ${name} (existsAction skip)` };
  if (action === 'append') {
    const key = findHeaderName(headers, name) ?? name;
    return { headers: { ...headers, [key]: `${existing},${value}` }, message: `appended to header ${name}` };
  }
  return { headers: setHeader(headers, name, value), message: `replaced header ${name}` };
}

export function setheaderOnRequest(request: HttpRequest, instance: PolicyTemplateInstance, context: PolicyContext) {
  const name = requireParam(instance, 'name');
  const { value, secret, secretValues } = evaluate(requireParam(instance, 'value'), request, context);
  const { headers, message } = setHeaderWithAction(request.headers, name, value, existsActionOf(instance));
  const secrets = secret
    ? { ...request.secrets, headers: [...request.secrets.headers, name.toLowerCase()], values: [...(request.secrets.values ?? []), ...secretValues] }
    : request.secrets;
  return { request: withUrl({ ...request, headers, secrets }), message };
}

export function setqueryparameter(request: HttpRequest, instance: PolicyTemplateInstance, context: PolicyContext) {
  const name = requireParam(instance, 'name');
  const { value, secret, secretValues } = evaluate(requireParam(instance, 'value'), request, context);
  const action = existsActionOf(instance);
  const exists = request.query.some(([n]) => n === name);
  let query = request.query;
  let message: string;
  if (!exists) {
    query = [...query, [name, value]];
    message = `added query parameter ${name}`;
  } else if (action === 'skip') {
    message = `kept existing query parameter ${name} (existsAction skip)`;
  } else if (action === 'append') {
    // As in API Management's set-query-parameter: the value is added as one more occurrence.
    query = [...query, [name, value]];
    message = `appended a value to query parameter ${name}`;
  } else {
    const first = query.findIndex(([n]) => n === name);
    query = query.filter(([n], i) => n !== name || i === first).map(([n, v], i) => (i === first ? [n, value] : [n, v]));
    message = `replaced query parameter ${name}`;
  }
  const secrets = secret
    ? { ...request.secrets, query: [...request.secrets.query, name], values: [...(request.secrets.values ?? []), ...secretValues] }
    : request.secrets;
  return { request: withUrl({ ...request, query, secrets }), message };
}

export function dynamichosturl(request: HttpRequest, instance: PolicyTemplateInstance, context: PolicyContext) {
  const { value, secretValues } = evaluate(requireParam(instance, 'urlTemplate'), request, context);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PolicyFailure(`urlTemplate evaluated to "${value}", which is not an absolute URL (scheme and host)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PolicyFailure(`urlTemplate evaluated to a ${url.protocol} URL`);
  // The template replaces scheme, host and base path; the operation path is appended to it.
  const baseUrl = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  const secrets = secretValues.length ? { ...request.secrets, values: [...(request.secrets.values ?? []), ...secretValues] } : request.secrets;
  return { request: withUrl({ ...request, baseUrl, secrets }), message: `host URL set to ${baseUrl}` };
}

export function routerequesttoendpoint(request: HttpRequest, instance: PolicyTemplateInstance, context: PolicyContext) {
  // newPath accepts expressions too ("/@connectionParameters('apiKey')/codes" in an accepted connector).
  const evaluated = evaluate(requireParam(instance, 'newPath'), request, context);
  const newPath = evaluated.value;
  const [pathPart, queryPart] = newPath.split('?', 2);
  const missing: string[] = [];
  const path = pathPart.replace(/\{([^}]+)\}/g, (_w, name: string) => {
    if (request.pathParams[name] !== undefined) return request.pathParams[name];
    const q = request.query.find(([n]) => n === name);
    if (q) return encodeURIComponent(q[1]);
    const h = getHeader(request.headers, name);
    if (h !== undefined) return encodeURIComponent(h);
    missing.push(name);
    return '';
  });
  if (missing.length) throw new PolicyFailure(`newPath uses ${missing.map((m) => `{${m}}`).join(', ')}, which the operation has no value for`);
  let query = request.query;
  if (queryPart) query = [...new URLSearchParams(queryPart).entries(), ...query];
  const verb = param(instance, 'httpMethod');
  let method = request.method;
  if (verb && !/^@Request\.OriginalHTTPMethod$/i.test(verb.trim())) method = verb.trim().toUpperCase();
  const secrets = evaluated.secretValues.length
    ? { ...request.secrets, values: [...(request.secrets.values ?? []), ...evaluated.secretValues] }
    : request.secrets;
  let next: HttpRequest = withUrl({ ...request, path: path.startsWith('/') ? path : '/' + path, query, method, secrets });
  if ((method === 'GET' || method === 'HEAD') && next.body !== undefined) {
    next = withUrl({ ...next, body: undefined, contentType: undefined, headers: Object.fromEntries(Object.entries(next.headers).filter(([k]) => k.toLowerCase() !== 'content-type')) });
  }
  return { request: next, message: `routed to ${method} ${next.path}` };
}

/**
 * setvaluefromurl: calls parameterValueUrl (relative to the host URL) and copies the value at
 * parameterValuePathTemplate of its JSON response into the header or query parameter named by
 * parameterTemplate (`@headers('x')` / `@queryParameters('x')`).
 */
export async function setvaluefromurl(request: HttpRequest, instance: PolicyTemplateInstance, context: PolicyContext) {
  const target = requireParam(instance, 'parameterTemplate');
  const relative = requireParam(instance, 'parameterValueUrl');
  const valuePath = requireParam(instance, 'parameterValuePathTemplate');
  const targetMatch = /^@(headers|header|queryParameters|queryParameter)\(\s*['‘’"](.+?)['‘’"]\s*\)$/.exec(target.trim());
  if (!targetMatch) throw new PolicyFailure(`parameterTemplate "${target}" is not @headers('name') or @queryParameters('name')`);
  if (!context.fetch) return undefined;
  const side = routerequesttoendpoint(
    { ...request, body: undefined, contentType: undefined, query: [] },
    { templateId: 'routerequesttoendpoint', parameters: { 'x-ms-apimTemplateParameter.newPath': relative, 'x-ms-apimTemplateParameter.httpMethod': param(instance, 'httpMethod') ?? 'GET' } },
    context,
  ).request;
  const headers = Object.fromEntries(Object.entries(side.headers).filter(([k]) => !/^(content-type|content-length)$/i.test(k)));
  const response = await context.fetch({ ...side, headers });
  if (response.status < 200 || response.status > 299) throw new PolicyFailure(`${side.method} ${side.url} answered ${response.status}`);
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    throw new PolicyFailure(`${side.method} ${side.url} did not answer JSON`);
  }
  const value = getAt(json, parsePath(valuePath).segments);
  if (value === undefined || value === null) throw new PolicyFailure(`the response of ${side.url} has nothing at ${valuePath}`);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const name = targetMatch[2];
  if (targetMatch[1].startsWith('header')) {
    return { request: withUrl({ ...request, headers: setHeader(request.headers, name, text) }), message: `header ${name} set from ${side.url}` };
  }
  const query: Array<[string, string]> = [...request.query.filter(([n]) => n !== name), [name, text]];
  return { request: withUrl({ ...request, query }), message: `query parameter ${name} set from ${side.url}` };
}
