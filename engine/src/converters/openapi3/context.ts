// State shared by the parts of one OpenAPI conversion: the source, the report, the budgets.
import { encodePointerToken, followRefs, pointerToPath } from '../../../../shared/src/swagger/pointer';
import type { OpenApiReportBuilder } from './report';

export type JsonObject = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Budgets of one conversion. */
export interface Budgets {
  /** Wall-clock time of the conversion (ms). */
  timeMs: number;
  /** `$ref`s expanded in place (refs that are not to a component schema). */
  refExpansions: number;
  /** Schema nesting converted (deeper parts become `{}`, reported). */
  schemaDepth: number;
}

export const DEFAULT_BUDGETS: Budgets = { timeMs: 60_000, refExpansions: 20_000, schemaDepth: 64 };

export class BudgetError extends Error {}

export class Ctx {
  expansionsLeft: number;
  /** Source component schema name -> definition name in the output. */
  readonly definitionNames = new Map<string, string>();
  /** Definition name in the output -> source component schema name. */
  readonly definitionSources = new Map<string, string>();
  /** Source pointer of a schema referenced in part (…/Pet/properties/owner) -> its own definition name. */
  readonly hoisted = new Map<string, string>();
  /** Definitions made for such targets (added after the component schemas). */
  readonly extraDefinitions: JsonObject = {};
  private readonly deadline: number;
  private ticks = 0;

  constructor(
    readonly doc: JsonObject,
    readonly report: OpenApiReportBuilder,
    readonly budgets: Budgets,
  ) {
    this.expansionsLeft = budgets.refExpansions;
    this.deadline = Date.now() + budgets.timeMs;
  }

  /** A definition name for the schema at a source pointer, unique among the definitions (any case). */
  newDefinitionName(pointer: string): string {
    const segs = pointerToPath(pointer).filter((x) => x !== 'components' && x !== 'schemas' && x !== 'properties' && x !== 'content' && x !== 'schema');
    const base = segs.slice(-3).join('_').replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80) || 'Schema';
    const used = (n: string) => [...this.definitionSources.keys(), ...Object.keys(this.extraDefinitions)].some((k) => k.toLowerCase() === n.toLowerCase());
    let name = base;
    for (let i = 2; used(name); i++) name = `${base}_${i}`;
    return name;
  }

  /** Throws BudgetError once the time budget is spent (checked every 256 calls). */
  tick(): void {
    if ((++this.ticks & 255) === 0 && Date.now() > this.deadline) throw new BudgetError(`The conversion took longer than ${this.budgets.timeMs / 1000} s and was stopped.`);
  }

  /** Follows a local `$ref` chain in the source; undefined when dangling, remote or cyclic. */
  resolve(value: unknown, pointer: string): { value: unknown; pointer: string } | undefined {
    return followRefs(this.doc, value, pointer);
  }
}

/** "#/paths/~1pets/get" from path segments. */
export function ptr(...segments: (string | number)[]): string {
  return `#/${segments.map(encodePointerToken).join('/')}`;
}

/** Appends segments to a "#/..." pointer. */
export function sub(pointer: string, ...segments: (string | number)[]): string {
  return `${pointer === '#' ? '#' : pointer}/${segments.map(encodePointerToken).join('/')}`;
}

/** The component name a local ref points at ("#/components/schemas/Pet" -> ["schemas", "Pet"]). */
export function componentOf(ref: string): { kind: string; name: string; rest: string[] } | undefined {
  if (!ref.startsWith('#/components/')) return undefined;
  const segs = pointerToPath(ref);
  if (segs.length < 3) return undefined;
  return { kind: segs[1]!, name: segs[2]!, rest: segs.slice(3) };
}
