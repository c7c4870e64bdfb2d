// Shared pieces of the fuzz tier: the fixed seed, the run budget (FUZZ_RUNS scales it for
// `npm run fuzz`), real corpus files to mutate, and the mutations themselves.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';

export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
export const SEED = Number(process.env.FUZZ_SEED ?? 20_251_125);
/** FUZZ_PATH replays one failure (the "path" fast-check prints with the counterexample). */
const REPLAY = process.env.FUZZ_PATH || undefined;
/**
 * Cases of the default tier (every CI run): the sum of the base run counts of the properties.
 * FUZZ_RUNS (`npm run fuzz`: 100000) scales every property so the tier runs about that many.
 */
const DEFAULT_TOTAL = 11_258;
const SCALE = process.env.FUZZ_RUNS ? Math.max(0.01, Number(process.env.FUZZ_RUNS) / DEFAULT_TOTAL) : 1;

/** Cases run so far in this process, printed at the end of the tier. */
export const counter = { cases: 0 };
/** Cases and time per test of this run, for bench/results.md (FUZZ_RECORD=1). */
const perTest: { title: string; cases: number; ms: number }[] = [];
let started = 0;
let casesAtStart = 0;
// Root-level hooks (this module loads once): the total shows how many cases the tier ran.
if (typeof beforeEach === 'function') {
  beforeEach(() => {
    started = performance.now();
    casesAtStart = counter.cases;
  });
  afterEach(function () {
    const cases = counter.cases - casesAtStart;
    if (cases > 0) perTest.push({ title: this.currentTest?.fullTitle() ?? '?', cases, ms: Math.round(performance.now() - started) });
  });
}
if (typeof after === 'function') {
  after(() => {
    const ms = perTest.reduce((a, t) => a + t.ms, 0);
    console.log(`  fuzz: ${counter.cases} cases in ${(ms / 1000).toFixed(1)} s, seed ${SEED}${process.env.FUZZ_RUNS ? `, FUZZ_RUNS=${process.env.FUZZ_RUNS}` : ''}`);
    if (process.env.FUZZ_RECORD === '1' && counter.cases > 0) recordFigures(ms);
  });
}

/**
 * Writes this run's figures to bench/fuzz-results.json (one entry per tier: "ci" for the default
 * run, "full" for FUZZ_RUNS) and the "Fuzz tier" section of bench/results.md from it.
 */
function recordFigures(ms: number): void {
  const benchDir = path.resolve(__dirname, '../../../bench');
  const jsonFile = path.join(benchDir, 'fuzz-results.json');
  const all = fs.existsSync(jsonFile) ? (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as Record<string, unknown>) : {};
  const tier = process.env.FUZZ_RUNS ? 'full' : 'ci';
  all[tier] = {
    date: new Date().toISOString(),
    seed: SEED,
    fuzzRuns: process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined,
    cases: counter.cases,
    seconds: Math.round(ms / 100) / 10,
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    tests: perTest,
  };
  fs.writeFileSync(jsonFile, JSON.stringify(all, null, 2) + '\n');
  const mdFile = path.join(benchDir, 'results.md');
  const section = fuzzSection(all as Record<string, FuzzFigures>);
  const md = fs.existsSync(mdFile) ? fs.readFileSync(mdFile, 'utf8') : '# Bench results\n';
  const marked = /<!-- fuzz:start -->[\s\S]*<!-- fuzz:end -->\n?/;
  fs.writeFileSync(mdFile, marked.test(md) ? md.replace(marked, section) : `${md.trimEnd()}\n\n${section}`);
}

interface FuzzFigures {
  date: string;
  seed: number;
  fuzzRuns?: number;
  cases: number;
  seconds: number;
  node: string;
  cpus: number;
  loadAverage: number[];
  tests: { title: string; cases: number; ms: number }[];
}

