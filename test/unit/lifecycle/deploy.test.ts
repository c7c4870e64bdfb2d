// Deploy with recording stand-ins for pac and paconn first on PATH: they write down their
// arguments, working directory and the files those arguments name.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { availableTools, findOnPath, runDeployCommand } from '../../../client/src/lifecycle/deployRunner';
import { buildDeployCommand, commandLine, INSTALL_HELP, parseDeploySettings } from '../../../shared/src/lifecycle/deploy';
import { cleanupTemp, tempDir, writeConnector } from './lifecycleKit';

/** A node script named `tool` that records argv, cwd and the named files' sizes, then prints and exits. */
function standIn(bin: string, tool: string, exitCode = 0): string {
  const file = path.join(bin, tool);
  fs.writeFileSync(file, `#!${process.execPath}
const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
const files = {};
for (const a of args) if (fs.existsSync(path.resolve(a)) && fs.statSync(path.resolve(a)).isFile()) files[a] = fs.statSync(path.resolve(a)).size;
fs.writeFileSync(process.env.RECORD_FILE, JSON.stringify({ tool: ${JSON.stringify(tool)}, args, cwd: process.cwd(), files }));
console.log('Connector created: 11111111-2222-3333-4444-555555555555');
console.error('a warning line');
process.exit(${exitCode});
`, { mode: 0o755 });
  return file;
}

describe('lifecycle: Deploy Connector', () => {
  after(cleanupTemp);

  it('builds pac connector create/update arguments from the folder and settings.json', () => {
    const files = ['apiDefinition.swagger.json', 'apiProperties.json', 'icon.png', 'script.csx', 'settings.json'];
    const settings = parseDeploySettings('{"connectorId":"abc-123","environment":"00000000-0000-0000-0000-000000000001","apiDefinition":"apiDefinition.swagger.json","apiProperties":"apiProperties.json","icon":"icon.png","solution":"MySolution"}');
    assert.deepEqual(buildDeployCommand({ tool: 'pac', mode: 'create', files, settings }).args, ['connector', 'create', '--api-definition-file', 'apiDefinition.swagger.json', '--api-properties-file', 'apiProperties.json', '--icon-file', 'icon.png', '--script-file', 'script.csx', '--environment', '00000000-0000-0000-0000-000000000001', '--solution-unique-name', 'MySolution']);
    assert.deepEqual(buildDeployCommand({ tool: 'pac', mode: 'update', files, settings }).args.slice(0, 4), ['connector', 'update', '--connector-id', 'abc-123']);
    assert.deepEqual(buildDeployCommand({ tool: 'paconn', mode: 'update', files, settings: { ...settings, powerAppsUrl: 'https://api.powerapps.com' } }).args, ['update', '--api-def', 'apiDefinition.swagger.json', '--api-prop', 'apiProperties.json', '--icon', 'icon.png', '--script', 'script.csx', '--env', '00000000-0000-0000-0000-000000000001', '--cid', 'abc-123', '--pau', 'https://api.powerapps.com']);
  });

  it('reports what is missing instead of running (update without connectorId, no JSON definition)', () => {
    const noId = buildDeployCommand({ tool: 'pac', mode: 'update', files: ['apiDefinition.swagger.json', 'apiProperties.json'], settings: {} });
    assert.match(noId.problems.join(' '), /connectorId/);
    const yamlOnly = buildDeployCommand({ tool: 'paconn', mode: 'create', files: ['apiDefinition.swagger.yaml', 'apiProperties.json'], settings: {} });
    assert.match(yamlOnly.problems.join(' '), /apiDefinition\.swagger\.json is missing/);
    assert.match(commandLine({ command: 'pac', args: ['connector', 'create', '--environment', 'a b'], problems: [] }), /"a b"/);
  });

  for (const tool of ['pac', 'paconn'] as const) {
    it(`runs a recording stand-in ${tool} from PATH with the files of the folder and streams its output`, async () => {
      const folder = writeConnector(undefined, `deploy-${tool}`);
      fs.writeFileSync(path.join(folder, 'settings.json'), JSON.stringify({ environment: 'env-1', connectorId: 'cid-9', apiDefinition: 'apiDefinition.swagger.json', apiProperties: 'apiProperties.json', icon: 'icon.png' }));
      const bin = tempDir('bin');
      standIn(bin, tool);
      const record = path.join(tempDir('rec'), 'record.json');
      const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, RECORD_FILE: record };
      const found = availableTools(env);
      assert.equal(found[0]?.tool, tool);
      assert.equal(found[0]?.path, path.join(bin, tool));
      const settings = parseDeploySettings(fs.readFileSync(path.join(folder, 'settings.json'), 'utf8'));
      const cmd = buildDeployCommand({ tool, mode: 'update', files: fs.readdirSync(folder), settings });
      const lines: string[] = [];
      const result = await runDeployCommand(found[0].path, cmd, { cwd: folder, env, onLine: (l, s) => lines.push(`${s}: ${l}`) });
      assert.equal(result.exitCode, 0);
      const rec = JSON.parse(fs.readFileSync(record, 'utf8'));
      assert.deepEqual(rec.args, cmd.args);
      assert.equal(fs.realpathSync(rec.cwd), fs.realpathSync(folder));
      assert.ok(rec.args.includes(tool === 'pac' ? 'cid-9' : '--cid'));
      // Every file argument reached the tool, with the folder's sizes.
      for (const name of ['apiDefinition.swagger.json', 'apiProperties.json', 'icon.png']) {
        assert.equal(rec.files[name], fs.statSync(path.join(folder, name)).size, name);
      }
      assert.deepEqual(lines, ['stdout: Connector created: 11111111-2222-3333-4444-555555555555', 'stderr: a warning line']);
    });
  }

  it('passes a failing exit code through', async () => {
    const bin = tempDir('bin-fail');
    standIn(bin, 'pac', 3);
    const record = path.join(tempDir('rec2'), 'r.json');
    const result = await runDeployCommand(path.join(bin, 'pac'), { command: 'pac', args: ['connector', 'create'], problems: [] }, { cwd: bin, env: { ...process.env, RECORD_FILE: record }, onLine: () => undefined });
    assert.equal(result.exitCode, 3);
  });

  it('finds neither tool on a PATH without them, and the help says what to install', () => {
    const empty = tempDir('empty-bin');
    assert.deepEqual(availableTools({ PATH: empty }), []);
    assert.equal(findOnPath('pac', { PATH: '' }), undefined);
    // A non-executable file named pac does not count.
    fs.writeFileSync(path.join(empty, 'pac'), 'not executable', { mode: 0o644 });
    assert.deepEqual(availableTools({ PATH: empty }), []);
    assert.match(INSTALL_HELP, /Microsoft\.PowerApps\.CLI\.Tool/);
    assert.match(INSTALL_HELP, /pip install paconn/);
  });

  it('prefers pac when both are on PATH', () => {
    const bin = tempDir('both');
    standIn(bin, 'paconn');
    standIn(bin, 'pac');
    assert.deepEqual(availableTools({ PATH: bin }).map((t) => t.tool), ['pac', 'paconn']);
  });
});
