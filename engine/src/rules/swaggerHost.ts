// Rule family 2 (Swagger 2.0 structure), "Host, base path, schemes, media types": see docs/rules.md.
import { isObject, type JsonObject, type OperationEntry } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import { effectiveList } from './swaggerStructure';
import { effectiveParameters as mergedParameters } from './util/parameters';
import type { Rule, RuleContext } from './types';

const HOST_NAME = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

export function hostProblem(host: string): string | undefined {
  if (host.trim() === '') return 'is empty';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return 'includes a scheme: put only the host name in "host" and list the scheme in "schemes"';
  if (/[{}]/.test(host)) return 'contains braces: templated hosts are not supported; use a dynamichosturl policy for a per-connection host';
  if (/\s/.test(host)) return 'contains whitespace';
  if (host.includes('/')) return 'includes a path: move the path into "basePath"';
  const m = /^(.*?)(?::(\d*))?$/.exec(host)!;
  const name = m[1];
  if (m[2] !== undefined && (m[2] === '' || Number(m[2]) > 65535)) return 'has an invalid port';
  if (!HOST_NAME.test(name) && !IPV6.test(name)) return 'is not a valid host name';
  return undefined;
}

/** True when the connector sets its host per connection (x-ms-dynamic-host-url or a dynamichosturl policy). */
function hasDynamicHost(def: JsonObject, properties: unknown): boolean {
  if (def['x-ms-dynamic-host-url'] !== undefined) return true;
  const props = isObject(properties) && isObject(properties.properties) ? properties.properties : undefined;
  const policies = props?.policyTemplateInstances;
  return Array.isArray(policies) && policies.some((p) => isObject(p) && p.templateId === 'dynamichosturl');
}

const hostValid: Rule = {
  ids: ['host-valid'],
  check({ definition, properties, report }) {
    const def = definition?.value;
    if (!isObject(def) || typeof def.host !== 'string') return;
    // A templated host next to a per-connection host is accepted: the placeholder is replaced at run time.
    if (/[{}]/.test(def.host) && hasDynamicHost(def, properties?.value) && hostProblem(def.host.replace(/\{+[^{}]*\}+/g, 'x')) === undefined) return;
    const problem = hostProblem(def.host);
    if (problem) report({ ruleId: 'host-valid', pointer: '/host', target: 'value', message: `"host" ${problem} (expected e.g. "api.contoso.com" or "api.contoso.com:8443").` });
  },
};

const hostPresent: Rule = {
  ids: ['host-present'],
  check({ definition, properties, report }) {
    const def = definition?.value;
    if (!isObject(def) || 'host' in def || 'openapi' in def) return;
    if (hasDynamicHost(def, properties?.value)) return;
    report({ ruleId: 'host-present', pointer: '', message: 'The definition has no "host": requests have no target. Add "host" (e.g. "api.contoso.com") or a dynamichosturl policy.' });
  },
};

const basePathValid: Rule = {
  ids: ['basepath-valid'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def) || typeof def.basePath !== 'string') return;
    if (!def.basePath.startsWith('/')) report({ ruleId: 'basepath-valid', pointer: '/basePath', target: 'value', message: `"basePath" must start with "/" (write "/${def.basePath}").` });
  },
};

function eachSchemesList(ctx: RuleContext, fn: (list: unknown[], path: (string | number)[], where: string) => void): void {
  const def = ctx.definition?.value;
  if (!isObject(def)) return;
  if (Array.isArray(def.schemes)) fn(def.schemes, ['schemes'], 'the root');
  for (const op of ctx.index.operations) {
    if (Array.isArray(op.operation.schemes)) fn(op.operation.schemes, ['paths', op.path, op.method, 'schemes'], `${op.method.toUpperCase()} ${op.path}`);
  }
}

const schemesNotEmpty: Rule = {
  ids: ['schemes-not-empty'],
  check(ctx) {
    eachSchemesList(ctx, (list, path, where) => {
      if (list.length === 0) ctx.report({ ruleId: 'schemes-not-empty', pointer: pathToPointer(path), target: 'value', message: `"schemes" of ${where} is empty: list at least one scheme, e.g. ["https"], or remove it.` });
    });
  },
};

