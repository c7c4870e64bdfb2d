// The lifecycle's package.json contributions: commands listed, palette conditions, walkthrough
// steps that link only to contributed commands and ship their media.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const commands = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
const LIFECYCLE = ['newConnector', 'checkReadiness', 'packageConnector', 'deployConnector', 'convertToYaml', 'convertToJson', 'openReportLocation'].map((c) => `connectorStudio.${c}`);

describe('lifecycle: manifest', () => {
  it('contributes every lifecycle command in the "Connector Studio" category, and README lists them', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const id of LIFECYCLE) {
      const c = pkg.contributes.commands.find((x: { command: string }) => x.command === id);
      assert.ok(c, id);
      assert.equal(c.category, 'Connector Studio');
      assert.ok(readme.includes(`| Connector Studio: ${c.title.replace(/ to (YAML|JSON)$/, '')}`), `README row for ${c.title}`);
    }
  });

  it('the walkthrough goes from New Connector or Import Postman Collection to a first test call', () => {
    const wt = pkg.contributes.walkthroughs.find((w: { id: string }) => w.id === 'connectorStudio.gettingStarted');
    assert.ok(wt);
    const steps = wt.steps as { id: string; description: string; completionEvents: string[]; media: { svg?: string } }[];
    assert.match(steps[0].description, /command:connectorStudio\.newConnector/);
    assert.match(steps[0].description, /command:connectorStudio\.importPostman/);
    const test = steps.findIndex((s) => /command:connectorStudio\.testOperation/.test(s.description));
    assert.ok(test > 0, 'a later step runs Test Operation');
    assert.ok(steps[test].completionEvents.includes('onCommand:connectorStudio.testOperation'));
    for (const s of steps) {
      for (const m of s.description.matchAll(/command:(connectorStudio\.[A-Za-z]+)/g)) assert.ok(commands.has(m[1]), `${s.id} links to ${m[1]}, which is not contributed`);
      assert.ok(s.media.svg && fs.existsSync(path.join(root, s.media.svg)), `${s.id} media`);
    }
  });
});
