// x-ms-visibility as the platform reads it: the value is matched case-insensitively (accepted
// connectors write "Internal" and "Advanced"), so every rule asks here instead of comparing strings.
import { isObject } from '../../languageService/connectorIndex';

/** The node's x-ms-visibility, trimmed and lower-cased; undefined when absent or not a string. */
export function visibilityOf(node: unknown): string | undefined {
  if (!isObject(node)) return undefined;
  const v = node['x-ms-visibility'];
  return typeof v === 'string' ? v.trim().toLowerCase() : undefined;
}

/** True when the node is marked x-ms-visibility internal (any case). */
export function isInternal(node: unknown): boolean {
  return visibilityOf(node) === 'internal';
}
