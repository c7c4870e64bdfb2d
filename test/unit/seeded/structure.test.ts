// Seeded defects for the structure families (1 well-formedness, 2 Swagger structure, 10 size and
// counts): each defect is planted in several real corpus connectors and must be reported with the
// right rule id, and the unmutated corpus must not produce unexpected errors from these families.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidationConfig } from '../../../engine/src/languageService/validateConnector';
import { CORPUS_CONNECTORS, REPO_ROOT, corpusConnectorNames, only, requireCorpus, seedDefect, validate } from '../ruleTestKit';

const NAMES = fs.existsSync(CORPUS_CONNECTORS) ? corpusConnectorNames() : [];
/** A spread of connectors (every 37th), so seeds hit different shapes, not just the first few. */
const SAMPLE = NAMES.filter((_, i) => i % 37 === 0);

type Mutate = (def: any, props: any) => boolean | void;

interface Seed {
  title: string;
  ruleId: string;
  mutate: Mutate;
  config?: ValidationConfig;
  /** Expected pointer fragment in the message or nothing. */
  message?: RegExp;
}

const firstDefinition = (def: any): string | undefined => (def.definitions && typeof def.definitions === 'object' ? Object.keys(def.definitions).find((k) => def.definitions[k] && typeof def.definitions[k] === 'object' && !('$ref' in def.definitions[k])) : undefined);
const firstRef = (def: any): any => {
  const stack = [def.paths];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      if (typeof v.$ref === 'string' && v.$ref.startsWith('#/definitions/')) return v;
      stack.push(...Object.values(v));
    }
  }
  return undefined;
};
const firstOp = (def: any): any => {
  for (const item of Object.values<any>(def.paths ?? {})) for (const m of ['get', 'post', 'put', 'delete', 'patch']) if (item?.[m]) return item[m];
  return undefined;
};
const firstStringProp = (def: any): any => {
  for (const s of Object.values<any>(def.definitions ?? {})) for (const p of Object.values<any>(s?.properties ?? {})) if (p?.type === 'string' && !p.enum && !p.pattern) return p;
  return undefined;
};

