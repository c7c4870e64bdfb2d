// The language server's open documents and the parsed documents' line index
// (engine/src/languageService/lazyTextDocument.ts, server/src/lazyTextDocument.ts) read exactly as
// vscode-languageserver-textdocument's after any sequence of changes: text, ranges of text, positions,
// offsets, line count, line ranges and line ends; and an edit builds no new text until one is read.
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LazyTextDocument, LazyTextDocuments } from '../../../server/src/lazyTextDocument';
import { readCorpusConnector, requireCorpus } from '../ruleTestKit';
import { SEED } from '../fuzz/fuzzKit';

/** Characters that make line ends interesting: CR, LF, CRLF pairs split by edits, surrogates. */
const piece = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '{', '"', 'é', '\u{1F600}'), { maxLength: 6 }).map((a) => a.join(''));

type Step = { kind: 'edit'; a: number; b: number; text: string; full?: boolean; lineBeyond?: boolean } | { kind: 'read' };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('edit' as const), a: fc.nat(), b: fc.nat(), text: piece, full: fc.integer({ min: 0, max: 19 }).map((n) => n === 0), lineBeyond: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'read' as const }) },
);

/** Both documents read the same everywhere. */
function same(lazy: TextDocument, ref: TextDocument, probes: number[]): void {
  const text = ref.getText();
  assert.equal(lazy.lineCount, ref.lineCount, 'lineCount');
  for (const o of probes) {
    const at = Math.min(o, text.length + 2) - 1;
    assert.deepEqual(lazy.positionAt(at), ref.positionAt(at), `positionAt(${at})`);
    const p = ref.positionAt(at);
    for (const q of [p, { line: p.line, character: p.character + 3 }, { line: p.line + 1, character: 0 }, { line: ref.lineCount + 1, character: 2 }, { line: -1, character: 0 }]) {
      assert.equal(lazy.offsetAt(q), ref.offsetAt(q), `offsetAt(${JSON.stringify(q)})`);
    }
    assert.equal(lazy.getText({ start: p, end: { line: p.line + 1, character: 1 } }), ref.getText({ start: p, end: { line: p.line + 1, character: 1 } }), 'getText(range)');
    assert.deepEqual(lazy.getLineRange(p.line), ref.getLineRange(p.line), `getLineRange(${p.line})`);
    assert.equal(lazy.getEOLCharacters(p.line), ref.getEOLCharacters(p.line), `getEOLCharacters(${p.line})`);
  }
}

