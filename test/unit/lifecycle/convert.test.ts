import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConvertError, convertedName, jsonToYaml, yamlToJson } from '../../../shared/src/lifecycle/convert';
import { decodePng, iconPlaceholderPng, PngError } from '../../../shared/src/lifecycle/png';
import { requireCorpus } from '../ruleTestKit';

const corpus = path.resolve(__dirname, '../../../../shared/corpus/connectors/certified-connectors');

/** Keys of every object, depth first, in text order (JSON.parse would reorder integer-like keys). */
function keyOrder(v: unknown, out: string[] = []): string[] {
  if (v instanceof Map) for (const [k, x] of v) { out.push(String(k)); keyOrder(x, out); }
  else if (Array.isArray(v)) v.forEach((x) => keyOrder(x, out));
  return out;
}

describe('lifecycle: JSON <-> YAML conversion', () => {
  it('keeps key order, including integer-like keys that JSON.parse would move', () => {
    const json = '{"responses":{"default":{"description":"d"},"404":{"description":"n"},"200":{"description":"ok"}},"b":1,"a":2}';
    const yaml = jsonToYaml(json);
    assert.ok(yaml.indexOf('default:') < yaml.indexOf('"404":') && yaml.indexOf('"404":') < yaml.indexOf('"200":'), yaml);
    const back = yamlToJson(yaml);
    assert.ok(back.indexOf('"default"') < back.indexOf('"404"') && back.indexOf('"404"') < back.indexOf('"200"'), back);
    assert.ok(back.indexOf('"b"') < back.indexOf('"a"'));
  });

  it('keeps strings that look like numbers or booleans as strings', () => {
    const json = '{"swagger":"2.0","version":"1.0","flag":"true","n":"012","none":"null","real":3.5,"t":true,"z":null}';
    const yaml = jsonToYaml(json);
    assert.deepEqual(parseYaml(yaml), JSON.parse(json));
    assert.deepEqual(JSON.parse(yamlToJson(yaml)), JSON.parse(json));
  });

  it('turns unquoted YAML integer keys (200:) into JSON string keys and resolves anchors', () => {
    const json = JSON.parse(yamlToJson('responses:\n  200: &ok\n    description: OK\n  201: *ok\n'));
    assert.deepEqual(json, { responses: { '200': { description: 'OK' }, '201': { description: 'OK' } } });
  });

  it('round-trips real connectors from the corpus without changing values or key order', function () {
    requireCorpus(corpus); // a missing corpus is a failure naming the folder
    this.timeout(60_000);
    // The first 12 definitions (by name) under 150 KB: enough shapes, a few seconds of CPU.
    const names = fs.readdirSync(corpus).sort().filter((n) => {
      const f = path.join(corpus, n, 'apiDefinition.swagger.json');
      return fs.existsSync(f) && fs.statSync(f).size < 150_000;
    }).slice(0, 12);
    let checked = 0;
    for (const name of names) {
      const file = path.join(corpus, name, 'apiDefinition.swagger.json');
      if (!fs.existsSync(file)) continue;
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      let original: unknown;
      try { original = JSON.parse(text); } catch { continue; }
      const yaml = jsonToYaml(text);
      const back = yamlToJson(yaml);
      assert.deepEqual(JSON.parse(back), original, name);
      const { parseOrdered } = require('../../../shared/src/lifecycle/convert') as typeof import('../../../shared/src/lifecycle/convert');
      assert.deepEqual(keyOrder(parseOrdered(back)), keyOrder(parseOrdered(text)), `${name}: key order`);
      checked++;
    }
    assert.ok(checked >= 10, `only ${checked} corpus files checked`);
  });

  it('reports a parse error with its line instead of writing a broken file', () => {
    assert.throws(() => yamlToJson('a: 1\nb: [1, 2\n'), ConvertError);
    assert.throws(() => jsonToYaml('{"a": 1,,}'), ConvertError);
    assert.throws(() => jsonToYaml('{"a": 1, "a": 2}'), /a/);
  });

  it('names the converted file next to the original', () => {
    assert.equal(convertedName('apiDefinition.swagger.json', 'yaml'), 'apiDefinition.swagger.yaml');
    assert.equal(convertedName('apiDefinition.swagger.yml', 'json'), 'apiDefinition.swagger.json');
  });
});

describe('lifecycle: PNG reader/writer', () => {
  it('reads back the size and pixels of the icon it writes', () => {
    const png = decodePng(iconPlaceholderPng([1, 2, 3], [250, 251, 252], 64, 32));
    assert.deepEqual([png.width, png.height, png.colorType, png.bitDepth], [64, 64, 2, 8]);
    assert.deepEqual(png.pixel!(0, 0), [1, 2, 3, 255]);
    assert.deepEqual(png.pixel!(32, 32), [250, 251, 252, 255]);
  });

  it('reads a PNG made by another encoder (the extension icon, filtered rows)', () => {
    const png = decodePng(fs.readFileSync(path.resolve(__dirname, '../../../media/icon.png')));
    assert.ok(png.width > 0 && png.width === png.height, `${png.width}x${png.height}`);
    if (png.pixel) assert.equal(png.pixel(0, 0).length, 4);
  });

  it('rejects files that are not PNGs', () => {
    assert.throws(() => decodePng(Buffer.from('GIF89a.........................................')), PngError);
  });
});
