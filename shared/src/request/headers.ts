/** Case-insensitive header helpers over a plain record (HTTP header names are case-insensitive). */

export function findHeaderName(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(headers).find((key) => key.toLowerCase() === lower);
}

export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = findHeaderName(headers, name);
  return key === undefined ? undefined : headers[key];
}

/** Returns a copy with the header set, replacing any spelling of the same name. */
export function setHeader(headers: Record<string, string>, name: string, value: string): Record<string, string> {
  const copy = removeHeader(headers, name);
  copy[name] = value;
  return copy;
}

export function removeHeader(headers: Record<string, string>, name: string): Record<string, string> {
  const lower = name.toLowerCase();
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() !== lower) copy[key] = value;
  return copy;
}
