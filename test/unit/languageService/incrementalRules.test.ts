// Incremental validation (JSON re-parsed incrementally by the DocumentCache, rule results reused by
// IncrementalRules) equals from-scratch validation: random edit sequences (characters inserted
// and deleted, values changed, operations deleted, `$ref` targets renamed with and without their
// references, JSON broken and repaired) over real connectors of the shared corpus (JSON, and one
// converted to YAML), each step validated both ways.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyEdits, modify, parseTree, findNodeAtLocation } from 'jsonc-parser';
import { isScalar, parseDocument as parseYamlDocument, stringify as stringifyYaml, visit } from 'yaml';
import { DocumentCache } from '../../../engine/src/languageService/documentCache';
import { DEMOTED_RULES, IncrementalRules } from '../../../engine/src/languageService/incrementalRules';
import { validateConnector, validationSteps, type ConnectorSources, type FileDiagnostics } from '../../../engine/src/languageService/validateConnector';
import { SEED } from '../fuzz/fuzzKit';
import { walkSwagger, type SwaggerWalk } from '../../../engine/src/rules/util/swaggerWalk';
import { dynamicSites } from '../../../engine/src/rules/util/dynamicSites';
import { countSchemas, walkSchemas } from '../../../engine/src/rules/schemaWalk';
import { buildConnectorIndex } from '../../../engine/src/languageService/connectorIndex';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/connectors');

interface Connector {
  name: string;
  language: 'json' | 'yaml';
  text: string;
  properties?: string;
}

function load(folder: string, language: 'json' | 'yaml' = 'json'): Connector {
  const dir = path.join(CORPUS, folder);
  const file = path.join(dir, 'apiDefinition.swagger.json');
  assert.ok(fs.existsSync(file), `corpus file missing: ${file} (the shared corpus must be at ../shared/corpus)`);
  const json = fs.readFileSync(file, 'utf8');
  const propsFile = path.join(dir, 'apiProperties.json');
  const properties = fs.existsSync(propsFile) ? fs.readFileSync(propsFile, 'utf8') : undefined;
  const text = language === 'json' ? json : stringifyYaml(JSON.parse(json.replace(/^\uFEFF/, '')));
  return { name: path.basename(folder), language, text, properties };
}

/** The sources of one version; apiProperties.json's text and version may move on their own (as in the editor). */
function sourcesOf(c: Connector, text: string, version: number, props: { text?: string; version: number } = { text: c.properties, version }): ConnectorSources {
  const dir = `file:///corpus/${encodeURIComponent(c.name)}`;
  return {
    definition: { uri: `${dir}/apiDefinition.swagger.${c.language}`, text, languageId: c.language, version },
    properties: props.text !== undefined ? { uri: `${dir}/apiProperties.json`, text: props.text, version: props.version } : undefined,
    folderName: c.name,
  };
}

/** As the language server runs it: parsed through a DocumentCache (JSON edits re-parsed incrementally), rules through the cache. */
function runIncremental(sources: ConnectorSources, cache: IncrementalRules, docs = new DocumentCache()): FileDiagnostics[] {
  const steps = validationSteps(sources, {}, (f) => docs.get(f), undefined, cache);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** One edit; positions and picks are fractions of what the current text offers. */
type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'value'; pick: number; text: string }
  | { kind: 'deleteOperation'; pick: number }
  | { kind: 'renameTarget'; pick: number; updateRefs: boolean }
  | { kind: 'breakAndRepair'; at: number }
  | { kind: 'properties'; pick: number; change: 'value' | 'removeKey' | 'breakAndRepair' }
  // No text change: the server let the trees of idle documents go (the next edit builds them again).
  | { kind: 'releaseTrees' };

// Uniform over the text (fast-check biases numbers towards the ends, which would mostly hit the first and last bytes).
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fraction, text: fc.constantFrom(' ', 'a', '"', '{', '}', ',', '1', ':', '\n', 'x-ms-', '"$ref": "#/definitions/Nope", ') }),
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('value' as const), pick: fraction, text: fc.constantFrom('', 'Get items', 'string', 'integer', 'body', 'path', 'true', 'internal', '#/definitions/Missing', 'a b c.') }),
  fc.record({ kind: fc.constant('deleteOperation' as const), pick: fraction }),
  fc.record({ kind: fc.constant('renameTarget' as const), pick: fraction, updateRefs: fc.boolean() }),
  fc.record({ kind: fc.constant('breakAndRepair' as const), at: fraction }),
  fc.record({ kind: fc.constant('properties' as const), pick: fraction, change: fc.constantFrom('value' as const, 'removeKey' as const, 'breakAndRepair' as const) }),
  fc.record({ kind: fc.constant('releaseTrees' as const) }),
);

