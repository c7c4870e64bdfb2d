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
    for (const text of ['', 'abc', 'a\nb\n', '\n\n\n', 'é\n😀x\ny', 'a\r\nb\rc\nd', '\r\n\r\n']) {
      agree(text, [-5, 0, 1, 2, 3, text.length - 1, text.length, text.length + 7]);
    }
  });

  it('random texts and offsets (property-based)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', '\n', '"', '{', '\r\n'), { maxLength: 200 }), fc.array(fc.integer({ min: -2, max: 600 }), { maxLength: 20 }), (parts, offsets) => agree(parts.join(''), offsets)),
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
    for (const f of files.slice(0, 60)) {
      const text = fs.readFileSync(f, 'utf8');
      const offsets: number[] = [];
      for (let i = 0; i < text.length; i += 997) offsets.push(i);
      for (let i = text.indexOf('\n'); i >= 0 && offsets.length < 2000; i = text.indexOf('\n', i + 1)) offsets.push(i, i + 1);
      agree(text, offsets);
    }
  });
});