const schemesValid: Rule = {
  ids: ['schemes-valid'],
  check(ctx) {
    eachSchemesList(ctx, (list, path) => {
      list.forEach((s, i) => {
        if (s === 'http' || s === 'https') return;
        const pointer = pathToPointer([...path, i]);
        if (s === 'ws' || s === 'wss') ctx.report({ ruleId: 'schemes-valid', pointer, target: 'value', message: `Scheme "${s}" is not supported: custom connectors call HTTP(S) endpoints only (WebSocket is refused).` });
        else if (typeof s === 'string') ctx.report({ ruleId: 'schemes-valid', pointer, target: 'value', message: `Scheme "${s}" is not valid: use "https" (or "http").` });
      });
    });
  },
};

const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+*-]+\/[A-Za-z0-9!#$&^_.+*-]+(?:\s*;\s*[^;=\s]+\s*=\s*[^;]*)*\s*;?\s*$/;

function eachMediaList(ctx: RuleContext, fn: (list: unknown[], path: (string | number)[], key: 'consumes' | 'produces', op?: OperationEntry) => void): void {
  const def = ctx.definition?.value;
  if (!isObject(def)) return;
  for (const key of ['consumes', 'produces'] as const) {
    if (Array.isArray(def[key])) fn(def[key], [key], key);
    for (const op of ctx.index.operations) if (Array.isArray(op.operation[key])) fn(op.operation[key] as unknown[], ['paths', op.path, op.method, key], key, op);
  }
}

const mimeTypeValid: Rule = {
  ids: ['mime-type-valid'],
  check(ctx) {
    eachMediaList(ctx, (list, path, key) => {
      list.forEach((m, i) => {
        if (typeof m === 'string' && !MEDIA_TYPE.test(m.trim())) ctx.report({ ruleId: 'mime-type-valid', pointer: pathToPointer([...path, i]), target: 'value', message: `"${m}" in "${key}" is not a media type: write "type/subtype", e.g. "application/json".` });
      });
    });
  },
};

function essence(m: string): string {
  return m.split(';')[0].trim().toLowerCase();
}

const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);

function isSupportedRequestType(m: string): boolean {
  const e = essence(m);
  return e === 'application/json' || e.endsWith('+json') || e.startsWith('text/') || FORM_TYPES.has(e) || e === '*/*' || e === 'application/*';
}

const mimeTypeSupported: Rule = {
  ids: ['mime-type-supported'],
  check(ctx) {
    eachMediaList(ctx, (list, path, key) => {
      if (key !== 'consumes') return;
      list.forEach((m, i) => {
        if (typeof m === 'string' && MEDIA_TYPE.test(m.trim()) && !isSupportedRequestType(m)) {
          ctx.report({ ruleId: 'mime-type-supported', pointer: pathToPointer([...path, i]), target: 'value', message: `Request media type "${m}" may not be sent as expected by the platform (it sends JSON, text, multipart/form-data and application/x-www-form-urlencoded); check that the action works.` });
        }
      });
    });
  },
};

/** The operation's parameters (the one model: path-level overridden by its own on name + in), resolved ones only. */
export function effectiveParameters(root: JsonObject, op: OperationEntry): JsonObject[] {
  return mergedParameters(root, op).filter((p) => p.resolved).map((p) => p.param);
}

