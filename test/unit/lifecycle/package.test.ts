import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageExistsError, writePackage } from '../../../client/src/lifecycle/packageWriter';
import { planFromFolder } from '../../../engine/src/lifecycle/packagePlan';
import { diskFileAccess } from '../../../engine/node/diskFileAccess';
import { planPackage, MAX_DEFINITION_BYTES } from '../../../shared/src/lifecycle/packager';
import { writeZip } from '../../../shared/src/lifecycle/zip';
import { pythonZipEntries, unzipEntry, unzipNames, unzipTest } from '../independentReaders';
import { BASE_OPTIONS, cleanupTemp, options, tempDir, writeConnector } from './lifecycleKit';

const SCRIPT = 'public class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken);\n    }\n}\n';

describe('lifecycle: Package Connector', () => {
  after(cleanupTemp);

  it('converts a YAML definition to JSON and includes script.csx, keeping editor-only files out', () => {
    const folder = writeConnector(options(['apiKey'], 'yaml'), 'pkg-yaml');
    fs.writeFileSync(path.join(folder, 'script.csx'), SCRIPT);
    fs.writeFileSync(path.join(folder, '.connector-studio.json'), '{"profile":"certification"}');
    const plan = planFromFolder(folder, diskFileAccess(folder));
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
    const written = writePackage(planFromFolder(folder, diskFileAccess(folder)), out, { zip: true, overwrite: false });
    assert.equal(written.folder, path.join(out, 'certified-connectors', BASE_OPTIONS.title));
    for (const f of written.files) assert.ok(fs.existsSync(path.join(written.folder, f)), f);
    // Checked with Info-ZIP's unzip, not with our own code.
    unzipTest(written.zip!);
    const names = unzipNames(written.zip!);
    assert.deepEqual(names, written.files.map((f) => `certified-connectors/${BASE_OPTIONS.title}/${f}`));
    for (const name of names) assert.deepEqual(unzipEntry(written.zip!, name), fs.readFileSync(path.join(written.folder, path.basename(name))), name);
    // Reproducible: the same plan gives the same bytes (fixed entry timestamps).
    const again = writePackage(planFromFolder(folder, diskFileAccess(folder)), tempDir('pkg-out-again'), { zip: true, overwrite: false });
    assert.deepEqual(fs.readFileSync(again.zip!), fs.readFileSync(written.zip!));
    // The JSON definition is copied byte for byte.
    assert.deepEqual(fs.readFileSync(path.join(written.folder, 'apiDefinition.swagger.json')), fs.readFileSync(path.join(folder, 'apiDefinition.swagger.json')));
  });

  it('zip entries: UTF-8 names, empty and binary files, order kept, as unzip and Python zipfile read them', () => {
    const entries = [
      { name: 'certified-connectors/Café Ünïcode/readme.md', data: Buffer.from('# Café\n'.repeat(50)) },
      { name: 'certified-connectors/Café Ünïcode/empty.txt', data: Buffer.alloc(0) },
      { name: 'certified-connectors\\Café Ünïcode\\bytes.bin', data: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) & 255)) },
    ];
    const file = path.join(tempDir('zip-unit'), 'x.zip');
    fs.writeFileSync(file, writeZip(entries));
    unzipTest(file);
    assert.equal(unzipNames(file).length, 3);
    const read = pythonZipEntries(file);
    assert.deepEqual(read.map((e) => e.name), entries.map((e) => e.name.replace(/\\/g, '/')));
    read.forEach((e, i) => assert.deepEqual(e.data, entries[i].data, e.name));
    assert.throws(() => writeZip([entries[0], entries[0]]), /duplicate/);
  });

  it('never replaces an existing package unless asked to, and leaves no temporary files', () => {
    const folder = writeConnector(BASE_OPTIONS, 'pkg-exists');
    const out = tempDir('pkg-out2');
    writePackage(planFromFolder(folder, diskFileAccess(folder)), out, { zip: false, overwrite: false });
    assert.throws(() => writePackage(planFromFolder(folder, diskFileAccess(folder)), out, { zip: false, overwrite: false }), PackageExistsError);
    writePackage(planFromFolder(folder, diskFileAccess(folder)), out, { zip: false, overwrite: true });
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
    const plan = planFromFolder(folder, diskFileAccess(folder));
    assert.equal(plan.repositoryFolder, 'independent-publisher-connectors');
    assert.ok(!plan.files.some((f) => f.name === 'icon.png'));
  });
});
