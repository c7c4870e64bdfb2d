// `npm start` and `npm test` run their scripts before they have installed anything on a fresh clone:
// the static import graph of scripts/start.mjs and scripts/test.mjs may hold only node built-ins
// and other scripts. A package (the MCP SDK once) is imported dynamically, after the install.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../ruleTestKit';

/** Static imports and re-exports only (a dynamic import() runs later, after the install). */
export function staticSpecifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) out.push((m[1] ?? m[2])!);
  return out;
}

/** Packages reached through static imports from `entry`, following relative imports. */
export function packagesBeforeInstall(entry: string, read: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): string[] {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticSpecifiers(read(file))) {
      if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(`${path.relative(REPO_ROOT, file)}: ${spec}`);
    }
  }
  return [...packages];
}

describe('architecture: the start and test scripts run before the install', () => {
  for (const script of ['scripts/start.mjs', 'scripts/test.mjs']) {
    it(`${script} imports only node built-ins and scripts statically`, () => {
      const entry = path.join(REPO_ROOT, script);
      assert.ok(fs.existsSync(entry), `${entry} is missing`);
      assert.deepEqual(packagesBeforeInstall(entry), [], 'a package imported before `npm ci` ran breaks npm start/test on a fresh clone: import it dynamically after the install');
    });
  }

  it('the scan follows relative imports and ignores dynamic ones (so the check above can fail)', () => {
    const files: Record<string, string> = {
      '/r/a.mjs': "import * as fs from 'node:fs';\nimport { b } from './b.mjs';\nconst later = await import('late-package');",
      '/r/b.mjs': "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nexport { x } from 'yaml';",
    };
    assert.deepEqual(packagesBeforeInstall('/r/a.mjs', (f) => files[f]!).map((l) => l.replace(/^.*: /, '')).sort(), ['@modelcontextprotocol/sdk/server/mcp.js', 'yaml']);
  });
});
