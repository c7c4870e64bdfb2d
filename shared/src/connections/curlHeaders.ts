/** cURL arguments for a connection's decorations, with the secret parts shown as ***. */
import { REDACTED } from '../log/redactingLogger';
import type { RequestDecorations } from './model';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** HTTP authentication scheme words that may stay visible; any other first word may be part of the secret. */
const AUTH_SCHEME = /^(Bearer|Basic|Digest|Negotiate|NTLM)\s+\S/i;

/** Keeps a known auth scheme word ("Bearer", "Basic") visible; everything else of a value is hidden. */
function hide(value: string): string {
  const scheme = AUTH_SCHEME.exec(value)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

export function redactedCurlArguments(decorations: RequestDecorations): string {
  const parts: string[] = [];
  for (const name of Object.keys(decorations.headers)) parts.push(`-H ${shellQuote(`${name}: ${hide(decorations.headers[name] ?? '')}`)}`);
  for (const name of Object.keys(decorations.query)) parts.push(`--url-query ${shellQuote(`${name}=${REDACTED}`)}`);
  return parts.join(' ');
}
