// Request bodies and saved responses -> the raw material for parameters and responses.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { descriptionText, type PmBody, type PmKeyValue, type PmResponse } from './types';
import type { Variables } from './variables';
import type { ReportBuilder } from './report';

export interface FormFieldDraft {
  name: string;
  file: boolean;
  required: boolean;
  example?: string;
  description: string;
}

export type BodyDraft =
  | { kind: 'json'; mime: string; examples: unknown[] }
  | { kind: 'text'; mime: string; example: string }
  | { kind: 'binary'; mime: string }
  | { kind: 'form'; mime: 'application/x-www-form-urlencoded' | 'multipart/form-data'; fields: FormFieldDraft[] };

export function mimeOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = contentType.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(m) ? m : undefined;
}

export function isJsonMime(mime: string | undefined): boolean {
  return !!mime && (mime === 'application/json' || mime.endsWith('+json') || mime === 'text/json');
}

const LANGUAGE_MIME: Record<string, string> = { json: 'application/json', xml: 'application/xml', html: 'text/html', text: 'text/plain', javascript: 'application/javascript' };

/**
 * Parses a JSON example that may hold Postman variables and comments. Unquoted variables
 * become their value when known, else null (reported by the caller through `unquoted`).
 */
export function parseJsonExample(text: string, vars: Variables): { ok: true; value: unknown; unquoted: string[]; trailing?: boolean } | { ok: false } {
  // Fast path: most examples are plain JSON ({{x}} inside strings is fine for JSON.parse).
  try {
    return { ok: true, value: JSON.parse(text), unquoted: [] };
  } catch {
    // fall through to the tolerant path
  }
  const unquoted: string[] = [];
  // Replace {{x}} that sits outside string literals.
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    // <placeholder> written where a value goes (a common habit in shared collections).
    if (c === '<') {
      const m = /^<(\w[\w .-]{0,60})>/.exec(text.slice(i, i + 64));
      if (m) {
        unquoted.push(`<${m[1]}>`);
        out += 'null';
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === '{' && text[i + 1] === '{') {
      const end = text.indexOf('}}', i + 2);
      if (end > 0) {
        const name = text.slice(i + 2, end).trim();
        const v = vars.get(name);
        let literal = 'null';
        if (v !== undefined) {
          try {
            JSON.parse(v);
            literal = v;
          } catch {
            literal = JSON.stringify(v);
          }
        } else unquoted.push(`{{${name}}}`);
        out += literal;
        i = end + 1;
        continue;
      }
    }
    out += c;
  }
  try {
    return { ok: true, value: JSON.parse(out), unquoted };
  } catch {
    const errors: ParseError[] = [];
    const value: unknown = parseJsonc(out, errors, { allowTrailingComma: true, disallowComments: false });
    // Text after a complete value (often a stray closing brace) does not spoil the value.
    const trailingOnly = errors.every((e) => printParseErrorCode(e.error) === 'EndOfFileExpected');
    if (!trailingOnly || value === undefined) return { ok: false };
    return { ok: true, value, unquoted, trailing: errors.length > 0 };
  }
}

function formFields(list: PmKeyValue[] | undefined, allowFiles: boolean, vars: Variables): FormFieldDraft[] {
  const fields: FormFieldDraft[] = [];
  const seen = new Set<string>();
  for (const f of list ?? []) {
    if (!f || typeof f.key !== 'string' || !f.key.trim() || seen.has(f.key)) continue;
    seen.add(f.key);
    const file = allowFiles && f.type === 'file';
    const field: FormFieldDraft = { name: f.key, file, required: !f.disabled, description: descriptionText(f.description) };
    if (!file && typeof f.value === 'string' && f.value !== '') {
      const example = vars.example(f.value, f.key);
      if (example !== undefined) field.example = example;
    }
    fields.push(field);
  }
  return fields;
}

