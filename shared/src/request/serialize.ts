/** Parameter value serialization: collection formats and x-ms-url-encoding. */

export type CollectionFormat = 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';

const SEPARATORS: Record<Exclude<CollectionFormat, 'multi'>, string> = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' };

export function scalarToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Serializes a value into one or more strings. Arrays are joined with the collection
 * format's separator (csv by default, per Swagger 2.0); `multi` keeps one string per item
 * so the caller repeats the parameter. `multi` is only valid for query and formData.
 */
export function serializeValue(value: unknown, format: string | undefined, allowMulti: boolean): string[] {
  if (!Array.isArray(value)) return [scalarToString(value)];
  const items = value.map(scalarToString);
  const fmt = (format ?? 'csv') as CollectionFormat;
  if (fmt === 'multi') return allowMulti ? items : [items.join(',')];
  return [items.join(SEPARATORS[fmt] ?? ',')];
}

/**
 * Encodes a path parameter: `single` (default) escapes once with encodeURIComponent,
 * `double` escapes the already escaped value again ("a/b" -> "a%252Fb"). A value "." or ".."
 * is sent as %2E / %2E%2E, never as a dot segment.
 */
export function encodePathValue(value: string, encoding: string | undefined): string {
  // "." and ".." would be dot segments (the request would go to the same or the parent path):
  // their dots are percent-encoded, and sendRequest sends %2E as written.
  const once = value === '.' || value === '..' ? value.replace(/\./g, '%2E') : encodeURIComponent(value);
  return encoding === 'double' ? encodeURIComponent(once) : once;
}