const SEEDS: Seed[] = [
  { title: 'break a $ref', ruleId: 'ref-target-exists', mutate: (d) => { const r = firstRef(d); if (!r) return false; r.$ref = '#/definitions/DoesNotExist'; }, message: /DoesNotExist/ },
  { title: 'a cyclic $ref chain', ruleId: 'ref-no-alias', mutate: (d) => { d.definitions = { ...(d.definitions ?? {}), LoopA: { $ref: '#/definitions/LoopB' }, LoopB: { $ref: '#/definitions/LoopA' } }; }, message: /loop/ },
  { title: 'a required-property loop', ruleId: 'required-ref-loop', mutate: (d) => { d.definitions = { ...(d.definitions ?? {}), RA: { type: 'object', required: ['b'], properties: { b: { $ref: '#/definitions/RB' } } }, RB: { type: 'object', required: ['a'], properties: { a: { $ref: '#/definitions/RA' } } } }; } },
  { title: 'swagger "3.0"', ruleId: 'swagger-version', mutate: (d) => { d.swagger = '3.0'; } },
  { title: 'swagger as a number', ruleId: 'swagger-version', mutate: (d) => { d.swagger = 2.0; }, message: /string "2\.0"/ },
  { title: 'an OpenAPI 3 document', ruleId: 'openapi3-not-supported', mutate: (d) => { delete d.swagger; d.openapi = '3.0.0'; d.servers = [{ url: 'https://x' }]; } },
  { title: 'paths removed', ruleId: 'paths-required', mutate: (d) => { delete d.paths; } },
  { title: 'info.title removed', ruleId: 'info-required', mutate: (d) => { if (!d.info) return false; delete d.info.title; } },
  { title: 'schemes []', ruleId: 'schemes-not-empty', mutate: (d) => { d.schemes = []; } },
  { title: 'schemes ["wss"]', ruleId: 'schemes-valid', mutate: (d) => { d.schemes = ['wss']; }, message: /WebSocket/ },
  { title: 'basePath without slash', ruleId: 'basepath-valid', mutate: (d) => { d.basePath = 'api/v2'; } },
  { title: 'host with scheme', ruleId: 'host-valid', mutate: (d) => { if (typeof d.host !== 'string') return false; d.host = `https://${d.host}`; }, message: /scheme/ },
  { title: 'a malformed media type', ruleId: 'mime-type-valid', mutate: (d) => { d.produces = ['json']; } },
  { title: 'a path item $ref', ruleId: 'path-item-ref-unsupported', mutate: (d) => { d.paths['/seeded'] = { $ref: '#/x-shared/item' }; } },
  { title: 'a remote $ref', ruleId: 'json-pointer-valid', mutate: (d) => { const r = firstRef(d); if (!r) return false; r.$ref = 'https://example.com/schema.json#/Thing'; } },
  { title: 'a schema $ref into #/parameters', ruleId: 'ref-target-section', mutate: (d) => { const r = firstRef(d); if (!r) return false; d.parameters = { ...(d.parameters ?? {}), seeded: { name: 'x', in: 'query', type: 'string' } }; r.$ref = '#/parameters/seeded'; } },
  { title: 'an unknown root key', ruleId: 'root-unknown-property', mutate: (d) => { d.hostname = 'x'; }, message: /"hostname"/ },
  { title: 'a near-miss extension name', ruleId: 'extension-name-prefix', mutate: (d) => { const op = firstOp(d); if (!op) return false; op['ms-visibility'] = 'advanced'; } },
  { title: 'definitions as an array', ruleId: 'json-type-incorrect', mutate: (d) => { d.definitions = []; } },
  { title: 'array without items', ruleId: 'array-items-required', mutate: (d) => { const n = firstDefinition(d); if (!n) return false; d.definitions[n] = { type: 'array' }; } },
  { title: 'enum empty', ruleId: 'enum-valid', mutate: (d) => { const p = firstStringProp(d); if (!p) return false; p.enum = []; } },
  { title: 'pattern invalid regex', ruleId: 'pattern-valid-regex', mutate: (d) => { const p = firstStringProp(d); if (!p) return false; p.pattern = '[a-z'; } },
  { title: 'default of the wrong type', ruleId: 'default-matches-type', mutate: (d) => { const p = firstStringProp(d); if (!p) return false; p.type = 'integer'; p.format = 'int32'; p.default = 'abc'; } },
  { title: 'minLength above maxLength', ruleId: 'bounds-ordered', mutate: (d) => { const p = firstStringProp(d); if (!p) return false; p.minLength = 10; p.maxLength = 2; } },
  { title: 'required naming a missing property', ruleId: 'schema-required-list', mutate: (d) => { const n = firstDefinition(d); if (!n || !d.definitions[n].properties) return false; d.definitions[n].required = ['__missing__']; } },
  { title: 'nullable (OpenAPI 3)', ruleId: 'swagger-keyword-unsupported', mutate: (d) => { const p = firstStringProp(d); if (!p) return false; p.nullable = true; } },
  { title: 'definition too big', ruleId: 'definition-size', mutate: () => undefined, config: { options: { maxDefinitionBytes: 1000 } } },
  { title: 'too many operations', ruleId: 'operation-count', mutate: (d) => { if (!firstOp(d)) return false; }, config: { options: { maxOperations: 0 } } },
  { title: 'schema nesting too deep', ruleId: 'schema-depth', mutate: (d) => { if (!firstDefinition(d)) return false; }, config: { options: { maxSchemaDepth: 1 } } },
];

