// segmentBeforeLast (engine/src/rules/util/swaggerWalk.ts) answers `node.path[node.path.length - 2]`
// without building the path: checked on every walked node of the corpus, before and after the paths
// are built, and on a property named "properties" whose `items` sits one segment below it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { segmentBeforeLast, walkSwagger } from '../../../engine/src/rules/util/swaggerWalk';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/connectors');

function agree(def: Record<string, unknown>, name: string): number {
  const nodes = walkSwagger(def).nodes;
  const before = nodes.map((n) => segmentBeforeLast(n));
  nodes.forEach((n, i) => {
    const want = n.path[n.path.length - 2];
    assert.equal(before[i], want, `${name}: ${JSON.stringify(n.path)} before its path was built`);
    assert.equal(segmentBeforeLast(n), want, `${name}: ${JSON.stringify(n.path)} after`);
  });
  return nodes.length;
}

describe('walkSwagger: segmentBeforeLast', () => {
  it('a property named "properties", its items, parameters, responses, headers and extensions', () => {
    const def = {
      'x-ms-connector-metadata': [{ propertyName: 'a', propertyValue: 'b' }],
      paths: { '/a': { parameters: [{ in: 'body', name: 'b', schema: { properties: { properties: { type: 'array', items: { type: 'object', properties: { x: {} } } } } } }], get: { responses: { 200: { description: 'x', headers: { h: { type: 'string' } }, schema: { allOf: [{}, { items: {} }] } } } } } },
      definitions: { properties: { properties: { properties: { items: {} } } } },
    };
    assert.ok(agree(def, 'hand') > 10);
    const props = walkSwagger(def).nodes.filter((n) => segmentBeforeLast(n) === 'properties').map((n) => JSON.stringify(n.path));
    assert.ok(props.includes(JSON.stringify(['definitions', 'properties', 'properties', 'properties'])), props.join(' '));
    assert.ok(props.includes(JSON.stringify(['paths', '/a', 'parameters', 0, 'schema', 'properties', 'properties', 'items'])), 'items of a property named "properties"');
  });

  it('equals path[length - 2] on every walked node of the corpus', function () {
    this.timeout(120_000);
    assert.ok(fs.existsSync(CORPUS), `the shared corpus is missing: ${CORPUS}`);
    let nodes = 0;
    let files = 0;
    for (const group of fs.readdirSync(CORPUS)) {
      const g = path.join(CORPUS, group);
      if (!fs.statSync(g).isDirectory()) continue;
      for (const name of fs.readdirSync(g)) {
        const f = path.join(g, name, 'apiDefinition.swagger.json');
        if (!fs.existsSync(f)) continue;
        let def: unknown;
        try {
          def = JSON.parse(fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
        } catch {
          continue; // not strict JSON
        }
        if (typeof def !== 'object' || def === null || Array.isArray(def)) continue;
        nodes += agree(def as Record<string, unknown>, f);
        files++;
      }
    }
    assert.ok(files > 250 && nodes > 100_000, `${files} definitions, ${nodes} nodes`);
  });
});
