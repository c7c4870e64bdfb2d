// Rule family 9 (certification), submission artifacts: readme, icon, brand colour, OAuth reminders
// and secrets. See docs/rules.md, section 9, "Submission artifacts".
import { isObject, type JsonObject } from '../languageService/connectorIndex';
import { pathToPointer, type PathSegment } from '../languageService/tree';
import type { ConnectorFileKind, Rule } from './types';
import { isSecretName } from '../../../shared/src/request/secretNames';
import { independentPublisher, INDEPENDENT_PUBLISHER_COLOR, propertiesRoot } from './util/certText';
import { walkSwagger } from './util/swaggerWalk';

const hasFile = (files: readonly string[], name: string) => files.some((f) => f.toLowerCase() === name);

/**
 * A connector folder as the certification repository lays it out: apiDefinition.swagger.json and
 * apiProperties.json side by side. The readme and icon checks judge only such folders; a definition
 * validated on its own (a scratch file, stdin, a folder of samples) has no submission to judge.
 */
export function isConnectorFolder(files: readonly string[] | undefined): files is readonly string[] {
  return !!files && hasFile(files, 'apidefinition.swagger.json') && hasFile(files, 'apiproperties.json');
}

const readmePresent: Rule = {
  ids: ['readme-present'],
  check(ctx) {
    // Without a connector folder (an unsaved or single-file validation) there is nothing to judge.
    if (!isConnectorFolder(ctx.folderFiles) || !ctx.index.definitionValue) return;
    if (!hasFile(ctx.folderFiles, 'readme.md')) {
      ctx.report({ ruleId: 'readme-present', message: `The connector folder${ctx.folderName ? ` "${ctx.folderName}"` : ''} has no readme.md; certification needs one (description, prerequisites, supported operations, how to get credentials, known issues).` });
    }
  },
};

const brandColor: Rule = {
  ids: ['icon-brand-color-forbidden', 'icon-brand-color-independent-publisher'],
  check(ctx) {
    const props = propertiesRoot(ctx.index.propertiesValue);
    if (!props || typeof props.iconBrandColor !== 'string') return;
    const color = props.iconBrandColor.trim().toLowerCase();
    const pointer = '/properties/iconBrandColor';
    if (color === '#007ee5' || color === '#ffffff' || color === '#fff') {
      ctx.report({ ruleId: 'icon-brand-color-forbidden', file: 'properties', pointer, target: 'value', message: `iconBrandColor "${props.iconBrandColor}" is ${color === '#007ee5' ? "the default custom-connector blue" : 'white'}, which certification rejects; use the brand's own colour (matching the icon background).` });
    }
    // Judge independence without the colour itself, or the check would be circular.
    const ip = independentPublisher(ctx.index.definitionValue, ctx.index.propertiesValue, false);
    if (ip.independent && color !== INDEPENDENT_PUBLISHER_COLOR) {
      ctx.report({ ruleId: 'icon-brand-color-independent-publisher', file: 'properties', pointer, target: 'value', message: `Independent-publisher connectors (${ip.reason}) use iconBrandColor "${INDEPENDENT_PUBLISHER_COLOR}", not "${props.iconBrandColor}".` });
    }
  },
};

const iconFile: Rule = {
  ids: ['icon-file'],
  check(ctx) {
    if (!isConnectorFolder(ctx.folderFiles) || !ctx.index.definitionValue) return;
    const ip = independentPublisher(ctx.index.definitionValue, ctx.index.propertiesValue);
    const icon = hasFile(ctx.folderFiles, 'icon.png');
    if (ip.independent && icon) {
      ctx.report({ ruleId: 'icon-file', message: `Independent-publisher connectors (${ip.reason}) ship no icon.png; Microsoft supplies the icon. Remove it from the submission.` });
    } else if (!ip.independent && !icon) {
      ctx.report({ ruleId: 'icon-file', message: 'Verified-publisher connectors ship an icon.png (square, about 230 px, a 160 px logo on a background matching iconBrandColor, not white or transparent).' });
    }
  },
};

const oauthRedirect: Rule = {
  ids: ['oauth-redirect-allowlist'],
  check(ctx) {
    const def = ctx.index.definitionValue;
    const sd = def && isObject(def.securityDefinitions) ? def.securityDefinitions : undefined;
    for (const [name, scheme] of Object.entries(sd ?? {})) {
      if (isObject(scheme) && scheme.type === 'oauth2') {
        ctx.report({ ruleId: 'oauth-redirect-allowlist', pointer: pathToPointer(['securityDefinitions', name]), message: 'OAuth connector: the app registration must allow the platform consent redirect URLs (https://global.consent.azure-apim.net/redirect and the per-connector redirect URL) for both the global and global-test environments.' });
        return;
      }
    }
  },
};

// --- Secrets ---------------------------------------------------------------------------------------

/** Well-known live credential shapes (provider prefixes make false positives unlikely). */
const SECRET_PATTERNS: { name: string; re: RegExp }[] = [
  { name: 'AWS access key', re: /\bAKIA[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'Slack token', re: /\bxox[baprs]-[A-Za-z0-9-]{10,}/ },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'Stripe live key', re: /\b[sr]k_live_[0-9a-zA-Z]{20,}\b/ },
  { name: 'OpenAI key', re: /\bsk-(proj-)?[A-Za-z0-9_-]{32,}\b/ },
  { name: 'JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { name: 'private key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
];
const ANY_SECRET = new RegExp(SECRET_PATTERNS.map((p) => p.re.source).join('|'));

/** Placeholders authors use for client ids and secrets: "[[DUMMY]]", "<<Enter your client ID>>", "". */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return v === '' || /[[\]<>{}]/.test(v) || /dummy|placeholder|your|enter|client.?(id|secret)|example|sample|xxx|todo|changeme|redacted|\*\*\*/i.test(v) || /^(.)\1*$/.test(v);
}