function fuzzSection(all: Record<string, FuzzFigures>): string {
  const lines = ['<!-- fuzz:start -->', '## Fuzz tier (fast-check)', '', 'Written by the fuzz tier itself with FUZZ_RECORD=1 (bench/fuzz-results.json holds the same figures); replay a failure with FUZZ_SEED=<seed> FUZZ_PATH=<path> (both printed with the counterexample).', ''];
  for (const [tier, f] of Object.entries(all)) {
    const what = tier === 'ci' ? 'Every CI run (`npm test`, default run counts)' : `\`npm run fuzz\` (FUZZ_RUNS=${f.fuzzRuns})`;
    lines.push(`**${what}**: ${f.cases.toLocaleString('en-US')} cases in ${f.seconds} s, seed ${f.seed}; ${f.date}, node ${f.node}, ${f.cpus} cores, load average ${f.loadAverage.join(' / ')} (other work shared the machine).`, '');
    lines.push('| Property | Cases | Time (s) |', '| --- | ---: | ---: |');
    for (const t of f.tests) lines.push(`| ${t.title.replace(/\|/g, '\\|')} | ${t.cases.toLocaleString('en-US')} | ${(t.ms / 1000).toFixed(1)} |`);
    lines.push('');
  }
  lines.push('<!-- fuzz:end -->', '');
  return lines.join('\n');
}

export function runs(base: number): number {
  return Math.max(1, Math.round(base * SCALE));
}

/** fc.assert with the fixed seed and a scaled run count; counts the cases. */
export function check<T>(property: fc.IProperty<T>, baseRuns: number): void {
  const numRuns = runs(baseRuns);
  fc.assert(property, { seed: SEED, numRuns, endOnFailure: true, path: REPLAY });
  counter.cases += numRuns;
}

export async function checkAsync<T>(property: fc.IAsyncProperty<T>, baseRuns: number): Promise<void> {
  const numRuns = runs(baseRuns);
  await fc.assert(property, { seed: SEED, numRuns, endOnFailure: true, path: REPLAY });
  counter.cases += numRuns;
}

export interface CorpusConnector {
  name: string;
  definition: string;
  properties?: string;
}

let small: CorpusConnector[] | undefined;
/** The smallest corpus connectors (definition under 40 KB): cheap enough for thousands of runs. */
export function smallConnectors(): CorpusConnector[] {
  if (small) return small;
  const out: CorpusConnector[] = [];
  const root = path.join(CORPUS, 'connectors');
  for (const group of fs.readdirSync(root)) {
    const groupDir = path.join(root, group);
    if (!fs.statSync(groupDir).isDirectory()) continue;
    for (const name of fs.readdirSync(groupDir)) {
      const def = path.join(groupDir, name, 'apiDefinition.swagger.json');
      if (!fs.existsSync(def) || fs.statSync(def).size > 40_000) continue;
      const props = path.join(groupDir, name, 'apiProperties.json');
      out.push({ name: `${group}/${name}`, definition: fs.readFileSync(def, 'utf8'), properties: fs.existsSync(props) ? fs.readFileSync(props, 'utf8') : undefined });
    }
  }
  out.sort((a, b) => a.name.localeCompare(b.name));
  assert.ok(out.length > 20, `expected corpus connectors under ${root}`);
  return (small = out);
}

export function postmanCollections(): { name: string; text: string }[] {
  const dir = path.join(CORPUS, 'postman');
  assert.ok(fs.existsSync(dir), `the shared corpus is missing: ${dir} does not exist`);
  const out = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  assert.ok(out.length > 0, `no Postman collections (*.json) in ${dir}`);
  return out;
}

// ---- mutations -------------------------------------------------------------------------------

