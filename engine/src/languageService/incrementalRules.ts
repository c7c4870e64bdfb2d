// Incremental rule runs: a rule's findings are kept per subtree of the definition (one operation's
// path item, one `definitions`/`parameters`/`responses` entry) and, after an edit, re-computed only
// for the subtrees the edit changed and the subtrees that reach them through `$ref` (the index's refs),
// the rest reused with their positions remapped. The connector's other files (apiProperties.json,
// script.csx, the folder) are tracked per rule: each run records which of them the rule read, and a
// change of one re-runs only the rules that read it (an apiProperties.json edit of Encodian: 11 ms
// instead of 68). Everything else falls back to a full run: whole-document rules after a definition
// edit, a change outside the four sections, of the settings, a definition with syntax errors or with a
// `$ref` to another file. test/unit/languageService/incrementalRules.test.ts checks, on random edit
// sequences of both files over real connectors, that the results equal a from-scratch validation.
import type { Finding, Rule, RuleContext } from '../rules/types';
import { buildConnectorIndex, HTTP_METHODS, isObject, type ConnectorIndex, type JsonObject } from './connectorIndex';
import { locatePointers, type Location } from './locate';
import { hasRoot, treeBuilt, type ParsedDocument } from './parseDocument';
import { endOfValue } from './textLocate';
import { childNode, pathToPointer, pointerToPath, type TreeNode } from './tree';

/** The sections whose entries are subtrees of their own. */
export const PARTITIONED_SECTIONS = ['paths', 'definitions', 'parameters', 'responses'] as const;

/**
 * Rules whose finding in one subtree depends only on that subtree, what it references through
 * `$ref` (transitively) and the rest of the document outside the four sections; they report no
 * finding outside the subtree it concerns. Keyed by the rule's first id. Every other rule is
 * whole-document: it runs in full on every version.
 */
export const PARTITIONED_RULES: ReadonlySet<string> = new Set<string>([
  // certificationInfo: info and host only.
  'title-max-length', 'description-length', 'info-english', 'contact-required', 'host-production',
  // certificationStrings: each summary, description and operationId where it is written.
  'operation-summary-length', 'summary-allowed-characters', 'description-ends-with-punctuation', 'operation-id-pascal-case',
  // operations (operation-id-unique compares operations: whole-document; parameter-name-reserved
  // reports at a shared parameter on behalf of each operation: whole-document).
  'operation-id-required', 'operation-id-sanitized', 'operation-summary-required', 'path-item-empty', 'get-no-body',
  // parameters (path-param-declared reports at shared parameters: whole-document).
  'parameter-basics', 'parameters-unique',
  // paths (the duplicate checks compare paths: whole-document).
  'path-starts-with-slash',
  // references: each `$ref` where it is written.
  'path-item-ref-unsupported', 'ref-sibling-properties', 'json-pointer-valid', 'ref-target-section', 'ref-no-alias', 'required-ref-loop',
  // responses (response-description-required reports at shared responses: whole-document).
  'operation-responses-required',
  // schema keywords (readonly-required-input depends on which operations use a definition: whole-document).
  'array-items-required', 'discriminator-required-string',
  // sizeLimits: each schema root counted through the $refs it reaches (schema-count-total is whole-document).
  'schema-count-object',
  'security-definition-type', 'security-requirement-defined',
  // swaggerHost: the root's host, schemes, mime types; each operation's consumes/produces.
  'host-valid', 'host-present', 'basepath-valid', 'schemes-not-empty', 'schemes-valid', 'mime-type-valid', 'mime-type-supported', 'consumes-missing', 'mime-incompatible-with-request', 'string-binary-form-urlencoded', 'contact-email-valid', 'url-valid',
  // the Swagger schema validator: each error at the instance it is about.
  'root-unknown-property',
  'swagger-version', 'openapi3-not-supported', 'paths-required', 'info-required', 'info-description-required', 'required-value-empty', 'array-unique-values',
  // x-ms-* extensions checked where they are written.
  'x-ms-summary-shape', 'x-ms-visibility-value', 'enum-values-shape', 'url-encoding-value', 'media-kind-value', 'test-value-no-secrets',
  'connector-metadata-shape', 'docs-deployment-version-shape', 'openai-data-shape', 'autorest-extension-ignored',
  'api-annotation-shape',
  'x-ms-trigger-kind', 'notification-content-shape', 'pageable-next-link-name',
]);

