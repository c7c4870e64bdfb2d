import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';
import { diskFileAccess } from '../../../engine/node/diskFileAccess';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { expectClean, expectFinding, underlined } from './structureKit';

const IDS = ['path-item-ref-unsupported', 'ref-sibling-properties', 'json-pointer-valid', 'ref-target-section', 'ref-target-exists', 'ref-no-alias', 'required-ref-loop'];

describe('rules: references', () => {
  it('the base connector is clean for every reference rule', () => {
    const r = validate({ definition: baseDefinition(), properties: baseProperties() }, { profile: 'certification' });
    for (const id of IDS) assert.deepEqual(only(r.all, id), [], id);
  });

  it('path-item-ref-unsupported: a $ref on a path item', () => {
    expectFinding('path-item-ref-unsupported', (d) => (d.paths['/other'] = { $ref: '#/x-paths/other' }), { at: '"$ref"', message: /"\/other"/, count: 1 });
  });

  it('ref-sibling-properties: keys beside $ref are a warning at the $ref', () => {
    expectFinding('ref-sibling-properties', (d) => (d.paths['/tasks'].post.responses['201'].schema.description = 'The task'), { severity: 'warning', at: '"$ref"', message: /"description"/, count: 1 });
  });

  it('ref-target-exists: a broken local $ref is reported at its value', () => {
    expectFinding('ref-target-exists', (d) => (d.paths['/tasks'].post.responses['201'].schema.$ref = '#/definitions/Tsak'), { at: '"#/definitions/Tsak"', message: /"definitions" has no entry "Tsak"/, count: 1 });
    expectFinding('ref-target-exists', (d) => (d.paths['/tasks'].post.parameters = [{ $ref: '#/parameters/missing' }]), { message: /no "parameters" section/ });
    expectClean('ref-target-exists', (d) => ((d.definitions['a/b'] = { type: 'string' }), (d.definitions.Task.properties.x = { $ref: '#/definitions/a~1b' })));
    // "default" as a response code or a property name is not the default keyword.
    expectFinding('ref-target-exists', (d) => (d.paths['/tasks'].post.responses.default = { description: 'Error', schema: { $ref: '#/definitions/Err' } }), { at: '"#/definitions/Err"' });
    expectFinding('ref-target-exists', (d) => (d.definitions.Task.properties.default = { $ref: '#/definitions/Nope' }), { at: '"#/definitions/Nope"' });
    // A "$ref" inside an example value is data, not a reference.
    expectClean('ref-target-exists', (d) => (d.definitions.Task.example = { $ref: '#/nothing' }));
  });

  it('json-pointer-valid: malformed pointers and remote URLs', () => {
    expectFinding('json-pointer-valid', (d) => (d.definitions.Task.properties.x = { $ref: '#definitions/Task' }), { at: '"#definitions/Task"', count: 1 });
    expectFinding('json-pointer-valid', (d) => (d.definitions.Task.properties.x = { $ref: '#/definitions/a~2b' }), { message: /not a valid JSON pointer/ });
    expectFinding('json-pointer-valid', (d) => (d.definitions.Task.properties.x = { $ref: 'https://example.com/schemas.json#/Task' }), { message: /remote references/ });
  });

  it('relative-file refs are resolved beside the definition: missing file, missing target, existing target', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-refs-'));
    try {
      fs.writeFileSync(path.join(dir, 'common.json'), JSON.stringify({ definitions: { Tag: { type: 'string' } } }));
      const run = (ref: string) => {
        const def = baseDefinition();
        def.definitions.Task.properties.tag = { $ref: ref };
        const text = JSON.stringify(def, null, 4);
        const res = validateConnector({ definition: { uri: 'file://' + path.join(dir, 'apiDefinition.swagger.json'), text }, files: diskFileAccess(dir) });
        return { diags: res[0].diagnostics, text };
      };
      const missingFile = run('nothere.json#/definitions/Tag');
      const f1 = only(missingFile.diags, 'ref-target-exists');
      assert.equal(f1.length, 1);
      assert.match(f1[0].message, /file "nothere\.json" does not exist/);
      assert.equal(underlined(missingFile.text, f1[0]), '"nothere.json#/definitions/Tag"');
      const missingTarget = only(run('common.json#/definitions/Nope').diags, 'ref-target-exists');
      assert.equal(missingTarget.length, 1);
      assert.match(missingTarget[0].message, /"#\/definitions\/Nope" does not exist in "common\.json"/);
      const ok = run('common.json#/definitions/Tag').diags;
      assert.deepEqual(only(ok, 'ref-target-exists'), []);
      // It resolves, but the platform takes only local references.
      assert.match(only(ok, 'json-pointer-valid')[0].message, /refers to another file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ref-target-section: a parameter $ref into #/definitions', () => {
    expectFinding('ref-target-section', (d) => ((d.parameters = {}), (d.paths['/tasks'].post.parameters = [{ $ref: '#/definitions/Task' }])), { at: '"#/definitions/Task"', message: /parameter reference must point under "#\/parameters\/"/, count: 1 });
    expectFinding('ref-target-section', (d) => ((d.responses = { Ok: { description: 'ok' } }), (d.definitions.Task.properties.x = { $ref: '#/responses/Ok' })), { message: /schema reference/ });
    expectClean('ref-target-section', (d) => ((d.parameters = { id: { name: 'id', in: 'query', type: 'string' } }), (d.paths['/tasks'].post.parameters.push({ $ref: '#/parameters/id' }))));
  });

  it('ref-no-alias: an alias definition and a cyclic $ref chain, reported at the $ref', () => {
    expectFinding('ref-no-alias', (d) => (d.definitions.TaskAlias = { $ref: '#/definitions/Task' }), { at: '"#/definitions/Task"', message: /only a reference/, count: 1 });
    const found = expectFinding('ref-no-alias', (d) => ((d.definitions.A = { $ref: '#/definitions/B' }), (d.definitions.B = { $ref: '#/definitions/A' })), { message: /reference loop/ });
    assert.equal(found.length, 2);
    expectFinding('ref-no-alias', (d) => ((d.definitions.A = { $ref: '#/definitions/A' }), (d.definitions.Task.properties.a = { $ref: '#/definitions/A' })), { message: /loop/ });
    // A recursive schema (a tree node) is fine.
    expectClean('ref-no-alias', (d) => (d.definitions.Node = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/Node' } } } }));
  });

  it('required-ref-loop: required properties that loop back through $ref', () => {
    expectFinding(
      'required-ref-loop',
      (d) => {
        d.definitions.A = { type: 'object', required: ['b'], properties: { b: { $ref: '#/definitions/B' } } };
        d.definitions.B = { type: 'object', required: ['a'], properties: { a: { $ref: '#/definitions/A' } } };
      },
      { at: /"#\/definitions\/[AB]"/, message: /A → B → A|B → A → B/, count: 1 },
    );
    expectClean('required-ref-loop', (d) => {
      d.definitions.A = { type: 'object', required: ['b'], properties: { b: { $ref: '#/definitions/B' } } };
      d.definitions.B = { type: 'object', properties: { a: { $ref: '#/definitions/A' } } };
    });
  });

  it('reference rules survive odd input and 3,000-long $ref chains', function () {
    this.timeout(20000);
    const def = baseDefinition();
    for (let i = 0; i < 3000; i++) def.definitions[`D${i}`] = { type: 'object', required: ['n'], properties: { n: { $ref: `#/definitions/D${i + 1}` } } };
    def.definitions.D3000 = { type: 'object', required: ['n'], properties: { n: { $ref: '#/definitions/D0' } } };
    def.definitions.Self = { $ref: '#/definitions/Self' };
    def.paths['/odd'] = { get: { parameters: [null, 1, { $ref: 5 }], responses: { '200': { $ref: [] } } } };
    const r = validate({ definition: def });
    assert.equal(only(r.definition, 'required-ref-loop').length, 1);
    assert.equal(only(r.definition, 'ref-no-alias').length, 1);
  });
});