/** The apiProperties.json texts an edit of it produces, in order. */
function applyToProperties(props: string, e: Extract<Edit, { kind: 'properties' }>): string[] {
  switch (e.change) {
    case 'value': {
      const spots = [...props.matchAll(/": "((?:[^"\\\n]|\\.)*)"/g)];
      if (!spots.length) return [];
      const m = spots[Math.floor(e.pick * spots.length)];
      const start = m.index! + m[0].indexOf(m[1], 2);
      return [props.slice(0, start) + ['', 'oauthSetting', '#ff0000', 'string', 'securestring', 'Contoso', 'https://login.example.com'][Math.floor(e.pick * 7)] + props.slice(start + m[1].length)];
    }
    case 'removeKey': {
      const root = parseTree(props);
      const inner = root && findNodeAtLocation(root, ['properties']);
      const keys = inner?.children?.map((p) => String(p.children?.[0]?.value)) ?? [];
      if (!keys.length) return [];
      return [applyEdits(props, modify(props, ['properties', keys[Math.floor(e.pick * keys.length)]], undefined, {}))];
    }
    case 'breakAndRepair': {
      const at = Math.floor(e.pick * props.length);
      return [props.slice(0, at) + '{' + props.slice(at), props];
    }
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

function parseValue(c: Connector, text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = c.language === 'json' ? JSON.parse(text.replace(/^\uFEFF/, '')) : parseYamlDocument(text).toJS();
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The texts an edit produces, in order (break-and-repair produces two). */
function apply(c: Connector, text: string, e: Edit): string[] {
  const at = Math.floor(e.kind === 'insert' || e.kind === 'delete' || e.kind === 'breakAndRepair' ? e.at * text.length : 0);
  switch (e.kind) {
    case 'insert':
      return [text.slice(0, at) + e.text + text.slice(at)];
    case 'delete':
      return [text.slice(0, at) + text.slice(at + e.length)];
    case 'breakAndRepair': {
      const i = text.slice(at).search(c.language === 'json' ? /[{}[\]:,]/ : /:\s/);
      if (i < 0) return [];
      return [text.slice(0, at + i) + text.slice(at + i + 1), text];
    }
    case 'value': {
      const re = c.language === 'json' ? /": "((?:[^"\\\n]|\\.)*)"/g : /: (?!\|)([^\n{}[\]&*]+)\n/g;
      const spots = [...text.matchAll(re)];
      if (!spots.length) return [];
      const m = spots[Math.floor(e.pick * spots.length)];
      const start = m.index! + m[0].indexOf(m[1], 2);
      const replacement = c.language === 'json' ? e.text : JSON.stringify(e.text);
      return [text.slice(0, start) + replacement + text.slice(start + m[1].length)];
    }
    case 'deleteOperation': {
      const v = parseValue(c, text);
      const paths = v?.paths && typeof v.paths === 'object' ? (v.paths as Record<string, Record<string, unknown>>) : undefined;
      const ops = Object.entries(paths ?? {}).flatMap(([p, item]) => (item && typeof item === 'object' ? Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => [p, m]) : []));
      if (!ops.length) return [];
      const [p, m] = ops[Math.floor(e.pick * ops.length)];
      if (c.language === 'json') return [applyEdits(text, modify(text, ['paths', p, m], undefined, {}))];
      const doc = parseYamlDocument(text);
      if (doc.errors.length) return [];
      doc.deleteIn(['paths', p, m]);
      return [doc.toString()];
    }
    case 'properties':
      return []; // an edit of apiProperties.json (applyToProperties), not of the definition
    case 'releaseTrees':
      return []; // no edit: the check's loop lets the cache's trees go
    case 'renameTarget': {
      const v = parseValue(c, text);
      const defs = v?.definitions && typeof v.definitions === 'object' ? Object.keys(v.definitions as object) : [];
      if (!defs.length) return [];
      const name = defs[Math.floor(e.pick * defs.length)];
      const renamed = `${name}Renamed`;
      const oldRef = `#/definitions/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const newRef = `#/definitions/${renamed.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (c.language === 'json') {
        const root = parseTree(text);
        const key = root && findNodeAtLocation(root, ['definitions', name])?.parent?.children?.[0];
        if (!key) return [];
        let out = text.slice(0, key.offset) + JSON.stringify(renamed) + text.slice(key.offset + key.length);
        if (e.updateRefs) out = out.split(`"${oldRef}"`).join(`"${newRef}"`);
        return [out];
      }
      const doc = parseYamlDocument(text);
      if (doc.errors.length) return [];
      const defsNode = doc.get('definitions', true) as { items?: { key: unknown }[] } | undefined;
      const pair = defsNode?.items?.find((it) => isScalar(it.key) && it.key.value === name);
      if (!pair || !isScalar(pair.key)) return [];
      pair.key.value = renamed;
      if (e.updateRefs) visit(doc, { Scalar: (_k, node) => void (node.value === oldRef && (node.value = newRef)) });
      return [doc.toString()];
    }
  }
}

/** The rules whose diagnostics differ (for the failure message). */
function differingRules(a: FileDiagnostics[], b: FileDiagnostics[]): string[] {
  const keys = (r: FileDiagnostics[]) => new Set(r.flatMap((f) => f.diagnostics.map((d) => `${f.kind} ${d.ruleId} ${JSON.stringify(d.range)} ${d.message}`)));
  const ka = keys(a);
  const kb = keys(b);
  return [...new Set([...[...ka].filter((k) => !kb.has(k)), ...[...kb].filter((k) => !ka.has(k))])].slice(0, 10);
}

function check(c: Connector, runs: number, maxEdits: number, seed?: number, examples: Edit[][] = []): void {
  let partialRuns = 0;
  let reusedRuns = 0;
  // The cache is warm once (the first full run is the expensive part); each sequence starts from it.
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: maxEdits }), (edits) => {
      const cache = new IncrementalRules();
      const docs = new DocumentCache();
      let text = c.text;
      let version = 1;
      // apiProperties.json changes on its own (its version moves, the definition's stays).
      let props = { text: c.properties, version: 1 };
      runIncremental(sourcesOf(c, text, version, props), cache, docs);
      for (const e of edits) {
        if (e.kind === 'releaseTrees') {
          docs.releaseIdleTrees(0);
          continue;
        }
        const steps = e.kind === 'properties' ? (props.text === undefined ? [] : applyToProperties(props.text, e).map((p) => ({ props: p }))) : apply(c, text, e).map((t) => ({ text: t }));
        for (const step of steps) {
          if ('text' in step) {
            text = step.text;
            version++;
          } else props = { text: step.props, version: props.version + 1 };
          const sources = sourcesOf(c, text, version, props);
          const incremental = runIncremental(sources, cache, docs);
          partialRuns += cache.lastRun.partial;
          if (!('text' in step)) reusedRuns += cache.lastRun.reused;
          const full = validateConnector(sources);
          if (JSON.stringify(incremental) !== JSON.stringify(full)) {
            assert.fail(`${c.name} (${c.language}) after ${JSON.stringify(e)} at version ${version}: incremental differs from a full validation: ${differingRules(incremental, full).join(' | ')}`);
          }
        }
      }
    }),
    // A fixed seed by default, so CI is repeatable; FUZZ_SEED=n explores other sequences (the fuzz tier's variable).
    { numRuns: runs, seed: seed ?? SEED, endOnFailure: true, examples: examples.map((e) => [e] as [Edit[]]) },
  );
  // The comparison means something only if the cache was used: rules ran on changed subtrees only.
  assert.ok(partialRuns > 0, `${c.name}: no partial rule run in ${runs} edit sequences`);
  // apiProperties.json edits re-ran only the rules that read it: the others kept their findings.
  if (c.properties !== undefined && runs >= 10) assert.ok(reusedRuns > 0, `${c.name}: no rule kept its findings over an apiProperties.json edit in ${runs} edit sequences`);
  assert.deepEqual([...DEMOTED_RULES], [], 'no rule listed as partitioned reported outside the subtrees it re-checked');
}

describe('incremental rule runs equal a from-scratch validation (property-based, real connectors)', function () {
  this.timeout(600_000);
  const small = [
    'certified-connectors/VitaCloud Quotes',
    'independent-publisher-connectors/GitLab',
    'certified-connectors/Evocom',
    'certified-connectors/AvePoint Cloud Governance',
  ];
  for (const folder of small) {
    it(`${path.basename(folder)} (JSON)`, () => check(load(folder), 25, 6));
  }
  it('a `$ref` beside the entries of definitions, then renames (a counterexample fast-check found)', () =>
    check(load('certified-connectors/Evocom'), 1, 4, undefined, [[
      { kind: 'renameTarget', pick: 0.081225, updateRefs: false },
      { kind: 'renameTarget', pick: 0.018874, updateRefs: true },
      { kind: 'insert', at: 0.943483, text: '"$ref": "#/definitions/Nope", ' },
      { kind: 'renameTarget', pick: 0.5, updateRefs: true },
    ]]));
  it('Evocom converted to YAML', () => check(load('certified-connectors/Evocom', 'yaml'), 12, 5));
  it('Encodian, the largest (JSON)', () => check(load('certified-connectors/Encodian'), 4, 4));

  it('an edit inside one operation re-checks only that operation and what reaches it', () => {
    const c = load('certified-connectors/Encodian');
    const cache = new IncrementalRules();
    runIncremental(sourcesOf(c, c.text, 1), cache);
    // The summary of the operation in the middle of the operations.
    const summaries = [...c.text.matchAll(/"summary":\s*"/g)];
    assert.ok(summaries.length > 100, `Encodian has hundreds of operation summaries, found ${summaries.length}`);
    const m = summaries[Math.floor(summaries.length / 2)];
    const at = m.index! + m[0].length;
    const edited = c.text.slice(0, at) + 'X' + c.text.slice(at);
    const sources = sourcesOf(c, edited, 2);
    const incremental = runIncremental(sources, cache);
    assert.equal(cache.lastRun.dirtyParts, 1, `one subtree changed: ${JSON.stringify(cache.lastRun)}`);
    assert.ok(cache.lastRun.totalParts > 100, `Encodian has hundreds of subtrees: ${JSON.stringify(cache.lastRun)}`);
    assert.ok(cache.lastRun.partial > 0, `some rules ran on the changed subtree only: ${JSON.stringify(cache.lastRun)}`);
    assert.deepEqual(incremental, validateConnector(sources));
  });
});

/** A walk as plain data: every node's place and role, and where each extension use sits. */
function walkShape(w: SwaggerWalk): string {
  return JSON.stringify({
    nodes: w.nodes.map((n) => [n.path, n.kind, n.side, n.paramIn ?? null, n.depth, n.key ?? null, n.parent?.path ?? null]),
    extensions: w.extensions.map((e) => [e.key, e.pointer, e.node.path, e.value]),
  });
}

// The shared walks keep their results per section entry object (entries an edit did not re-parse
// are shared between versions by the DocumentCache): after any edit they must equal a walk of the
// same text parsed from scratch.
describe('walks cached per section entry equal walks of a fresh parse (property-based, real connectors)', function () {
  this.timeout(600_000);
  for (const folder of ['certified-connectors/Evocom', 'independent-publisher-connectors/GitLab', 'certified-connectors/Encodian']) {
    it(`${path.basename(folder)}`, () => {
      const c = load(folder);
      let reused = 0;
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), (edits) => {
          const docs = new DocumentCache();
          let text = c.text;
          let version = 1;
          let prev: Record<string, unknown> | undefined;
          for (const e of [undefined, ...edits]) {
            for (const next of e ? apply(c, text, e) : [text]) {
              text = next;
              const doc = docs.get({ uri: 'file:///x/apiDefinition.swagger.json', text, version: ++version });
              if (!doc.usable || !doc.value || typeof doc.value !== 'object' || Array.isArray(doc.value)) continue;
              const value = doc.value as Record<string, unknown>;
              const fresh = JSON.parse(text) as Record<string, unknown>;
              const walked = walkSwagger(value);
              assert.equal(walkShape(walked), walkShape(walkSwagger(fresh)), `walkSwagger after ${JSON.stringify(e)}`);
              // Every parent is a node of this version's walk (a reused entry hangs under this root).
              const own = new Set(walked.nodes);
              assert.ok(walked.nodes.every((n) => !n.parent || own.has(n.parent)), `a walked node's parent is from another version after ${JSON.stringify(e)}`);
              const sites = (v: Record<string, unknown>) => JSON.stringify(dynamicSites(buildConnectorIndex(v, undefined)).map((s) => [s.kind, s.value, s.holderPath, s.onParameter, s.inResponse, s.sources.map((o) => o.pointer)]));
              assert.equal(sites(value), sites(fresh), `dynamicSites after ${JSON.stringify(e)}`);
              let n = 0;
              walkSchemas(fresh, (v) => void (v.role === 'schema' && n++));
              assert.equal(countSchemas(value), n, `countSchemas after ${JSON.stringify(e)}`);
              // The point of the test: entries shared with the previous version's value (their cached walks reused).
              for (const section of ['paths', 'definitions'] as const) {
                const before = prev?.[section] as Record<string, unknown> | undefined;
                const now = value[section] as Record<string, unknown> | undefined;
                if (before && now && typeof now === 'object') for (const k of Object.keys(now)) if (before[k] === now[k]) reused++;
              }
              prev = value;
            }
          }
        }),
        { numRuns: 8, seed: SEED, endOnFailure: true },
      );
      assert.ok(reused > 0, `${c.name}: no edit left section entries shared with the version before, so no cached walk was reused`);
    });
  }
});
