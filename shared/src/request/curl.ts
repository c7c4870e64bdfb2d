/** "Copy as cURL" for a request; redacted unless explicitly asked not to be. */
import { redact } from './redact';
import type { HttpRequest } from './types';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function toCurl(request: HttpRequest, options: { redact?: boolean } = {}): string {
  const shown = options.redact === false ? request : redact(request);
  const lines = [shown.method !== 'GET' || shown.body !== undefined ? `curl -X ${shown.method} ${shellQuote(shown.url)}` : `curl ${shellQuote(shown.url)}`];
  for (const [name, value] of Object.entries(shown.headers)) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (typeof shown.body === 'string') lines.push(`--data-raw ${shellQuote(shown.body)}`);
  else if (shown.body instanceof Uint8Array) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(shown.body);
    // Binary or multipart bodies cannot be pasted faithfully; point to a file instead of emitting garbage.
    if (/[\x00-\x08\x0e-\x1f]/.test(text)) lines.push(`--data-binary ${shellQuote(`@body-${shown.body.length}-bytes.bin`)}`);
    else lines.push(`--data-binary ${shellQuote(text)}`);
  }
  return lines.join(' \\\n  ');
}
