// Text heuristics shared by the certification style rules (family 9): restricted words, product
// names, "ends with" checks, English detection, and independent-publisher inference.
import { isObject, type JsonObject } from '../../languageService/connectorIndex';

/** Power Platform product names the certification review rejects in titles, descriptions and summaries. */
const PRODUCT_NAMES = [
  'Power Apps', 'PowerApps', 'Power Automate', 'Microsoft Flow', 'Power Pages', 'Power BI', 'PowerBI',
  'Logic Apps', 'LogicApps', 'Copilot Studio', 'Power Virtual Agents', 'Power Platform',
];
const PRODUCT_RE = new RegExp(`\\b(${PRODUCT_NAMES.map((n) => n.replace(/ /g, '\\s*')).join('|')})\\b`, 'i');

/** The first Power Platform product name in the text, as written. */
export function productNameIn(text: string): string | undefined {
  return PRODUCT_RE.exec(text)?.[0];
}

/**
 * The product names Microsoft's certification rules restrict, as its message lists them: "contains at
 * least one of the restricted words: 'power apps, power automate, logic apps'" (written with or
 * without the space). Other product names are review advice (productNameIn).
 */
export const MS_RESTRICTED_PRODUCTS = 'power apps, power automate, logic apps';
export function msRestrictedProductIn(text: string): string | undefined {
  return /\b(power\s*apps|power\s*automate|logic\s*apps)\b/i.exec(text)?.[0];
}

/** The word "API"/"APIs" as a standalone word (not inside "RapidAPI" or "api_key"). */
export function apiWordIn(text: string): string | undefined {
  return /(?<![\w-])APIs?(?![\w-])/i.exec(text)?.[0];
}

export function connectorWordIn(text: string): string | undefined {
  return /(?<![\w-])connectors?(?![\w-])/i.exec(text)?.[0];
}

export const IP_SUFFIX_RE = /\s*\(Independent Publisher\)\s*$/i;

/** The title without the "(Independent Publisher)" suffix. */
export function baseTitle(title: string): string {
  return title.replace(IP_SUFFIX_RE, '');
}

export function endsAlphanumeric(text: string): boolean {
  return /[\p{L}\p{N}]$/u.test(text);
}

/**
 * Share of letters that are not Latin script. A string that is mostly non-Latin letters is not
 * English; Latin-script text is accepted (a spell-checker would be needed to tell languages apart).
 */
export function nonLatinShare(text: string): number {
  if (/^[\x00-\x7f]*$/.test(text)) return 0; // fast path: plain ASCII
  let letters = 0;
  let nonLatin = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (!/\p{Script=Latin}/u.test(ch)) nonLatin++;
  }
  return letters === 0 ? 0 : nonLatin / letters;
}

export function looksNonEnglish(text: string): boolean {
  return nonLatinShare(text) > 0.3;
}

/** A camelCase identifier (at least one lower-to-upper step, no spaces): "minimizeHighways". */
export function isCamelCaseIdentifier(text: string): boolean {
  return /^[a-z]+[a-z0-9]*[A-Z][A-Za-z0-9]*$/.test(text.trim());
}

export function propertiesRoot(value: unknown): JsonObject | undefined {
  return isObject(value) && isObject(value.properties) ? value.properties : undefined;
}

export const INDEPENDENT_PUBLISHER_COLOR = '#da3b01';

export interface PublisherEvidence {
  independent: boolean;
  /** Why we think so (for messages). */
  reason?: string;
}

/**
 * Independent publishers can't be told from the folder name alone, so infer it: the title's
 * "(Independent Publisher)" suffix, or the colour reserved for independent publishers together with
 * a publisher who is not the stack owner (a person publishing someone else's service).
 * `useColor: false` for the rule that checks the colour itself.
 */
export function independentPublisher(definition: unknown, properties: unknown, useColor = true): PublisherEvidence {
  const info = isObject(definition) && isObject(definition.info) ? definition.info : undefined;
  if (info && typeof info.title === 'string' && IP_SUFFIX_RE.test(info.title)) return { independent: true, reason: 'the title ends with "(Independent Publisher)"' };
  const props = propertiesRoot(properties);
  if (useColor && props && typeof props.iconBrandColor === 'string' && props.iconBrandColor.trim().toLowerCase() === INDEPENDENT_PUBLISHER_COLOR) {
    const publisher = typeof props.publisher === 'string' ? props.publisher.trim() : '';
    const stackOwner = typeof props.stackOwner === 'string' ? props.stackOwner.trim() : '';
    if (publisher && publisher !== stackOwner) return { independent: true, reason: `iconBrandColor is ${INDEPENDENT_PUBLISHER_COLOR} and the publisher is not the stack owner` };
  }
  return { independent: false };
}