/** The operationIds of the definition, in order: what a reference to an operation by id resolves against. */
function operationIdsOf(index: ConnectorIndex): string {
  return JSON.stringify([...index.operationsById.keys()]);
}

/**
 * Rules that compare subtrees, but only through a small summary of the document: while the summary
 * is unchanged they are partitioned as above (`partitioned`), or their findings do not change at all
 * (`same`); when it changes they run in full.
 */
export const SUMMARY_RULES: ReadonlyMap<string, { mode: 'partitioned' | 'same'; summary: (index: ConnectorIndex) => string }> = new Map([
  // An operationId named by an extension exists or not: the set of operationIds.
  ['dynamic-operation-exists', { mode: 'partitioned', summary: operationIdsOf }],
  ['operation-context-shape', { mode: 'partitioned', summary: operationIdsOf }],
  // Duplicate routes: the path keys and which methods each path item has.
  ['path-case-duplicate', { mode: 'same', summary: pathMethodsOf }],
  ['duplicate-operation-path', { mode: 'same', summary: pathMethodsOf }],
] as const);

function pathMethodsOf(index: ConnectorIndex): string {
  const paths = index.definitionValue?.paths;
  if (!isObject(paths)) return 'none';
  return JSON.stringify(Object.entries(paths).map(([p, item]) => [p, isObject(item) ? HTTP_METHODS.filter((m) => isObject(item[m])) : typeof item]));
}

/**
 * Rules that reported, on a partial run, outside the subtrees being re-checked: they run in full
 * from then on (a safety net behind PARTITIONED_RULES; the property test keeps it empty).
 */
export const DEMOTED_RULES = new Set<string>();

const ROOT = '';

interface PartInfo {
  /** Equal fingerprints mean equal subtrees (the text slice for JSON, the serialised value for YAML). */
  fingerprint: string;
  /** Offset of the subtree's value in the text (to move findings that carry offsets). */
  start: number;
  /** Where the member ends (JSON and YAML alike). */
  end: number;
}

interface Snapshot {
  env: readonly unknown[];
  crossFile: CrossFileInput;
  global: string;
  parts: Map<string, PartInfo>;
  /** The entries of each section in order (entries that stay but change order: a full run). */
  order: Map<string, string[]>;
  text: string;
  /** SUMMARY_RULES' summaries of this version, by rule id. */
  summaries: Map<string, string>;
}

interface CachedFinding {
  finding: Finding;
  part: string;
}

/** A rule's findings of the last version and which of the other files it read to find them. */
interface RuleRecord {
  findings: CachedFinding[];
  reads: ReadonlySet<CrossFilePart>;
}

/** The connector's other files, as a rule may read them: each compared by value between versions. */
export interface CrossFileInput {
  /** apiProperties.json's text (read through ctx.properties or index.propertiesValue). */
  properties?: string;
  /** script.csx's text (ctx.script). */
  script?: string;
  /** The folder: its name and its files' names (ctx.folderName, ctx.folderFiles). */
  folder?: string;
}
/** 'files': any file read through ctx.files (their contents are not compared: always re-read). */
export type CrossFilePart = keyof CrossFileInput | 'files';
const CROSS_FILE_PARTS: readonly (keyof CrossFileInput)[] = ['properties', 'script', 'folder'];

/** What a validation hands in so the cache knows what the rules see besides the definition. */
export interface IncrementalInput {
  definition: ParsedDocument | undefined;
  index: ConnectorIndex;
  /** What every rule may read (the definition's URI, the settings): a change of any is a full run. */
  env: readonly unknown[];
  /**
   * The other files: a change re-runs only the rules that read the part that changed (the reads of
   * each rule's last run are recorded); the others keep their findings while the definition's text is the same.
   */
  crossFile?: CrossFileInput;
}

/** The rule-result cache of one connector (the language server keeps one per open connector). */
export class IncrementalRules {
  private snapshot?: Snapshot;
  private byRule = new Map<Rule, RuleRecord>();
  /** Counters of the last run, for tests and the bench. */
  lastRun = { partial: 0, full: 0, reused: 0, dirtyParts: 0, totalParts: 0 };

