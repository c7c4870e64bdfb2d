// The one tolerant loader of connector files (shared/src/swagger/load.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { loadConnectorText, loadConnectorValue, MAX_LOAD_CHARS } from '../../../shared/src/swagger/load';

describe('shared/src/swagger/load', () => {
  it('reads JSON with a BOM, comments and trailing commas; a broken file yields what it has', () => {
    assert.deepEqual(loadConnectorValue('\uFEFF{ "swagger": "2.0", // c\n "paths": {}, }', 'apiDefinition.swagger.json'), { swagger: '2.0', paths: {} });
    assert.deepEqual(loadConnectorValue('{ "a": 1, "b": ', 'x.json'), { a: 1 });
    assert.equal(loadConnectorValue(undefined, 'x.json'), undefined);
  });

  it('reads YAML by file name, and reports a YAML error instead of throwing', () => {
    assert.deepEqual(loadConnectorValue('swagger: "2.0"\npaths:\n  /a: {}\n', 'apiDefinition.swagger.yaml'), { swagger: '2.0', paths: { '/a': {} } });
    const bad = loadConnectorText('a: [1, 2\nb: }', 'x.yml');
    assert.equal(bad.ok, false);
  });

  it('hostile: an alias bomb and an oversized text are refused quickly', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const t = Date.now();
    const r = loadConnectorText(lines.join('\n'), 'bomb.yaml');
    assert.equal(r.ok, false);
    assert.ok(Date.now() - t < 2000, `took ${Date.now() - t} ms`);
    const big = loadConnectorText(' '.repeat(MAX_LOAD_CHARS + 1), 'big.json');
    assert.equal(big.ok, false);
  });
});
