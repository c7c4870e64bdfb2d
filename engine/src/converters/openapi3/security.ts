// securitySchemes (3.x) / securityDefinitions (2.0) -> the one security definition a connector
// carries and its connection parameters. The connection parameters are the Postman import's
// (postman/auth.ts buildSecurity): one shape for both imports.
//   oauth2 authorizationCode -> accessCode, clientCredentials -> application (implicit and password
//   kept as they are); apiKey in header or query; http basic; http bearer -> an API key in the
//   Authorization header; openIdConnect -> oauth2 accessCode with the URLs of the discovery document.
import { buildSecurity, type AuthSpec } from '../postman/auth';
import { ReportBuilder } from '../postman/report';
import { isRecord, sub, type JsonObject } from './context';
import type { OpenApiReportBuilder } from './report';

export interface SecurityResult {
  securityDefinitions: Record<string, JsonObject>;
  security: Array<Record<string, string[]>>;
  connectionParameters: JsonObject;
  /** Source scheme name -> output definition name (only the one kept). */
  renamed: Map<string, string>;
}

interface Candidate {
  name: string;
  pointer: string;
  spec: AuthSpec;
  flow?: 'accessCode' | 'application' | 'implicit' | 'password';
  note?: string;
}

const PLACEHOLDER_AUTH = 'https://login.example.com/oauth2/authorize';
const PLACEHOLDER_TOKEN = 'https://login.example.com/oauth2/token';

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function scopesOf(v: unknown): string[] {
  return isRecord(v) ? Object.keys(v) : [];
}

/** One source scheme -> a candidate, or a reason it cannot be used. */
function candidate(name: string, s: unknown, pointer: string, discovery: ReadonlyMap<string, unknown>, report: OpenApiReportBuilder): Candidate | string {
  if (!isRecord(s)) return 'not an object';
  const type = str(s.type);
  switch (type) {
    case 'apiKey': {
      const where = str(s.in);
      if (where !== 'header' && where !== 'query') return `API key in ${where || 'an unknown place'} (only header and query keys are supported)`;
      return { name, pointer, spec: { kind: 'apiKey', name: str(s.name) || 'X-API-Key', in: where, bearer: false } };
    }
    case 'basic':
      return { name, pointer, spec: { kind: 'basic' } };
    case 'http': {
      const scheme = str(s.scheme).toLowerCase();
      if (scheme === 'basic') return { name, pointer, spec: { kind: 'basic' } };
      if (scheme === 'bearer') return { name, pointer, spec: { kind: 'apiKey', name: 'Authorization', in: 'header', bearer: true } };
      return `HTTP "${scheme}" authentication is not supported by connectors`;
    }
    case 'oauth2': {
      // 2.0: flow + URLs on the scheme; 3.x: flows.{authorizationCode, clientCredentials, implicit, password}.
      const flows = isRecord(s.flows) ? s.flows : undefined;
      const pick = (flowName: string) => (flows && isRecord(flows[flowName]) ? (flows[flowName] as JsonObject) : undefined);
      let flow: Candidate['flow'];
      let f: JsonObject | undefined;
      if (flows) {
        for (const [k, out] of [['authorizationCode', 'accessCode'], ['clientCredentials', 'application'], ['implicit', 'implicit'], ['password', 'password']] as const) {
          if (pick(k)) {
            f = pick(k);
            flow = out;
            break;
          }
        }
        const others = Object.keys(flows).filter((k) => pick(k) && pick(k) !== f);
        if (others.length) report.info('oauth2-flows', `OAuth 2.0 flows ${others.join(', ')} not kept: a connector has one flow (${flow}).`, sub(pointer, 'flows'));
      } else {
        f = s;
        const fl = str(s.flow);
        flow = fl === 'application' || fl === 'implicit' || fl === 'password' ? fl : 'accessCode';
      }
      if (!f) return 'OAuth 2.0 without any flow';
      return {
        name,
        pointer,
        flow,
        // implicit has no token URL (the authorization URL stands in, and is removed after).
        spec: { kind: 'oauth2', authUrl: str(f.authorizationUrl), tokenUrl: str(f.tokenUrl) || (flow === 'implicit' ? str(f.authorizationUrl) : ''), refreshUrl: str(f.refreshUrl), scopes: scopesOf(f.scopes), clientId: '', grantType: 'authorization_code', hasSecret: false },
      };
    }
    case 'openIdConnect': {
      const url = str(s.openIdConnectUrl);
      const doc = discovery.get(url);
      const authUrl = isRecord(doc) ? str(doc.authorization_endpoint) : '';
      const tokenUrl = isRecord(doc) ? str(doc.token_endpoint) : '';
      const scopes = isRecord(doc) && Array.isArray(doc.scopes_supported) ? doc.scopes_supported.filter((x): x is string => typeof x === 'string' && x === 'openid') : [];
      const note = authUrl && tokenUrl ? `OpenID Connect written as OAuth 2.0 (authorization code) with the URLs of the discovery document ${url}.` : `OpenID Connect written as OAuth 2.0 (authorization code); the discovery document ${url || '(no URL)'} could not be read, so fill in the authorization and token URLs.`;
      return { name, pointer, flow: 'accessCode', note, spec: { kind: 'oauth2', authUrl, tokenUrl, refreshUrl: '', scopes, clientId: '', grantType: 'authorization_code', hasSecret: false } };
    }
    default:
      return `security scheme type "${type || '(none)'}" is not supported`;
  }
}

