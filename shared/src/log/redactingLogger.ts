/**
 * The one logger every component uses. Known secret values and secret-looking patterns
 * (Bearer tokens, Authorization headers, client_secret=, access_token, ...) are replaced
 * with *** before anything reaches a sink (output channel, console, test buffer).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where redacted lines go. The extension backs this with an OutputChannel. */
export interface LogSink {
  write(level: LogLevel, line: string): void;
}

export const REDACTED = '***';

/** Secrets shorter than this are not registered: replacing "a" or "1" everywhere would garble logs. */
const MIN_SECRET_LENGTH = 4;

type Replacement = string | ((whole: string, ...groups: string[]) => string);

const PATTERNS: ReadonlyArray<[RegExp, Replacement]> = [
  // Authorization / Proxy-Authorization headers, whatever the scheme.
  [/((?:proxy-)?authorization\s*[:=]\s*"?)(?:(bearer|basic|digest|negotiate|ntlm)\s+)?[^\s",;]+/gi, `$1$2 ${REDACTED}`],
  // Bare "Bearer xyz" / "Basic xyz" anywhere.
  [/\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, `$1 ${REDACTED}`],
  // Form / query / JSON style secret fields. A quoted JSON value is hidden whole, escaped quotes
  // and backslashes included ("pa\"ss" must not leave ss" visible).
  [
    /(\b(?:client_secret|access_token|refresh_token|id_token|code_verifier|password|api[_-]?key|apikey|x-api-key|secret|token)"?\s*[:=]\s*)("(?:[^"\\\n]|\\.)*"?|[^\s"&,;}]+)/gi,
    (_whole: string, head: string, value: string) => (value.startsWith('"') ? `${head}"${REDACTED}"` : `${head}${REDACTED}`),
  ],
  // Authorization codes in redirect URLs.
  [/([?&]code=)[^\s&#"]+/gi, `$1${REDACTED}`],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A secret as written, URL-encoded, and JSON-escaped up to three levels deep. */
function secretForms(value: string): Set<string> {
  const forms = new Set([value, encodeURIComponent(value)]);
  let escaped = value;
  for (let level = 0; level < 3; level++) {
    escaped = JSON.stringify(escaped).slice(1, -1);
    forms.add(escaped);
  }
  return forms;
}

/** Holds the set of secret values currently known; shared by every logger and by redact(). */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private compiled: RegExp | undefined;

  register(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.values.has(value)) return;
    // Also hide the forms a secret takes on the wire and in logged JSON (a " or \ in the secret is
    // escaped there, once per level of JSON-in-JSON), so no part of it stays visible.
    for (const form of secretForms(value)) this.values.add(form);
    this.compiled = undefined;
  }

  unregister(value: string): void {
    for (const form of secretForms(value)) this.values.delete(form);
    this.compiled = undefined;
  }

  /** Replace every registered value and every secret pattern with ***. */
  redact(text: string): string {
    let out = text;
    if (this.values.size > 0) {
      // Longest first so a secret containing another secret is hidden whole.
      this.compiled ??= new RegExp(
        [...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
        'g',
      );
      out = out.replace(this.compiled, REDACTED);
    }
    for (const [pattern, replacement] of PATTERNS) out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
    return out;
  }
}

/**
 * Process-wide registry: secrets registered anywhere are redacted by every logger. Kept on
 * globalThis because a host may load this module more than once (the VS Code client's feature
 * bundles each carry a copy, client/src/features.ts): every copy must see the same secrets.
 */
const REGISTRY_KEY = Symbol.for('connectorStudio.secretRegistry');
export const secretRegistry: SecretRegistry = ((globalThis as Record<symbol, SecretRegistry | undefined>)[REGISTRY_KEY] ??= new SecretRegistry());

export function registerSecret(value: string | undefined | null): void {
  secretRegistry.register(value);
}

export function redact(text: string): string {
  return secretRegistry.redact(text);
}

function stringify(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

export class RedactingLogger {
  constructor(
    private readonly sink: LogSink,
    private readonly registry: SecretRegistry = secretRegistry,
    private readonly scope?: string,
  ) {}

  /** A logger that prefixes lines with a component name and shares sink and registry. */
  child(scope: string): RedactingLogger {
    return new RedactingLogger(this.sink, this.registry, this.scope ? `${this.scope}/${scope}` : scope);
  }

  registerSecret(value: string | undefined | null): void {
    this.registry.register(value);
  }

  redact(text: string): string {
    return this.registry.redact(text);
  }

  debug(...parts: unknown[]): void {
    this.log('debug', parts);
  }
  info(...parts: unknown[]): void {
    this.log('info', parts);
  }
  warn(...parts: unknown[]): void {
    this.log('warn', parts);
  }
  error(...parts: unknown[]): void {
    this.log('error', parts);
  }

  private log(level: LogLevel, parts: unknown[]): void {
    const text = parts.map(stringify).join(' ');
    const line = this.scope ? `[${this.scope}] ${text}` : text;
    this.sink.write(level, this.registry.redact(line));
  }
}

/** Sink that keeps lines in memory (tests, and for a "copy log" feature). */
export class MemoryLogSink implements LogSink {
  readonly lines: string[] = [];
  write(level: LogLevel, line: string): void {
    this.lines.push(`${level}: ${line}`);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export const nullSink: LogSink = { write: () => undefined };
