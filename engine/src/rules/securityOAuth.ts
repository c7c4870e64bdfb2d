// Rule family 7 (security): oAuthSettings of oauthSetting connection parameters and
// connectionParameterSets (multi-auth). Findings go in apiProperties.json unless noted.
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import { pathToPointer } from '../languageService/tree';
import type { Rule, RuleContext } from './types';
import { connectionParameters, propertiesBlock, typeOf, type ConnectionParameter } from './util/connectionParameters';

const PROVIDERS = ['oauth2', 'oauth2generic', 'aad', 'aadcertificate', 'facebook'];
// loginUriAAD is documented for aadcertificate, but accepted aad connectors set it too (harmless).
const AAD_KEYS = ['resourceUri', 'loginUri', 'loginUriAAD', 'tenantId', 'enableOnbehalfOfLogin', 'grantType', 'scopes'];
const OAUTH2_KEYS = ['authorizationUrl', 'tokenUrl', 'refreshUrl'];
const OAUTH2GENERIC_KEYS = ['authorizationUrlTemplate', 'authorizationUrlQueryStringTemplate', 'tokenUrlTemplate', 'tokenBodyTemplate', 'refreshUrlTemplate', 'refreshBodyTemplate', 'scopeListDelimiter'];
const REDIRECT_MODES = ['Global', 'GlobalPerConnector', 'Direct'];
const PLACEHOLDER = /^(|\*+|x+|<.*>|\{.*\}|dummy|placeholder|secret|client_?secret|your.*|changeme|null|none|n\/a)$/i;

interface OAuthParam {
  p: ConnectionParameter;
  settings: JsonObject;
  path: (string | number)[];
}

function oauthParams(ctx: RuleContext): OAuthParam[] {
  if (!ctx.properties) return [];
  const out: OAuthParam[] = [];
  for (const p of connectionParameters(ctx.properties.value)) {
    if ((typeOf(p) ?? '').toLowerCase() !== 'oauthsetting' || !isObject(p.value)) continue;
    const key = keyCI(p.value, 'oAuthSettings') ?? 'oAuthSettings';
    const settings = p.value[key];
    if (isObject(settings)) out.push({ p, settings, path: [...p.path, key] });
    else ctx.report({ ruleId: 'oauth-identity-provider-required', file: 'properties', pointer: pathToPointer(p.path), message: `oauthSetting parameter "${p.name}" needs an "oAuthSettings" object with identityProvider, clientId, scopes and redirectUrl.` });
  }
  return out;
}

