// Rule family 7 (security), definition side: securityDefinitions and security requirements.
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule, RuleContext } from './types';

const TYPES = ['basic', 'apiKey', 'oauth2'];
const ALLOWED: Record<string, string[]> = {
  basic: ['type', 'description'],
  apiKey: ['type', 'description', 'name', 'in'],
  oauth2: ['type', 'description', 'flow', 'authorizationUrl', 'tokenUrl', 'scopes'],
};
/** URLs each OAuth 2.0 flow needs (OpenAPI 2.0). */
const FLOW_URLS: Record<string, string[]> = {
  implicit: ['authorizationUrl'],
  password: ['tokenUrl'],
  application: ['tokenUrl'],
  accessCode: ['authorizationUrl', 'tokenUrl'],
};

function schemes(ctx: RuleContext): JsonObject | undefined {
  const sd = ctx.index.definitionValue?.securityDefinitions;
  return isObject(sd) ? sd : undefined;
}

const schemeRules: Rule = {
  ids: ['security-definition-type', 'security-scheme-property-required', 'security-scheme-property-invalid', 'oauth2-flow'],
  check(ctx) {
    const sd = schemes(ctx);
    if (!sd) return;
    for (const [name, s] of Object.entries(sd)) {
      const at = (...rest: string[]) => pathToPointer(['securityDefinitions', name, ...rest]);
      if (!isObject(s)) {
        ctx.report({ ruleId: 'security-definition-type', pointer: at(), target: 'value', message: `Security scheme "${name}" must be an object with a type (basic, apiKey or oauth2).` });
        continue;
      }
      if (typeof s.type !== 'string' || !TYPES.includes(s.type)) {
        ctx.report({ ruleId: 'security-definition-type', pointer: s.type === undefined ? at() : at('type'), target: s.type === undefined ? 'key' : 'value', message: `Security scheme "${name}" has type ${JSON.stringify(s.type)}; use basic, apiKey or oauth2.` });
        continue;
      }
      for (const k of Object.keys(s)) {
        if (ALLOWED[s.type].includes(k) || k.startsWith('x-')) continue;
        ctx.report({ ruleId: 'security-scheme-property-invalid', pointer: at(k), message: `"${k}" is not allowed on a ${s.type} security scheme; allowed: ${ALLOWED[s.type].join(', ')}.` });
      }
      if (s.type === 'apiKey') {
        for (const k of ['name', 'in']) {
          if (typeof s[k] !== 'string') ctx.report({ ruleId: 'security-scheme-property-required', pointer: at(), message: `apiKey scheme "${name}" needs "${k}"${k === 'in' ? ' (header or query)' : ' (the header or query parameter carrying the key)'}.` });
        }
        if (typeof s.in === 'string' && s.in !== 'header' && s.in !== 'query') {
          ctx.report({ ruleId: 'security-definition-type', pointer: at('in'), target: 'value', message: `apiKey scheme "${name}" has in "${s.in}"; use header or query.` });
        }
      } else if (s.type === 'oauth2') {
        if (typeof s.flow !== 'string') {
          ctx.report({ ruleId: 'security-scheme-property-required', pointer: at(), message: `oauth2 scheme "${name}" needs "flow" (accessCode for the authorization-code flow).` });
          continue;
        }
        for (const url of FLOW_URLS[s.flow] ?? []) {
          if (typeof s[url] !== 'string') ctx.report({ ruleId: 'security-scheme-property-required', pointer: at(), message: `oauth2 scheme "${name}" with flow ${s.flow} needs "${url}".` });
        }
        if (!(s.flow in FLOW_URLS)) {
          ctx.report({ ruleId: 'security-definition-type', pointer: at('flow'), target: 'value', message: `oauth2 flow "${s.flow}" is not one of implicit, password, application, accessCode.` });
        } else if (s.flow !== 'accessCode') {
          ctx.report({ ruleId: 'oauth2-flow', pointer: at('flow'), target: 'value', message: `oauth2 scheme "${name}" uses flow ${s.flow}; the platform drives the authorization-code flow (accessCode).` });
        }
      }
    }
  },
};

const requirementRules: Rule = {
  ids: ['security-requirement-defined', 'security-requirement-has-value', 'security-requirement-empty-for-nonoauth', 'security-requirement-oauth-scope'],
  check(ctx) {
    const def = ctx.index.definitionValue;
    if (!def) return;
    const sd = schemes(ctx) ?? {};
    const lists: { value: unknown; path: (string | number)[] }[] = [{ value: def.security, path: ['security'] }];
    for (const op of ctx.index.operations) lists.push({ value: op.operation.security, path: ['paths', op.path, op.method, 'security'] });
    for (const { value, path } of lists) {
      if (!Array.isArray(value)) continue;
      value.forEach((req, i) => {
        if (!isObject(req)) return;
        for (const [name, scopes] of Object.entries(req)) {
          const at = pathToPointer([...path, i, name]);
          const scheme = sd[name];
          if (!isObject(scheme)) {
            ctx.report({ ruleId: 'security-requirement-defined', pointer: at, message: `Security requirement "${name}" is not defined in securityDefinitions${Object.keys(sd).length ? ` (defined: ${Object.keys(sd).join(', ')})` : ''}.` });
            continue;
          }
          if (!Array.isArray(scopes)) {
            ctx.report({ ruleId: 'security-requirement-has-value', pointer: at, target: 'value', message: `Security requirement "${name}" must map to an array (use [] when there are no scopes).` });
            continue;
          }
          if (scheme.type !== 'oauth2') {
            if (scopes.length > 0) ctx.report({ ruleId: 'security-requirement-empty-for-nonoauth', pointer: at, target: 'value', message: `"${name}" is a ${String(scheme.type)} scheme; its requirement must be an empty array.` });
            continue;
          }
          const declared = isObject(scheme.scopes) ? scheme.scopes : {};
          scopes.forEach((sc, j) => {
            if (typeof sc === 'string' && sc in declared) return;
            ctx.report({ ruleId: 'security-requirement-oauth-scope', pointer: pathToPointer([...path, i, name, j]), target: 'value', message: `Scope ${JSON.stringify(sc)} is not declared in the scopes of oauth2 scheme "${name}"; declare it there or remove it.` });
          });
        }
      });
    }
  },
};

export const rules: Rule[] = [schemeRules, requirementRules];