const INTERESTING_CHARS = ['{', '}', '[', ']', '"', ',', ':', '\\', '\n', '\r', '\t', '\0', '\uFEFF', 'é', '\uD800', '#', '-', '&', '*', '!', '|', '>', "'", '/', '\u2028', ' '];
const HUGE_NUMBERS = ['1e400', '-1e400', '123456789012345678901234567890', '-0', '0.0000000000000000000000001', '9007199254740993', '1E+2', '00', '1.', '-'];
const REMOTE_REFS = ['http://127.0.0.1:9/x.json#/a', 'https://example.invalid/s.json', 'file:///etc/passwd', '../other.json#/definitions/X', 'other.yaml', '#', '#/', '#/definitions/%ZZ', '#/a~2b', '#/paths/~1x/get', '#/definitions/' + 'x'.repeat(5000), '', 'urn:x'];

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** All container nodes of a JSON value with a path to them (bounded, breadth first). */
function containers(root: Json, limit = 2000): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const queue: Json[] = [root];
  while (queue.length && out.length < limit) {
    const node = queue.shift()!;
    if (Array.isArray(node)) node.forEach((v, i) => (out.push({ parent: node, key: i }), queue.push(v)));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push({ parent: node, key: k }), queue.push(v);
  }
  return out;
}

function setAt(slot: { parent: Json[] | { [k: string]: Json }; key: string | number }, value: Json): void {
  (slot.parent as Record<string | number, Json>)[slot.key] = value;
}

function nest(depth: number, leaf: string, kind: 'array' | 'object' | 'mixed'): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    const obj = kind === 'object' || (kind === 'mixed' && i % 2 === 1);
    open.push(obj ? '{"a":' : '[');
    close.push(obj ? '}' : ']');
  }
  return open.join('') + leaf + close.reverse().join('');
}

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; flips: { at: number; char: number }[] }
  | { kind: 'deep'; at: number; depth: number; shape: 'array' | 'object' | 'mixed' }
  | { kind: 'huge-string'; at: number; size: number }
  | { kind: 'huge-number'; at: number; which: number }
  | { kind: 'cyclic-ref'; at: number; which: number }
  | { kind: 'remote-ref'; at: number; which: number }
  | { kind: 'wrong-type'; slots: { at: number; value: Json }[] }
  | { kind: 'none' };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, '', 'x', [], {}, [null], { $ref: '#/definitions/Missing' }, { type: 'object' }, 'get', '200'),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

// Weights keep the expensive mutations (10,000 levels, megabyte strings) present but rare.
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fraction }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.record({ at: fraction, char: fc.nat(INTERESTING_CHARS.length + 255) }), { minLength: 1, maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), at: fraction, depth: fc.constantFrom(20, 200, 1000, 10_000), shape: fc.constantFrom('array' as const, 'object' as const, 'mixed' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge-string' as const), at: fraction, size: fc.constantFrom(10_000, 10_000, 300_000, 1_200_000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('huge-number' as const), at: fraction, which: fc.nat(HUGE_NUMBERS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cyclic-ref' as const), at: fraction, which: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remote-ref' as const), at: fraction, which: fc.nat(REMOTE_REFS.length - 1) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('wrong-type' as const), slots: fc.array(fc.record({ at: fraction, value: wrongValue }), { minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
);

/** Applies a mutation to JSON text; structural mutations go through the parsed value. */
export function mutateJsonText(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length));
    case 'flip': {
      const chars = [...text];
      for (const f of m.flips) {
        const i = Math.floor(f.at * chars.length);
        chars[i] = f.char < INTERESTING_CHARS.length ? INTERESTING_CHARS[f.char]! : String.fromCharCode(f.char - INTERESTING_CHARS.length);
      }
      return chars.join('');
    }
    default:
      return withHugeNumbers(JSON.stringify(mutateValue(parseOr(text), m), null, 2), m, true);
  }
}

/** Replaces the markers of huge numbers and deep nesting with their literal text (flow style in YAML). */
function withHugeNumbers(text: string, m: Mutation, quoted: boolean): string {
  const q = (s: string) => (quoted ? `"${s}"` : s);
  if (m.kind === 'huge-number') return text.split(q(`__HUGE_${m.which}__`)).join(HUGE_NUMBERS[m.which]!);
  if (m.kind === 'deep') return text.split(q('__DEEP__')).join(nest(m.depth, '1', m.shape));
  return text;
}

function parseOr(text: string): Json {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch {
    return {};
  }
}

