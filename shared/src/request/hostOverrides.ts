/**
 * The setting `connectorStudio.testOperation.hostOverrides`: maps a definition's `host` to the
 * place its test requests go instead ("host:port" or an absolute URL, the same forms as the
 * Test panel's host field), so a connector can be tried against a local or staging API without
 * editing the definition a user would ship. Pure; the value is checked by buildRequest.
 */

/** Settings are user input: keep the lookup bounded. */
const MAX_ENTRIES = 500;
const MAX_VALUE_LENGTH = 2048;

/** The override for `host` in `overrides` (keys compare case-insensitively), if any. */
export function hostOverrideFor(host: string | undefined, overrides: unknown): string | undefined {
  if (typeof host !== 'string' || !host.trim()) return undefined;
  if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) return undefined;
  const wanted = host.trim().toLowerCase();
  let seen = 0;
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>)) {
    if (++seen > MAX_ENTRIES) break;
    if (key.trim().toLowerCase() !== wanted) continue;
    if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) return undefined;
    return value.trim() || undefined;
  }
  return undefined;
}
