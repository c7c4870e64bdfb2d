// Postman {{variable}} resolution from collection variables and an environment file.
import { isSecretName } from '../../../../shared/src/request/secretNames';
import { isRecord, type PmKeyValue } from './types';

export const VARIABLE = /\{\{([^{}]+)\}\}/g;


/**
 * Budgets of resolution (a 1.3 KB collection whose variables each hold 16 copies of the previous
 * one would otherwise expand to gigabytes): one value may grow by at most MAX_GROWTH characters,
 * and all resolutions of one import together by at most MAX_TOTAL_GROWTH. A variable that would
 * pass a budget stays unresolved (listed in `tooLarge`, which the import report names).
 */
export const MAX_GROWTH = 256 * 1024;
export const MAX_TOTAL_GROWTH = 16 * 1024 * 1024;
const MAX_ROUNDS = 10;

export class Variables {
  private readonly values = new Map<string, string>();
  private readonly sensitive = new Set<string>();
  /** Variables left unresolved because their expansion passed a budget. */
  readonly tooLarge = new Set<string>();
  private totalLeft = MAX_TOTAL_GROWTH;

  /** Later sources win: pass collection variables first, then the environment. */
  constructor(...sources: Array<readonly PmKeyValue[] | undefined>) {
    for (const list of sources) {
      for (const v of list ?? []) {
        if (!v || typeof v.key !== 'string' || v.disabled) continue;
        if (v.value === undefined || v.value === null) continue;
        this.values.set(v.key, typeof v.value === 'string' ? v.value : JSON.stringify(v.value));
        if (v.type === 'secret' || isSecretName(v.key)) this.sensitive.add(v.key);
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

  /**
   * Replaces every known variable (recursively, depth- and size-limited); lists the unknown ones
   * and those left as written because expanding them would pass a budget.
   */
  resolve(text: string): { text: string; unresolved: string[]; sensitive: boolean } {
    const unresolved: string[] = [];
    let sensitive = false;
    let current = text;
    let growthLeft = Math.min(MAX_GROWTH, this.totalLeft);
    for (let depth = 0; depth < MAX_ROUNDS && current.includes('{{'); depth++) {
      let changed = false;
      current = current.replace(VARIABLE, (whole, name: string) => {
        const key = name.trim();
        const v = this.values.get(key);
        if (v === undefined) return whole;
        const growth = v.length - whole.length;
        if (growth > growthLeft) {
          this.tooLarge.add(key);
          return whole;
        }
        if (growth > 0) growthLeft -= growth;
        if (this.sensitive.has(key)) sensitive = true;
        changed = true;
        return v;
      });
      if (!changed) break;
    }
    this.totalLeft -= Math.min(MAX_GROWTH, this.totalLeft) - growthLeft;
    for (const m of current.matchAll(VARIABLE)) if (!unresolved.includes(m[1]!)) unresolved.push(m[1]!);
    return { text: current, unresolved, sensitive };
  }

  /**
   * A value fit to be written as an example: fully resolved, built from no secret (a variable
   * marked secret, or named like a credential) and not for a parameter named like a credential
   * (?code= of Azure Functions, ?sig= of a SAS URL, ?key= of Google APIs). Undefined otherwise.
   */
  example(text: string, paramName = ''): string | undefined {
    if (paramName && isSecretName(paramName)) return undefined;
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