const consumesMissing: Rule = {
  ids: ['consumes-missing'],
  check({ definition, index, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    for (const op of index.operations) {
      const params = effectiveParameters(def, op);
      const needs = params.find((p) => p.in === 'body' || p.in === 'formData');
      if (!needs) continue;
      const consumes = effectiveList(op.operation, def, 'consumes');
      if (consumes && consumes.some((m) => typeof m === 'string' && isSupportedRequestType(m))) continue;
      const what = needs.in === 'formData' ? 'multipart/form-data or application/x-www-form-urlencoded' : 'application/json';
      report({ ruleId: 'consumes-missing', pointer: op.pointer, message: `${op.method.toUpperCase()} ${op.path} sends a ${needs.in} parameter but ${consumes ? 'its "consumes" has no supported media type' : 'neither it nor the root declares "consumes"'}: add "consumes": ["${what.split(' or ')[0]}"].` });
    }
  },
};

const mimeIncompatibleWithRequest: Rule = {
  ids: ['mime-incompatible-with-request'],
  check({ definition, index, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    for (const op of index.operations) {
      const consumes = effectiveList(op.operation, def, 'consumes')?.filter((m): m is string => typeof m === 'string');
      if (!consumes || consumes.length === 0) continue;
      const params = effectiveParameters(def, op);
      const own = Array.isArray(op.operation.consumes);
      const pointer = own ? `${op.pointer}/consumes` : op.pointer;
      if (params.some((p) => p.in === 'formData') && !consumes.some((m) => /form/.test(essence(m)) || essence(m) === '*/*')) {
        report({ ruleId: 'mime-incompatible-with-request', pointer, message: `${op.method.toUpperCase()} ${op.path} has formData parameters but consumes only ${consumes.join(', ')}: add "multipart/form-data" or "application/x-www-form-urlencoded".` });
      }
    }
  },
};

const stringBinaryFormUrlencoded: Rule = {
  ids: ['string-binary-form-urlencoded'],
  check({ definition, index, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    const seen = new Set<string>();
    for (const op of index.operations) {
      const consumes = effectiveList(op.operation, def, 'consumes')?.filter((m): m is string => typeof m === 'string');
      if (!consumes || consumes.length === 0 || !consumes.every((m) => essence(m) === 'application/x-www-form-urlencoded')) continue;
      for (const { param: p, pointer, resolved } of mergedParameters(def, op)) {
        // A path-item entry shared by several operations is reported once.
        if (!resolved || p.in !== 'formData' || seen.has(pointer)) continue;
        seen.add(pointer);
        if (p.type === 'file' || (p.type === 'string' && p.format === 'binary')) {
          report({ ruleId: 'string-binary-form-urlencoded', pointer, message: `File parameter "${String(p.name)}" cannot be sent as application/x-www-form-urlencoded: consume "multipart/form-data" instead.` });
        }
      }
    }
  },
};

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

const contactEmailValid: Rule = {
  ids: ['contact-email-valid'],
  check({ definition, report }) {
    const def = definition?.value;
    if (!isObject(def) || !isObject(def.info) || !isObject(def.info.contact)) return;
    const email = def.info.contact.email;
    if (typeof email === 'string' && !EMAIL.test(email)) report({ ruleId: 'contact-email-valid', pointer: '/info/contact/email', target: 'value', message: `"${email}" is not a valid e-mail address (ASCII, name@domain.tld).` });
  },
};

/**
 * An absolute URL by the WHATWG URL parser (what browsers and node accept), with no extra
 * strictness: Microsoft's validator accepts whatever parses, e.g. an unusual scheme.
 */
export function isAbsoluteUrl(s: string): boolean {
  return URL.canParse(s);
}

const urlValid: Rule = {
  ids: ['url-valid'],
  check({ definition, index, report }) {
    const def = definition?.value;
    if (!isObject(def)) return;
    const check = (v: unknown, path: (string | number)[], what: string) => {
      if (typeof v !== 'string' || v === '' || isAbsoluteUrl(v)) return;
      report({ ruleId: 'url-valid', pointer: pathToPointer(path), target: 'value', message: `${what} "${v}" is not an absolute URL: write it as https://...` });
    };
    const info = isObject(def.info) ? def.info : undefined;
    if (info && isObject(info.contact)) check(info.contact.url, ['info', 'contact', 'url'], 'Contact URL');
    if (info && isObject(info.license)) check(info.license.url, ['info', 'license', 'url'], 'License URL');
    if (isObject(def.externalDocs)) check(def.externalDocs.url, ['externalDocs', 'url'], 'externalDocs URL');
    if (Array.isArray(def.tags)) def.tags.forEach((t, i) => isObject(t) && isObject(t.externalDocs) && check(t.externalDocs.url, ['tags', i, 'externalDocs', 'url'], 'externalDocs URL'));
    for (const op of index.operations) if (isObject(op.operation.externalDocs)) check(op.operation.externalDocs.url, ['paths', op.path, op.method, 'externalDocs', 'url'], 'externalDocs URL');
    if (isObject(def.securityDefinitions)) {
      for (const [name, s] of Object.entries(def.securityDefinitions)) {
        if (!isObject(s)) continue;
        for (const k of ['authorizationUrl', 'tokenUrl']) check(s[k], ['securityDefinitions', name, k], `${k} of "${name}"`);
      }
    }
    // x-ms-connector-metadata Website / Privacy policy: connector-metadata-urls (certification);
    // accepted connectors carry values such as "Www.contoso.com".
  },
};

export const rules: Rule[] = [hostValid, hostPresent, basePathValid, schemesNotEmpty, schemesValid, mimeTypeValid, mimeTypeSupported, consumesMissing, mimeIncompatibleWithRequest, stringBinaryFormUrlencoded, contactEmailValid, urlValid];
