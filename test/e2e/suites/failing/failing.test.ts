// Harness self-test: this suite must fail. scripts/test-e2e.mjs expects a non-zero exit from it,
// which proves that a failing in-editor test really fails the e2e tier (no vacuous passes).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('harness self-test (expected to fail)', () => {
  it('runs inside the extension host', () => {
    assert.equal(typeof vscode.version, 'string');
  });

  it('fails on purpose', () => {
    assert.equal(vscode.workspace.workspaceFolders?.length ?? 0, 42, 'this failure is expected');
  });
});