  begin(input: IncrementalInput): RuleSession {
    return new RuleSession(this, input, this.snapshot, this.byRule);
  }

  /** @internal the session's results become the cache. */
  commit(snapshot: Snapshot | undefined, byRule: Map<Rule, RuleRecord>): void {
    this.snapshot = snapshot;
    this.byRule = byRule;
  }

  clear(): void {
    this.snapshot = undefined;
    this.byRule = new Map();
  }
}

/** One validation's use of the cache: run each rule (in full or on the changed subtrees), then commit. */
export class RuleSession {
  private readonly next?: Snapshot;
  /** Subtrees to re-check (changed, added, removed, or reaching one of them by `$ref`); undefined = full runs. */
  private readonly dirty?: Set<string>;
  private readonly nextByRule = new Map<Rule, RuleRecord>();
  /** The other files' parts that differ from the previous version's. */
  private readonly changedCrossFile = new Set<CrossFilePart>();
  private restricted?: { definition: ParsedDocument; index: ConnectorIndex };
  private prefixSuffix?: { prefix: number; oldSuffixStart: number; delta: number };

  constructor(
    private readonly owner: IncrementalRules,
    private readonly input: IncrementalInput,
    private readonly prev: Snapshot | undefined,
    private readonly prevByRule: Map<Rule, RuleRecord>,
  ) {
    this.next = snapshotOf(input);
    if (this.next && prev && sameEnv(prev, this.next)) {
      this.dirty = dirtyParts(prev, this.next, input.index);
      for (const part of CROSS_FILE_PARTS) if (prev.crossFile[part] !== this.next.crossFile[part]) this.changedCrossFile.add(part);
      this.changedCrossFile.add('files');
    }
    owner.lastRun = { partial: 0, full: 0, reused: 0, dirtyParts: this.dirty?.size ?? -1, totalParts: this.next?.parts.size ?? 0 };
  }

  /** Runs one rule, reusing what the cache holds for it where possible; returns its findings for this version. */
  run(rule: Rule, ctx: RuleContext, onError: (e: unknown) => void): Finding[] {
    const id = rule.ids[0];
    const record = this.prevByRule.get(rule);
    // A rule that read another file that changed runs in full (its reads are recorded again).
    const cached = record && ![...record.reads].some((part) => this.changedCrossFile.has(part)) ? record.findings : undefined;
    const bySummary = SUMMARY_RULES.get(id);
    let summaryKept = false;
    if (bySummary && this.next) {
      const summary = bySummary.summary(this.input.index);
      this.next.summaries.set(id, summary);
      summaryKept = this.prev?.summaries.get(id) === summary;
    }
    // Only other files changed, and none this rule read: its findings stand.
    if (this.dirty && cached && this.prev!.text === this.next!.text && (!bySummary || summaryKept)) {
      this.owner.lastRun.reused++;
      this.nextByRule.set(rule, record!);
      return cached.map((c) => c.finding);
    }
    if (this.dirty && cached && summaryKept && bySummary?.mode === 'same') {
      const same = this.reuse(cached, false);
      if (same) {
        this.owner.lastRun.partial++;
        this.nextByRule.set(rule, { findings: same, reads: record!.reads });
        return same.map((c) => c.finding);
      }
    }
    if (this.dirty && cached && (PARTITIONED_RULES.has(id) || (summaryKept && bySummary?.mode === 'partitioned')) && !DEMOTED_RULES.has(id)) {
      const reads = new Set(record!.reads);
      const partial = this.runPartial(rule, ctx, cached, reads);
      if (partial) {
        this.owner.lastRun.partial++;
        this.nextByRule.set(rule, { findings: partial, reads });
        return partial.map((c) => c.finding);
      }
    }
    const found: Finding[] = [];
    const reads = new Set<CrossFilePart>();
    try {
      rule.check(trackCrossFileReads({ ...ctx, report: (f) => found.push(f) }, reads));
    } catch (e) {
      onError(e);
      return found;
    }
    this.owner.lastRun.full++;
    if (this.next) this.nextByRule.set(rule, { findings: found.map((f) => ({ finding: f, part: this.partOf(f) })), reads });
    return found;
  }

