// The one definition discovery (shared/src/lifecycle/connectorFolder.ts) and its users.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { definitionFileName, findDefinition, isDefinitionName } from '../../../shared/src/lifecycle/connectorFolder';
import { connectorPathsFor } from '../../../engine/src/languageService/connectorFolder';
import { planPackage } from '../../../shared/src/lifecycle/packager';

describe('definition discovery (one for the server, the packager, readiness and the client)', () => {
  it('prefers the standard names, JSON first, over any other definition name', () => {
    assert.equal(definitionFileName(['x.swagger.json', 'apiDefinition.swagger.yaml', 'apiProperties.json']), 'apiDefinition.swagger.yaml');
    assert.equal(definitionFileName(['apiDefinition.swagger.yml', 'apiDefinition.swagger.json']), 'apiDefinition.swagger.json');
  });

  it('takes the only other definition name, and none when several make it ambiguous', () => {
    assert.equal(definitionFileName(['apiProperties.json', 'apiDefinition.yaml']), 'apiDefinition.yaml');
    assert.equal(definitionFileName(['my.swagger.json', 'apiProperties.json']), 'my.swagger.json');
    assert.equal(definitionFileName(['a.swagger.json', 'b.swagger.yaml']), undefined);
    assert.equal(definitionFileName(['apiProperties.json', 'openapi.json', 'swagger.json']), undefined);
    assert.equal(isDefinitionName('/x/API.SWAGGER.JSON'), true);
    assert.equal(isDefinitionName('apiProperties.json'), false);
  });

  it('findDefinition, connectorPathsFor and planPackage agree on the same folder', () => {
    const folder = path.join('/tmp', 'c');
    const names = ['apiProperties.json', 'only.swagger.yaml'];
    assert.equal(findDefinition(folder, names), path.join(folder, 'only.swagger.yaml'));
    assert.equal(connectorPathsFor(path.join(folder, 'apiProperties.json'), { list: () => names }).definition, path.join(folder, 'only.swagger.yaml'));
    const files = new Map([['apiProperties.json', Buffer.from('{"properties":{}}')], ['a.swagger.json', Buffer.from('{}')], ['b.swagger.json', Buffer.from('{}')]]);
    const plan = planPackage({ folderName: 'c', files });
    assert.ok(plan.problems.some((p) => p.severity === 'error' && /no apiDefinition/.test(p.message)), JSON.stringify(plan.problems));
  });
});

describe('CLI arguments: a properties file stands for its definition (the one discovery)', () => {
  it('finds a YAML definition next to apiProperties.json, and keeps the properties file when there is none', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const { findDefinitions } = await import('../../../cli/src/findConnectorFiles');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-discovery-'));
    try {
      const props = path.join(dir, 'apiProperties.json');
      fs.writeFileSync(props, '{"properties":{}}');
      assert.deepEqual(findDefinitions([props]).files, [props]);
      fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.yaml'), 'swagger: "2.0"\n');
      assert.deepEqual(findDefinitions([props]).files, [path.join(dir, 'apiDefinition.swagger.yaml')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
