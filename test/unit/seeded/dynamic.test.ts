// Seeded defects for family 5: mutate accepted corpus connectors and expect the right rule.
import * as assert from 'node:assert/strict';
import { only, seedDefect } from '../ruleTestKit';

/** Every object value of `key` anywhere in the document (iterative walk). */
function extensions(root: unknown, key: string): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, any>;
      if (o[key] && typeof o[key] === 'object' && !Array.isArray(o[key])) out.push(o[key]);
      stack.push(...Object.values(o));
    }
  }
  return out;
}

const IMIS = 'certified-connectors/iMIS';
const FLOWFORMA = 'certified-connectors/FlowForma V2';

function firstWith(def: unknown, key: string, pred: (e: Record<string, any>) => boolean): Record<string, any> | undefined {
  return extensions(def, key).find(pred);
}

describe('seeded defects: dynamic extensions', () => {
  it('x-ms-dynamic-values pointing at a missing operation -> dynamic-operation-exists', () => {
    const r = seedDefect(IMIS, (def) => {
      const e = firstWith(def, 'x-ms-dynamic-values', (x) => typeof x.operationId === 'string');
      if (!e) return false;
      e.operationId = 'NoSuchOperation';
    });
    assert.ok(r);
    const found = only(r.definition, 'dynamic-operation-exists');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /NoSuchOperation/);
  });

  it('a parameter key the target does not have -> dynamic-param-names-exist', () => {
    const r = seedDefect(IMIS, (def) => {
      const e = firstWith(def, 'x-ms-dynamic-values', (x) => typeof x.operationId === 'string');
      if (!e) return false;
      e.parameters = { ...(e.parameters ?? {}), notAParameter: 'x' };
    });
    assert.ok(r);
    assert.match(only(r.definition, 'dynamic-param-names-exist')[0]?.message ?? '', /"notAParameter" is not a parameter/);
  });

  it('a {parameter} reference to a missing source parameter -> dynamic-param-names-exist', () => {
    const r = seedDefect(FLOWFORMA, (def) => {
      const e = firstWith(def, 'x-ms-dynamic-values', (x) => x.parameters && Object.values(x.parameters).some((v: any) => v && typeof v.parameter === 'string'));
      if (!e) return false;
      const key = Object.keys(e.parameters).find((k) => typeof e.parameters[k]?.parameter === 'string')!;
      e.parameters[key] = { parameter: 'renamedAway' };
    });
    assert.ok(r);
    assert.match(only(r.definition, 'dynamic-param-names-exist').map((d) => d.message).join('\n'), /"renamedAway" is neither a parameter/);
  });

  it('dropping a supplied required target parameter -> dynamic-target-required-params', () => {
    const r = seedDefect('certified-connectors/ConsenSys', (def) => {
      // A call whose target declares a required parameter that the call supplies.
      const requiredOf = (id: string): string[] => {
        for (const item of Object.values<any>(def.paths)) for (const op of Object.values<any>(item)) if (op?.operationId === id) return (op.parameters ?? []).filter((p: any) => p?.required && p.default === undefined).map((p: any) => p.name);
        return [];
      };
      const e = firstWith(def, 'x-ms-dynamic-values', (x) => typeof x.operationId === 'string' && x.parameters && requiredOf(x.operationId).some((n) => n in x.parameters));
      if (!e) return false;
      e.parameters = {};
    });
    assert.ok(r);
    assert.ok(only(r.definition, 'dynamic-target-required-params').length >= 1);
  });

  it('a value-collection that is not in the response schema -> dynamic-collection-array', () => {
    const r = seedDefect(FLOWFORMA, (def) => {
      const e = firstWith(def, 'x-ms-dynamic-values', (x) => typeof x['value-collection'] === 'string');
      if (!e) return false;
      e['value-collection'] = 'notThere';
    });
    assert.ok(r);
    assert.match(only(r.definition, 'dynamic-collection-array')[0]?.message ?? '', /"notThere" is not in the 2\d\d response/);
  });

  it('a value-path that is not a property of the items -> dynamic-path-property', () => {
    const r = seedDefect(IMIS, (def) => {
      const e = firstWith(def, 'x-ms-dynamic-values', (x) => typeof x['value-path'] === 'string');
      if (!e) return false;
      e['value-path'] = 'zzNotAProperty';
    });
    assert.ok(r);
    assert.match(only(r.definition, 'dynamic-path-property')[0]?.message ?? '', /value-path "zzNotAProperty"/);
  });

  it('x-ms-dynamic-schema value-path wrong -> dynamic-path-property', () => {
    // Find a corpus connector whose dynamic schema target declares its response properties.
    const candidates = ['certified-connectors/Plumsail Forms', 'certified-connectors/Seismic Library', 'certified-connectors/Cognite Data Fusion', 'certified-connectors/UiPath Orchestrator', 'certified-connectors/Gravity Forms Professional', 'certified-connectors/Survey123', 'certified-connectors/Luware Nimbus'];
    let hit = false;
    for (const name of candidates) {
      const r = seedDefect(name, (def) => {
        const e = firstWith(def, 'x-ms-dynamic-schema', (x) => typeof x['value-path'] === 'string');
        if (!e) return false;
        e['value-path'] = 'zzWrong/' + e['value-path'];
      });
      if (r && only(r.definition, 'dynamic-path-property').some((d) => /value-path "zzWrong/.test(d.message))) {
        hit = true;
        break;
      }
    }
    assert.ok(hit, 'no candidate reported the wrong x-ms-dynamic-schema value-path');
  });

  it('an extension moved onto a body parameter object -> dynamic-on-body-parameter', () => {
    const r = seedDefect(IMIS, (def) => {
      for (const item of Object.values<any>(def.paths)) {
        for (const op of Object.values<any>(item)) {
          const body = Array.isArray(op?.parameters) ? op.parameters.find((p: any) => p?.in === 'body') : undefined;
          if (body) {
            body['x-ms-dynamic-values'] = firstWith(def, 'x-ms-dynamic-values', () => true);
            return true;
          }
        }
      }
      return false;
    });
    assert.ok(r);
    assert.equal(only(r.definition, 'dynamic-on-body-parameter').length, 1);
  });
});