  /** The cached findings of the clean subtrees plus the rule's findings on the dirty ones; undefined = run in full. */
  private runPartial(rule: Rule, ctx: RuleContext, cached: CachedFinding[], reads: Set<CrossFilePart>): CachedFinding[] | undefined {
    const out = this.reuse(cached);
    if (!out || this.dirty!.size === 0) return out;
    const fresh: Finding[] = [];
    const r = this.restrictedView();
    try {
      rule.check(trackCrossFileReads({ ...ctx, definition: r.definition, rawDefinition: r.definition, index: r.index, report: (f) => fresh.push(f) }, reads));
    } catch {
      return undefined;
    }
    for (const f of fresh) {
      const part = this.partOf(f);
      if (part === ROOT) continue;
      if (!this.dirty!.has(part)) {
        DEMOTED_RULES.add(rule.ids[0]);
        return undefined;
      }
      out.push({ finding: f, part });
    }
    return out;
  }

  /** The run finished: its results become the cache (a run dropped half-way leaves the cache as it was). */
  commit(): void {
    this.owner.commit(this.next, this.nextByRule);
  }

  /** The cached findings of the clean subtrees, moved to this version's offsets; undefined when one cannot be moved. */
  private reuse(cached: CachedFinding[], dropDirty = true): CachedFinding[] | undefined {
    const out: CachedFinding[] = [];
    for (const c of cached) {
      const inDirty = c.part !== ROOT && this.dirty!.has(c.part);
      if (inDirty && dropDirty) continue;
      const f = c.finding;
      // Kept in a changed subtree: only a pointer can be placed again.
      if (inDirty && f.offset !== undefined && (f.file ?? 'definition') === 'definition') return undefined;
      if (inDirty) {
        out.push(c);
        continue;
      }
      if (f.offset === undefined || (f.file ?? 'definition') !== 'definition') {
        out.push(c);
        continue;
      }
      let moved: number | undefined;
      if (c.part === ROOT) moved = this.moveRootOffset(f.offset, f.length ?? 0);
      else moved = f.offset - this.prev!.parts.get(c.part)!.start + this.next!.parts.get(c.part)!.start;
      if (moved === undefined) return undefined;
      out.push(moved === f.offset ? c : { finding: { ...f, offset: moved }, part: c.part });
    }
    return out;
  }

  /** An offset outside any subtree: unchanged before the edited span, shifted after it, unknown inside. */
  private moveRootOffset(offset: number, length: number): number | undefined {
    if (!this.prefixSuffix) {
      const a = this.prev!.text;
      const b = this.next!.text;
      const max = Math.min(a.length, b.length);
      let prefix = 0;
      while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
      let suffix = 0;
      while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
      this.prefixSuffix = { prefix, oldSuffixStart: a.length - suffix, delta: b.length - a.length };
    }
    const { prefix, oldSuffixStart, delta } = this.prefixSuffix;
    if (offset + length <= prefix) return offset;
    if (offset >= oldSuffixStart) return offset + delta;
    return undefined;
  }

  /** The subtree a finding is about: by its pointer, else by its offset; ROOT for anything else. */
  private partOf(f: Finding): string {
    const part = this.entryOf(f);
    // A member that is not an entry (`$ref` beside the entries) belongs to the section: the rest.
    return part !== ROOT && this.next?.parts.has(part) ? part : ROOT;
  }

  private entryOf(f: Finding): string {
    if ((f.file ?? 'definition') !== 'definition') return ROOT;
    if (f.pointer !== undefined) {
      const path = pointerToPath(f.pointer);
      return path.length >= 2 && (PARTITIONED_SECTIONS as readonly string[]).includes(path[0]) ? partKey(path[0], path[1]) : ROOT;
    }
    if (f.offset === undefined || !this.input.definition) return ROOT;
    const doc = this.input.definition;
    if (treeBuilt(doc)) return doc.root ? partAtOffset(doc.root, f.offset) : ROOT;
    // No tree (a strict JSON file just opened): the members' spans of the snapshot say the same.
    for (const [key, p] of this.next?.parts ?? []) if (f.offset >= p.start && f.offset < p.end) return key;
    return ROOT;
  }

