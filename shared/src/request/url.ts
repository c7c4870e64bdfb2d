import type { HttpRequest } from './types';

/** Query values are always single-encoded (x-ms-url-encoding does not apply to query parameters). */
export function encodeQuery(pairs: Array<[string, string]>): string {
  return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

export function joinUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  if (!path || path === '/') return base + '/';
  return base + (path.startsWith('/') ? path : '/' + path);
}

/** Recomputes `url` from the parts; every transformation goes through here. */
export function withUrl(request: Omit<HttpRequest, 'url'> & { url?: string }): HttpRequest {
  const query = encodeQuery(request.query);
  const url = joinUrl(request.baseUrl, request.path) + (query ? `?${query}` : '');
  return { ...request, url } as HttpRequest;
}
