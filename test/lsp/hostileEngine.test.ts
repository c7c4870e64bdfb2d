// Issue 17 items 1 and 5 against the real language server (built bundle, stdio): hostile file
// references are not read and the server stays up; a 50 MB definition gets only the cheap checks
// and does not slow down the diagnostics of another connector being edited (at most 2x).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeConfigurationNotification, DocumentSymbolRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { bigDefinitionText, removeTemp, SMALL_PROPERTIES, smallDefinition, tempDir, writeConnector } from '../unit/hostile/engine-fixtures';
import { TestLspClient } from './lspClient';

const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : '');

/** Resident memory of a process in MB (Linux /proc), for the "no gigabytes" checks. */
function rssMb(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  assert.ok(kb > 0, 'VmRSS of the server process');
  return kb / 1024;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe('language server: hostile files (issue 17 items 1 and 5)', function () {
  this.timeout(180_000);
  let ws: string;
  let client: TestLspClient;
  beforeEach(async () => {
    ws = tempDir('cs-lsp-hostile-');
    client = new TestLspClient('node', 'stdio');
    await client.initialize(ws);
  });
  afterEach(async () => {
    await client.dispose();
    removeTemp(ws);
  });

  it('$refs to outside files, /dev/zero and a FIFO, and apiProperties.json linked to /dev/zero: nothing read, clear messages, server stays up', async () => {
    const dir = path.join(ws, 'hostile');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(ws, 'outside.json'), JSON.stringify({ x: { type: 'string' } }));
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'apiProperties.json'));
    const def = smallDefinition();
    def.definitions.Item.properties = {
      outside: { $ref: '../outside.json#/x' },
      passwd: { $ref: '../../../../../../../etc/passwd#/x' },
      shadow: { $ref: '/etc/shadow#/x' },
      zero: { $ref: '/dev/zero#/x' },
      pipe: { $ref: 'pipe.json#/x' },
    };
    const defText = JSON.stringify(def, null, 4);
    fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), defText);
    const started = Date.now();
    const defUri = client.open(path.join(dir, 'apiDefinition.swagger.json'), defText);
    const diags = await client.waitForDiagnostics(defUri, (d) => d.some((x) => /not read|not a regular file/.test(text(x))), 20_000);
    assert.ok(Date.now() - started < 10_000, `diagnostics after ${Date.now() - started} ms`);
    const lines = defText.split('\n');
    const at = (name: string) => diags.filter((d) => lines[d.range.start.line].includes(`"$ref"`) && lines[d.range.start.line - 1]?.includes(`"${name}"`));
    for (const name of ['outside', 'passwd', 'shadow', 'zero']) {
      const found = at(name);
      assert.equal(found.length, 1, `${name}: ${JSON.stringify(diags.map(text))}`);
      assert.match(text(found[0]), /outside the connector folder: not read/);
    }
    assert.match(text(at('pipe')[0]), /not a regular file/);
    // apiProperties.json -> /dev/zero: one finding on it, nothing read.
    const propsUri = client.uriOf(path.join(dir, 'apiProperties.json'));
    const props = await client.waitForDiagnostics(propsUri, (d) => d.length > 0, 10_000);
    assert.deepEqual(props.map((d) => d.code), ['file-not-read']);
    assert.match(text(props[0]), /outside the connector folder: not read/);
    // Still up and answering: a request, and another connector's diagnostics.
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: defUri } });
    assert.ok(Array.isArray(symbols) && symbols.length > 0);
    const okDir = writeConnector(path.join(ws, 'ok'), smallDefinition(), SMALL_PROPERTIES);
    const okUri = client.open(path.join(okDir, 'apiDefinition.swagger.json'), JSON.stringify(smallDefinition(), null, 4));
    await client.waitForDiagnostics(okUri);
    assert.equal(client.child.exitCode, null);
    assert.ok(rssMb(client.child.pid) < 400, `server RSS ${rssMb(client.child.pid)} MB`);

    // connectorStudio.validation.allowReadsOutsideConnector widens the reader to the workspace
    // folder: the sibling file is read now; /etc/passwd and /dev/zero are still outside.
    client.settings = { validation: { allowReadsOutsideConnector: true } };
    void client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { connectorStudio: client.settings } });
    const wide = await client.waitForDiagnostics(defUri, (d) => d.some((x) => /"\.\.\/outside\.json#\/x" refers to another file/.test(text(x))), 20_000);
    const still = (name: string) => wide.filter((d) => lines[d.range.start.line - 1]?.includes(`"${name}"`) && /outside the connector folder: not read/.test(text(d)));
    assert.equal(still('passwd').length, 1);
    assert.equal(still('zero').length, 1);
  });

  it('a 50 MB definition open: "not fully checked" at its top, and another connector\'s diagnostics arrive within 2x of the baseline', async () => {
    const small = writeConnector(path.join(ws, 'small'), smallDefinition(), SMALL_PROPERTIES);
    const smallUri = client.open(path.join(small, 'apiDefinition.swagger.json'), JSON.stringify(smallDefinition(), null, 4));
    await client.waitForDiagnostics(smallUri);
    let edit = 0;
    /** One edit of the small connector: time until its diagnostics name the new $ref. */
    const editOnce = async (): Promise<number> => {
      const d = smallDefinition();
      const marker = `Missing${++edit}`;
      d.definitions.Item.properties.extra = { $ref: `#/definitions/${marker}` };
      const t0 = performance.now();
      client.change(smallUri, JSON.stringify(d, null, 4));
      await client.waitForDiagnostics(smallUri, (ds) => ds.some((x) => text(x).includes(marker)), 30_000);
      return performance.now() - t0;
    };
    const measure = async (n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) times.push(await editOnce());
      return median(times);
    };
    await measure(3); // warm up
    const baseline = await measure(9);

    const bigText = bigDefinitionText(50);
    const big = writeConnector(path.join(ws, 'big'), bigText, SMALL_PROPERTIES);
    const bigUri = client.open(path.join(big, 'apiDefinition.swagger.json'), bigText);
    const bigDiags = await client.waitForDiagnostics(bigUri, (d) => d.some((x) => x.code === 'input-budget'), 60_000);
    const budget = bigDiags.filter((d) => d.code === 'input-budget');
    assert.equal(budget.length, 1);
    assert.deepEqual(budget[0].range.start, { line: 0, character: 0 });
    assert.match(text(budget[0]), /Not fully checked: this file is 50\.0 MB/);
    assert.deepEqual([...new Set(bigDiags.map((d) => String(d.code)))].sort(), ['definition-size', 'input-budget']);
    // What VS Code asks for an open file: symbols of the big one must not parse 50 MB into a tree.
    const t0 = performance.now();
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: bigUri } });
    const symbolsMs = performance.now() - t0;

    const withBig = await measure(9);
    const ratio = withBig / baseline;
    const rss = rssMb(client.child.pid);
    console.log(`      baseline ${baseline.toFixed(0)} ms, with the 50 MB file open ${withBig.toFixed(0)} ms, ratio ${ratio.toFixed(2)}; big-file symbols ${symbolsMs.toFixed(0)} ms; server RSS ${rss.toFixed(0)} MB`);
    assert.ok(ratio <= 2, `diagnostics of the other connector: ${withBig.toFixed(0)} ms vs ${baseline.toFixed(0)} ms baseline (ratio ${ratio.toFixed(2)})`);
    assert.ok(rss < 1500, `server RSS ${rss} MB`);
  });
});
