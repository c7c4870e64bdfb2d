// One passing and one failing fixture per readiness requirement: the passing one is a scaffolded
// connector, each failing one breaks exactly that requirement.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runReadiness as runEngineReadiness } from '../../../engine/src/lifecycle/readinessRunner';
import { diskFileAccess } from '../../../engine/node/diskFileAccess';

/** The CLI's view of a folder: readiness over the disk. */
const runReadiness = (folder: string) => runEngineReadiness(folder, { files: diskFileAccess(folder) });
import { reportHtml } from '../../../client/src/lifecycle/reportHtml';
import { PNG } from 'pngjs';
import { iconPlaceholderPng } from '../../../shared/src/lifecycle/png';
import { BASE_OPTIONS, cleanupTemp, editJson, writeConnector } from './lifecycleKit';

type Breaker = (folder: string) => void;
const def = (folder: string) => path.join(folder, 'apiDefinition.swagger.json');
const props = (folder: string) => path.join(folder, 'apiProperties.json');
const readme = (folder: string) => path.join(folder, 'readme.md');
const replaceIn = (file: string, from: RegExp, to: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));

const CASES: { id: string; why: string; breakIt: Breaker; expect?: RegExp }[] = [
  { id: 'readme-sections', why: 'no Known Issues section', breakIt: (f) => replaceIn(readme(f), /## Known Issues and Limitations/, '## Notes'), expect: /Known Issues/ },
  { id: 'readme-sections', why: 'no readme at all', breakIt: (f) => fs.rmSync(readme(f)), expect: /no readme/ },
  { id: 'readme-operations', why: 'an operation missing from Supported Operations', breakIt: (f) => editJson(def(f), (d) => { d.paths['/items'].post = { ...d.paths['/items'].get, operationId: 'CreateItem', summary: 'Create an item' }; }), expect: /Create an item/ },
  { id: 'icon-format', why: 'icon.png is not a PNG', breakIt: (f) => fs.writeFileSync(path.join(f, 'icon.png'), 'GIF89a not a png'), expect: /not a valid PNG/ },
  { id: 'icon-format', why: 'no icon.png', breakIt: (f) => fs.rmSync(path.join(f, 'icon.png')), expect: /no icon\.png/ },
  { id: 'icon-size', why: 'a 100 x 100 icon', breakIt: (f) => fs.writeFileSync(path.join(f, 'icon.png'), iconPlaceholderPng([58, 95, 138], [0, 0, 0], 100, 60)), expect: /100 x 100/ },
  { id: 'icon-size', why: 'a non-square icon', breakIt: (f) => fs.writeFileSync(path.join(f, 'icon.png'), rectPng(230, 200)), expect: /square/ },
  { id: 'icon-background', why: 'background differs from iconBrandColor', breakIt: (f) => fs.writeFileSync(path.join(f, 'icon.png'), iconPlaceholderPng([200, 30, 30], [0, 0, 0])), expect: /does not match iconBrandColor/ },
  { id: 'icon-background', why: 'white background', breakIt: (f) => { fs.writeFileSync(path.join(f, 'icon.png'), iconPlaceholderPng([255, 255, 255], [0, 0, 0])); }, expect: /#ffffff/ },
  { id: 'title', why: 'a title with "API" and over 30 characters', breakIt: (f) => editJson(def(f), (d) => { d.info.title = 'Fabrikam Task Management API Service'; }) },
  { id: 'description', why: 'a description under 30 characters', breakIt: (f) => editJson(def(f), (d) => { d.info.description = 'Tasks.'; }) },
  { id: 'contact', why: 'no contact email', breakIt: (f) => editJson(def(f), (d) => { delete d.info.contact.email; }) },
  { id: 'policy-urls', why: 'a relative privacy policy URL', breakIt: (f) => editJson(def(f), (d) => { d['x-ms-connector-metadata'][1].propertyValue = 'privacy.html'; }) },
  { id: 'publisher', why: 'no stackOwner', breakIt: (f) => editJson(props(f), (p) => { delete p.properties.stackOwner; }) },
  { id: 'brand-color', why: 'the default blue brand colour', breakIt: (f) => editJson(props(f), (p) => { p.properties.iconBrandColor = '#007ee5'; }) },
  { id: 'secrets', why: 'a real-looking client secret', breakIt: (f) => editJson(props(f), (p) => { p.properties.connectionParameters = { token: { type: 'oauthSetting', oAuthSettings: { identityProvider: 'oauth2', clientId: 'abc', clientSecret: 'q8W~9fJ2kLmN3pQrStUvWxYz0aBcDeFgHiJkLm', scopes: [], redirectUrl: 'https://global.consent.azure-apim.net/redirect', customParameters: { authorizationUrl: { value: 'https://tasks.fabrikam.io/oauth2/authorize' }, tokenUrl: { value: 'https://tasks.fabrikam.io/oauth2/token' }, refreshUrl: { value: 'https://tasks.fabrikam.io/oauth2/token' } } }, uiDefinition: { displayName: 'Sign in', description: 'Sign in.', tooltip: 'Sign in', constraints: { required: 'true' } } } }; }) },
  { id: 'validator', why: 'an operation without responses', breakIt: (f) => editJson(def(f), (d) => { delete d.paths['/items'].get.responses; }) },
];

/** A w x h RGB PNG in the brand colour (non-square), written by pngjs directly. */
function rectPng(w: number, h: number): Buffer {
  const png = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) png.data.set([58, 95, 138, 255], i * 4);
  return PNG.sync.write(png, { colorType: 2 });
}

describe('lifecycle: certification readiness', () => {
  after(cleanupTemp);

  it('the passing fixture (a scaffolded connector) passes every requirement', () => {
    const report = runReadiness(writeConnector(BASE_OPTIONS, 'pass'));
    assert.ok(report.results.length >= 13);
    for (const r of report.results) assert.equal(r.status, 'pass', `${r.id}: ${JSON.stringify(r.findings)}`);
  });

  for (const c of CASES) {
    it(`${c.id} fails on ${c.why}, and only that requirement fails`, () => {
      const folder = writeConnector(BASE_OPTIONS, c.id);
      c.breakIt(folder);
      const report = runReadiness(folder);
      const failed = report.results.filter((r) => r.status === 'fail').map((r) => r.id);
      assert.ok(failed.includes(c.id), `expected ${c.id} to fail; failed: ${failed.join(', ')}`);
      const req = report.results.find((r) => r.id === c.id)!;
      if (c.expect) assert.ok(req.findings.some((f) => c.expect!.test(f.message)), JSON.stringify(req.findings));
      // Each breaker targets one requirement (the readme's operation list depends on the readme).
      const allowed = new Set([c.id, ...(c.why === 'no readme at all' ? ['readme-operations'] : []), ...(c.id === 'icon-format' ? ['icon-size', 'icon-background'] : []), ...(c.id === 'brand-color' ? ['icon-background'] : [])]);
      assert.deepEqual(failed.filter((id) => !allowed.has(id)), [], `other requirements failed too: ${JSON.stringify(report.results.filter((r) => r.status === 'fail' && !allowed.has(r.id)))}`);
    });
  }

  it('findings carry the file and line of the offending text', () => {
    const folder = writeConnector(BASE_OPTIONS, 'lines');
    editJson(def(folder), (d) => { d.info.title = 'Fabrikam Task Management API Service'; });
    const report = runReadiness(folder);
    const f = report.results.find((r) => r.id === 'title')!.findings[0];
    assert.equal(f.file, 'apiDefinition.swagger.json');
    const lines = fs.readFileSync(def(folder), 'utf8').split('\n');
    assert.match(lines[f.line!], /"title"/);
  });

  it('independent publishers must not ship an icon', () => {
    const folder = writeConnector({ ...BASE_OPTIONS, title: 'Fabrikam (Independent Publisher)', brandColor: '#da3b01', stackOwner: 'Fabrikam Inc' }, 'ip');
    const failed = runReadiness(folder).results.find((r) => r.id === 'icon-format')!;
    assert.equal(failed.status, 'fail');
    fs.rmSync(path.join(folder, 'icon.png'));
    assert.equal(runReadiness(folder).results.find((r) => r.id === 'icon-format')!.status, 'pass');
  });

  it('the report HTML has a strict CSP with a nonce, escapes text and links findings to file lines', () => {
    const folder = writeConnector(BASE_OPTIONS, 'html');
    editJson(def(folder), (d) => { d.info.title = '<script>alert(1)</script> API'; });
    const html = reportHtml(runReadiness(folder), { cspSource: 'vscode-webview:', nonce: 'N0nce' });
    assert.match(html, /default-src 'none'; style-src vscode-webview: 'nonce-N0nce';/);
    assert.doesNotMatch(html, /script-src|<script/, 'the report runs no script');
    assert.ok(!html.includes('<script>alert'), 'text is escaped');
    assert.match(html, /href="command:connectorStudio\.openReportLocation\?[^"]+"/);
    assert.match(html, /apiDefinition\.swagger\.json:\d+/);
    assert.match(html, /✘ fail/);
  });
});
