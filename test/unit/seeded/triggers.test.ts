// Seeded defects for family 6: mutate accepted corpus connectors and expect the right rule.
import * as assert from 'node:assert/strict';
import { only, seedDefect } from '../ruleTestKit';

type Op = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(def: any): { path: string; method: string; op: Op; item: Op }[] {
  const out: { path: string; method: string; op: Op; item: Op }[] = [];
  for (const [path, item] of Object.entries<any>(def.paths ?? {})) for (const method of METHODS) if (item?.[method]) out.push({ path, method, op: item[method], item });
  return out;
}

/** Deletes every `x-ms-notification-url` under a value (iterative). */
function stripNotificationUrl(root: unknown): number {
  let n = 0;
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('x-ms-notification-url' in o) {
        delete o['x-ms-notification-url'];
        n++;
      }
      stack.push(...Object.values(o));
    }
  }
  return n;
}

const EVOCOM = 'certified-connectors/Evocom';

describe('seeded defects: triggers and webhooks', () => {
  it('webhook trigger without x-ms-notification-url -> webhook-notification-url-property', () => {
    const r = seedDefect(EVOCOM, (def) => {
      const w = operations(def).find((o) => o.op['x-ms-trigger'] && o.item['x-ms-notification-content']);
      if (!w) return false;
      return stripNotificationUrl(w.op) > 0 || stripNotificationUrl(def.definitions) > 0;
    });
    assert.ok(r);
    const found = only(r.definition, 'webhook-notification-url-property');
    assert.ok(found.length >= 1);
    assert.equal(found[0].severity, 'error');
  });

  it('webhook trigger without any DELETE operation -> webhook-delete-operation', () => {
    const r = seedDefect(EVOCOM, (def) => {
      let removed = 0;
      for (const o of operations(def)) if (o.method === 'delete') {
        delete o.item.delete;
        removed++;
      }
      return removed > 0;
    });
    assert.ok(r);
    assert.ok(only(r.definition, 'webhook-delete-operation').length >= 1);
  });

  it('batch trigger returning a single object -> trigger-kind-matches-response', () => {
    const r = seedDefect('certified-connectors/Egnyte', (def) => {
      const t = operations(def).find((o) => o.op['x-ms-trigger'] === 'batch');
      if (!t) return false;
      const single = { type: 'object', properties: { id: { type: 'string' } } };
      if (t.item['x-ms-notification-content']) t.item['x-ms-notification-content'].schema = single;
      for (const code of Object.keys(t.op.responses ?? {})) if (/^2/.test(code)) t.op.responses[code].schema = single;
    });
    assert.ok(r);
    assert.match(only(r.definition, 'trigger-kind-matches-response')[0]?.message ?? '', /"batch"/);
  });

  it('single trigger switched to batch over an object payload -> trigger-kind-matches-response', () => {
    const r = seedDefect(EVOCOM, (def) => {
      const t = operations(def).find((o) => o.op['x-ms-trigger'] === 'single');
      if (!t) return false;
      t.op['x-ms-trigger'] = 'batch';
      t.item['x-ms-notification-content'] = { description: 'Event', schema: { type: 'object', properties: { id: { type: 'string' } } } };
    });
    assert.ok(r);
    assert.equal(only(r.definition, 'trigger-kind-matches-response').length, 1);
  });

  it('webhook payload schema removed -> trigger-output-schema', () => {
    const r = seedDefect(EVOCOM, (def) => {
      const t = operations(def).find((o) => o.op['x-ms-trigger'] && o.item['x-ms-notification-content']);
      if (!t) return false;
      delete t.item['x-ms-notification-content'].schema;
      for (const code of Object.keys(t.op.responses ?? {})) delete t.op.responses[code]?.schema;
    });
    assert.ok(r);
    assert.ok(only(r.definition, 'trigger-output-schema').length >= 1);
  });

  it('Location header dropped from a webhook registration -> webhook-location-header', () => {
    const r = seedDefect('certified-connectors/TractionGuest', (def) => {
      const before = operations(def).filter((o) => o.op['x-ms-trigger'] && o.item['x-ms-notification-content']);
      const t = before.find((o) => Object.values<any>(o.op.responses ?? {}).some((resp) => resp?.headers && Object.keys(resp.headers).some((h) => h.toLowerCase() === 'location')));
      if (!t) return false;
      for (const resp of Object.values<any>(t.op.responses)) if (resp?.headers) delete resp.headers.Location;
    });
    assert.ok(r);
    assert.ok(only(r.definition, 'webhook-location-header').length >= 1);
  });

  it('polling trigger losing its x-ms-trigger-value -> polling-trigger-incremental', () => {
    const r = seedDefect('certified-connectors/iMIS', (def) => {
      let n = 0;
      for (const o of operations(def)) for (const p of o.op.parameters ?? []) if (p && p['x-ms-trigger-value']) {
        delete p['x-ms-trigger-value'];
        // 202 + Location is the other incremental pattern; drop it too.
        delete o.op.responses?.['202'];
        n++;
      }
      return n > 0;
    });
    assert.ok(r);
    assert.ok(only(r.definition, 'polling-trigger-incremental').length >= 1);
  });
});