/** Accepted files spell keys in several cases (oauthSettings, ResourceUri); the platform accepts them. */
function keyCI(obj: JsonObject, name: string): string | undefined {
  if (name in obj) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

/** customParameters values may be {value: x} or a plain string (older files). */
const paramText = (v: unknown): string | undefined => (isObject(v) && typeof v.value === 'string' ? v.value : typeof v === 'string' ? v : undefined);

const oauthSettings: Rule = {
  ids: ['oauth-identity-provider-required', 'oauth-identity-provider-known', 'oauth-aad-resource-uri', 'oauth-aadcertificate-first-party', 'oauth2-custom-parameters', 'oauth-urls-consistent', 'oauth-redirect', 'oauth-settings-types', 'oauth-client-secret-not-committed'],
  check(ctx) {
    const sd = ctx.index.definitionValue?.securityDefinitions;
    const oauthSchemes = isObject(sd) ? Object.entries(sd).filter(([, s]) => isObject(s) && s.type === 'oauth2') : [];
    for (const { settings: s, path } of oauthParams(ctx)) {
      const report = (ruleId: string, rest: (string | number)[], message: string, target?: 'key' | 'value') => ctx.report({ ruleId, file: 'properties', pointer: pathToPointer([...path, ...rest]), target, message });
      const idp = s.identityProvider;
      if (typeof idp !== 'string' || idp === '') {
        report('oauth-identity-provider-required', [], 'oAuthSettings needs "identityProvider" (oauth2, oauth2generic, aad, ...).');
      } else if (!PROVIDERS.includes(idp)) {
        report('oauth-identity-provider-known', ['identityProvider'], `identityProvider "${idp}" is not one of the generic providers (${PROVIDERS.join(', ')}); vendor-specific providers work only where Microsoft offers them.`, 'value');
      }
      const cp = isObject(s.customParameters) ? s.customParameters : {};
      if (idp === 'aad' || idp === 'aadcertificate') {
        // A null value is a deployment placeholder; only a missing key is a defect. The legacy
        // properties.AzureActiveDirectoryResourceId names the resource too (accepted connectors use it alone).
        const legacyKey = isObject(s.properties) ? keyCI(s.properties, 'AzureActiveDirectoryResourceId') : undefined;
        const legacyResource = legacyKey !== undefined && typeof (s.properties as JsonObject)[legacyKey] === 'string' && (s.properties as JsonObject)[legacyKey] !== '';
        if (keyCI(cp, 'resourceUri') === undefined && !legacyResource) report('oauth-aad-resource-uri', s.customParameters === undefined ? [] : ['customParameters'], `The ${idp} provider needs customParameters.resourceUri (the Azure AD resource the token is for).`);
        const allowed = AAD_KEYS;
        for (const k of Object.keys(cp)) if (!allowed.some((a) => a.toLowerCase() === k.toLowerCase())) report('oauth-aad-resource-uri', ['customParameters', k], `customParameters "${k}" is not used by the ${idp} provider (allowed: ${allowed.join(', ')}).`);
      }
      const props = isObject(s.properties) ? s.properties : {};
      if (idp === 'aadcertificate' && props.IsFirstParty !== 'True') report('oauth-aadcertificate-first-party', ['identityProvider'], 'The aadcertificate provider is only for first-party connectors (properties.IsFirstParty "True"); use aad.', 'value');
      if (idp === 'oauth2' || idp === 'oauth2generic') {
        const allowed = idp === 'oauth2' ? OAUTH2_KEYS : [...OAUTH2_KEYS, ...OAUTH2GENERIC_KEYS];
        for (const k of Object.keys(cp)) {
          const known = allowed.some((a) => a.toLowerCase() === k.toLowerCase());
          if (!known) report('oauth2-custom-parameters', ['customParameters', k], `customParameters "${k}" is not used by the ${idp} provider (allowed: ${allowed.join(', ')}).`);
          else if (!isObject(cp[k]) || !('value' in cp[k])) report('oauth2-custom-parameters', ['customParameters', k], `customParameters "${k}" should be an object {"value": ...}.`, 'value');
        }
      }
      if (idp === 'oauth2' && oauthSchemes.length === 1) {
        const [name, scheme] = oauthSchemes[0] as [string, JsonObject];
        for (const k of ['authorizationUrl', 'tokenUrl']) {
          const key = Object.keys(cp).find((x) => x.toLowerCase() === k.toLowerCase());
          const mine = key ? paramText(cp[key]) : undefined;
          if (mine !== undefined && typeof scheme[k] === 'string' && mine !== scheme[k]) {
            report('oauth-urls-consistent', ['customParameters', key!], `customParameters.${k} "${mine}" differs from securityDefinitions "${name}".${k} "${String(scheme[k])}"; keep them the same.`, 'value');
          }
        }
      }
      if (s.redirectMode !== undefined && (typeof s.redirectMode !== 'string' || !REDIRECT_MODES.includes(s.redirectMode))) {
        report('oauth-redirect', ['redirectMode'], `redirectMode ${JSON.stringify(s.redirectMode)} should be one of ${REDIRECT_MODES.join(', ')} (exact case).`, 'value');
      }
      if (s.redirectUrl !== undefined && s.redirectUrl !== null && (typeof s.redirectUrl !== 'string' || !/^https?:\/\/[^\s/]+/i.test(s.redirectUrl))) {
        report('oauth-redirect', ['redirectUrl'], `redirectUrl ${JSON.stringify(s.redirectUrl)} should be an absolute URL (normally https://global.consent.azure-apim.net/redirect).`, 'value');
      }
      if (s.scopes !== undefined && !(Array.isArray(s.scopes) && s.scopes.every((x) => typeof x === 'string'))) report('oauth-settings-types', ['scopes'], 'oAuthSettings.scopes should be an array of strings.', 'value');
      if (props.IsFirstParty !== undefined && props.IsFirstParty !== 'True' && props.IsFirstParty !== 'False') report('oauth-settings-types', ['properties', 'IsFirstParty'], `properties.IsFirstParty should be the string "True" or "False", not ${JSON.stringify(props.IsFirstParty)}.`, 'value');
      if (typeof s.clientSecret === 'string' && !PLACEHOLDER.test(s.clientSecret.trim())) {
        report('oauth-client-secret-not-committed', ['clientSecret'], 'oAuthSettings.clientSecret holds what looks like a real secret; remove it from files you share or commit (enter it in the portal or with paconn --secret).', 'value');
      }
    }
  },
};

const parameterSets: Rule = {
  ids: ['parameter-sets-shape', 'parameter-sets-required-constraint', 'parameter-sets-string-description', 'parameter-sets-and-parameters', 'gateway-capability-consistency'],
  check(ctx) {
    if (!ctx.properties) return;
    const props = propertiesBlock(ctx.properties.value);
    if (!props) return;
    const report = (ruleId: string, path: (string | number)[], message: string, target?: 'key' | 'value') => ctx.report({ ruleId, file: 'properties', pointer: pathToPointer(path), target, message });
    const sets = props.connectionParameterSets;
    if (sets !== undefined) {
      const base = ['properties', 'connectionParameterSets'];
      if (!isObject(sets)) report('parameter-sets-shape', base, 'connectionParameterSets must be an object with uiDefinition and values.', 'value');
      else {
        if (!isObject(sets.uiDefinition)) report('parameter-sets-shape', base, 'connectionParameterSets needs a uiDefinition (displayName and description of the authentication choice).');
        if (!Array.isArray(sets.values) || sets.values.length === 0) report('parameter-sets-shape', base, 'connectionParameterSets needs a non-empty "values" array of parameter sets.');
        const names = new Set<string>();
        (Array.isArray(sets.values) ? sets.values : []).forEach((set, i) => {
          const at = [...base, 'values', i];
          if (!isObject(set)) return report('parameter-sets-shape', at, 'Each parameter set must be an object with name, uiDefinition and parameters.', 'value');
          if (typeof set.name !== 'string' || set.name === '') report('parameter-sets-shape', at, 'This parameter set needs a "name".');
          else if (names.has(set.name)) report('parameter-sets-shape', [...at, 'name'], `Parameter set name "${set.name}" is used twice; names must be unique.`, 'value');
          else names.add(set.name);
          if (!isObject(set.uiDefinition)) report('parameter-sets-shape', at, `Parameter set ${JSON.stringify(set.name ?? i)} needs a uiDefinition (displayName, description).`);
          if (!isObject(set.parameters)) report('parameter-sets-shape', at, `Parameter set ${JSON.stringify(set.name ?? i)} needs a "parameters" object.`);
        });
      }
      for (const p of connectionParameters(ctx.properties.value)) {
        if (p.set === undefined || !isObject(p.value)) continue;
        const ui = isObject(p.value.uiDefinition) ? p.value.uiDefinition : undefined;
        const type = typeOf(p);
        if (type === 'oauthSetting' || type === 'gatewaySetting') continue;
        if (!ui || !isObject(ui.constraints) || ui.constraints.required === undefined) {
          report('parameter-sets-required-constraint', ui ? [...p.path, 'uiDefinition'] : p.path, `Parameter "${p.name}" in a parameter set needs uiDefinition.constraints.required ("true" or "false").`);
        }
        if (type === 'string' && ui && !(isObject(ui.schema) && typeof ui.schema.description === 'string') && typeof ui.description === 'string') {
          report('parameter-sets-string-description', [...p.path, 'uiDefinition'], `In a parameter set, the help text of string parameter "${p.name}" is shown from uiDefinition.schema.description; add it there.`);
        }
      }
      if (isObject(props.connectionParameters) && Object.keys(props.connectionParameters).length > 0) {
        report('parameter-sets-and-parameters', ['properties', 'connectionParameters'], 'Both connectionParameters and connectionParameterSets are defined; the sets define the connection form, so connectionParameters is ignored.');
      }
    }
    const hasGatewayParam = connectionParameters(ctx.properties.value).some((p) => typeOf(p) === 'gatewaySetting');
    const caps = Array.isArray(props.capabilities) ? props.capabilities : [];
    const hasGatewayCap = caps.includes('gateway');
    if (hasGatewayParam && !hasGatewayCap) report('gateway-capability-consistency', props.capabilities === undefined ? ['properties'] : ['properties', 'capabilities'], 'A gatewaySetting connection parameter needs "gateway" in capabilities.');
    if (hasGatewayCap && !hasGatewayParam) report('gateway-capability-consistency', ['properties', 'capabilities', caps.indexOf('gateway')], 'capabilities lists "gateway" but no connection parameter has type gatewaySetting.', 'value');
  },
};

export const rules: Rule[] = [oauthSettings, parameterSets];
