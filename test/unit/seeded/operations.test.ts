// Seeded defects for family 3 (operations, paths, parameters, responses) on accepted connectors.
import { expectSeeded, operations } from './seedKit';

const withPathParam = (def: any) => operations(def).find((o) => (o.op.parameters ?? []).some((p: any) => p?.in === 'path' && !p.$ref));
const pathParamOf = (o: { op: any }) => o.op.parameters.find((p: any) => p?.in === 'path' && !p.$ref);

describe('seeded defects: operations, paths, parameters, responses', () => {
  it('drop an operationId -> operation-id-required', () => {
    expectSeeded('operation-id-required', (def) => {
      const o = operations(def).find((x) => x.op.operationId);
      if (!o) return false;
      delete o.op.operationId;
    }, /has no operationId/);
  });
  it('duplicate an operationId -> operation-id-unique', () => {
    expectSeeded('operation-id-unique', (def) => {
      const ops = operations(def).filter((x) => x.op.operationId);
      if (ops.length < 2) return false;
      ops[1].op.operationId = ops[0].op.operationId;
    }, /is already used by/);
  });
  it('operationIds differing by case -> operation-id-case-duplicate', () => {
    expectSeeded('operation-id-case-duplicate', (def) => {
      const ops = operations(def).filter((x) => typeof x.op.operationId === 'string' && /[a-z]/.test(x.op.operationId));
      if (ops.length < 2) return false;
      ops[1].op.operationId = ops[0].op.operationId.toUpperCase();
    }, /differs only by case/);
  });
  it('declare a path parameter that is not in the path -> path-param-in-template', () => {
    expectSeeded('path-param-in-template', (def) => {
      const o = operations(def)[0];
      if (!o) return false;
      o.op.parameters = [...(o.op.parameters ?? []), { name: 'seededId', in: 'path', required: true, type: 'string' }];
    }, /"seededId" is not in the path template/);
  });
  it('remove a declared path parameter -> path-param-declared', () => {
    expectSeeded('path-param-declared', (def) => {
      const o = withPathParam(def);
      if (!o) return false;
      const p = pathParamOf(o);
      o.op.parameters = o.op.parameters.filter((x: any) => x !== p);
      if ((o.item.parameters ?? []).some((x: any) => x?.name === p.name)) return false;
    }, /has no matching parameter/);
  });
  it('path parameter not required -> path-param-required', () => {
    expectSeeded('path-param-required', (def) => {
      const o = withPathParam(def);
      if (!o) return false;
      pathParamOf(o).required = false;
    }, /must have "required": true/);
  });
  it('GET with a body -> get-no-body', () => {
    expectSeeded('get-no-body', (def) => {
      const o = operations(def).find((x) => x.method === 'get');
      if (!o) return false;
      o.op.parameters = [...(o.op.parameters ?? []), { name: 'seededBody', in: 'body', schema: { type: 'object' } }];
    }, /GET .* has a body parameter "seededBody"/);
  });
  it('two body parameters -> single-body-parameter', () => {
    expectSeeded('single-body-parameter', (def) => {
      const o = operations(def).find((x) => (x.op.parameters ?? []).some((p: any) => p?.in === 'body'));
      if (!o) return false;
      o.op.parameters.push({ name: 'seededBody2', in: 'body', schema: { type: 'object' } });
    }, /Second body parameter "seededBody2"/);
  });
  it('response without description -> response-description-required', () => {
    expectSeeded('response-description-required', (def) => {
      const o = operations(def).find((x) => x.op.responses && Object.values<any>(x.op.responses).some((r) => r && typeof r === 'object' && !r.$ref && r.description));
      if (!o) return false;
      const r = Object.values<any>(o.op.responses).find((x) => x && typeof x === 'object' && !x.$ref && x.description);
      delete r.description;
    }, /has no description/);
  });
  it('bad response code -> response-code-valid', () => {
    expectSeeded('response-code-valid', (def) => {
      const o = operations(def).find((x) => x.op.responses && typeof x.op.responses === 'object');
      if (!o) return false;
      o.op.responses['20O'] = { description: 'typo' };
    }, /"20O"/);
  });
  it('path without leading slash -> path-starts-with-slash', () => {
    expectSeeded('path-starts-with-slash', (def) => {
      const p = Object.keys(def.paths ?? {})[0];
      if (!p) return false;
      def.paths[p.slice(1)] = def.paths[p];
      delete def.paths[p];
    }, /must start with "\/"/);
  });
  it('query string in a path -> path-characters', () => {
    expectSeeded('path-characters', (def) => {
      const p = Object.keys(def.paths ?? {})[0];
      if (!p) return false;
      def.paths[`${p}?seeded=1`] = def.paths[p];
      delete def.paths[p];
    }, /contains "\?"/);
  });
  it('operation without responses -> operation-responses-required', () => {
    expectSeeded('operation-responses-required', (def) => {
      const o = operations(def)[0];
      if (!o) return false;
      delete o.op.responses;
    }, /has no "responses" object/);
  });
  it('operation with responses: {} -> operation-responses-empty', () => {
    expectSeeded('operation-responses-empty', (def) => {
      const o = operations(def)[0];
      if (!o) return false;
      o.op.responses = {};
    }, /lists no response/);
  });
});
