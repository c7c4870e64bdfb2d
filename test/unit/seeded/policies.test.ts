// Seeded defects in real corpus connectors' policy templates.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_CONNECTORS, only, seedDefect, type Results } from '../ruleTestKit';

const P = 'x-ms-apimTemplateParameter.';

/** "group/name" of corpus connectors whose apiProperties.json mentions `needle`. */
function connectorsMentioning(needle: string, limit = 3): string[] {
  const out: string[] = [];
  for (const group of fs.readdirSync(CORPUS_CONNECTORS).sort()) {
    const gdir = path.join(CORPUS_CONNECTORS, group);
    if (!fs.statSync(gdir).isDirectory()) continue;
    for (const name of fs.readdirSync(gdir).sort()) {
      const file = path.join(gdir, name, 'apiProperties.json');
      if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').toLowerCase().includes(needle.toLowerCase())) out.push(`${group}/${name}`);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

type Instance = { templateId?: unknown; parameters?: Record<string, unknown> };
const instances = (props: any): Instance[] => (Array.isArray(props?.properties?.policyTemplateInstances) ? props.properties.policyTemplateInstances : []);

/** Seeds the defect into the first instance of `templateId` in a few connectors; returns their results. */
function seedIntoTemplate(templateId: string, mutate: (inst: Instance, def: any, props: any) => boolean | void): Results[] {
  const results: Results[] = [];
  for (const name of connectorsMentioning(templateId)) {
    const r = seedDefect(name, (def, props) => {
      const inst = instances(props).find((i) => typeof i.templateId === 'string' && i.templateId.toLowerCase() === templateId);
      return inst ? mutate(inst, def, props) !== false : false;
    });
    if (r) results.push(r);
  }
  assert.ok(results.length > 0, `no corpus connector with a ${templateId} policy`);
  return results;
}

describe('seeded defects: policy templates', () => {
  it('unknown template id', () => {
    for (const r of seedIntoTemplate('setheader', (inst) => void (inst.templateId = 'setheaderz'))) {
      assert.equal(only(r.properties, 'policy-template-id-known').length, 1);
    }
  });

  it('missing required template parameter (setheader without value)', () => {
    for (const r of seedIntoTemplate('setheader', (inst) => void delete inst.parameters![P + 'value'])) {
      const found = only(r.properties, 'policy-setheader-params');
      assert.ok(found.length >= 1);
      assert.equal(found[0].severity, 'error');
    }
  });

  it('template referencing a missing operationId', () => {
    const rs = seedIntoTemplate('routerequesttoendpoint', (inst) => {
      const names = inst.parameters?.['x-ms-apimTemplate-operationName'];
      if (!Array.isArray(names) || names.length === 0) return false;
      names[0] = 'NoSuchOperation_V9';
    });
    for (const r of rs) assert.ok(only(r.properties, 'policy-operation-names-exist').some((d) => /NoSuchOperation_V9/.test(d.message)));
  });

  it('dynamichosturl without urlTemplate', () => {
    for (const r of seedIntoTemplate('dynamichosturl', (inst) => void delete inst.parameters![P + 'urlTemplate'])) {
      assert.ok(only(r.properties, 'policy-dynamichosturl-params').some((d) => d.severity === 'error' && /urlTemplate/.test(d.message)));
    }
  });

  it('setheader with a bad existsAction', () => {
    for (const r of seedIntoTemplate('setheader', (inst) => void (inst.parameters![P + 'existsAction'] = 'overwrite'))) {
      assert.equal(only(r.properties, 'policy-exists-action').length, 1);
    }
  });

  it('bad policy section', () => {
    for (const r of seedIntoTemplate('setheader', (inst) => void (inst.parameters!['x-ms-apimTemplate-policySection'] = 'Inbound'))) {
      assert.equal(only(r.properties, 'policy-section-valid').length, 1);
    }
  });

  it('routerequesttoendpoint with an invalid httpMethod', () => {
    for (const r of seedIntoTemplate('routerequesttoendpoint', (inst) => void (inst.parameters![P + 'httpMethod'] = 'FETCH'))) {
      assert.ok(only(r.properties, 'policy-routerequesttoendpoint-params').some((d) => /FETCH/.test(d.message)));
    }
  });

  it('pollingtrigger without triggerDataPath', () => {
    for (const r of seedIntoTemplate('pollingtrigger', (inst) => void delete inst.parameters![P + 'triggerDataPath'])) {
      assert.ok(only(r.properties, 'policy-pollingtrigger-params').some((d) => /triggerDataPath/.test(d.message)));
    }
  });

  it('a connection parameter referenced by a policy is renamed', () => {
    const rs = seedIntoTemplate('dynamichosturl', (inst) => {
      const url = inst.parameters?.[P + 'urlTemplate'];
      if (typeof url !== 'string' || !/@connectionParameters\('[^']+'\)/.test(url)) return false;
      inst.parameters![P + 'urlTemplate'] = url.replace(/@connectionParameters\('[^']+'\)/, "@connectionParameters('renamedParam')");
    });
    for (const r of rs) assert.ok(only(r.properties, 'policy-connection-parameter-ref').some((d) => /renamedParam/.test(d.message)));
  });

  it('unbalanced expression', () => {
    const rs = seedIntoTemplate('dynamichosturl', (inst) => {
      const url = inst.parameters?.[P + 'urlTemplate'];
      if (typeof url !== 'string' || !url.includes("')")) return false;
      inst.parameters![P + 'urlTemplate'] = url.replace("')", "'");
    });
    for (const r of rs) assert.ok(only(r.properties, 'policy-expression-syntax').length >= 1);
  });

  it('the unmodified connectors have no policy errors', () => {
    for (const r of seedIntoTemplate('setheader', () => true)) {
      assert.deepEqual(r.properties.filter((d) => d.ruleId.startsWith('policy-') && d.severity === 'error'), []);
    }
  });
});
