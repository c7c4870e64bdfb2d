// Rule family 7 (security and apiProperties connection parameters): the apiProperties.json shape,
// connection parameters, and the cross-file agreement with securityDefinitions.
// Definition-side checks: securityDefinitions.ts; oAuthSettings and parameter sets: securityOAuth.ts.
import { isObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule } from './types';
import { connectionParameters, propertiesBlock, typeOf } from './util/connectionParameters';

/** The keys of apiProperties.json `properties`, its capabilities and connection parameter types (also the editor schema's: languageService/schema/editorSchemas.ts). */
export const APIPROPERTIES_KEYS: readonly string[] = ['iconBrandColor', 'capabilities', 'connectionParameters', 'connectionParameterSets', 'policyTemplateInstances', 'publisher', 'stackOwner', 'scriptOperations'];
export const CAPABILITIES: readonly string[] = ['actions', 'triggers', 'gateway', 'cloud only'];
export const CONNECTION_PARAMETER_TYPES: readonly string[] = ['string', 'securestring', 'int', 'bool', 'oauthSetting', 'gatewaySetting'];
const KNOWN_KEYS = APIPROPERTIES_KEYS;
const PARAM_TYPES = CONNECTION_PARAMETER_TYPES;

const propsShape: Rule = {
  ids: ['props-root-shape', 'props-known-keys', 'icon-brand-color-required', 'icon-brand-color-format', 'capabilities-values', 'publisher-stackowner-required', 'publisher-stackowner-alphanumeric', 'stackowner-paconn-update'],
  check(ctx) {
    if (!ctx.properties) return;
    const root = ctx.properties.value;
    const report = (ruleId: string, path: (string | number)[], message: string, target?: 'key' | 'value') => ctx.report({ ruleId, file: 'properties', pointer: pathToPointer(path), target, message });
    if (!isObject(root)) return report('props-root-shape', [], 'apiProperties.json must be an object with a "properties" object.');
    // paconn and the platform read only "properties": another root key is ignored, not a failed import.
    for (const k of Object.keys(root)) if (k !== 'properties' && k !== '$schema') report('props-known-keys', [k], `"${k}" at the root of apiProperties.json is ignored: only "properties" (and "$schema") are read. Move it under "properties" or remove it.`);
    const props = propertiesBlock(root);
    if (!props) return report('props-root-shape', root.properties === undefined ? [] : ['properties'], 'apiProperties.json needs a "properties" object.', root.properties === undefined ? undefined : 'value');
    for (const k of Object.keys(props)) if (!KNOWN_KEYS.includes(k)) report('props-known-keys', ['properties', k], `"${k}" is not a known apiProperties key (known: ${KNOWN_KEYS.join(', ')}).`);
    // The known keys have fixed JSON types ([SCHPROP]); the platform cannot import other shapes.
    for (const [k, want] of Object.entries(KEY_TYPES)) {
      const v = props[k];
      if (v === undefined) continue;
      const got = jsonType(v);
      if (got !== want) {
        report('props-root-shape', ['properties', k], `"${k}" must be ${want === 'array' ? 'an array' : 'an object'}, not ${describeType(got)}: the platform cannot import this apiProperties.json.`, 'value');
        continue;
      }
      const items = k === 'connectionParameterSets' ? (props[k] as Record<string, unknown>).values : v;
      const itemType = ITEM_TYPES[k];
      if (k === 'connectionParameterSets' && items !== undefined && !Array.isArray(items)) {
        report('props-root-shape', ['properties', k, 'values'], `"connectionParameterSets.values" must be an array, not ${describeType(jsonType(items))}.`, 'value');
      } else if (itemType && Array.isArray(items)) {
        items.forEach((item, i) => {
          const t = jsonType(item);
          if (t !== itemType) report('props-root-shape', k === 'connectionParameterSets' ? ['properties', k, 'values', i] : ['properties', k, i], `Entry ${i} of "${k === 'connectionParameterSets' ? 'connectionParameterSets.values' : k}" must be ${itemType === 'string' ? 'a string' : 'an object'}, not ${describeType(t)}: the platform cannot import it.`, 'value');
        });
      }
    }
    if (props.iconBrandColor === undefined) report('icon-brand-color-required', ['properties'], 'apiProperties.json needs "iconBrandColor" (a #rrggbb colour matching the icon background).');
    else if (typeof props.iconBrandColor !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(props.iconBrandColor)) report('icon-brand-color-format', ['properties', 'iconBrandColor'], `iconBrandColor ${JSON.stringify(props.iconBrandColor)} should be a #rrggbb hex colour.`, 'value');
    if (Array.isArray(props.capabilities)) {
      props.capabilities.forEach((c, i) => {
        if (typeof c === 'string' && !CAPABILITIES.includes(c)) report('capabilities-values', ['properties', 'capabilities', i], `Capability ${JSON.stringify(c)} is not a known value (${CAPABILITIES.join(', ')}).`, 'value');
      });
    }
    for (const k of ['publisher', 'stackOwner']) {
      const v = props[k];
      if (typeof v !== 'string' || v.trim() === '') report('publisher-stackowner-required', v === undefined ? ['properties'] : ['properties', k], `"${k}" must be a non-empty string for certification.`, v === undefined ? undefined : 'value');
      else if (!/^[\p{L}\p{N} ]+$/u.test(v)) report('publisher-stackowner-alphanumeric', ['properties', k], `${k} "${v}" should be a plain alphanumeric name (letters, digits, spaces).`, 'value');
    }
    if (props.stackOwner !== undefined) report('stackowner-paconn-update', ['properties', 'stackOwner'], 'paconn cannot update a connector whose apiProperties.json contains stackOwner; keep it only in the certification copy.');
  },
};

