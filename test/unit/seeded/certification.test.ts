// Seeded certification defects in real corpus connectors, validated with the certification profile.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_CONNECTORS, only, readCorpusConnector, requireCorpus, seedDefect, validate } from '../ruleTestKit';

const cert = { profile: 'certification' as const };
// Accepted connectors of both certification folders.
const CERTIFIED = ['certified-connectors/Airmeet', 'certified-connectors/Almabase', 'independent-publisher-connectors/' + firstIn('independent-publisher-connectors')];

function firstIn(group: string): string {
  const dir = path.join(CORPUS_CONNECTORS, group);
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort()[0] : ''; // a missing corpus fails in before()
}

/** Seeds into each connector and returns the certification results. */
function seedAll(mutate: (def: any, props: any) => boolean | void) {
  const results = CERTIFIED.map((name) => seedDefect(name, mutate, cert)).filter((r) => r !== undefined);
  assert.ok(results.length > 0);
  return results;
}

const firstOperation = (def: any): any => Object.values(def.paths as Record<string, any>).flatMap((item) => Object.values(item)).find((op: any) => op && typeof op === 'object' && typeof op.operationId === 'string');

describe('seeded defects: certification', () => {
  before(() => requireCorpus());

  it('title longer than 30 characters', () => {
    for (const r of seedAll((def) => void (def.info.title = 'A Very Long Connector Title For The Service'.replace('Connector ', '')))) {
      assert.equal(only(r.definition, 'title-max-length')[0]?.severity, 'error');
    }
  });

  it('description shorter than 30 characters', () => {
    for (const r of seedAll((def) => void (def.info.description = 'Manages things.'))) {
      assert.equal(only(r.definition, 'description-length')[0]?.severity, 'error');
    }
  });

  it('operation summary ending with a period', () => {
    for (const r of seedAll((def) => {
      const op = firstOperation(def);
      if (!op) return false;
      op.summary = 'Get the items.';
    })) {
      assert.ok(only(r.definition, 'summary-ends-alphanumeric').some((d) => /Get the items\./.test(d.message)));
    }
  });

  it('restricted word API in the title', () => {
    for (const r of seedAll((def) => void (def.info.title = 'Airflow API'))) {
      assert.equal(only(r.definition, 'title-restricted-words').length, 1);
    }
  });

  it('iconBrandColor #007ee5', () => {
    for (const r of seedAll((_def, props) => void (props.properties.iconBrandColor = '#007ee5'))) {
      assert.equal(only(r.properties, 'icon-brand-color-forbidden').length, 1);
    }
  });

  it('product name in an operation summary', () => {
    for (const r of seedAll((def) => {
      const op = firstOperation(def);
      if (!op) return false;
      op.summary = 'Send to Power Automate';
    })) {
      assert.ok(only(r.definition, 'summary-restricted-words').length >= 1);
    }
  });

  it('contact without email: advice, not a rejection (Microsoft asks only for the contact object)', () => {
    for (const r of seedAll((def) => void (def.info.contact = { name: 'Support', url: 'https://example.org' }))) {
      assert.deepEqual(only(r.definition, 'contact-required'), []);
      const advice = only(r.definition, 'contact-fields');
      assert.ok(advice.some((d) => /"email"/.test(d.message)));
      assert.ok(advice.every((d) => d.severity !== 'error'));
    }
  });

  it('contact object removed: the error Microsoft gives', () => {
    for (const r of seedAll((def) => void delete def.info.contact)) {
      const found = only(r.definition, 'contact-required');
      assert.equal(found.length, 1);
      assert.equal(found[0].severity, 'error');
      assert.match(found[0].message, /^The 'contact' property is required\./);
    }
  });

  it('snake_case operationId', () => {
    for (const r of seedAll((def) => {
      const op = firstOperation(def);
      if (!op) return false;
      op.operationId = 'get_all_items';
    })) {
      assert.ok(only(r.definition, 'operation-id-pascal-case').some((d) => /"GetAllItems"/.test(d.message)));
    }
  });

  it('live token left in an x-ms-test-value', () => {
    for (const r of seedAll((def) => {
      const op = firstOperation(def);
      if (!op) return false;
      op['x-ms-test-value'] = 'xoxb-' + '1234567890-abcdefghij';
    })) {
      assert.equal(only(r.definition, 'no-secrets-in-submission').length, 1);
    }
  });

  it('independent publisher with a non-reserved brand colour', () => {
    for (const r of seedAll((def, props) => {
      def.info.title = 'Widgets (Independent Publisher)';
      props.properties.iconBrandColor = '#123456';
    })) {
      assert.equal(only(r.properties, 'icon-brand-color-independent-publisher').length, 1);
    }
  });
});

describe('certification profile changes severities', () => {
  it('a corpus connector has more errors under the certification profile than under the default one', () => {
    const raw = readCorpusConnector('certified-connectors/Airmeet');
    const input = { definition: raw.definition, properties: raw.properties, folderName: 'Airmeet' };
    const errors = (profile: 'default' | 'certification') => validate(input, { profile }).all.filter((d) => d.severity === 'error');
    const def = errors('default');
    const certErrors = errors('certification');
    assert.ok(def.length < certErrors.length, `default ${def.length} vs certification ${certErrors.length}`);
    // readme-present is off by default and an error in certification (the corpus folder has no readme).
    assert.equal(only(def, 'readme-present').length, 0);
    assert.equal(only(certErrors, 'readme-present').length, 1);
  });
});
