// Postman {{variable}} resolution from collection variables and an environment file.
import { isRecord, type PmKeyValue } from './types';

export const VARIABLE = /\{\{([^{}]+)\}\}/g;

/** Names that usually carry credentials: their values never become examples in the files. */
export const SENSITIVE_NAME = /secret|passw|token|api[-_]?key|auth|credential|signature|cookie|session/i;

export class Variables {
  private readonly values = new Map<string, string>();
  private readonly sensitive = new Set<string>();

  /** Later sources win: pass collection variables first, then the environment. */
  constructor(...sources: Array<readonly PmKeyValue[] | undefined>) {
    for (const list of sources) {
      for (const v of list ?? []) {
        if (!v || typeof v.key !== 'string' || v.disabled) continue;
        if (v.value === undefined || v.value === null) continue;
        this.values.set(v.key, typeof v.value === 'string' ? v.value : JSON.stringify(v.value));
        if (v.type === 'secret' || SENSITIVE_NAME.test(v.key)) this.sensitive.add(v.key);
      }
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The fully resolved value of one variable, or undefined when it (or a variable inside it) is unknown. */
  get(name: string): string | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    const { text, unresolved } = this.resolve(raw);
    return unresolved.length ? undefined : text;
  }

  /** Replaces every known variable (recursively, depth-limited); lists the unknown ones. */
  resolve(text: string): { text: string; unresolved: string[]; sensitive: boolean } {
    const unresolved: string[] = [];
    let sensitive = false;
    let current = text;
    for (let depth = 0; depth < 10 && current.includes('{{'); depth++) {
      let changed = false;
      current = current.replace(VARIABLE, (whole, name: string) => {
        const v = this.values.get(name.trim());
        if (v === undefined) return whole;
        if (this.sensitive.has(name.trim())) sensitive = true;
        changed = true;
        return v;
      });
      if (!changed) break;
    }
    for (const m of current.matchAll(VARIABLE)) if (!unresolved.includes(m[1]!)) unresolved.push(m[1]!);
    return { text: current, unresolved, sensitive };
  }

  /**
   * A value fit to be written as an example: fully resolved and built from no secret
   * (a variable marked secret, or named like a credential). Undefined otherwise.
   */
  example(text: string, paramName = ''): string | undefined {
    if (paramName && SENSITIVE_NAME.test(paramName)) return undefined;
    const r = this.resolve(text);
    return r.unresolved.length || r.sensitive ? undefined : r.text;
  }
}

/** Variables of a Postman environment (or globals) file; undefined when it is not one. */
export function environmentValues(env: unknown): PmKeyValue[] | undefined {
  if (!isRecord(env)) return undefined;
  const list = Array.isArray(env.values) ? env.values : Array.isArray(env.variable) ? env.variable : undefined;
  if (!list) return undefined;
  return list.filter(isRecord).map((v) => ({
    key: typeof v.key === 'string' ? v.key : undefined,
    value: v.value,
    disabled: v.enabled === false || v.disabled === true,
    type: typeof v.type === 'string' ? v.type : undefined,
  }));
}

export function isWholeVariable(text: string): string | undefined {
  const m = /^\{\{([^{}]+)\}\}$/.exec(text.trim());
  return m ? m[1]!.trim() : undefined;
}