/** JSON type of each known key of `properties`, and of its entries. */
const KEY_TYPES: Record<string, 'object' | 'array'> = { connectionParameters: 'object', connectionParameterSets: 'object', policyTemplateInstances: 'array', capabilities: 'array', scriptOperations: 'array' };
const ITEM_TYPES: Record<string, 'object' | 'string'> = { connectionParameterSets: 'object', policyTemplateInstances: 'object', capabilities: 'string', scriptOperations: 'string' };

function jsonType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function describeType(t: string): string {
  return t === 'null' ? 'null' : t === 'array' ? 'an array' : t === 'object' ? 'an object' : `a ${t}`;
}

const SECRET_NAME = /(key|secret|password|passwd|token|pwd)$/i;

const parameterRules: Rule = {
  ids: ['connection-parameter-name', 'connection-parameter-type', 'connection-parameter-secret', 'connection-parameter-ui-definition', 'connection-parameter-constraints', 'connection-parameter-tenant-claim'],
  check(ctx) {
    if (!ctx.properties) return;
    for (const p of connectionParameters(ctx.properties.value)) {
      const report = (ruleId: string, rest: (string | number)[], message: string, target?: 'key' | 'value') => ctx.report({ ruleId, file: 'properties', pointer: pathToPointer([...p.path, ...rest]), target, message });
      if (!/^[A-Za-z0-9_]+(:[A-Za-z0-9_]+)?$/.test(p.name)) report('connection-parameter-name', [], `Connection parameter name "${p.name}" may use letters, digits and _ only (optionally "name:subname").`);
      if (!isObject(p.value)) {
        report('connection-parameter-type', [], `Connection parameter "${p.name}" must be an object with a type.`, 'value');
        continue;
      }
      const v = p.value;
      const type = typeOf(p);
      if (type === undefined || !PARAM_TYPES.includes(type)) {
        const near = typeof type === 'string' ? PARAM_TYPES.find((t) => t.toLowerCase() === type.toLowerCase()) : undefined;
        // Case variants (oAuthSetting) work in accepted connectors: only unknown types are errors.
        if (!near) report('connection-parameter-type', type === undefined ? [] : ['type'], `Connection parameter "${p.name}" has type ${JSON.stringify(v.type)}; use one of ${PARAM_TYPES.join(', ')}.`, type === undefined ? undefined : 'value');
      }
      const ui = v.uiDefinition;
      const hidden = isObject(ui) && isObject(ui.constraints) && (ui.constraints.hidden === 'true' || ui.constraints.hidden === true);
      if (type === 'string' && SECRET_NAME.test(p.name) && !hidden && !/(^|_)(client_?id|username|user)$/i.test(p.name)) {
        report('connection-parameter-secret', ['type'], `"${p.name}" looks like a secret; use type "securestring" so it is masked and not exported.`, 'value');
      }
      const userFacing = type !== 'oauthSetting' && type !== 'gatewaySetting' && !hidden;
      if (userFacing) {
        if (!isObject(ui)) report('connection-parameter-ui-definition', [], `Connection parameter "${p.name}" has no uiDefinition; add displayName and description.`);
        else for (const k of ['displayName', 'description']) if (typeof ui[k] !== 'string' || ui[k] === '') report('connection-parameter-ui-definition', ['uiDefinition'], `uiDefinition of "${p.name}" needs "${k}".`);
      }
      if (isObject(ui) && isObject(ui.constraints)) {
        const c = ui.constraints;
        for (const k of ['required', 'hidden']) if (c[k] !== undefined && c[k] !== 'true' && c[k] !== 'false') report('connection-parameter-constraints', ['uiDefinition', 'constraints', k], `constraints.${k} should be the string "true" or "false", not ${JSON.stringify(c[k])}.`, 'value');
        if (c.clearText !== undefined && typeof c.clearText !== 'boolean') report('connection-parameter-constraints', ['uiDefinition', 'constraints', 'clearText'], 'constraints.clearText should be a boolean.', 'value');
        if (Array.isArray(c.allowedValues)) c.allowedValues.forEach((a, i) => {
          if (!isObject(a) || a.value === undefined) report('connection-parameter-constraints', ['uiDefinition', 'constraints', 'allowedValues', i], 'Each allowedValues entry needs a "value".', 'value');
        });
      }
      if (p.name === 'token:TenantId') {
        const meta = isObject(v.metadata) ? v.metadata : {};
        // The schema wants it hidden and optional, but accepted multi-auth connectors show it and
        // require it; only the type and the source (what makes the platform fill it) are errors.
        if (type !== 'string' || meta.sourceType !== 'AzureActiveDirectoryTenant') {
          report('connection-parameter-tenant-claim', [], 'token:TenantId must be a string with metadata.sourceType "AzureActiveDirectoryTenant" (and normally hidden and optional).');
        }
      }
    }
  },
};