/** Structural mutations on a parsed value (returns a new value; deep nesting uses a marker). */
export function mutateValue(value: Json, m: Mutation): Json {
  const root = structuredClone(value);
  const slots = containers(root);
  const pick = (at: number) => slots[Math.floor(at * slots.length)];
  switch (m.kind) {
    case 'deep': {
      // JSON.stringify overflows the stack at 10,000 levels: a marker is replaced in the text.
      const slot = pick(m.at);
      if (slot) setAt(slot, '__DEEP__');
      else return '__DEEP__';
      return root;
    }
    case 'huge-string': {
      const slot = pick(m.at);
      const s = 'ab"\\\u00e9'.repeat(Math.ceil(m.size / 5));
      if (slot) setAt(slot, s);
      return root;
    }
    case 'huge-number': {
      const slot = pick(m.at);
      // JSON.stringify cannot write 1e400: a marker string is replaced in the text afterwards.
      if (slot) setAt(slot, `__HUGE_${m.which}__`);
      return root;
    }
    case 'cyclic-ref': {
      if (root && typeof root === 'object' && !Array.isArray(root)) {
        const defs = (root.definitions && typeof root.definitions === 'object' && !Array.isArray(root.definitions) ? root.definitions : (root.definitions = {})) as { [k: string]: Json };
        const refs: Json[] = [
          { $ref: '#' },
          { $ref: '#/definitions/CycA' },
          { type: 'object', properties: { self: { $ref: '#/definitions/CycSelf' } } },
          { allOf: [{ $ref: '#/definitions/CycB' }] },
        ];
        defs.CycA = { $ref: '#/definitions/CycB' };
        defs.CycB = { $ref: '#/definitions/CycA' };
        defs.CycSelf = { $ref: '#/definitions/CycSelf' };
        const slot = pick(m.at);
        if (slot) setAt(slot, refs[m.which]!);
      }
      return root;
    }
    case 'remote-ref': {
      const slot = pick(m.at);
      if (slot) setAt(slot, { $ref: REMOTE_REFS[m.which]! });
      return root;
    }
    case 'wrong-type':
      for (const s of m.slots) {
        const slot = pick(s.at);
        if (slot) setAt(slot, s.value);
      }
      return root;
    default:
      return root;
  }
}

/** Text of a mutated definition, in JSON or YAML. */
export function mutatedText(text: string, m: Mutation, yaml: boolean): string {
  if (!yaml) return mutateJsonText(text, m);
  if (m.kind === 'truncate' || m.kind === 'flip') {
    // Mutate the YAML text itself, not the JSON it came from.
    return mutateJsonText(toYamlText(parseOr(text)), m);
  }
  return withHugeNumbers(toYamlText(mutateValue(parseOr(text), m)), m, false);
}

function toYamlText(value: Json): string {
  // yaml refuses nothing we produce, but keep its own depth guard quiet for 10,000 levels.
  return toYaml(value, { aliasDuplicateObjects: false, lineWidth: 0 });
}

// ---- positions -------------------------------------------------------------------------------

export interface Pos {
  line: number;
  character: number;
}

/** Asserts a range is well formed and inside text (LSP positions, UTF-16). */
export function assertRangeInside(text: string, range: { start: Pos; end: Pos }, what: string): void {
  const lines = lineLengths(text);
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0, `${what}: bad position ${JSON.stringify(p)}`);
    assert.ok(p.line < lines.length, `${what}: line ${p.line} beyond ${lines.length} lines`);
    assert.ok(p.character <= lines[p.line]!, `${what}: character ${p.character} beyond line ${p.line} length ${lines[p.line]}`);
  }
  const before = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(before, `${what}: start after end ${JSON.stringify(range)}`);
}

let lastText = '';
let lastLengths: number[] = [];
function lineLengths(text: string): number[] {
  if (text === lastText) return lastLengths;
  const out: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  out.push(text.length - start);
  lastText = text;
  lastLengths = out;
  return out;
}

/** Milliseconds a call took, and its result. */
export function timed<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}
