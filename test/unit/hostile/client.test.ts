// Issue 17, item 8 (VS Code side of import): Import Postman Collection into a folder whose connector
// is defined in YAML (or another *.swagger.* file) is refused before anything is written, instead
// of writing a second definition beside it.
import * as assert from 'node:assert/strict';
import { buildImportPlan } from '../../../engine/src/converters/postman/importPlan';
import { convertPostmanCollection } from '../../../engine/src/converters/postman';

const collection = { info: { name: 'Tasks', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'List', request: { method: 'GET', url: 'https://api.contoso.com/tasks' } }] };

function imported() {
  const r = convertPostmanCollection(collection);
  if (!r.ok) assert.fail(r.error.message);
  return r;
}

describe('hostile: VS Code import target', () => {
  for (const name of ['apiDefinition.swagger.yaml', 'apiDefinition.swagger.yml', 'tasks.swagger.json']) {
    it(`refuses a folder holding ${name}`, () => {
      const plan = buildImportPlan(imported(), { names: [name, 'apiProperties.json'], properties: '{"properties":{}}' });
      assert.equal(plan.ok, false);
      if (plan.ok) return;
      assert.match(plan.message, new RegExp(name.replace(/\./g, '\\.')));
      assert.match(plan.message, /second definition/);
    });
  }

  it('still plans an import into an empty folder or beside its own JSON definition', () => {
    assert.equal(buildImportPlan(imported(), { names: [] }).ok, true);
    assert.equal(buildImportPlan(imported(), { names: ['readme.md', 'icon.png'] }).ok, true);
    const first = buildImportPlan(imported(), {});
    assert.ok(first.ok);
    const again = buildImportPlan(imported(), { names: ['apiDefinition.swagger.json', 'apiProperties.json'], definition: first.files[0]!.text, properties: first.files[1]!.text });
    assert.equal(again.ok, true);
  });
});
