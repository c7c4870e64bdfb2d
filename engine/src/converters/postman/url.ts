// A request URL split into origin (scheme, host, a path prefix that came from a base-URL
// variable) and the operation's own path segments, query and path parameters.
import { descriptionText, type PmKeyValue, type PmUrl } from './types';
import { VARIABLE, type Variables } from './variables';
import { toParamName } from './names';

export interface Origin {
  scheme?: string;
  /** Lower-case host[:port]; undefined when a variable in it could not be resolved. */
  host?: string;
  /** The host text as written, for messages ("{{host}}", "api.example.com"). */
  written: string;
  /** Path segments that belong to the base URL (from a variable such as {{baseUrl}}). */
  prefix: string[];
  unresolved: string[];
}

export interface PathParamDraft {
  name: string;
  example?: string;
  description: string;
}

export interface UrlParts {
  origin: Origin;
  /** Template segments ("users", "{id}"), percent-encoded where needed. */
  segments: string[];
  pathParams: PathParamDraft[];
  query: PmKeyValue[];
}

const HOST_OK = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/;

function parseOrigin(text: string): { scheme?: string; host: string; prefix: string[] } {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([^/?#]*)([^?#]*)/.exec(text.trim())!;
  return { scheme: m[1]?.toLowerCase(), host: (m[2] ?? '').toLowerCase(), prefix: (m[3] ?? '').split('/').filter(Boolean) };
}

/**
 * The collection's JSON is only as typed as its author made it: a host, path, query or variable
 * that is not an array (e.g. "host": {}) is read as empty instead of crashing (fuzz tier).
 */
function list<T>(value: T[] | T | undefined): T[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

export function analyzeUrl(url: PmUrl | undefined, vars: Variables): UrlParts {
  const hostText = list(url?.host).filter((h) => typeof h === 'string').join('.');
  const portText = url?.port ? `:${url.port}` : '';
  const written = `${url?.protocol ? `${url.protocol}://` : ''}${hostText}${portText}`;
  const origin: Origin = { written: written || '(no host)', prefix: [], unresolved: [] };
  if (hostText) {
    const { text, unresolved } = vars.resolve(`${url?.protocol ? `${url.protocol}://` : ''}${hostText}${portText}`);
    if (unresolved.length) origin.unresolved = unresolved;
    else {
      const parsed = parseOrigin(text);
      if (HOST_OK.test(parsed.host)) {
        origin.host = parsed.host;
        origin.scheme = parsed.scheme;
        origin.prefix = parsed.prefix.map(encodeSegment);
      }
    }
  }

  const declared = new Map<string, PmKeyValue>();
  for (const v of list(url?.variable)) if (v && typeof v.key === 'string') declared.set(v.key, v);
  const pathParams: PathParamDraft[] = [];
  const used = new Set<string>();
  const addParam = (raw: string, example: string | undefined, description: string): string => {
    // "connectionId" is reserved by the platform; a path variable's name is ours to choose.
    const base = toParamName(raw).toLowerCase() === 'connectionid' ? 'connection_id' : toParamName(raw);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    pathParams.push(example === undefined || example === '' ? { name, description } : { name, example, description });
    return name;
  };

  const segments: string[] = [];
  for (const seg of list(url?.path)) {
    const s = typeof seg === 'string' ? seg : typeof seg?.value === 'string' ? seg.value : '';
    if (!s) continue;
    if (s.startsWith(':') && s.length > 1) {
      const key = s.slice(1);
      const v = declared.get(key);
      const raw = typeof v?.value === 'string' ? v.value : v?.value === undefined || v?.value === null ? undefined : String(v.value);
      const example = raw === undefined ? undefined : exampleOf(raw, vars, key);
      segments.push(`{${addParam(key, example, descriptionText(v?.description))}}`);
      continue;
    }
    if (s.includes('{{')) {
      let out = '';
      let last = 0;
      for (const m of s.matchAll(VARIABLE)) {
        out += encodeSegment(s.slice(last, m.index));
        const name = m[1]!.trim();
        out += `{${addParam(name, vars.example(`{{${name}}}`, name), '')}}`;
        last = m.index! + m[0].length;
      }
      segments.push(out + encodeSegment(s.slice(last)));
      continue;
    }
    segments.push(encodeSegment(s));
  }
  return { origin, segments, pathParams, query: list(url?.query).filter((q) => q && typeof q.key === 'string' && q.key.trim() !== '') };
}

/** A value with known variables resolved; undefined when unknown or possibly secret. */
export function exampleOf(value: string, vars: Variables, paramName = ''): string | undefined {
  return vars.example(value, paramName);
}

/** Percent-encodes what a connector path may not contain (?, #, *, braces, spaces, non-ASCII). */
export function encodeSegment(s: string): string {
  return s.replace(/[^A-Za-z0-9\-._~!$&'()+,;=:@%]/g, (c) => encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`)).replace(/\*/g, '%2A');
}