  /**
   * The definition as the partitioned rules see it on a partial run: each section lists only its
   * changed entries (Object.keys, entries, for-in), while every entry can still be looked up
   * (`$ref` targets); the index is rebuilt over that view.
   */
  private restrictedView(): { definition: ParsedDocument; index: ConnectorIndex } {
    if (this.restricted) return this.restricted;
    const doc = this.input.definition!;
    const value = { ...(doc.value as JsonObject) };
    for (const section of PARTITIONED_SECTIONS) {
      const s = value[section];
      if (!isObject(s)) continue;
      const keys = Object.keys(s).filter((k) => this.dirty!.has(partKey(section, k)));
      value[section] = new Proxy(s, { ownKeys: () => keys });
    }
    const definition: ParsedDocument = { ...doc, value };
    // Lookups of operations by id see every operation (only SUMMARY_RULES look them up, keyed on the ids).
    const index = { ...buildConnectorIndex(value, this.input.index.propertiesValue), operationsById: this.input.index.operationsById };
    return (this.restricted = { definition, index });
  }
}

/**
 * The rule context with the other files behind getters that record which part the rule read
 * (apiProperties.json also through the index's propertiesValue).
 */
function trackCrossFileReads(ctx: RuleContext, reads: Set<CrossFilePart>): RuleContext {
  const index = new Proxy(ctx.index, {
    get(target, key, receiver) {
      if (key === 'propertiesValue') reads.add('properties');
      return Reflect.get(target, key, receiver);
    },
  });
  const tracked: RuleContext = { ...ctx, index };
  const on = (key: 'properties' | 'script' | 'folderName' | 'folderFiles' | 'files', part: CrossFilePart) =>
    Object.defineProperty(tracked, key, {
      enumerable: true,
      get() {
        reads.add(part);
        return ctx[key];
      },
    });
  on('properties', 'properties');
  on('script', 'script');
  on('folderName', 'folder');
  on('folderFiles', 'folder');
  on('files', 'files');
  return tracked;
}

function partKey(section: string, key: string): string {
  return `${section}/${key}`;
}

function sameEnv(a: Snapshot, b: Snapshot): boolean {
  if (a.global !== b.global || a.env.length !== b.env.length || !a.env.every((v, i) => v === b.env[i])) return false;
  for (const [section, keys] of b.order) {
    const before = a.order.get(section);
    if (!before) continue;
    const kept = new Set(keys);
    const common = before.filter((k) => kept.has(k));
    const was = new Set(before);
    const now = keys.filter((k) => was.has(k));
    if (common.length !== now.length || common.some((k, i) => k !== now[i])) return false;
  }
  return true;
}

/**
 * The fingerprints of a definition's subtrees and of the rest; undefined when nothing may be reused
 * (no usable definition, syntax errors, a `$ref` to another file).
 */
function snapshotOf(input: IncrementalInput): Snapshot | undefined {
  const doc = input.definition;
  if (!doc || !doc.usable || !hasRoot(doc) || !isObject(doc.value)) return undefined;
  if (doc.syntax.some((s) => s.ruleId !== 'json-bom')) return undefined;
  for (const r of input.index.refs) if (!r.ref.startsWith('#')) return undefined;
  const value = doc.value;
  const parts = new Map<string, PartInfo>();
  const rest: JsonObject = {};
  const order = new Map<string, string[]>();
  const entries: [section: string, key: string, entry: JsonObject][] = [];
  for (const [k, v] of Object.entries(value)) {
    if (!(PARTITIONED_SECTIONS as readonly string[]).includes(k) || !isObject(v)) {
      rest[k] = v;
      continue;
    }
    order.set(k, Object.keys(v));
    // A section that becomes empty or stops being empty may change findings about the whole section.
    rest[k] = Object.keys(v).length === 0 ? 'empty' : 'entries';
    // A member that is not an entry (`$ref` beside the entries, a scalar) makes rules judge the
    // section itself, naming its keys: any change of it or of the key list is a full run.
    const extras = Object.entries(v).filter(([key, entry]) => key.startsWith('$') || !isObject(entry));
    if (extras.length) rest[k] = { keys: Object.keys(v), extras: Object.fromEntries(extras) };
    for (const [key, entry] of Object.entries(v)) if (!key.startsWith('$') && isObject(entry)) entries.push([k, key, entry]);
  }
  const spans = memberSpans(doc, entries);
  if (!spans) return undefined;
  for (let i = 0; i < entries.length; i++) {
    const [k, key, entry] = entries[i];
    const span = spans[i];
    // The member (key and value): a renamed key is another subtree.
    const fingerprint = doc.language === 'json' ? doc.text.substr(span.offset, span.length) : JSON.stringify(entry) ?? 'undefined';
    parts.set(partKey(k, key), { fingerprint, start: span.offset, end: span.offset + span.length });
  }
  return { env: input.env, crossFile: input.crossFile ?? {}, global: JSON.stringify(rest), order, parts, text: doc.text, summaries: new Map() };
}