describe('seeded defects: structure families (1, 2, 10) on corpus connectors', function () {
  this.timeout(120000);
  before(function () {
    requireCorpus(); // a missing corpus fails here, naming the folder
    assert.ok(SAMPLE.length > 0, `no connectors found in ${CORPUS_CONNECTORS}`);
  });

  for (const seed of SEEDS) {
    it(`${seed.title} → ${seed.ruleId}`, () => {
      let applied = 0;
      for (const name of SAMPLE.length ? SAMPLE : NAMES) {
        if (applied >= 3) break;
        const r = seedDefect(name, seed.mutate, seed.config);
        if (!r) continue;
        applied++;
        const found = only(r.definition, seed.ruleId);
        assert.ok(found.length >= 1, `${name}: ${seed.ruleId} not reported (got ${[...new Set(r.definition.map((d) => d.ruleId))].join(', ')})`);
        if (seed.message) assert.ok(found.some((f) => seed.message!.test(f.message)), `${name}: ${found.map((f) => f.message).join(' | ')}`);
      }
      assert.ok(applied >= 1, 'the seed applied to no connector');
    });
  }

  it('a Latin-1 byte in a real definition → json-encoding-utf8', () => {
    const name = SAMPLE[0];
    const raw = fs.readFileSync(path.join(CORPUS_CONNECTORS, name, 'apiDefinition.swagger.json'));
    const at = raw.indexOf(Buffer.from('"description"'));
    const broken = Buffer.concat([raw.subarray(0, at + 15), Buffer.from([0xe9]), raw.subarray(at + 15)]).toString('utf8');
    const r = validate({ definition: broken });
    assert.equal(only(r.definition, 'json-encoding-utf8').length, 1);
  });
});

/** Error findings on the unmodified corpus that are real defects (shared with test/unit/corpus.test.ts). */
function knownCorpusErrors(): Set<string> {
  const file = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test/corpus-expectations.json'), 'utf8')) as { connectors: Record<string, Record<string, string>> };
  return new Set(Object.entries(file.connectors).flatMap(([name, rules]) => Object.keys(rules).filter((r) => FAMILY_IDS.has(r)).map((r) => `${name}|${r}`)));
}

const FAMILY_IDS = new Set(
  'json-root-object json-encoding-utf8 file-layout format-whitespace swagger-version openapi3-not-supported paths-required info-required info-description-required root-unknown-property extension-name-prefix required-value-empty json-type-incorrect json-value-not-in-enum one-of-properties-required array-unique-values host-valid host-present basepath-valid schemes-not-empty schemes-valid mime-type-valid mime-type-supported consumes-missing mime-incompatible-with-request string-binary-form-urlencoded contact-email-valid url-valid path-item-ref-unsupported ref-sibling-properties json-pointer-valid ref-target-section ref-target-exists ref-no-alias required-ref-loop type-format-recognized file-type-position string-binary-position array-items-required schema-required-list readonly-required-input enum-valid default-matches-type numeric-keywords-valid bounds-ordered pattern-valid-regex discriminator-required-string allow-empty-value-location collection-format-supported swagger-keyword-unsupported definition-size schema-count-object schema-count-operation schema-count-total schema-depth operation-count'.split(' '),
);

describe('corpus: structure families report no unexpected errors', function () {
  this.timeout(300000);
  it('every error of families 1, 2 and 10 on the 304 accepted connectors is a listed real defect', function () {
    requireCorpus();
    assert.ok(NAMES.length > 0, `no connectors found in ${CORPUS_CONNECTORS}`);
    const known = knownCorpusErrors();
    const unexpected: string[] = [];
    const seen = new Set<string>();
    for (const name of NAMES) {
      const dir = path.join(CORPUS_CONNECTORS, name);
      const props = path.join(dir, 'apiProperties.json');
      const r = validate({ definition: fs.readFileSync(path.join(dir, 'apiDefinition.swagger.json'), 'utf8'), properties: fs.existsSync(props) ? fs.readFileSync(props, 'utf8') : undefined, folderName: path.basename(name), folderFiles: fs.readdirSync(dir) });
      for (const d of r.all) {
        if (d.severity !== 'error' || !FAMILY_IDS.has(d.ruleId)) continue;
        const key = `${name}|${d.ruleId}`;
        seen.add(key);
        if (!known.has(key)) unexpected.push(`${key}: ${d.message}`);
      }
    }
    assert.deepEqual(unexpected, []);
    assert.deepEqual([...known].filter((k) => !seen.has(k)), [], 'listed defects that no longer fire (update the list)');
  });
});
