// Shared helpers for the family 3/4 seeded-defect tests: find an operation in a real connector,
// apply one defect, and compare the rule's findings with the unmutated connector.
import * as assert from 'node:assert/strict';
import type { ValidationConfig } from '../../../engine/src/languageService/validateConnector';
import { only, seedDefect } from '../ruleTestKit';

export type Obj = Record<string, any>;
export const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
export const CONNECTORS = ['certified-connectors/Evocom', 'certified-connectors/CloudConvert', 'certified-connectors/Airmeet', 'certified-connectors/Egnyte', 'certified-connectors/Docurain', 'certified-connectors/Encodian'];

export interface OpRef {
  path: string;
  method: string;
  op: Obj;
  item: Obj;
}

export function operations(def: any): OpRef[] {
  const out: OpRef[] = [];
  for (const [path, item] of Object.entries<any>(def?.paths ?? {})) for (const method of METHODS) if (item?.[method] && typeof item[method] === 'object') out.push({ path, method, op: item[method], item });
  return out;
}

const baselines = new Map<string, ReturnType<typeof seedDefect>>();

/** Seeds `mutate` into the first connector it applies to; asserts `ruleId` gains a finding (matching `message`). */
export function expectSeeded(ruleId: string, mutate: (def: any, props: any) => boolean | void, message?: RegExp, config: ValidationConfig = {}): string {
  for (const name of CONNECTORS) {
    const key = `${name}|${JSON.stringify(config)}`;
    const before = baselines.has(key) ? baselines.get(key) : seedDefect(name, () => true, config);
    baselines.set(key, before);
    if (!before) continue;
    const after = seedDefect(name, mutate, config);
    if (!after) continue;
    const was = only(before.all, ruleId).length;
    const now = only(after.all, ruleId);
    assert.ok(now.length > was, `${ruleId} did not fire on seeded ${name} (before ${was}, after ${now.length})`);
    if (message) assert.ok(now.some((d) => message.test(d.message)), `${ruleId} on ${name}: no message matches ${message}: ${now.map((d) => d.message).join(' | ')}`);
    return name;
  }
  assert.fail(`no corpus connector could take the defect for ${ruleId}`);
}
