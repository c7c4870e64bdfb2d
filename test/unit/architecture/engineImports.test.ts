// One pure engine: nothing under engine/src may import the editor (`vscode`), the language server
// library (`vscode-languageserver`, `vscode-languageclient`), node's file system, or a host
// (server/, client/, cli/, engine/node/). Files reach the engine through its FileAccess interface
// (engine/src/languageService/fileAccess.ts), which the hosts implement.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../ruleTestKit';
import { importSpecifiers, sourceFiles } from './importScan';

const ENGINE = path.join(REPO_ROOT, 'engine', 'src');
const FORBIDDEN_PACKAGES = /^(vscode|vscode-languageserver|vscode-languageserver\/.*|vscode-languageserver-protocol(\/.*)?|vscode-languageclient(\/.*)?|(node:)?fs(\/.*)?|graceful-fs|fs-extra)$/;
const FORBIDDEN_FOLDERS = ['server', 'client', 'cli', path.join('engine', 'node')].map((d) => path.join(REPO_ROOT, d));

/** `file: specifier` for every forbidden import in the given engine files. */
export function forbiddenEngineImports(files: string[], read: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): string[] {
  const bad: string[] = [];
  for (const file of files) {
    for (const spec of importSpecifiers(read(file))) {
      const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : undefined;
      const hostFolder = target && FORBIDDEN_FOLDERS.some((dir) => target === dir || target.startsWith(dir + path.sep));
      if (FORBIDDEN_PACKAGES.test(spec) || hostFolder) bad.push(`${path.relative(REPO_ROOT, file)}: ${spec}`);
    }
  }
  return bad;
}

describe('architecture: one pure engine', () => {
  it('no file under engine/src imports vscode, vscode-languageserver, node fs or a host', () => {
    const files = sourceFiles(ENGINE);
    assert.ok(files.length > 50, `expected the engine sources under ${ENGINE}, found ${files.length} files`);
    assert.deepEqual(forbiddenEngineImports(files), [], 'engine files import an editor, a file system or a host; take a FileAccess from the host instead');
  });

  it('no file under shared/src imports the engine, a host or an editor library (shared is the layer below them all)', () => {
    const shared = path.join(REPO_ROOT, 'shared', 'src');
    const files = sourceFiles(shared);
    assert.ok(files.length > 20, `expected the shared sources under ${shared}, found ${files.length} files`);
    const above = ['engine', 'server', 'client', 'cli'].map((d) => path.join(REPO_ROOT, d));
    const bad = files.flatMap((file) => importSpecifiers(fs.readFileSync(file, 'utf8'))
      .filter((spec) => /^(vscode|vscode-languageserver(\/.*)?|vscode-languageclient(\/.*)?)$/.test(spec)
        || (spec.startsWith('.') && above.some((dir) => path.resolve(path.dirname(file), spec).startsWith(dir + path.sep))))
      .map((spec) => `${path.relative(REPO_ROOT, file)}: ${spec}`));
    assert.deepEqual(bad, [], 'shared files import a layer above them');
  });

  it('the scan sees every forbidden form (so the check above can fail)', () => {
    const fake = path.join(ENGINE, 'rules', 'x.ts');
    const text = [
      "import * as fs from 'node:fs';",
      "import { readFileSync } from 'fs';",
      "const p = require('fs/promises');",
      "import * as vscode from 'vscode';",
      "import { Connection } from 'vscode-languageserver/node';",
      "import type { Diagnostic } from 'vscode-languageserver';",
      "import { x } from '../../../server/src/handlers/features';",
      "const d = await import('../../node/diskFileAccess');",
      "import { y } from '../../../client/src/extension';",
      // Allowed: pure libraries, node:path, shared/, the engine itself.
      "import * as path from 'node:path';",
      "import { TextDocument } from 'vscode-languageserver-textdocument';",
      "import { URI } from 'vscode-uri';",
      "import { a } from '../../../shared/src/swagger/pointer';",
      "import { b } from '../languageService/parseDocument';",
      "import { c } from 'fsm-lite';",
    ].join('\n');
    assert.deepEqual(forbiddenEngineImports([fake], () => text).map((line) => line.replace(/^.*?: /, '')).sort(), [
      'node:fs', 'fs', 'fs/promises', 'vscode', 'vscode-languageserver/node', 'vscode-languageserver',
      '../../../server/src/handlers/features', '../../node/diskFileAccess', '../../../client/src/extension',
    ].sort());
  });
});
