/**
 * What a connection adds to every request (API key header or query parameter, Authorization
 * from basic/OAuth auth, ...). Everything a connection adds is treated as secret unless listed
 * in `nonSecret`, so displays and cURL exports redact it.
 */
import { setHeader } from './headers';
import type { HttpRequest } from './types';
import { withUrl } from './url';

export interface ConnectionDecorations {
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Header or query names whose values may be shown (e.g. a tenant id). */
  nonSecret?: string[];
}

export function applyDecorations(request: HttpRequest, decorations: ConnectionDecorations): HttpRequest {
  const open = new Set((decorations.nonSecret ?? []).map((n) => n.toLowerCase()));
  let headers = request.headers;
  const secretHeaders = new Set(request.secrets.headers);
  const secretQuery = new Set(request.secrets.query);
  const secretValues = new Set(request.secrets.values ?? []);
  for (const [name, value] of Object.entries(decorations.headers ?? {})) {
    headers = setHeader(headers, name, value);
    if (!open.has(name.toLowerCase())) {
      secretHeaders.add(name.toLowerCase());
      secretValues.add(value);
    }
  }
  let query = request.query;
  for (const [name, value] of Object.entries(decorations.query ?? {})) {
    // The connection's value replaces any value the operation set for the same name.
    query = [...query.filter(([n]) => n !== name), [name, value]];
    if (!open.has(name.toLowerCase())) {
      secretQuery.add(name);
      secretValues.add(value);
    }
  }
  return withUrl({ ...request, headers, query, secrets: { headers: [...secretHeaders], query: [...secretQuery], values: [...secretValues] } });
}
