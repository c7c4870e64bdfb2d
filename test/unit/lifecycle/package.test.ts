import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageExistsError, planFromFolder, writePackage } from '../../../client/src/lifecycle/packageWriter';
import { planPackage, MAX_DEFINITION_BYTES } from '../../../shared/src/lifecycle/packager';
import { readZip } from '../../../shared/src/lifecycle/zip';
import { BASE_OPTIONS, cleanupTemp, options, tempDir, writeConnector } from './lifecycleKit';

const SCRIPT = 'public class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken);\n    }\n}\n';

describe('lifecycle: Package Connector', () => {
  after(cleanupTemp);

  it('converts a YAML definition to JSON and includes script.csx, keeping editor-only files out', () => {
    const folder = writeConnector(options(['apiKey'], 'yaml'), 'pkg-yaml');
    fs.writeFileSync(path.join(folder, 'script.csx'), SCRIPT);
    fs.writeFileSync(path.join(folder, '.connector-studio.json'), '{"profile":"certification"}');
    const plan = planFromFolder(folder);
    assert.equal(plan.ok, true, JSON.stringify(plan.problems));
    assert.deepEqual(plan.files.map((f) => f.name), ['apiDefinition.swagger.json', 'apiProperties.json', 'icon.png', 'script.csx', 'readme.md', 'settings.json']);
    const def = JSON.parse(plan.files[0].data.toString('utf8'));
    assert.equal(def.swagger, '2.0');
    assert.equal(def.info.title, BASE_OPTIONS.title);
    const settings = JSON.parse(plan.files.find((f) => f.name === 'settings.json')!.data.toString('utf8'));
    assert.equal(settings.apiDefinition, 'apiDefinition.swagger.json');
    assert.equal(settings.script, 'script.csx');
    assert.equal(settings.icon, 'icon.png');
  });

  it('writes the repository layout and a zip holding the same files', () => {
    const folder = writeConnector(BASE_OPTIONS, 'pkg-zip');
    const out = tempDir('pkg-out');
    const written = writePackage(planFromFolder(folder), out, { zip: true, overwrite: false });
    assert.equal(written.folder, path.join(out, 'certified-connectors', BASE_OPTIONS.title));
    for (const f of written.files) assert.ok(fs.existsSync(path.join(written.folder, f)), f);
    const entries = readZip(fs.readFileSync(written.zip!));
    assert.deepEqual(entries.map((e) => e.name), written.files.map((f) => `certified-connectors/${BASE_OPTIONS.title}/${f}`));
    for (const e of entries) assert.deepEqual(e.data, fs.readFileSync(path.join(written.folder, path.basename(e.name))), e.name);
    // The JSON definition is copied byte for byte.
    assert.deepEqual(fs.readFileSync(path.join(written.folder, 'apiDefinition.swagger.json')), fs.readFileSync(path.join(folder, 'apiDefinition.swagger.json')));
  });

  it('never replaces an existing package unless asked to, and leaves no temporary files', () => {
    const folder = writeConnector(BASE_OPTIONS, 'pkg-exists');
    const out = tempDir('pkg-out2');
    writePackage(planFromFolder(folder), out, { zip: false, overwrite: false });
    assert.throws(() => writePackage(planFromFolder(folder), out, { zip: false, overwrite: false }), PackageExistsError);
    writePackage(planFromFolder(folder), out, { zip: false, overwrite: true });
    assert.deepEqual(fs.readdirSync(path.join(out, 'certified-connectors')), [BASE_OPTIONS.title]);
  });

  it('checks the size limits (definition after conversion, script.csx, icon)', () => {
    const big = Buffer.from(JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {}, 'x-pad': 'a'.repeat(MAX_DEFINITION_BYTES) }));
    const files = new Map<string, Buffer>([['apiDefinition.swagger.json', big], ['apiProperties.json', Buffer.from('{"properties":{}}')], ['script.csx', Buffer.alloc(1024 * 1024 + 1, 32)]]);
    const plan = planPackage({ folderName: 'Big', files });
    assert.equal(plan.ok, false);
    const errors = plan.problems.filter((p) => p.severity === 'error').map((p) => p.file);
    assert.deepEqual(errors.sort(), ['apiDefinition.swagger.json', 'script.csx']);
    const ok = planPackage({ folderName: 'Small', files: new Map([['apiDefinition.swagger.json', Buffer.from('{"swagger":"2.0"}')], ['apiProperties.json', Buffer.from('{"properties":{}}')]]) });
    assert.equal(ok.ok, true);
  });

  it('refuses a YAML definition that does not parse and strips a JSON BOM', () => {
    const bad = planPackage({ folderName: 'Bad', files: new Map([['apiDefinition.swagger.yaml', Buffer.from('a: [1, 2\n')], ['apiProperties.json', Buffer.from('{}')]]) });
    assert.equal(bad.ok, false);
    const bom = planPackage({ folderName: 'Bom', files: new Map([['apiDefinition.swagger.json', Buffer.from('\uFEFF{"swagger":"2.0"}')], ['apiProperties.json', Buffer.from('{}')]]) });
    assert.equal(bom.files[0].data.toString('utf8'), '{"swagger":"2.0"}');
  });

  it('independent publishers go to their repository folder without icon', () => {
    const folder = writeConnector({ ...BASE_OPTIONS, title: 'Fabrikam (Independent Publisher)', brandColor: '#da3b01', stackOwner: 'Fabrikam Inc' }, 'pkg-ip');
    const plan = planFromFolder(folder);
    assert.equal(plan.repositoryFolder, 'independent-publisher-connectors');
    assert.ok(!plan.files.some((f) => f.name === 'icon.png'));
  });
});
