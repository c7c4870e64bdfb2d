// Typing in a large definition (issue 19, target 6): the server's open documents build their text
// when it is read (engine/src/languageService/lazyTextDocument.ts), not at each keystroke, so a burst of edits adds
// no whole text per edit to the heap; and what the server validates after the burst is the text the
// editor has (the same diagnostics as the final text opened afresh).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerMemory } from '../../server/src/handlers/introspection';
import { TestLspClient } from './lspClient';

const ENCODIAN = path.resolve(__dirname, '../../../shared/corpus/connectors/certified-connectors/Encodian');
const keys = (d: Diagnostic[]) => d.map((x) => `${String(x.code)}|${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}|${String(x.message)}`).sort();

describe('typing in a large definition', function () {
  this.timeout(120_000);

  it('a burst of 300 keystrokes adds no whole text per keystroke to the heap, and the diagnostics that follow are the final text\'s', async () => {
    const file = path.join(ENCODIAN, 'apiDefinition.swagger.json');
    assert.ok(fs.existsSync(file), `the shared corpus is missing: ${file}`);
    const text = fs.readFileSync(file, 'utf8');
    const client = new TestLspClient('vscode', 'ipc');
    try {
      await client.initialize(path.dirname(ENCODIAN));
      const uri = client.open(file, text);
      await client.waitForDiagnostics(uri, () => true, 60_000);
      const large = async () => (await client.connection.sendRequest<ServerMemory>('connectorStudio/memory', { gc: false })).spaces!.find((s) => s.name === 'large_object_space')!.used;
      const before = await large();
      // 300 characters typed inside a description in the middle (an editor sends one change per keystroke).
      let doc = TextDocument.create(uri, 'json', 1, text);
      const at = doc.positionAt(text.indexOf('"description": "', text.length / 2) + '"description": "'.length);
      let largest = 0;
      for (let i = 0; i < 300; i++) {
        const change = { range: { start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i } }, text: 'x' };
        doc = TextDocument.update(doc, [change], i + 2);
        client.changeRanges(uri, [change]);
        if (i % 50 === 49) largest = Math.max(largest, await large());
      }
      const published = client.publicationsFor(uri).length;
      await client.waitForDiagnostics(uri, () => client.publicationsFor(uri).length > published, 60_000);
      const last = client.publicationsFor(uri).at(-1)!;
      assert.equal(last.version, 301, 'the last publish is of the last version');
      // One text is 2.2 MB (two bytes a character); 50 keystrokes between readings made 110 MB of them before.
      const grown = largest - before;
      assert.ok(grown < 12 * 2 * text.length, `large objects grew ${(grown / 1048576).toFixed(1)} MB over 300 keystrokes (one text: ${((2 * text.length) / 1048576).toFixed(1)} MB)`);

      // The final text opened afresh in another server gives the same diagnostics.
      const fresh = new TestLspClient('vscode', 'ipc');
      try {
        await fresh.initialize(path.dirname(ENCODIAN));
        const again = fresh.open(file, doc.getText());
        assert.deepEqual(keys(await fresh.waitForDiagnostics(again, () => true, 60_000)), keys(last.diagnostics));
      } finally {
        await fresh.dispose();
      }
    } finally {
      await client.dispose();
    }
  });
});
