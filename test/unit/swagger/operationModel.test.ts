// The one operation parameter model and the one pointer / $ref resolver (shared/src/swagger).
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
// An independent RFC 6901 implementation to check ours against.
import jsonpointer from 'jsonpointer';
import { operationParameters, parameterKey } from '../../../shared/src/swagger/operationModel';
import { followRefs, MAX_REF_HOPS, pathToPointer, pointerToPath, resolveLocalRef } from '../../../shared/src/swagger/pointer';

describe('shared/src/swagger operation model', () => {
  it('operation-level parameters override path-level ones with the same name + in, and only those', () => {
    const pathItem = {
      parameters: [
        { name: 'id', in: 'path', required: true, type: 'string', description: 'path level' },
        { name: 'top', in: 'query', type: 'integer' },
        { name: 'Id', in: 'query', type: 'string' },
      ],
      get: { parameters: [{ name: 'id', in: 'path', required: true, type: 'integer', description: 'operation level' }, { name: 'top', in: 'header', type: 'string' }] },
    };
    const root = { swagger: '2.0', paths: { '/items/{id}': pathItem } };
    const ps = operationParameters(root, '/items/{id}', 'get', pathItem, pathItem.get);
    assert.deepEqual(
      ps.map((p) => [p.level, p.in, p.name, p.pointer]),
      [
        ['path', 'query', 'top', '/paths/~1items~1{id}/parameters/1'],
        // name is case-sensitive: "Id" in query does not override or get overridden by "id" in path.
        ['path', 'query', 'Id', '/paths/~1items~1{id}/parameters/2'],
        ['operation', 'path', 'id', '/paths/~1items~1{id}/get/parameters/0'],
        // same name, other location: no override.
        ['operation', 'header', 'top', '/paths/~1items~1{id}/get/parameters/1'],
      ],
    );
    assert.equal(ps.find((p) => p.in === 'path')?.param.description, 'operation level');
  });

  it('resolves a $ref parameter (with a chain and an escaped key) before applying the override', () => {
    const root = {
      parameters: { 'a/b~c': { name: 'top', in: 'query', type: 'integer', description: 'shared' }, alias: { $ref: '#/parameters/a~1b~0c' } },
      paths: { '/x': { parameters: [{ name: 'top', in: 'query', type: 'string' }], post: { parameters: [{ $ref: '#/parameters/alias' }] } } },
    };
    const item = root.paths['/x'];
    const ps = operationParameters(root, '/x', 'post', item, item.post);
    assert.equal(ps.length, 1);
    assert.equal(ps[0].level, 'operation');
    assert.equal(ps[0].resolved, true);
    assert.equal(ps[0].ref, '#/parameters/alias');
    assert.equal(ps[0].param.description, 'shared');
    assert.equal(ps[0].targetPointer, '/parameters/a~1b~0c');
    assert.equal(ps[0].pointer, '/paths/~1x/post/parameters/0');
  });

  it('a cyclic or dangling $ref ends unresolved after the hop limit and overrides nothing', () => {
    const root = {
      parameters: { a: { $ref: '#/parameters/b' }, b: { $ref: '#/parameters/a' } },
      paths: { '/x': { parameters: [{ name: 'q', in: 'query', type: 'string' }], get: { parameters: [{ $ref: '#/parameters/a' }, { $ref: '#/parameters/missing' }, { $ref: 'other.json#/p' }] } } },
    };
    const item = root.paths['/x'];
    const ps = operationParameters(root, '/x', 'get', item, item.get);
    assert.deepEqual(ps.map((p) => [p.level, p.resolved, p.name]), [['path', true, 'q'], ['operation', false, undefined], ['operation', false, undefined], ['operation', false, undefined]]);
    assert.equal(ps[1].targetPointer, ps[1].pointer);
    assert.equal(followRefs(root, { $ref: '#/parameters/a' }, ''), undefined);
  });

  it('a chain of exactly MAX_REF_HOPS refs resolves and one more does not', () => {
    const make = (n: number) => {
      const defs: Record<string, unknown> = { r0: { name: 'end', in: 'query' } };
      for (let i = 1; i <= n; i++) defs[`r${i}`] = { $ref: `#/parameters/r${i - 1}` };
      return { parameters: defs, start: { $ref: `#/parameters/r${n}` } };
    };
    // `start` -> r(n) -> ... -> r0 is n + 1 hops.
    const ok = make(MAX_REF_HOPS - 1);
    assert.equal((followRefs(ok, ok.start, '')?.value as { name?: string }).name, 'end');
    const long = make(MAX_REF_HOPS);
    assert.equal(followRefs(long, long.start, ''), undefined);
  });

  it('a hostile definition (10 000 parameters, deep cyclic refs) is read in bounded time', () => {
    const params: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) params[`p${i}`] = { $ref: `#/parameters/p${(i + 1) % 1000}` };
    const list = Array.from({ length: 10_000 }, (_, i) => ({ $ref: `#/parameters/p${i % 1000}` }));
    const root = { parameters: params, paths: { '/x': { get: { parameters: list } } } };
    const t = Date.now();
    const ps = operationParameters(root, '/x', 'get', root.paths['/x'], root.paths['/x'].get);
    assert.equal(ps.length, 10_000);
    assert.ok(ps.every((p) => !p.resolved));
    assert.ok(Date.now() - t < 5000, `took ${Date.now() - t} ms`);
  });

  it('non-object pieces are ignored, and entries without name or in have no override key', () => {
    const item = { parameters: [null, 'x', 3, { in: 'query' }], get: { parameters: { not: 'a list' } } };
    const ps = operationParameters({}, '/x', 'get', item, item.get);
    assert.equal(ps.length, 1);
    assert.equal(parameterKey(ps[0]), undefined);
    assert.deepEqual(operationParameters({}, '/x', 'get', null, 'nope'), []);
  });
});

describe('shared/src/swagger pointer', () => {
  const doc = { 'a/b': { 'm~n': [10, { '%25': 'pct', ' ': 'space' }] }, '': 'empty key', proto: {} };

  it('agrees with the jsonpointer package on escaped tokens', () => {
    for (const path of [['a/b', 'm~n', 0], ['a/b', 'm~n', 1, ' '], ['', ], ['proto']] as (string | number)[][]) {
      const pointer = pathToPointer(path);
      assert.deepEqual(resolveLocalRef(doc, '#' + pointer), jsonpointer.get(doc, pointer), pointer);
      assert.deepEqual(pointerToPath(pointer), path.map(String));
    }
  });

  it('does not walk into inherited properties, and rejects remote and malformed refs', () => {
    assert.equal(resolveLocalRef(doc, '#/proto/constructor'), undefined);
    assert.equal(resolveLocalRef(doc, '#/__proto__'), undefined);
    assert.equal(resolveLocalRef(doc, 'other.json#/a'), undefined);
    assert.equal(resolveLocalRef(doc, '#a~1b'), undefined);
    assert.equal(resolveLocalRef(doc, '#'), doc);
    // Percent-encoded tokens as written in URIs; a broken escape is kept as written.
    assert.equal(resolveLocalRef(doc, '#/a~1b/m~0n/1/%2525'), 'pct');
    assert.equal(resolveLocalRef({ '%zz': 1 }, '#/%zz'), 1);
  });
});
