// Breaking-change comparison (engine/src/compare): every kind is found, with its severity, by
// mutating real accepted connectors of ../shared/corpus; a connector compared with itself, a
// reformatted copy, a copy with its keys reordered and a copy whose inline schemas moved into
// `definitions` give no finding at all.
import * as assert from 'node:assert/strict';
import { compareConnectors, compareParsed, compareSources, CHANGE_KINDS, type ChangeKind } from '../../../engine/src/compare';
import { sameWithoutRefs } from '../../../engine/src/compare/compareConnectors';
import { parseDocument } from '../../../engine/src/languageService/parseDocument';
import { stringify as stringifyYaml } from 'yaml';
import { CATALOGUE } from '../../../engine/src/rules/catalogue';
import { clone, corpusConnectors, deref, inlineParams, inlineProperty, inlineResponseSchema, isObj, operations, type CorpusConnector, type D } from './corpusMutations';

interface Mutation {
  kind: ChangeKind;
  title: string;
  severity: 'error' | 'warning' | 'info';
  /** Mutates the copies in place; false when the connector has nothing to mutate this way. */
  mutate: (def: D, props: D | undefined, c: CorpusConnector) => boolean;
  /** Other kinds the same change may legitimately bring. */
  alsoAllowed?: ChangeKind[];
}

const firstOp = (def: D, pred: (o: ReturnType<typeof operations>[number]) => boolean = () => true) => operations(def).find(pred);
const scalarParam = (def: D, pred: (p: D) => boolean) => {
  for (const o of operations(def)) {
    const ps = clone(o.op.parameters ?? []);
    const resolved = (ps as D[]).map((p) => deref(def, p));
    const i = resolved.findIndex((p) => isObj(p) && p.in !== 'body' && typeof p.name === 'string' && pred(p));
    if (i >= 0) {
      const list = inlineParams(def, o.op);
      return { o, p: list[i], all: list };
    }
  }
  return undefined;
};
const bodySchema = (def: D) => {
  for (const o of operations(def)) {
    const ps = (o.op.parameters ?? []).map((p: D) => deref(def, p));
    const i = ps.findIndex((p: D) => isObj(p) && p.in === 'body' && isObj(deref(def, p.schema)) && isObj(deref(def, p.schema).properties) && Object.keys(deref(def, p.schema).properties).length > 0);
    if (i < 0) continue;
    const list = inlineParams(def, o.op);
    const s = clone(deref(def, list[i].schema));
    list[i].schema = s;
    return { o, schema: s };
  }
  return undefined;
};

