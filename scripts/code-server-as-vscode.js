#!/usr/bin/env node
// Stands in for the desktop VS Code executable that @vscode/test-electron's runTests spawns:
// it reads the desktop-style arguments and runs the suite in code-server + headless chromium
// (test/e2e/runExtensionTests.ts). Exit code: 0 pass, 1 fail, 124 no answer (timeout).
'use strict';
const path = require('node:path');

const opts = { extensionDevelopmentPath: [], disableExtensions: false };
for (const a of process.argv.slice(2)) {
  let m;
  if ((m = /^--extensionTestsPath=(.*)$/.exec(a))) opts.extensionTestsPath = m[1];
  else if ((m = /^--extensionDevelopmentPath=(.*)$/.exec(a))) opts.extensionDevelopmentPath.push(m[1]);
  else if (a === '--disable-extensions') opts.disableExtensions = true;
  else if (!a.startsWith('-')) opts.folder = path.resolve(a); // workspace folder from launchArgs
  // Ignored: --no-sandbox, --user-data-dir=..., --extensions-dir=..., --skip-welcome, ... (each run gets fresh dirs).
}
if (!opts.extensionTestsPath || opts.extensionDevelopmentPath.length === 0) {
  console.error('usage: code-server-as-vscode.js --extensionDevelopmentPath=DIR --extensionTestsPath=DIR [folder]');
  process.exit(2);
}

// The harness is TypeScript; tsx compiles it on the fly (the project runs its tests with tsx too).
require('tsx/cjs/api').register();
const { runExtensionTests, writeResultFile } = require('../test/e2e/runExtensionTests.ts');

// Ctrl+C reaches us from the terminal and again from runTests: runExtensionTests handles it
// (stops code-server, removes its dirs); these no-ops keep a late signal from killing us meanwhile.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);

runExtensionTests(opts).then(
  (result) => {
    writeResultFile(result);
    console.log(`[harness] suite ${path.basename(opts.extensionTestsPath)}: exit ${result.code} in ${(result.ms / 1000).toFixed(1)} s`);
    process.exit(result.code);
  },
  (err) => {
    console.error('[harness] could not run the suite:', err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
