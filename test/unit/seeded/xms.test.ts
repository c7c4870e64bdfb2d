// Seeded defects for family 4 (x-ms extensions) on accepted connectors.
import { expectSeeded, operations } from './seedKit';

type Obj = Record<string, any>;
/** The first parameter (resolved inline only) that matches. */
function firstParam(def: any, pred: (p: Obj) => boolean): Obj | undefined {
  for (const o of operations(def)) for (const p of o.op.parameters ?? []) if (p && typeof p === 'object' && !p.$ref && pred(p)) return p;
  return undefined;
}
/** Every object under a value (iterative), for finding schemas anywhere. */
function* objects(root: unknown): Generator<Obj> {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v && typeof v === 'object') {
      if (!Array.isArray(v)) yield v as Obj;
      stack.push(...Object.values(v as Obj));
    }
  }
}

describe('seeded defects: x-ms extensions', () => {
  it('x-ms-visibility "hidden" -> x-ms-visibility-value', () => {
    expectSeeded('x-ms-visibility-value', (def) => {
      const p = firstParam(def, (x) => x.in === 'query' || x.in === 'path');
      if (!p) return false;
      p['x-ms-visibility'] = 'hidden';
    }, /"hidden" is not a recognized value/);
  });
  it('x-ms-trigger "multi" -> x-ms-trigger-kind', () => {
    expectSeeded('x-ms-trigger-kind', (def) => {
      const o = operations(def).find((x) => x.op['x-ms-trigger']);
      if (!o) return false;
      o.op['x-ms-trigger'] = 'multi';
    }, /"multi" is not supported/);
  });
  it('x-ms-url-encoding "triple" -> url-encoding-value', () => {
    expectSeeded('url-encoding-value', (def) => {
      const p = firstParam(def, (x) => x.in === 'path');
      if (!p) return false;
      p['x-ms-url-encoding'] = 'triple';
    }, /"triple" is not supported/);
  });
  it('x-ms-enum-values value not in enum -> enum-values-in-enum', () => {
    expectSeeded('enum-values-in-enum', (def) => {
      const s = [...objects(def.paths)].find((x) => Array.isArray(x.enum) && x.enum.length > 0 && typeof x.enum[0] === 'string');
      if (!s) return false;
      s['x-ms-enum-values'] = [{ value: s.enum[0], displayName: 'First' }, { value: 'seeded-not-in-enum', displayName: 'Bad' }];
    }, /"seeded-not-in-enum" is not in the sibling enum/);
  });
  it('x-ms-pageable nextLinkName wrong -> pageable-next-link-name', () => {
    expectSeeded('pageable-next-link-name', (def) => {
      const o = operations(def).find((x) => x.method === 'get');
      if (!o) return false;
      o.op['x-ms-pageable'] = { nextLinkName: 'next_page' };
    }, /not "next_page"/);
  });
  it('x-ms-summary typo key -> x-ms-unknown-extension with the correct name', () => {
    expectSeeded('x-ms-unknown-extension', (def) => {
      const p = firstParam(def, (x) => typeof x['x-ms-summary'] === 'string');
      if (!p) return false;
      p['x-ms-sumamry'] = p['x-ms-summary'];
      delete p['x-ms-summary'];
    }, /"x-ms-sumamry"; did you mean "x-ms-summary"\?/);
  });
  it('callback URL not hidden -> notification-url-internal', () => {
    expectSeeded('notification-url-internal', (def) => {
      let n = 0;
      for (const o of objects(def)) if (o['x-ms-notification-url'] === true) {
        delete o['x-ms-visibility'];
        n++;
      }
      if (!n) return false;
      for (const o of operations(def)) for (const p of o.op.parameters ?? []) if (p?.in === 'body') delete p['x-ms-visibility'];
      for (const o of objects(def)) if (o.properties && Object.values<any>(o.properties).some((c) => c?.['x-ms-notification-url'])) delete o['x-ms-visibility'];
    }, /is not hidden/);
  });
  it('x-ms-notification-content removed -> notification-content-required', () => {
    expectSeeded('notification-content-required', (def) => {
      let n = 0;
      for (const item of Object.values<any>(def.paths ?? {})) if (item?.['x-ms-notification-content']) {
        delete item['x-ms-notification-content'];
        n++;
      }
      return n > 0;
    }, /has no x-ms-notification-content/);
  });
  it('x-ms-api-annotation with two revision 1 -> operation-family-duplicate-revision', () => {
    expectSeeded('operation-family-duplicate-revision', (def) => {
      const ops = operations(def);
      if (ops.length < 2) return false;
      ops[0].op['x-ms-api-annotation'] = { family: 'Seeded', revision: 1 };
      ops[1].op['x-ms-api-annotation'] = { family: 'Seeded', revision: 1 };
    }, /already has revision 1/);
  });
  it('testConnection naming a missing operation -> test-connection-target', () => {
    expectSeeded('test-connection-target', (def) => {
      def['x-ms-capabilities'] = { testConnection: { operationId: 'SeededMissingOp' } };
    }, /"SeededMissingOp", which does not exist/);
  });
  it('x-ms-no-generic-test as a string -> boolean-extension-type', () => {
    expectSeeded('boolean-extension-type', (def) => {
      const o = operations(def)[0];
      if (!o) return false;
      o.op['x-ms-no-generic-test'] = 'yes';
    }, /must be a boolean/);
  });
  it('connector metadata not an array -> connector-metadata-shape', () => {
    expectSeeded('connector-metadata-shape', (def) => {
      def['x-ms-connector-metadata'] = { Website: 'https://contoso.com' };
    }, /must be an array/);
  });
});