describe('LazyTextDocument: the library\'s document, without a new text per edit (issue 19, target 6)', function () {
  this.timeout(120_000);

  it('reads as vscode-languageserver-textdocument after random changes (ranges either way round, past the end, full replacements, CR/LF split by edits)', () => {
    fc.assert(
      fc.property(piece, fc.array(step, { maxLength: 40 }), fc.array(fc.nat(), { minLength: 3, maxLength: 6 }), (start, steps, probes) => {
        const ref = TextDocument.create('file:///a.json', 'json', 1, start);
        const lazy = LazyTextDocuments.create('file:///a.json', 'json', 1, start);
        let known = new LazyTextDocument('file:///a.json', 'json', 1, start);
        let version = 1;
        for (const s of steps) {
          if (s.kind === 'read') {
            assert.equal(lazy.getText(), ref.getText());
            continue;
          }
          const len = ref.getText().length;
          const range = { start: ref.positionAt(s.a % (len + 1)), end: ref.positionAt(s.b % (len + 1)) };
          // Positions past a line's end or past the last line, as clients may send.
          if (s.lineBeyond) range.end = { line: range.end.line + (s.b % 3), character: range.end.character + (s.a % 4) };
          const change: TextDocumentContentChangeEvent = s.full ? { text: s.text } : { range, text: s.text };
          version++;
          TextDocument.update(ref, [change], version);
          LazyTextDocuments.update(lazy, [change], version);
          same(lazy, ref, probes.map((p) => p % (ref.getText().length + 3)));
          // The parsed document's line index: moved by the change, given the text it results in.
          if (!s.full) {
            known.updateTo(change as { range: typeof range; text: string }, version, ref.getText());
            same(known, ref, probes.map((p) => p % (ref.getText().length + 3)));
            assert.equal(known.pendingPieces, 0, 'updateTo keeps no pieces');
          } else known = new LazyTextDocument('file:///a.json', 'json', version, ref.getText());
        }
        assert.equal(lazy.getText(), ref.getText());
        assert.equal(lazy.version, ref.version);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('several changes in one notification, and more changes than it keeps as pieces', () => {
    const ref = TextDocument.create('file:///a.json', 'json', 1, '{\n  "a": 1\r\n}\n');
    const lazy = new LazyTextDocument('file:///a.json', 'json', 1, '{\n  "a": 1\r\n}\n');
    const changes: TextDocumentContentChangeEvent[] = [
      { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, text: '"b": 2,\r\n  ' },
      { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 0 } }, text: '' },
    ];
    TextDocument.update(ref, changes, 2);
    lazy.update(changes, 2);
    assert.equal(lazy.getText(), ref.getText());
    for (let i = 0; i < 2000; i++) {
      const at = ref.positionAt((i * 7919) % ref.getText().length);
      const change = { range: { start: at, end: at }, text: i % 3 ? 'x' : '\n' };
      TextDocument.update(ref, [change], i + 3);
      lazy.update([change], i + 3);
      assert.ok(lazy.pendingPieces <= 513, `pieces kept: ${lazy.pendingPieces}`);
    }
    same(lazy, ref, [0, 100, 2000, ref.getText().length]);
    assert.equal(lazy.getText(), ref.getText());
  });

  it('typing in the largest corpus definition builds no text until it is read, then one (the library: one 2 MB string per keystroke)', () => {
    requireCorpus();
    const text = readCorpusConnector('certified-connectors/Encodian').definition;
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const typed = (make: (t: string) => TextDocument, update: (d: TextDocument, c: TextDocumentContentChangeEvent[], v: number) => void, keep?: (d: TextDocument) => unknown) => {
      const doc = make(text);
      const at = doc.positionAt(text.indexOf('"operationId"', text.length / 2));
      doc.offsetAt(at);
      gc();
      const space = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space')!.space_used_size;
      const large = space();
      const kept: unknown[] = [];
      // 100 characters typed at one place, each a change (an editor sends one per keystroke).
      for (let i = 0; i < 100; i++) {
        update(doc, [{ range: { start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i } }, text: 'x' }], i + 2);
        if (keep) kept.push(keep(doc));
      }
      const grown = space() - large;
      return { doc, grown, kept };
    };
    const ours = typed((t) => new LazyTextDocument('file:///a.json', 'json', 1, t), (d, c, v) => (d as LazyTextDocument).update(c, v));
    // Ours holds the edits as pieces: no text joined, whatever the GC did meanwhile.
    assert.ok((ours.doc as LazyTextDocument).pendingPieces > 0, 'the text was joined before anyone read it');
    assert.ok(ours.grown < 2 * text.length, `ours: ${(ours.grown / 1048576).toFixed(1)} MB of large objects for 100 keystrokes (one text: ${((2 * text.length) / 1048576).toFixed(1)} MB)`);
    // The control: the library's document, each version's text kept (what it already holds: no new
    // string is made by reading it), so a collection during the loop cannot hide them.
    const theirs = typed((t) => TextDocument.create('file:///a.json', 'json', 1, t), (d, c, v) => TextDocument.update(d, c, v), (d) => d.getText());
    assert.ok(theirs.grown > 10 * text.length, `the library's document: ${(theirs.grown / 1048576).toFixed(1)} MB of large objects for 100 keystrokes`);
    // Read once: one text, equal to the library's.
    assert.equal(ours.doc.getText(), theirs.doc.getText());
    assert.equal((ours.doc as LazyTextDocument).pendingPieces, 0);
  });
});