/**
 * Converts the schemes and chooses the one the connector keeps: the first usable one required at
 * the document level, else the one most operations require, else the first usable one.
 */
export function convertSecurity(
  schemes: unknown,
  schemesPointer: string,
  rootSecurity: unknown,
  usage: ReadonlyMap<string, number>,
  discovery: ReadonlyMap<string, unknown>,
  report: OpenApiReportBuilder,
): SecurityResult {
  const empty: SecurityResult = { securityDefinitions: {}, security: [], connectionParameters: {}, renamed: new Map() };
  if (!isRecord(schemes)) return empty;
  const usable = new Map<string, Candidate>();
  for (const [name, s] of Object.entries(schemes)) {
    const c = candidate(name, s, sub(schemesPointer, name), discovery, report);
    if (typeof c === 'string') report.warn('security-dropped', `Security scheme "${name}" dropped: ${c}.`, sub(schemesPointer, name));
    else usable.set(name, c);
  }
  if (!usable.size) return empty;
  const rootNames = Array.isArray(rootSecurity) ? rootSecurity.flatMap((r) => (isRecord(r) ? Object.keys(r) : [])) : [];
  const chosen = rootNames.map((n) => usable.get(n)).find(Boolean) ?? [...usable.values()].sort((a, b) => (usage.get(b.name) ?? 0) - (usage.get(a.name) ?? 0))[0]!;
  for (const c of usable.values()) {
    if (c !== chosen) report.warn('security-not-chosen', `Security scheme "${c.name}" not kept: a connector has one kind of authentication, and "${chosen.name}" was chosen.`, c.pointer);
  }
  const postmanReport = new ReportBuilder();
  const built = buildSecurity(chosen.spec, postmanReport, chosen.pointer);
  for (const e of postmanReport.entries) {
    if (e.code === 'oauth2-client-id-missing') continue; // an OpenAPI document never has the client id: said once below
    if (e.severity === 'warning') report.warn(e.code, e.message, chosen.pointer);
    else report.info(e.code, e.message, chosen.pointer);
  }
  const [defName, def] = Object.entries(built.securityDefinitions)[0] ?? [];
  if (!defName || !def) return empty;
  if (chosen.spec.kind === 'oauth2') {
    report.info('oauth2-client-id', 'Set oAuthSettings.clientId in apiProperties.json to the client id of your OAuth 2.0 app (enter the secret when you deploy).', chosen.pointer);
    const flow = chosen.flow ?? 'accessCode';
    def.flow = flow;
    if (flow === 'application' || flow === 'password') delete def.authorizationUrl;
    if (flow === 'implicit') delete def.tokenUrl;
    if (flow !== 'accessCode') report.warn('oauth2-flow', `OAuth 2.0 flow written as "${flow}"; the platform's connections sign users in with the authorization code flow (accessCode), so check that this connector can be used.`, chosen.pointer);
    if (def.authorizationUrl === PLACEHOLDER_AUTH || def.tokenUrl === PLACEHOLDER_TOKEN) report.warn('oauth2-url-placeholder', 'An OAuth 2.0 URL is missing in the source; a placeholder was written: fill it in.', chosen.pointer);
  }
  if (chosen.note) report.info('openid-connect', chosen.note, chosen.pointer);
  const security = built.security.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v]])));
  return { securityDefinitions: { [defName]: def }, security, connectionParameters: built.connectionParameters, renamed: new Map([[chosen.name, defName]]) };
}
