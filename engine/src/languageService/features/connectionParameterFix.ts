// Quick fix for auth-kind-consistency: add to apiProperties.json the connection parameters that the
// definition's security schemes need (apiKey -> a securestring, oauth2 -> an oauthSetting "token",
// basic -> username + password), as the portal wizard would generate them.
import { parseDocument, type ParsedDocument } from '../parseDocument';
import { isObject } from '../connectorIndex';
import { connectionParameters, propertiesBlock, typeOf } from '../../rules/util/connectionParameters';
import { setValue, type TextEditSpan } from './textEdits';

export interface MissingConnectionParameters {
  scheme: string;
  parameters: Record<string, unknown>;
}

/** What each security scheme lacks in apiProperties.json (the same tests as the rule). */
export function missingConnectionParameters(definitionValue: unknown, propertiesValue: unknown): MissingConnectionParameters[] {
  const sd = isObject(definitionValue) && isObject(definitionValue.securityDefinitions) ? definitionValue.securityDefinitions : {};
  const params = connectionParameters(propertiesValue);
  const types = params.map((p) => (typeOf(p) ?? '').toLowerCase());
  const out: MissingConnectionParameters[] = [];
  const taken = new Set(params.map((p) => p.name));
  for (const [scheme, s] of Object.entries(sd)) {
    if (!isObject(s)) continue;
    if (s.type === 'apiKey' && !types.includes('securestring') && !types.includes('string')) {
      const name = uniqueName(scheme.replace(/[^A-Za-z0-9_]/g, '_') || 'api_key', taken);
      const header = typeof s.name === 'string' ? s.name : 'API key';
      out.push({ scheme, parameters: { [name]: { type: 'securestring', uiDefinition: { displayName: 'API Key', description: `The API key (sent as ${header}).`, tooltip: 'Provide your API key', constraints: { tabIndex: 2, clearText: false, required: 'true' } } } } });
    } else if (s.type === 'oauth2' && !types.includes('oauthsetting')) {
      const scopes = isObject(s.scopes) ? Object.keys(s.scopes) : [];
      const url = (v: unknown) => ({ value: typeof v === 'string' ? v : '' });
      out.push({
        scheme,
        parameters: {
          [uniqueName('token', taken)]: {
            type: 'oauthSetting',
            oAuthSettings: {
              identityProvider: 'oauth2',
              clientId: '',
              scopes,
              redirectMode: 'GlobalPerConnector',
              redirectUrl: 'https://global.consent.azure-apim.net/redirect',
              properties: { IsFirstParty: 'False' },
              customParameters: { authorizationUrl: url(s.authorizationUrl), tokenUrl: url(s.tokenUrl), refreshUrl: url(s.tokenUrl) },
            },
          },
        },
      });
    } else if (s.type === 'basic' && !(params.some((p) => /user/i.test(p.name)) && params.some((p) => /pass/i.test(p.name)))) {
      const ui = (displayName: string, description: string) => ({ displayName, description, tooltip: description, constraints: { tabIndex: 2, clearText: true, required: 'true' } });
      const parameters: Record<string, unknown> = {};
      if (!params.some((p) => /user/i.test(p.name))) parameters[uniqueName('username', taken)] = { type: 'string', uiDefinition: ui('Username', 'The user name.') };
      if (!params.some((p) => /pass/i.test(p.name))) parameters[uniqueName('password', taken)] = { type: 'securestring', uiDefinition: { ...ui('Password', 'The password.'), constraints: { tabIndex: 3, clearText: false, required: 'true' } } };
      out.push({ scheme, parameters });
    }
  }
  return out;
}

/**
 * The edit adding those parameters to properties.connectionParameters. Parameters are added one at a
 * time (each keeps the file's formatting) and the result is one minimal edit over the original text.
 * Multi-auth files (connectionParameterSets) are left alone: the right set is the user's choice.
 */
export function addConnectionParametersEdit(properties: ParsedDocument, missing: MissingConnectionParameters[]): TextEditSpan[] {
  const block = propertiesBlock(properties.value);
  if (!block || isObject(block.connectionParameterSets) || !missing.length) return [];
  let doc = properties;
  for (const [name, value] of missing.flatMap((m) => Object.entries(m.parameters))) {
    const edits = setValue(doc, ['properties', 'connectionParameters', name], value);
    if (!edits.length) return [];
    doc = parseDocument(doc.uri, applyAll(doc.text, edits), { languageId: doc.language });
  }
  return [minimalEdit(properties.text, doc.text)];
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

function applyAll(text: string, edits: TextEditSpan[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

/** One edit turning before into after: the span between their common prefix and suffix. */
function minimalEdit(before: string, after: string): TextEditSpan {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}
