// lineIndexOf (engine/src/languageService/lineIndex.ts) places offsets as
// vscode-languageserver-textdocument's positionAt does, on real corpus texts and on edge cases.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineIndexOf } from '../../../engine/src/languageService/lineIndex';
import { SEED } from '../fuzz/fuzzKit';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/connectors');

function agree(text: string, offsets: number[]): void {
  const ours = lineIndexOf(text);
  const reference = TextDocument.create('file:///x', 'json', 1, text);
  for (const o of offsets) assert.deepEqual(ours.positionAt(o), reference.positionAt(o), `offset ${o} of ${JSON.stringify(text.slice(0, 40))}`);
}

describe('lineIndexOf: positions of offsets, as TextDocument.positionAt', () => {
  it('edge cases: empty text, no line break, a final line break, offsets out of range, "\\r\\n" and lone "\\r"', () => {
    for (const text of ['', 'abc', 'a\nb\n', '\n\n\n', 'é\n😀x\ny', 'a\r\nb\rc\nd', '\r\n\r\n', '\r', '\r\r\n\n\r', '\n\r', 'x\r😀\r\n😀']) {
      agree(text, [-5, 0, 1, 2, 3, text.length - 1, text.length, text.length + 7]);
    }
  });

  it('random texts and offsets (property-based)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', '\n', '"', '{', '\r\n', '\r', '😀', '\ud800'), { maxLength: 200 }), fc.array(fc.integer({ min: -2, max: 600 }), { maxLength: 20 }), (parts, offsets) => agree(parts.join(''), offsets)),
      { numRuns: 300, seed: SEED },
    );
  });

  it('every line start and a sample of offsets of real corpus definitions', () => {
    const files: string[] = [];
    const find = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) find(p);
        else if (e.name === 'apiDefinition.swagger.json') files.push(p);
      }
    };
    assert.ok(fs.existsSync(CORPUS), `the shared corpus is missing: ${CORPUS}`);
    find(CORPUS);
    assert.ok(files.length > 250, `${files.length} corpus definitions`);
    // The first 60, and every one with "\r" line ends (each placed by its own line starts, not TextDocument's).
    let withCr = 0;
    let seed = SEED;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const [i, f] of files.entries()) {
      const text = fs.readFileSync(f, 'utf8');
      if (i >= 60 && !text.includes('\r')) continue;
      if (text.includes('\r')) withCr++;
      const offsets: number[] = [];
      for (let i = 0; i < text.length; i += 997) offsets.push(i);
      for (let i = text.indexOf('\n'); i >= 0 && offsets.length < 2000; i = text.indexOf('\n', i + 1)) offsets.push(i - 1, i, i + 1);
      for (let i = 0; i < 300; i++) offsets.push(Math.floor(random() * (text.length + 2)) - 1);
      agree(text, offsets);
    }
    assert.ok(withCr >= 20, `only ${withCr} corpus definitions with "\\r" line ends`);
  });
});