function* stringValues(root: unknown): Generator<{ path: PathSegment[]; text: string }> {
  const stack: { v: unknown; p: PathSegment[] }[] = [{ v: root, p: [] }];
  let budget = 500_000;
  while (stack.length && budget-- > 0) {
    const { v, p } = stack.pop()!;
    if (typeof v === 'string') yield { path: p, text: v };
    else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push({ v: v[i], p: [...p, i] });
    else if (isObject(v)) for (const k of Object.keys(v)) stack.push({ v: v[k], p: [...p, k] });
  }
}

/**
 * A sample value that looks like a live credential: long, one token (no spaces), letters and
 * digits mixed, and not a placeholder. Function keys, SAS signatures and API keys look like this;
 * "US", "2024-01-01" or "YOUR_KEY" do not.
 */
export function looksLikeLiveCredential(value: string): boolean {
  const v = value.trim();
  return v.length >= 16 && !/\s/.test(v) && /[A-Za-z]/.test(v) && /\d/.test(v) && !isPlaceholder(v) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) && !/^\d{4}-\d{2}-\d{2}/.test(v);
}

/** x-example and default values of parameters and properties named like a credential (redact.ts's names). */
function* secretSamples(definition: JsonObject | undefined): Generator<{ name: string; key: 'x-example' | 'default'; path: PathSegment[] }> {
  for (const node of walkSwagger(definition).nodes) {
    const name = node.kind === 'parameter' ? node.value.name : node.kind === 'schema' && node.parent?.kind === 'schema' && node.path[node.path.length - 2] === 'properties' ? node.key : undefined;
    if (typeof name !== 'string' || !isSecretName(name)) continue;
    for (const key of ['x-example', 'default'] as const) {
      const v = node.value[key];
      if (typeof v === 'string' && looksLikeLiveCredential(v) && !ANY_SECRET.test(v)) yield { name, key, path: [...node.path, key] };
    }
  }
}

const noSecrets: Rule = {
  ids: ['no-secrets-in-submission'],
  check(ctx) {
    // Imports from Postman used to copy ?code=, ?sig= and ?key= values into x-example.
    for (const s of secretSamples(ctx.index.definitionValue)) {
      ctx.report({ ruleId: 'no-secrets-in-submission', pointer: pathToPointer(s.path), target: 'value', message: `The ${s.key} of "${s.name}" looks like a live credential; remove it from the submission (revoke it if it was real) or use a clearly marked placeholder.` });
    }
    const scan = (file: ConnectorFileKind, text: string | undefined, value: unknown) => {
      // Cheap test on the raw text first; walk for a position only when something matched.
      if (!text || !ANY_SECRET.test(text)) return;
      for (const { path, text: s } of stringValues(value)) {
        const hit = SECRET_PATTERNS.find((p) => p.re.test(s));
        if (hit) ctx.report({ ruleId: 'no-secrets-in-submission', file, pointer: pathToPointer(path), target: 'value', message: `This value looks like a live ${hit.name}; remove it from the submission (revoke it if it was real) and use a clearly marked placeholder.` });
      }
    };
    scan('definition', ctx.definition?.text, ctx.definition?.value);
    scan('properties', ctx.properties?.text, ctx.properties?.value);
    if (ctx.script) {
      for (const p of SECRET_PATTERNS) {
        const m = new RegExp(p.re.source, 'g').exec(ctx.script.text);
        if (m) ctx.report({ ruleId: 'no-secrets-in-submission', file: 'script', offset: m.index, length: m[0].length, message: `script.csx contains what looks like a live ${p.name}; read it from the connection instead and remove it from the submission.` });
      }
    }
    // OAuth client secrets in apiProperties.json must be placeholders in a submission. Client ids are
    // public identifiers (accepted connectors ship real ones), so only the secret is checked.
    const props = propertiesRoot(ctx.index.propertiesValue);
    const checkOAuth = (settings: unknown, base: PathSegment[]) => {
      if (!isObject(settings)) return;
      const v = settings.clientSecret;
      if (typeof v === 'string' && !isPlaceholder(v)) {
        ctx.report({ ruleId: 'no-secrets-in-submission', file: 'properties', pointer: pathToPointer([...base, 'clientSecret']), target: 'value', message: 'oAuthSettings.clientSecret holds a real-looking value; submissions use a placeholder such as "[[DUMMY]]" (the real secret is supplied privately).' });
      }
    };
    const params = (cp: unknown, base: PathSegment[]) => {
      if (!isObject(cp)) return;
      for (const [name, p] of Object.entries(cp)) if (isObject(p)) checkOAuth(p.oAuthSettings, [...base, name, 'oAuthSettings']);
    };
    if (props) {
      params(props.connectionParameters, ['properties', 'connectionParameters']);
      const sets = isObject(props.connectionParameterSets) ? props.connectionParameterSets.values : undefined;
      if (Array.isArray(sets)) sets.forEach((s: unknown, i) => isObject(s) && params((s as JsonObject).parameters, ['properties', 'connectionParameterSets', 'values', i, 'parameters']));
    }
  },
};

export const rules: Rule[] = [readmePresent, brandColor, iconFile, oauthRedirect, noSecrets];
