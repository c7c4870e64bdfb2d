/** Classifies and renders a response body for display (JSON, XML, text, image, binary). */

export type BodyKind = 'json' | 'xml' | 'text' | 'image' | 'binary' | 'empty';

export interface RenderedBody {
  kind: BodyKind;
  /** Pretty-printed text for json/xml/text. */
  text?: string;
  /** data: URI for images (only when not truncated). */
  dataUri?: string;
  /** One-line description, e.g. "Binary, 1.2 KB (application/pdf)". */
  summary: string;
  /** Set when the content type says JSON/XML but the body does not parse as such. */
  parseError?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function sniffImage(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp';
  return undefined;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  try {
    strictUtf8.decode(sample.length < bytes.length ? trimPartialUtf8(sample) : sample);
  } catch {
    return false;
  }
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32)) control++;
  return control <= sample.length * 0.01;
}

/** Drops an incomplete multi-byte sequence at the end of a cut sample. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i];
    if ((b & 0xc0) === 0xc0) return bytes.subarray(0, end - i);
    if ((b & 0x80) === 0) break;
  }
  return bytes;
}

export function classifyBody(contentType: string | undefined, bytes: Uint8Array): BodyKind {
  if (bytes.length === 0) return 'empty';
  const type = mediaType(contentType);
  if (/^application\/(.+\+)?json$|^text\/json$/.test(type)) return 'json';
  if (/^(application|text)\/(.+\+)?xml$/.test(type)) return 'xml';
  if (type.startsWith('image/')) return type === 'image/svg+xml' ? 'xml' : 'image';
  if (type.startsWith('text/') || /^application\/(javascript|x-www-form-urlencoded|yaml|x-yaml)$/.test(type)) return 'text';
  if (sniffImage(bytes)) return 'image';
  // An explicit binary label is believed; only unlabelled bodies are sniffed as text.
  if (type === 'application/octet-stream' || type === 'application/pdf' || type === 'application/zip') return 'binary';
  if (!looksLikeText(bytes)) return 'binary';
  const head = utf8.decode(bytes.subarray(0, 64)).trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (head.startsWith('<')) return /^<!doctype html|^<html/i.test(head) ? 'text' : 'xml';
  return 'text';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function renderBody(contentType: string | undefined, bytes: Uint8Array, options: { truncated?: boolean } = {}): RenderedBody {
  const kind = classifyBody(contentType, bytes);
  const note = options.truncated ? ' (truncated)' : '';
  const type = mediaType(contentType) || 'no content type';
  switch (kind) {
    case 'empty':
      return { kind, summary: 'Empty body' };
    case 'json': {
      const text = utf8.decode(bytes);
      try {
        return { kind, text: JSON.stringify(JSON.parse(text), null, 2), summary: `JSON, ${formatBytes(bytes.length)}${note}` };
      } catch (error) {
        return { kind, text, summary: `JSON, ${formatBytes(bytes.length)}${note}`, parseError: options.truncated ? 'truncated JSON cannot be parsed' : (error as Error).message };
      }
    }
    case 'xml': {
      const text = utf8.decode(bytes);
      return { kind, text: prettyXml(text), summary: `XML, ${formatBytes(bytes.length)}${note}` };
    }
    case 'text':
      return { kind, text: utf8.decode(bytes), summary: `Text, ${formatBytes(bytes.length)}${note}` };
    case 'image': {
      const imageType = type.startsWith('image/') ? type : (sniffImage(bytes) ?? 'application/octet-stream');
      return {
        kind,
        dataUri: options.truncated ? undefined : `data:${imageType};base64,${Buffer.from(bytes).toString('base64')}`,
        summary: `Image ${imageType}, ${formatBytes(bytes.length)}${note}`,
      };
    }
    default:
      return { kind: 'binary', summary: `Binary, ${formatBytes(bytes.length)}${note} (${type})`, text: hexPreview(bytes) };
  }
}

export function hexPreview(bytes: Uint8Array, max = 256): string {
  const lines: string[] = [];
  for (let offset = 0; offset < Math.min(bytes.length, max); offset += 16) {
    const row = bytes.subarray(offset, Math.min(offset + 16, bytes.length, max));
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bytes.length > max) lines.push(`… ${bytes.length - max} more bytes`);
  return lines.join('\n');
}

/** Indents XML by element depth; leaves the text untouched when it does not tokenize cleanly. */
export function prettyXml(xml: string): string {
  const tokens = xml.replace(/>\s+</g, '><').match(/<[^>]+>|[^<]+/g);
  if (!tokens) return xml;
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.startsWith('</')) {
      depth = Math.max(depth - 1, 0);
      lines.push('  '.repeat(depth) + token);
    } else if (token.startsWith('<') && !token.startsWith('<?') && !token.startsWith('<!') && !token.endsWith('/>')) {
      // <a>text</a> stays on one line.
      if (tokens[i + 1] && !tokens[i + 1].startsWith('<') && tokens[i + 2]?.startsWith('</')) {
        lines.push('  '.repeat(depth) + token + tokens[i + 1] + tokens[i + 2]);
        i += 2;
      } else {
        lines.push('  '.repeat(depth) + token);
        depth++;
      }
    } else {
      lines.push('  '.repeat(depth) + token.trim());
    }
  }
  return lines.join('\n');
}

/**
 * Compares the response's Content-Type with the operation's `produces`. Returns a message when
 * the body is not of a declared type (e.g. an HTML error page where JSON is declared).
 */
export function checkContentType(contentType: string | undefined, produces: string[] | undefined, bytes: Uint8Array): string | undefined {
  if (!produces?.length || bytes.length === 0) return undefined;
  const actual = mediaType(contentType);
  const declared = produces.map(mediaType);
  const kind = classifyBody(contentType, bytes);
  if (declared.includes(actual) || declared.includes('*/*')) {
    if (kind === 'json') {
      try {
        JSON.parse(utf8.decode(bytes));
      } catch {
        return `The body is labelled ${actual} but is not valid JSON.`;
      }
    }
    return undefined;
  }
  const wildcard = declared.find((d) => d.endsWith('/*') && actual.startsWith(d.slice(0, -1)));
  if (wildcard) return undefined;
  return `The response is ${actual || 'unlabelled'} (${kind}), but the operation declares ${declared.join(', ')}.`;
}