/**
 * Where each section entry's member (key and value) lies in the text: from the tree when it is
 * built, else (strict JSON whose tree is not built: a file just opened) from one pass over the text,
 * as long as it is JSON (reading `root` of YAML builds its tree),
 * so validating it builds no tree. Undefined when an entry has no member node.
 */
function memberSpans(doc: ParsedDocument, entries: readonly [string, string, JsonObject][]): Location[] | undefined {
  if (doc.language === 'json' && !treeBuilt(doc)) {
    // Each member's key and value, in one pass: [key 0, value 0, key 1, value 1, ...].
    const at = locatePointers(doc, entries.flatMap(([k, key]) => ['key' as const, 'value' as const].map((target) => ({ pointer: pathToPointer([k, key]), target }))));
    return entries.map((_, i) => ({ offset: at[2 * i].offset, length: endOfValue(doc.text, at[2 * i + 1].offset) - at[2 * i].offset }));
  }
  const spans: Location[] = [];
  for (const [k, key] of entries) {
    const valueNode = childNode(childNode(doc.root, k), key);
    const node = valueNode?.parent?.type === 'property' ? valueNode.parent : undefined;
    if (!node) return undefined;
    spans.push({ offset: node.offset, length: node.length });
  }
  return spans;
}

/** Changed, added and removed subtrees, and every subtree that reaches one of them through `$ref`. */
function dirtyParts(prev: Snapshot, next: Snapshot, index: ConnectorIndex): Set<string> {
  const dirty = new Set<string>();
  for (const [k, p] of next.parts) if (prev.parts.get(k)?.fingerprint !== p.fingerprint) dirty.add(k);
  for (const k of prev.parts.keys()) if (!next.parts.has(k)) dirty.add(k);
  if (dirty.size === 0) return dirty;
  // Reverse edges: target subtree -> subtrees holding a $ref to it.
  const referrers = new Map<string, Set<string>>();
  for (const r of index.refs) {
    const from = pathPart(pointerToPath(r.pointer));
    const to = pathPart(pointerToPath(r.ref));
    if (from === ROOT || to === ROOT || from === to) continue;
    let set = referrers.get(to);
    if (!set) referrers.set(to, (set = new Set()));
    set.add(from);
  }
  const queue = [...dirty];
  while (queue.length) {
    const k = queue.pop()!;
    for (const from of referrers.get(k) ?? []) {
      if (dirty.has(from)) continue;
      dirty.add(from);
      queue.push(from);
    }
  }
  return dirty;
}

function pathPart(path: readonly string[]): string {
  return path.length >= 2 && (PARTITIONED_SECTIONS as readonly string[]).includes(path[0]) ? partKey(path[0], path[1]) : ROOT;
}

/** The subtree holding an offset of the definition's text (by the positioned tree). */
function partAtOffset(root: TreeNode, offset: number): string {
  if (root.type !== 'object' || !root.children) return ROOT;
  for (const prop of root.children) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode || !(PARTITIONED_SECTIONS as readonly string[]).includes(String(keyNode.value))) continue;
    if (offset < valueNode.offset || offset >= valueNode.offset + valueNode.length || valueNode.type !== 'object') continue;
    for (const entry of valueNode.children ?? []) {
      if (offset >= entry.offset && offset < entry.offset + entry.length) return entry.children?.[0] ? partKey(String(keyNode.value), String(entry.children[0].value)) : ROOT;
    }
  }
  return ROOT;
}