/** Cross-file: each security scheme has connection parameters of the matching kind, and the reverse. */
const authKindConsistency: Rule = {
  ids: ['auth-kind-consistency'],
  check(ctx) {
    const def = ctx.index.definitionValue;
    if (!def || !ctx.properties || !isObject(ctx.properties.value)) return;
    const sd = isObject(def.securityDefinitions) ? def.securityDefinitions : {};
    const params = connectionParameters(ctx.properties.value);
    const types = params.map((p) => (typeOf(p) ?? '').toLowerCase());
    const has = (t: string) => types.includes(t);
    const props = propertiesBlock(ctx.properties.value);
    const anchor = props && isObject(props.connectionParameterSets) ? ['properties', 'connectionParameterSets'] : props && props.connectionParameters !== undefined ? ['properties', 'connectionParameters'] : ['properties'];
    const report = (message: string) => ctx.report({ ruleId: 'auth-kind-consistency', file: 'properties', pointer: pathToPointer(anchor), message });
    const kinds = new Set<string>();
    for (const [name, s] of Object.entries(sd)) {
      if (!isObject(s) || typeof s.type !== 'string') continue;
      kinds.add(s.type);
      if (s.type === 'oauth2' && !has('oauthsetting')) report(`securityDefinitions "${name}" is oauth2, but apiProperties.json has no connection parameter of type "oauthSetting" (usually "token" with oAuthSettings); add one.`);
      if (s.type === 'apiKey' && !has('securestring') && !has('string')) report(`securityDefinitions "${name}" is an apiKey scheme, but apiProperties.json has no connection parameter to hold the key; add "${name}" of type "securestring" with a uiDefinition.`);
      if (s.type === 'basic' && !(params.some((p) => /user/i.test(p.name)) && params.some((p) => /pass/i.test(p.name)))) report(`securityDefinitions "${name}" is basic authentication, but apiProperties.json lacks "username" and "password" connection parameters; add them (password as securestring).`);
    }
    params.forEach((p, i) => {
      // Multi-auth definitions often leave securityDefinitions out; only plain parameters are checked.
      if (types[i] === 'oauthsetting' && !kinds.has('oauth2') && p.set === undefined) {
        ctx.report({ ruleId: 'auth-kind-consistency', file: 'properties', pointer: pathToPointer(p.path), message: `Connection parameter "${p.name}" is an oauthSetting, but the definition has no oauth2 security scheme; add one to securityDefinitions (or remove the parameter).` });
      }
    });
  },
};

export const rules: Rule[] = [propsShape, parameterRules, authKindConsistency];
