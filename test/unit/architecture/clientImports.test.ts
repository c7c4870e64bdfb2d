// The thin client: nothing under client/src may import server/ or engine/ (the engine runs in the
// language server; the client asks it through the requests of shared/src/protocol.ts). A scan of
// every import/export/require specifier, resolved against the importing file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../ruleTestKit';
import { importSpecifiers, sourceFiles } from './importScan';

const CLIENT = path.join(REPO_ROOT, 'client', 'src');
const FORBIDDEN = [path.join(REPO_ROOT, 'server'), path.join(REPO_ROOT, 'engine')];

/** The client files that import server/ or engine/ (file: specifier). */
export function serverImports(files: string[], read: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): string[] {
  const bad: string[] = [];
  for (const file of files) {
    for (const spec of importSpecifiers(read(file))) {
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (FORBIDDEN.some((dir) => target === dir || target.startsWith(dir + path.sep))) bad.push(`${path.relative(REPO_ROOT, file)}: ${spec}`);
    }
  }
  return bad;
}

describe('architecture: a thin client', () => {
  it('no file under client/src imports server/ or engine/', () => {
    const files = sourceFiles(CLIENT);
    assert.ok(files.length > 20, `expected the client sources under ${CLIENT}, found ${files.length} files`);
    assert.deepEqual(serverImports(files), [], 'client files import the server or the engine; ask the server through shared/src/protocol.ts instead');
  });

  it('the scan sees every form of import (so the check above can fail)', () => {
    const fake = path.join(CLIENT, 'lifecycle', 'x.ts');
    const text = [
      "import { a } from '../../../engine/src/languageService/parseDocument';",
      "import type { B } from '../../../engine/src/rules/types';",
      "export * from '../../../server/src/x';",
      "import '../../../server/src/sideEffect';",
      "const c = require('../../../server/src/c');",
      "const d = await import('../../../server/src/d');",
      "import { ok } from '../../../shared/src/protocol';",
      "import { near } from '../../../engineering/x';",
      "import * as vscode from 'vscode';",
    ].join('\n');
    assert.deepEqual(serverImports([fake], () => text).map((line) => line.replace(/^.*?: /, '')), [
      '../../../engine/src/languageService/parseDocument',
      '../../../engine/src/rules/types',
      '../../../server/src/x',
      '../../../server/src/sideEffect',
      '../../../server/src/c',
      '../../../server/src/d',
    ]);
  });
});
