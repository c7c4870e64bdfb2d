// Names the platform accepts, made from Postman request and parameter names.

const MAX_OPERATION_ID = 64;
const MAX_SUMMARY = 80;

function asciiWords(text: string): string[] {
  // Strip accents so "Créer" gives "Creer" rather than losing the word.
  const plain = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return plain.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

/** PascalCase identifier of letters and digits, starting with a letter; '' when nothing usable. */
export function toOperationId(name: string): string {
  let id = asciiWords(name)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  if (!id) return '';
  if (/^[0-9]/.test(id)) id = `Op${id}`;
  return id.slice(0, MAX_OPERATION_ID);
}

/** Hands out operationIds unique in exact and case-insensitive comparison. */
export class OperationIdAllocator {
  private readonly used = new Set<string>();
  constructor(existing: Iterable<string> = []) {
    for (const id of existing) this.used.add(id.toLowerCase());
  }
  allocate(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.used.has(id.toLowerCase()); n++) {
      const suffix = `_${n}`;
      id = wanted.slice(0, MAX_OPERATION_ID - suffix.length) + suffix;
    }
    this.used.add(id.toLowerCase());
    return id;
  }
}

/** Letters, digits, spaces and parentheses only, at most 80 characters, ending alphanumeric. */
export function toSummary(name: string): string {
  let s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > MAX_SUMMARY) {
    const cut = s.slice(0, MAX_SUMMARY + 1);
    const space = cut.lastIndexOf(' ');
    s = (space > 20 ? cut.slice(0, space) : cut.slice(0, MAX_SUMMARY)).trim();
  }
  // Drop trailing parentheses/spaces, and unbalanced parentheses left by the cut.
  if ((s.match(/\(/g) ?? []).length !== (s.match(/\)/g) ?? []).length) s = s.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  s = s.replace(/[^A-Za-z0-9)]+$/, '');
  if (/\)$/.test(s) && !/\([^()]*\)$/.test(s)) s = s.replace(/[^A-Za-z0-9]+$/, '');
  return s;
}

const ACRONYMS = new Set(['id', 'url', 'uri', 'api', 'ip', 'uuid', 'html', 'json', 'xml', 'http', 'https', 'sku', 'iban']);

/** Title Case display name for x-ms-summary: "page_size" -> "Page Size", "userId" -> "User ID". */
export function toDisplayName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)));
  const s = words.join(' ').slice(0, 80).trim();
  return s || 'Value';
}

/** Parameter or path-variable name safe in a path template and in a formData name. */
export function toParamName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
  return s || 'param';
}

/** A connector title without the words the platform refuses in it (API, Connector); 'Imported connector' when nothing is left. */
export function cleanConnectorTitle(name: string): string {
  const trimmed = name.trim();
  const cleaned = trimmed.replace(/\b(api|connector)\b/gi, ' ').replace(/\s+/g, ' ').replace(/^[\s\-_:]+|[\s\-_:]+$/g, '');
  return cleaned || trimmed || 'Imported connector';
}