/** The body of one request; undefined when it has none. */
export function readBody(body: PmBody | undefined, contentType: string | undefined, vars: Variables, report: ReportBuilder, where: string): BodyDraft | undefined {
  if (!body || body.disabled || !body.mode) return undefined;
  const headerMime = mimeOf(contentType);
  switch (body.mode) {
    case 'raw': {
      const text = typeof body.raw === 'string' ? body.raw : '';
      if (!text.trim()) return undefined;
      const language = body.options?.raw?.language;
      const mime = headerMime ?? (language ? LANGUAGE_MIME[language] : undefined);
      const looksJson = isJsonMime(mime) || (!mime && /^\s*[[{]/.test(text));
      if (looksJson) {
        const parsed = parseJsonExample(text, vars);
        if (parsed.ok) {
          if (parsed.unquoted.length) report.info('body-variable', `JSON body uses ${parsed.unquoted.join(', ')} outside quotes; their type is unknown, so they were read as null.`, where);
          if (parsed.trailing) report.warn('body-trailing-text', 'JSON body has extra text after the value (for example a stray closing brace); it was ignored.', where);
          return { kind: 'json', mime: isJsonMime(mime) ? mime! : 'application/json', examples: [parsed.value] };
        }
        report.warn('body-not-json', 'Raw body is marked as JSON but does not parse; it is described as a string.', where);
        return { kind: 'text', mime: mime ?? 'application/json', example: text };
      }
      if (mime !== 'text/plain') report.info('body-as-string', `Raw ${mime ?? 'text'} body is described as a string (no schema is inferred for non-JSON bodies).`, where);
      return { kind: 'text', mime: mime ?? 'text/plain', example: text };
    }
    case 'urlencoded':
      return { kind: 'form', mime: 'application/x-www-form-urlencoded', fields: formFields(body.urlencoded, false, vars) };
    case 'formdata':
      return { kind: 'form', mime: 'multipart/form-data', fields: formFields(body.formdata, true, vars) };
    case 'file':
      return { kind: 'binary', mime: headerMime ?? 'application/octet-stream' };
    case 'graphql': {
      report.warn('graphql-body', 'GraphQL body converted to a JSON body {query, variables}; the connector sends it as a plain JSON POST, with no GraphQL schema.', where);
      const query = typeof body.graphql?.query === 'string' ? body.graphql.query : '';
      let variables: unknown = {};
      if (typeof body.graphql?.variables === 'string' && body.graphql.variables.trim()) {
        const parsed = parseJsonExample(body.graphql.variables, vars);
        if (parsed.ok) variables = parsed.value;
      }
      return { kind: 'json', mime: 'application/json', examples: [{ query, variables }] };
    }
    default:
      report.warn('body-mode-unsupported', `Body mode "${body.mode}" is not supported and was not converted.`, where);
      return undefined;
  }
}

export interface ResponseDraft {
  code: string;
  descriptions: string[];
  /** Examples per media type, in collection order. */
  examples: Map<string, unknown[]>;
  json: Set<string>;
}

const STATUS_TEXT: Record<string, string> = {
  '200': 'OK', '201': 'Created', '202': 'Accepted', '203': 'Non-Authoritative Information', '204': 'No Content', '206': 'Partial Content',
  '301': 'Moved Permanently', '302': 'Found', '304': 'Not Modified', '307': 'Temporary Redirect', '308': 'Permanent Redirect',
  '400': 'Bad Request', '401': 'Unauthorized', '403': 'Forbidden', '404': 'Not Found', '405': 'Method Not Allowed', '406': 'Not Acceptable',
  '409': 'Conflict', '410': 'Gone', '412': 'Precondition Failed', '415': 'Unsupported Media Type', '422': 'Unprocessable Entity', '429': 'Too Many Requests',
  '500': 'Internal Server Error', '501': 'Not Implemented', '502': 'Bad Gateway', '503': 'Service Unavailable', '504': 'Gateway Timeout',
};

export function statusText(code: string): string | undefined {
  return STATUS_TEXT[code];
}

/** Adds one saved response to the per-code drafts. */
export function addResponse(drafts: Map<string, ResponseDraft>, r: PmResponse, vars: Variables, report: ReportBuilder, where: string): void {
  const code = typeof r.code === 'number' && r.code >= 100 && r.code <= 599 ? String(Math.trunc(r.code)) : 'default';
  let d = drafts.get(code);
  if (!d) {
    d = { code, descriptions: [], examples: new Map(), json: new Set() };
    drafts.set(code, d);
  }
  const text = (typeof r.status === 'string' && r.status.trim()) || statusText(code) || (typeof r.name === 'string' && r.name.trim()) || '';
  if (text && !d.descriptions.includes(text)) d.descriptions.push(text);
  const header = (r.header ?? []).find((h) => typeof h?.key === 'string' && h.key.toLowerCase() === 'content-type');
  const preview = r._postman_previewlanguage;
  let mime = mimeOf(typeof header?.value === 'string' ? header.value : undefined) ?? (preview ? LANGUAGE_MIME[preview] : undefined);
  const body = typeof r.body === 'string' ? r.body : '';
  if (!body.trim()) return;
  if (!mime) mime = /^\s*[[{]/.test(body) ? 'application/json' : 'text/plain';
  let example: unknown = body;
  if (isJsonMime(mime)) {
    const parsed = parseJsonExample(body, vars);
    if (!parsed.ok) {
      report.warn('response-not-json', `Saved response "${r.name ?? code}" is marked as JSON but does not parse; it was not used for the schema or the examples.`, where);
      return;
    }
    example = parsed.value;
    d.json.add(mime);
  }
  const list = d.examples.get(mime) ?? [];
  list.push(example);
  d.examples.set(mime, list);
}
