import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { ConvertError, convertedName, jsonToYaml, yamlToJson } from '../../../shared/src/lifecycle/convert';
import { encode as encodePng } from 'fast-png';
import { decodePng, iconPlaceholderPng, MAX_DECODED_PIXELS, PngError } from '../../../shared/src/lifecycle/png';
import { decodePngIndependently } from '../independentReaders';
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

  it('writes what JSON.stringify cannot: !!binary as base64, non-string keys as text; refuses .inf and .nan', () => {
    assert.deepEqual(JSON.parse(yamlToJson('a: !!binary aGVsbG8=\nnull: 1\n1.5: 2\ntrue: 3\n')), { a: 'aGVsbG8=', null: 1, '1.5': 2, true: 3 });
    assert.equal(JSON.parse(yamlToJson('t: !!timestamp 2001-12-14\n')).t, '2001-12-14T00:00:00.000Z');
    assert.throws(() => yamlToJson('a: .inf\n'), ConvertError);
    assert.throws(() => yamlToJson('a: .nan\n'), ConvertError);
    // Same layout as JSON.stringify(value, null, 2) where key order does not differ.
    const plain = { swagger: '2.0', info: { title: 'T', tags: [] as unknown[], empty: {} }, list: [1, 'two', null, [true]] };
    assert.equal(yamlToJson(JSON.stringify(plain)), `${JSON.stringify(plain, null, 2)}\n`);
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

describe('lifecycle: PNG reader/writer (pngjs)', () => {
  it('the icon it writes decodes with another package (fast-png) to the right size and pixels', () => {
    const png = decodePngIndependently(iconPlaceholderPng([1, 2, 3], [250, 251, 252], 64, 32));
    assert.deepEqual([png.width, png.height, png.channels, png.depth], [64, 64, 3, 8]);
    assert.deepEqual(png.rgba(0, 0), [1, 2, 3, 255]);
    assert.deepEqual(png.rgba(15, 15), [1, 2, 3, 255]);
    assert.deepEqual(png.rgba(16, 16), [250, 251, 252, 255]);
    assert.deepEqual(png.rgba(47, 47), [250, 251, 252, 255]);
    assert.deepEqual(png.rgba(48, 48), [1, 2, 3, 255]);
  });

  it('reads a PNG made by another encoder (the extension icon) like fast-png does', () => {
    const bytes = fs.readFileSync(path.resolve(__dirname, '../../../media/icon.png'));
    const png = decodePng(bytes);
    const other = decodePngIndependently(bytes);
    assert.deepEqual([png.width, png.height], [other.width, other.height]);
    for (const [x, y] of [[0, 0], [other.width >> 1, other.height >> 1], [other.width - 1, other.height - 1]]) assert.deepEqual(png.pixel!(x, y), other.rgba(x, y), `pixel ${x},${y}`);
  });

  it('reads 16-bit RGBA and grey PNGs written by another package (fast-png)', () => {
    const data16 = new Uint16Array(9 * 7 * 4);
    for (let i = 0; i < 63; i++) data16.set([i * 1024, 65535 - i * 256, 257 * ((i * 37) & 255), 65535], i * 4);
    const png = decodePng(encodePng({ width: 9, height: 7, data: data16, depth: 16, channels: 4 }));
    assert.equal(png.bitDepth, 16);
    assert.deepEqual(png.pixel!(4, 3), [(31 * 1024) >> 8, (65535 - 31 * 256) >> 8, (31 * 37) & 255, 255]);
    const grey = decodePng(encodePng({ width: 3, height: 2, data: new Uint8Array([0, 50, 100, 150, 200, 250]), depth: 8, channels: 1 }));
    assert.equal(grey.colorType, 0);
    assert.deepEqual(grey.pixel!(2, 1), [250, 250, 250, 255]);
  });

  it('rejects files that are not PNGs, damaged and truncated ones', () => {
    assert.throws(() => decodePng(Buffer.from('GIF89a.........................................')), PngError);
    const good = iconPlaceholderPng([1, 2, 3], [4, 5, 6], 32, 8);
    const damaged = Buffer.from(good);
    damaged[good.length - 20] ^= 0xff; // inside the image data: its CRC no longer matches
    assert.throws(() => decodePng(damaged), PngError);
    assert.throws(() => decodePng(good.subarray(0, good.length - 30)), /truncated|ends early|CRC|Crc/i);
  });

  it('hostile: an image over the pixel budget is not decoded (header only), and that is fast', () => {
    const huge = iconPlaceholderPng([1, 2, 3], [4, 5, 6], 8, 0);
    const big = Buffer.from(huge);
    big.writeUInt32BE(50_000, 16);
    big.writeUInt32BE(50_000, 20); // 2.5e9 pixels declared in IHDR
    const t0 = Date.now();
    const png = decodePng(big);
    assert.ok(50_000 * 50_000 > MAX_DECODED_PIXELS);
    assert.deepEqual([png.width, png.height, png.pixel], [50_000, 50_000, undefined]);
    assert.ok(Date.now() - t0 < 200);
  });

  it('hostile: an interlaced PNG carrying a deflate bomb is not inflated (header only)', () => {
    const sig = iconPlaceholderPng([1, 2, 3], [4, 5, 6], 8, 0).subarray(0, 8);
    const chunk = (type: string, data: Buffer) => {
      const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
      const out = Buffer.alloc(12 + data.length);
      out.writeUInt32BE(data.length, 0);
      td.copy(out, 4);
      out.writeUInt32BE(zlib.crc32(td), 8 + data.length);
      return out;
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(16, 0); ihdr.writeUInt32BE(16, 4); ihdr[8] = 8; ihdr[9] = 2; ihdr[12] = 1; // interlaced
    const bomb = zlib.deflateSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 }); // 256 MB of zeros in ~260 KB
    const png = Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', bomb), chunk('IEND', Buffer.alloc(0))]);
    const before = process.memoryUsage().rss;
    const t0 = Date.now();
    const decoded = decodePng(png);
    assert.equal(decoded.pixel, undefined, 'not decoded');
    assert.deepEqual([decoded.width, decoded.height], [16, 16]);
    assert.ok(Date.now() - t0 < 500, `${Date.now() - t0} ms`);
    assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024);
  });
});
