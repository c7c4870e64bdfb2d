/** cURL arguments for a connection's decorations, with the secret parts shown as ***. */
import { REDACTED } from '../log/redactingLogger';
import type { RequestDecorations } from './model';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Keeps an auth scheme word ("Bearer", "Basic") visible; everything else of a value is hidden. */
function hide(value: string): string {
  const scheme = /^(Bearer|Basic|Digest|[A-Za-z]+)\s+\S/.exec(value)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

export function redactedCurlArguments(decorations: RequestDecorations): string {
  const parts: string[] = [];
  for (const name of Object.keys(decorations.headers)) parts.push(`-H ${shellQuote(`${name}: ${hide(decorations.headers[name] ?? '')}`)}`);
  for (const name of Object.keys(decorations.query)) parts.push(`--url-query ${shellQuote(`${name}=${REDACTED}`)}`);
  return parts.join(' ');
}
