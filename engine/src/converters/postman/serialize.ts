// How connector files are written: 4-space indentation (the certification repository's style)
// and a trailing newline.
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

/** The platform refuses definitions above 1 MB (1,048,576 bytes). */
export const DEFINITION_SIZE_LIMIT = 1024 * 1024;

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** apiProperties.json iconBrandColor of an imported connector (the Postman and OpenAPI imports). */
export const DEFAULT_ICON_BRAND_COLOR = '#0f6cbd';
