// The one definition discovery (shared/src/lifecycle/connectorFolder.ts) and its users.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { definitionFileName, findDefinition, isDefinitionName } from '../../../shared/src/lifecycle/connectorFolder';
import { connectorPathsFor } from '../../../server/src/languageService/connectorFolder';
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
