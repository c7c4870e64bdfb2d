// The client's feature bundles (client/src/features.ts) each carry their own copy of
// shared/src/log/redactingLogger.ts: a secret registered through one copy must be redacted by
// every other copy (the output channel's logger lives in the main bundle). Two real bundles of the
// module are built with esbuild and loaded side by side, as the extension host loads them.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import Module from 'node:module';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../ruleTestKit';

type LoggerModule = typeof import('../../../shared/src/log/redactingLogger');

function loadCopy(code: string, name: string): LoggerModule {
  const m = new Module(path.join(REPO_ROOT, 'dist', name)) as Module & { _compile(code: string, file: string): void };
  m._compile(code, m.id);
  return m.exports as LoggerModule;
}

describe('secret registry across bundled copies of the logger', () => {
  it('a secret registered through one copy is hidden by another copy and its loggers', async () => {
    const built = await esbuild.build({ entryPoints: [path.join(REPO_ROOT, 'shared/src/log/redactingLogger.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
    const code = built.outputFiles[0]!.text;
    const a = loadCopy(code, 'copyA.js');
    const b = loadCopy(code, 'copyB.js');
    assert.notEqual(a.RedactingLogger, b.RedactingLogger, 'the two copies must be distinct module instances');
    const secret = `tok-${Math.random().toString(36).slice(2)}-secret`;
    assert.ok(b.redact(`x ${secret}`).includes(secret), 'the secret is unknown before it is registered');
    a.registerSecret(secret);
    assert.equal(b.redact(`x ${secret} y`), 'x *** y');
    const sink = new b.MemoryLogSink();
    new b.RedactingLogger(sink).info(`header ${secret}`);
    assert.ok(!sink.text().includes(secret), sink.text());
    a.secretRegistry.unregister(secret);
  });
});