const MUTATIONS: Mutation[] = [
  { kind: 'breaking-operation-removed', title: 'an operation is deleted', severity: 'error', mutate: (def) => {
    const o = firstOp(def);
    if (!o) return false;
    delete o.item[o.method];
    return true;
  } },
  { kind: 'breaking-operation-id-changed', title: 'an operationId is renamed (same method and path)', severity: 'error', mutate: (def) => {
    const o = firstOp(def);
    if (!o) return false;
    o.op.operationId = `${o.op.operationId}Renamed`;
    return true;
  } },
  { kind: 'breaking-operation-path-changed', title: 'an operation moves to another path (same id)', severity: 'error', mutate: (def) => {
    const o = firstOp(def);
    if (!o) return false;
    delete o.item[o.method];
    // The path item's own members (parameters, x-ms-notification-content) go along.
    const rest = Object.fromEntries(Object.entries<D>(o.item).filter(([k]) => !['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(k)));
    def.paths['/moved' + o.path] = { ...clone(rest), [o.method]: o.op };
    return true;
  } },
  { kind: 'breaking-operation-method-changed', title: 'an operation changes its HTTP method (same id)', severity: 'error', mutate: (def) => {
    const o = firstOp(def);
    if (!o) return false;
    const to = ['patch', 'put', 'post', 'delete', 'get'].find((m) => m !== o.method && !o.item[m]);
    if (!to) return false;
    delete o.item[o.method];
    o.item[to] = o.op;
    return true;
  } },
  { kind: 'breaking-operation-hidden', title: 'an operation becomes x-ms-visibility internal', severity: 'warning', mutate: (def) => {
    const o = firstOp(def, (x) => String(x.op['x-ms-visibility'] ?? '').toLowerCase() !== 'internal');
    if (!o) return false;
    o.op['x-ms-visibility'] = 'internal';
    return true;
  } },
  { kind: 'breaking-operation-deprecated', title: 'an operation is deprecated', severity: 'info', mutate: (def) => {
    const o = firstOp(def, (x) => x.op.deprecated !== true);
    if (!o) return false;
    o.op.deprecated = true;
    return true;
  } },
  { kind: 'breaking-parameter-required-added', title: 'a required query parameter without default is added', severity: 'error', mutate: (def) => {
    const o = firstOp(def);
    if (!o) return false;
    (o.op.parameters ??= []).push({ name: 'addedRequired', in: 'query', type: 'string', required: true, 'x-ms-summary': 'Added' });
    return true;
  } },
  { kind: 'breaking-parameter-required-default-added', title: 'a required query parameter with a default is added', severity: 'warning', mutate: (def) => {
    const o = firstOp(def);
    if (!o) return false;
    (o.op.parameters ??= []).push({ name: 'addedRequired', in: 'query', type: 'string', required: true, default: 'x', 'x-ms-summary': 'Added' });
    return true;
  } },
  { kind: 'breaking-parameter-required-added', title: 'a required property is added to a body schema', severity: 'error', mutate: (def) => {
    const b = bodySchema(def);
    if (!b) return false;
    b.schema.properties.addedRequired = { type: 'string' };
    b.schema.required = [...(Array.isArray(b.schema.required) ? b.schema.required : []), 'addedRequired'];
    return true;
  } },
  { kind: 'breaking-parameter-removed', title: 'a query parameter is removed', severity: 'error', mutate: (def) => {
    const f = scalarParam(def, (p) => p.in === 'query');
    if (!f) return false;
    f.o.op.parameters = f.o.op.parameters.filter((p: D) => p !== f.p);
    return true;
  } },
  { kind: 'breaking-parameter-removed', title: 'a body property is removed', severity: 'error', mutate: (def) => {
    const b = bodySchema(def);
    if (!b) return false;
    const name = Object.keys(b.schema.properties)[0];
    delete b.schema.properties[name];
    if (Array.isArray(b.schema.required)) b.schema.required = b.schema.required.filter((x: string) => x !== name);
    return true;
  } },
  { kind: 'breaking-parameter-name-changed', title: 'a query parameter is renamed', severity: 'error', mutate: (def) => {
    const f = scalarParam(def, (p) => p.in === 'query');
    if (!f) return false;
    f.p.name = f.p.name + 'Renamed';
    return true;
  } },
  { kind: 'breaking-parameter-location-changed', title: 'a query parameter moves to the header', severity: 'error', mutate: (def) => {
    const f = scalarParam(def, (p) => p.in === 'query');
    if (!f) return false;
    f.p.in = 'header';
    return true;
  } },
  { kind: 'breaking-parameter-type-changed', title: 'a string query parameter becomes an integer', severity: 'error', mutate: (def) => {
    const f = scalarParam(def, (p) => p.in === 'query' && p.type === 'string');
    if (!f) return false;
    f.p.type = 'integer';
    delete f.p.format;
    return true;
  }, alsoAllowed: ['breaking-parameter-format-changed'] },
  { kind: 'breaking-parameter-type-changed', title: 'a body property changes type', severity: 'error', mutate: (def) => {
    const b = bodySchema(def);
    if (!b) return false;
    const name = Object.keys(b.schema.properties).find((k) => typeof deref(def, b.schema.properties[k])?.type === 'string');
    if (!name) return false;
    const p = inlineProperty(def, b.schema, name);
    p.type = p.type === 'string' ? 'integer' : 'string';
    return true;
  } },
  { kind: 'breaking-parameter-format-changed', title: 'a string query parameter gets another format', severity: 'error', mutate: (def) => {
    const f = scalarParam(def, (p) => p.in === 'query' && p.type === 'string' && p.format !== 'date-time');
    if (!f) return false;
    f.p.format = 'date-time';
    return true;
  } },
  { kind: 'breaking-parameter-visibility-changed', title: 'a query parameter becomes internal', severity: 'warning', mutate: (def) => {
    const f = scalarParam(def, (p) => p.in === 'query' && String(p['x-ms-visibility'] ?? '').toLowerCase() !== 'internal');
    if (!f) return false;
    f.p['x-ms-visibility'] = 'internal';
    return true;
  } },
  { kind: 'breaking-parameter-encoding-changed', title: 'a path parameter changes x-ms-url-encoding', severity: 'error', mutate: (def) => {
    const f = scalarParam(def, (p) => p.in === 'path' && p['x-ms-url-encoding'] !== 'double');
    if (!f) return false;
    f.p['x-ms-url-encoding'] = 'double';
    return true;
  } },
  { kind: 'breaking-parameter-required-turned-on', title: 'an optional query parameter becomes required', severity: 'error', mutate: (def) => {
    const f = scalarParam(def, (p) => p.in === 'query' && p.required !== true);
    if (!f) return false;
    f.p.required = true;
    return true;
  } },
  { kind: 'breaking-enum-value-removed', title: 'an enum value of a parameter is removed', severity: 'error', mutate: (def) => {
    const f = scalarParam(def, (p) => Array.isArray(p.enum) && p.enum.length >= 2);
    if (!f) return false;
    f.p.enum = f.p.enum.slice(0, -1);
    return true;
  } },
  { kind: 'breaking-response-property-removed', title: 'a response property is deleted', severity: 'error', mutate: (def) => {
    for (const o of operations(def)) {
      const r = inlineResponseSchema(def, o.op);
      if (!r) continue;
      delete r.schema.properties[Object.keys(r.schema.properties)[0]];
      return true;
    }
    return false;
  } },
  { kind: 'breaking-response-type-changed', title: 'a response property changes type', severity: 'error', mutate: (def) => {
    for (const o of operations(def)) {
      const r = inlineResponseSchema(def, o.op);
      if (!r) continue;
      const name = Object.keys(r.schema.properties).find((k) => ['string', 'integer', 'boolean', 'number'].includes(deref(def, r.schema.properties[k])?.type));
      if (!name) continue;
      const p = inlineProperty(def, r.schema, name);
      p.type = p.type === 'string' ? 'integer' : 'string';
      return true;
    }
    return false;
  } },
  { kind: 'breaking-response-format-changed', title: 'a response property gets a format', severity: 'error', mutate: (def) => {
    for (const o of operations(def)) {
      const r = inlineResponseSchema(def, o.op);
      if (!r) continue;
      const name = Object.keys(r.schema.properties).find((k) => deref(def, r.schema.properties[k])?.type === 'string' && deref(def, r.schema.properties[k])?.format !== 'date-time');
      if (!name) continue;
      inlineProperty(def, r.schema, name).format = 'date-time';
      return true;
    }
    return false;
  } },
  { kind: 'breaking-array-items-changed', title: 'the items of a response array change type', severity: 'error', mutate: (def) => {
    for (const o of operations(def)) {
      const r = inlineResponseSchema(def, o.op);
      if (!r) continue;
      const name = Object.keys(r.schema.properties).find((k) => {
        const p = deref(def, r.schema.properties[k]);
        return p?.type === 'array' && typeof deref(def, p.items)?.type === 'string';
      });
      if (!name) continue;
      const p = inlineProperty(def, r.schema, name);
      const was = deref(def, p.items).type;
      p.items = { type: was === 'string' ? 'integer' : 'string' };
      return true;
    }
    return false;
  } },
  { kind: 'breaking-dynamic-changed', title: 'the x-ms-dynamic-values target of a parameter changes', severity: 'warning', mutate: (def) => {
    const ids = operations(def).map((o) => o.op.operationId);
    const f = scalarParam(def, (p) => isObj(p['x-ms-dynamic-values']) && typeof p['x-ms-dynamic-values'].operationId === 'string');
    if (!f) return false;
    const other = ids.find((x) => x !== f.p['x-ms-dynamic-values'].operationId);
    if (!other) return false;
    f.p['x-ms-dynamic-values'] = { ...f.p['x-ms-dynamic-values'], operationId: other };
    return true;
  } },
  { kind: 'breaking-trigger-kind-changed', title: 'a trigger changes from single to batch', severity: 'error', mutate: (def) => {
    const o = firstOp(def, (x) => typeof x.op['x-ms-trigger'] === 'string' && x.op['x-ms-trigger'].toLowerCase() === 'single');
    if (!o) return false;
    o.op['x-ms-trigger'] = 'batch';
    return true;
  } },
  { kind: 'breaking-trigger-kind-changed', title: 'a webhook trigger becomes an action', severity: 'error', mutate: (def) => {
    const o = firstOp(def, (x) => isObj(x.item['x-ms-notification-content']) && x.op['x-ms-trigger'] !== undefined);
    if (!o) return false;
    delete o.op['x-ms-trigger'];
    return true;
  } },
  { kind: 'breaking-trigger-kind-changed', title: 'a polling trigger becomes a webhook trigger', severity: 'error', mutate: (def) => {
    const o = firstOp(def, (x) => x.op['x-ms-trigger'] !== undefined && x.item['x-ms-notification-content'] === undefined && !JSON.stringify(x.op).includes('x-ms-notification-url'));
    if (!o) return false;
    o.item['x-ms-notification-content'] = { description: 'Payload', schema: { type: 'object', properties: { id: { type: 'string' } } } };
    return true;
  } },
  { kind: 'breaking-notification-content-changed', title: 'a field of the webhook notification content is deleted', severity: 'error', mutate: (def) => {
    const o = firstOp(def, (x) => x.op['x-ms-trigger'] !== undefined && isObj(x.item['x-ms-notification-content']) && isObj(deref(def, x.item['x-ms-notification-content'].schema)?.properties) && Object.keys(deref(def, x.item['x-ms-notification-content'].schema).properties).length > 0);
    if (!o) return false;
    const s = clone(deref(def, o.item['x-ms-notification-content'].schema));
    delete s.properties[Object.keys(s.properties)[0]];
    o.item['x-ms-notification-content'] = { ...o.item['x-ms-notification-content'], schema: s };
    return true;
  } },
  { kind: 'breaking-auth-changed', title: 'the security definition changes kind', severity: 'error', mutate: (def) => {
    const sd = def.securityDefinitions;
    if (!isObj(sd) || !Object.keys(sd).length) return false;
    const name = Object.keys(sd)[0];
    sd[name] = sd[name]?.type === 'basic' ? { type: 'apiKey', in: 'header', name: 'X-Key' } : { type: 'basic' };
    return true;
  } },
  { kind: 'breaking-connection-parameter-changed', title: 'a connection parameter is removed', severity: 'error', mutate: (_def, props) => {
    const cp = props?.properties?.connectionParameters;
    if (!isObj(cp) || !Object.keys(cp).length) return false;
    delete cp[Object.keys(cp)[0]];
    return true;
  } },
  { kind: 'breaking-connection-parameter-changed', title: 'a connection parameter changes type', severity: 'error', mutate: (_def, props) => {
    const cp = props?.properties?.connectionParameters;
    const name = isObj(cp) ? Object.keys(cp).find((k) => isObj(cp[k]) && typeof cp[k].type === 'string' && cp[k].type !== 'oauthSetting') : undefined;
    if (!name) return false;
    cp[name].type = cp[name].type === 'string' ? 'securestring' : 'string';
    return true;
  } },
  { kind: 'breaking-connection-parameter-changed', title: 'a required connection parameter is added', severity: 'error', mutate: (_def, props) => {
    const cp = props?.properties?.connectionParameters;
    if (!isObj(cp)) return false;
    cp.addedRegion = { type: 'string', uiDefinition: { displayName: 'Region', description: 'The region', constraints: { required: 'true' } } };
    return true;
  } },
  { kind: 'breaking-auth-changed', title: 'the OAuth identity provider changes', severity: 'error', mutate: (_def, props) => {
    const cp = props?.properties?.connectionParameters;
    const name = isObj(cp) ? Object.keys(cp).find((k) => typeof cp[k]?.oAuthSettings?.identityProvider === 'string') : undefined;
    if (!name) return false;
    cp[name].oAuthSettings.identityProvider = cp[name].oAuthSettings.identityProvider === 'aad' ? 'oauth2' : 'aad';
    return true;
  } },
  { kind: 'breaking-policy-template-changed', title: 'a policy template is removed', severity: 'warning', mutate: (_def, props) => {
    const list = props?.properties?.policyTemplateInstances;
    if (!Array.isArray(list) || !list.length) return false;
    list.shift();
    return true;
  } },
  { kind: 'breaking-policy-template-changed', title: 'a policy template parameter changes', severity: 'warning', mutate: (_def, props) => {
    const list = props?.properties?.policyTemplateInstances;
    const p = Array.isArray(list) ? list.find((x: D) => isObj(x?.parameters) && Object.keys(x.parameters).length) : undefined;
    if (!p) return false;
    const k = Object.keys(p.parameters)[0];
    p.parameters[k] = `${JSON.stringify(p.parameters[k])}-changed`;
    return true;
  } },
  { kind: 'breaking-host-changed', title: 'the host changes', severity: 'warning', mutate: (def) => {
    if (typeof def.host !== 'string') return false;
    def.host = 'changed.' + def.host;
    return true;
  } },
  { kind: 'breaking-host-changed', title: 'the base path changes', severity: 'warning', mutate: (def) => {
    def.basePath = (typeof def.basePath === 'string' ? def.basePath.replace(/\/$/, '') : '') + '/v9';
    return true;
  } },
  { kind: 'client-secret-change-version', title: 'the OAuth client secret changes, not the version', severity: 'info', mutate: (_def, props, c) => {
    const cp = props?.properties?.connectionParameters;
    const name = isObj(cp) ? Object.keys(cp).find((k) => isObj(cp[k]?.oAuthSettings)) : undefined;
    if (!name) return false;
    // Both versions get a secret (the corpus commits none): the old one 'a', the new one 'b'.
    (c as D).__oldSecret = { name };
    cp[name].oAuthSettings.clientSecret = 'new-secret-value';
    return true;
  } },
];

const PER_KIND = 3;
const VALUE_KINDS = new Set<string>(['breaking-operation-id-changed', 'breaking-operation-path-changed', 'breaking-operation-method-changed', 'breaking-parameter-name-changed', 'breaking-parameter-location-changed', 'breaking-parameter-type-changed', 'breaking-parameter-format-changed', 'breaking-response-type-changed', 'breaking-response-format-changed', 'breaking-parameter-encoding-changed', 'breaking-host-changed', 'breaking-auth-changed']);

function severityOf(kind: string): string {
  const e = CATALOGUE.find((x) => x.id === kind);
  assert.ok(e, `${kind} is not in the catalogue (docs/rules.md)`);
  return e.defaultSeverity;
}

/** The value a pointer names (own test reader), or a marker when it does not exist. */
function at(root: D, pointer: string): D {
  if (pointer === '') return root;
  let cur = root;
  for (const raw of pointer.slice(1).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!(isObj(cur) || Array.isArray(cur)) || !Object.prototype.hasOwnProperty.call(cur, k)) return Symbol.for('missing');
    cur = (cur as D)[k];
  }
  return cur;
}

describe('breaking changes: compareConnectors on mutated corpus connectors', function () {
  this.timeout(120_000);
  const covered = new Set<string>();

  for (const m of MUTATIONS) {
    it(`${m.kind} (${m.severity}): ${m.title}`, () => {
      const connectors = corpusConnectors();
      let applied = 0;
      for (const c of connectors) {
        const def = clone(c.def);
        const props = c.props ? clone(c.props) : undefined;
        const oldProps = c.props ? clone(c.props) : undefined;
        if (!m.mutate(def, props, c)) continue;
        if (m.kind === 'client-secret-change-version') {
          const name = (c as D).__oldSecret.name;
          oldProps.properties.connectionParameters[name].oAuthSettings.clientSecret = 'old-secret-value';
          delete (c as D).__oldSecret;
        }
        const r = compareConnectors({ definition: c.def, properties: oldProps }, { definition: def, properties: props });
        const kinds = new Set(r.findings.map((f) => f.ruleId));
        assert.ok(kinds.has(m.kind), `${c.name}: ${m.title}: expected ${m.kind}, got ${[...kinds].join(', ') || 'nothing'}`);
        const unexpected = [...kinds].filter((k) => k !== m.kind && !(m.alsoAllowed ?? []).includes(k));
        assert.deepEqual(unexpected, [], `${c.name}: ${m.title}: unexpected kinds: ${r.findings.filter((f) => unexpected.includes(f.ruleId)).map((f) => f.message).join(' | ')}`);
        assert.equal(severityOf(m.kind), m.severity, `catalogue severity of ${m.kind}`);
        for (const f of r.findings) {
          const target = f.file === 'properties' ? props : def;
          assert.notEqual(at(target, f.pointer), Symbol.for('missing'), `${c.name}: ${f.ruleId} points at ${f.pointer}, which is not in the new ${f.file ?? 'definition'}`);
          assert.ok(f.fix.length > 10 && f.message.length > 20, `${f.ruleId} has a message and a fix`);
          assert.ok(f.before !== undefined && f.after !== undefined, `${f.ruleId} carries the old and the new value`);
          // Where old and new are plain values, the message names both.
          if (VALUE_KINDS.has(f.ruleId)) for (const v of [f.before, f.after]) assert.ok(f.message.includes(String(v).replace(/^"|"$/g, '')), `${f.ruleId}: the message names ${v}: ${f.message}`);
        }
        // The secret itself never appears in a message.
        assert.ok(!r.findings.some((f) => /secret-value/.test(f.message + f.fix + (f.before ?? '') + (f.after ?? ''))), 'no secret in the findings');
        covered.add(m.kind);
        if (++applied >= PER_KIND) break;
      }
      assert.ok(applied > 0, `no corpus connector has what "${m.title}" mutates`);
    });
  }

  it('skipping schemas proven equal changes no finding: every mutation on every corpus connector it applies to, with and without the skip', () => {
    let compared = 0;
    let findings = 0;
    for (const c of corpusConnectors()) {
      for (const m of MUTATIONS) {
        const def = clone(c.def);
        const props = c.props ? clone(c.props) : undefined;
        if (!m.mutate(def, props, c)) continue;
        delete (c as D).__oldSecret;
        const before = { definition: c.def, properties: c.props };
        const after = { definition: def, properties: props };
        const skipping = compareConnectors(before, after, { changedOperations: true });
        const full = compareConnectors(before, after, { changedOperations: true, skipEqualSchemas: false });
        assert.deepEqual(skipping, full, `${c.name}: ${m.title}`);
        compared++;
        findings += full.findings.length;
      }
    }
    assert.ok(compared > 1000 && findings > 1000, `${compared} comparisons, ${findings} findings: too few to say anything`);
  });

  it('every kind has a mutation test and a catalogue row', () => {
    for (const k of CHANGE_KINDS) {
      assert.ok(MUTATIONS.some((m) => m.kind === k), `no mutation for ${k}`);
      severityOf(k);
    }
  });
});

/** Reorders every object's keys (reversed), recursively. */
function reorder(v: D): D {
  if (Array.isArray(v)) return v.map(reorder);
  if (!isObj(v)) return v;
  const out: D = {};
  for (const k of Object.keys(v).reverse()) out[k] = reorder(v[k]);
  return out;
}

/** Moves every inline object schema of responses and body parameters into definitions (a $ref in its place). */
function moveInlineSchemas(def: D): number {
  let n = 0;
  def.definitions ??= {};
  const move = (holder: D, key: string) => {
    const s = holder[key];
    if (!isObj(s) || typeof s.$ref === 'string' || !isObj(s.properties)) return;
    const name = `Moved${n++}`;
    def.definitions[name] = s;
    holder[key] = { $ref: `#/definitions/${name}` };
  };
  for (const o of operations(def)) {
    for (const p of Array.isArray(o.op.parameters) ? o.op.parameters : []) if (isObj(p) && p.in === 'body') move(p, 'schema');
    for (const r of Object.values<D>(isObj(o.op.responses) ? o.op.responses : {})) if (isObj(r)) move(r, 'schema');
  }
  return n;
}

describe('breaking changes: no finding where nothing changed', function () {
  this.timeout(300_000);

  it('every corpus connector compared with itself (texts): 0 findings, 0 changed operations', () => {
    const noisy: string[] = [];
    for (const c of corpusConnectors()) {
      const src = { definition: { uri: 'file:///a/apiDefinition.swagger.json', text: c.defText }, properties: c.props ? { uri: 'file:///a/apiProperties.json', text: JSON.stringify(c.props) } : undefined };
      const r = compareSources(src, src);
      assert.equal(r.problem, undefined, c.name);
      if (r.findings.length || r.changedOperations.length || r.truncated) noisy.push(`${c.name}: ${r.findings.map((f) => f.ruleId).join(', ')} ${r.changedOperations.length} changed${r.truncated ? ' truncated' : ''}`);
    }
    assert.deepEqual(noisy, []);
  });

  it('reformatted, keys reordered, inline schemas moved into definitions: 0 findings, 0 changed operations', () => {
    const noisy: string[] = [];
    let moved = 0;
    for (const c of corpusConnectors()) {
      const old = { definition: { uri: 'file:///a/apiDefinition.swagger.json', text: c.defText } };
      const def = reorder(clone(c.def));
      moved += moveInlineSchemas(def);
      const now = { definition: { uri: 'file:///b/apiDefinition.swagger.json', text: JSON.stringify(def, null, '\t') } };
      const r = compareSources(old, now);
      if (r.findings.length || r.changedOperations.length) noisy.push(`${c.name}: ${r.findings.map((f) => `${f.ruleId} ${f.message}`).join(' | ')} ${r.changedOperations.map((o) => o.operationId).join(',')}`);
    }
    assert.ok(moved > 500, `only ${moved} inline schemas moved: the test would not show much`);
    assert.deepEqual(noisy, []);
  });

  it('the same connector as YAML (the tolerant parser path) compared with its JSON: 0 findings (20 corpus connectors)', () => {
    const noisy: string[] = [];
    for (const c of corpusConnectors().slice(0, 20)) {
      const yaml = stringifyYaml(c.def, { aliasDuplicateObjects: false });
      const r = compareSources({ definition: { uri: 'old.json', text: c.defText } }, { definition: { uri: 'apiDefinition.swagger.yaml', text: yaml } });
      assert.equal(r.problem, undefined, c.name);
      if (r.findings.length || r.changedOperations.length) noisy.push(c.name);
    }
    assert.deepEqual(noisy, []);
  });

  it('a $ref retargeted to a definition of another shape is compared by what it resolves to', () => {
    const c = corpusConnectors().find((x) => operations(x.def).some((o) => inlineResponseSchema(clone(x.def), clone(o.op))));
    assert.ok(c, 'a corpus connector with a response schema that has properties');
    const def = clone(c.def);
    const o = operations(def).find((x) => inlineResponseSchema(clone(def), clone(x.op)))!;
    const r = inlineResponseSchema(def, o.op)!;
    def.definitions ??= {};
    def.definitions.Retargeted = { type: 'object', properties: {} };
    o.op.responses[r.code].schema = { $ref: '#/definitions/Retargeted' };
    const found = compareConnectors({ definition: c.def }, { definition: def }).findings;
    assert.ok(found.length >= 1 && found.every((f) => f.ruleId === 'breaking-response-property-removed'), found.map((f) => f.ruleId).join(', '));
  });
});

describe('breaking changes: positions, report and hostile input', () => {
  const oldText = JSON.stringify({ swagger: '2.0', info: { title: 'T', version: '1.0' }, host: 'api.example.com', paths: { '/items': { get: { operationId: 'ListItems', responses: { 200: { description: 'ok' } } }, post: { operationId: 'AddItem', responses: { 200: { description: 'ok' } } } } } }, null, 2);

  it('a deleted operation is reported on its path item in the new file, an error with the fix', () => {
    const v = JSON.parse(oldText);
    delete v.paths['/items'].post;
    const newText = JSON.stringify(v, null, 2);
    const r = compareSources({ definition: { uri: 'old', text: oldText } }, { definition: { uri: 'new', text: newText } });
    assert.equal(r.findings.length, 1);
    const f = r.findings[0];
    assert.equal(f.ruleId, 'breaking-operation-removed');
    assert.equal(f.severity, 'error');
    assert.equal(f.uri, 'new');
    assert.equal(newText.split('\n')[f.range.start.line].trim(), '"/items": {');
    assert.match(f.message, /AddItem/);
    assert.match(f.fix, /deprecated/);
  });

  it('the one-scan locator of JSON texts places findings where the positioned tree does (40 mutated corpus connectors)', () => {
    let compared = 0;
    for (const c of corpusConnectors().slice(0, 40)) {
      const def = clone(c.def);
      for (const [i, o] of operations(def).entries()) {
        if (i % 3 === 0) delete o.item[o.method];
        else if (i % 3 === 1) (o.op.parameters ??= []).push({ name: 'x', in: 'query', type: 'string', required: true });
      }
      def.host = 'other.example.com';
      const newText = JSON.stringify(def, null, 1);
      const fast = compareSources({ definition: { uri: 'old', text: c.defText } }, { definition: { uri: 'new', text: newText } });
      const tree = compareParsed({ definition: parseDocument('old', c.defText) }, { definition: parseDocument('new', newText) });
      assert.deepEqual(fast.findings.map((f) => [f.ruleId, f.range]), tree.findings.map((f) => [f.ruleId, f.range]), c.name);
      assert.deepEqual(fast.changedOperations.map((o) => o.range), tree.changedOperations.map((o) => o.range), c.name);
      compared += fast.findings.length;
    }
    assert.ok(compared > 100, `only ${compared} findings compared`);
  });

  it('a rule set to "off" is left out; a suppressed one too', () => {
    const v = JSON.parse(oldText);
    delete v.paths['/items'].post;
    const r = compareSources({ definition: { uri: 'old', text: oldText } }, { definition: { uri: 'new', text: JSON.stringify(v) } }, { rules: { 'breaking-operation-removed': 'off' } });
    assert.equal(r.findings.length, 0);
    v.paths['/items']['x-connector-studio-disable'] = ['breaking-operation-removed'];
    assert.equal(compareSources({ definition: { uri: 'old', text: oldText } }, { definition: { uri: 'new', text: JSON.stringify(v) } }).findings.length, 0);
  });

  it('a base that does not parse is a problem, not a crash', () => {
    const r = compareSources({ definition: { uri: 'old', text: '{ not json' } }, { definition: { uri: 'new', text: oldText } });
    assert.match(r.problem ?? '', /base version/);
  });

  it('hostile: cyclic refs, deep nesting, odd values and a huge definition stay bounded', () => {
    const cyclic = (extra: boolean) => ({ swagger: '2.0', paths: { '/a': { get: { operationId: 'A', responses: { 200: { description: 'x', schema: { $ref: '#/definitions/N' } } } } } }, definitions: { N: { type: 'object', properties: { next: { $ref: '#/definitions/N' }, me: { $ref: '#/definitions/M' }, ...(extra ? { x: { type: 'string' } } : {}) } }, M: { $ref: '#/definitions/M' } } });
    const r1 = compareConnectors({ definition: cyclic(true) }, { definition: cyclic(false) });
    assert.ok(r1.findings.some((f) => f.ruleId === 'breaking-response-property-removed'));
    // Deep nesting (built iteratively): bounded by maxDepth, no stack overflow.
    const deep = (n: number) => {
      const root: D = { type: 'object', properties: {} };
      let cur = root;
      for (let i = 0; i < n; i++) {
        cur.properties.p = { type: 'object', properties: {} };
        cur = cur.properties.p;
      }
      return { swagger: '2.0', paths: { '/a': { get: { operationId: 'A', responses: { 200: { description: 'x', schema: root } } } } } };
    };
    const t0 = Date.now();
    const r2 = compareConnectors({ definition: deep(20000) }, { definition: deep(19999) });
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(r2.findings.length, 0, 'past maxDepth the branch is left uncompared');
    for (const odd of [null, 3, 'x', [], { paths: [] }, { paths: { '/a': null } }, { swagger: '2.0', paths: { '/a': { get: { operationId: 'A', parameters: [null, 3, { $ref: '#/nowhere' }], responses: 5 } } } }]) {
      compareConnectors({ definition: odd, properties: odd }, { definition: cyclic(false), properties: odd });
      compareConnectors({ definition: cyclic(false) }, { definition: odd });
    }
    // Many operations: the node budget truncates, says so, and stays fast.
    const many = { swagger: '2.0', paths: {} as D, definitions: cyclic(true).definitions };
    for (let i = 0; i < 3000; i++) many.paths[`/p${i}`] = { get: { operationId: `Op${i}`, responses: { 200: { description: 'x', schema: { $ref: '#/definitions/N' } } } } };
    const t1 = Date.now();
    const r3 = compareConnectors({ definition: many }, { definition: {} }, { maxFindings: 100 });
    assert.equal(r3.truncated, true);
    assert.equal(r3.findings.length, 100);
    assert.ok(Date.now() - t1 < 5000);
  });
});

describe('breaking changes: sameWithoutRefs (the proof that lets equal schemas be skipped)', () => {
  it('equal whatever the key order; any difference, type change or $ref is not', () => {
    assert.equal(sameWithoutRefs({ a: 1, b: [1, { c: 'x' }], d: null }, { d: null, b: [1, { c: 'x' }], a: 1 }), true);
    assert.equal(sameWithoutRefs({ a: 1 }, { a: 2 }), false);
    assert.equal(sameWithoutRefs({ a: 1 }, { a: 1, b: undefined }), false);
    assert.equal(sameWithoutRefs({ a: 1, b: 2 }, { a: 1, c: 2 }), false);
    assert.equal(sameWithoutRefs([1, 2], [2, 1]), false);
    assert.equal(sameWithoutRefs([], {}), false);
    assert.equal(sameWithoutRefs({ a: '1' }, { a: 1 }), false);
    assert.equal(sameWithoutRefs({ a: null }, { a: {} }), false);
    // A reference may resolve to different schemas in the two versions: never proven equal.
    assert.equal(sameWithoutRefs({ items: { $ref: '#/definitions/A' } }, { items: { $ref: '#/definitions/A' } }), false);
  });

  it('a schema that only refers to a changed definition is still compared (the $ref is followed, not proven equal)', () => {
    const version = (type: string): D => ({
      swagger: '2.0', info: { title: 'T', version: '1' }, paths: { '/items': { get: { operationId: 'ListItems', responses: { '200': { description: 'OK', schema: { type: 'array', items: { $ref: '#/definitions/Item' } } } } } } },
      definitions: { Item: { type: 'object', properties: { id: { type } } } },
    });
    const r = compareConnectors({ definition: version('string') }, { definition: version('integer') });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['breaking-response-type-changed']);
  });

  it('hostile: 100,000 levels are checked without recursion, and a huge value gives up (false) within its budget', () => {
    const deep = () => {
      let v: D = { leaf: true };
      for (let i = 0; i < 100_000; i++) v = { p: v };
      return v;
    };
    assert.equal(sameWithoutRefs(deep(), deep()), false, 'past the value budget it is not proven equal');
    const wide = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    assert.equal(sameWithoutRefs(wide(5000), wide(5000)), true);
  });
});
