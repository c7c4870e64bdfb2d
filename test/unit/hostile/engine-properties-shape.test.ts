// Issue 17 item 8: wrong JSON types in apiProperties.json raised no error though the platform
// cannot import them: connectionParameters as an array, policyTemplateInstances as an object,
// null entries, capabilities null.
import * as assert from 'node:assert/strict';
import { validateConnector } from '../../../engine/src/languageService/validateConnector';
import { SMALL_PROPERTIES, smallDefinition } from './engine-fixtures';

function propertiesErrors(properties: Record<string, unknown>) {
  const props = { properties: { ...SMALL_PROPERTIES.properties, ...properties } };
  const text = JSON.stringify(props, null, 4);
  const results = validateConnector({ definition: { uri: '/x/apiDefinition.swagger.json', text: JSON.stringify(smallDefinition(), null, 4) }, properties: { uri: '/x/apiProperties.json', text } });
  const d = results.find((r) => r.kind === 'properties')!.diagnostics.filter((x) => x.severity === 'error');
  const lines = text.split('\n');
  return d.map((x) => ({ ruleId: x.ruleId, message: x.message, line: lines[x.range.start.line].trim() }));
}

describe('hostile engine input: apiProperties.json key types', () => {
  it('the clean base has no errors', () => {
    assert.deepEqual(propertiesErrors({}), []);
  });

  it('connectionParameters: [] is an error', () => {
    const e = propertiesErrors({ connectionParameters: [] });
    assert.equal(e.length, 1);
    assert.equal(e[0].ruleId, 'props-root-shape');
    assert.match(e[0].message, /"connectionParameters" must be an object, not an array/);
    assert.match(e[0].line, /"connectionParameters": \[\]/);
  });

  it('policyTemplateInstances: {"a":1} is an error', () => {
    const e = propertiesErrors({ policyTemplateInstances: { a: 1 } });
    assert.deepEqual(e.map((x) => x.ruleId), ['props-root-shape']);
    assert.match(e[0].message, /"policyTemplateInstances" must be an array, not an object/);
  });

  it('capabilities: null is an error, and so is a null capability', () => {
    assert.match(propertiesErrors({ capabilities: null })[0]?.message ?? '', /"capabilities" must be an array, not null/);
    const e = propertiesErrors({ capabilities: ['actions', null] });
    assert.deepEqual(e.map((x) => x.ruleId), ['props-root-shape']);
    assert.match(e[0].message, /Entry 1 of "capabilities" must be a string, not null/);
  });

  it('null items: a null policy instance, a null connection parameter, a null parameter set', () => {
    assert.match(propertiesErrors({ policyTemplateInstances: [null] })[0]?.message ?? '', /Entry 0 of "policyTemplateInstances" must be an object, not null/);
    const cp = propertiesErrors({ connectionParameters: { api_key: null } });
    assert.ok(cp.some((x) => x.ruleId === 'connection-parameter-type' && /must be an object/.test(x.message)), JSON.stringify(cp));
    const sets = propertiesErrors({ connectionParameterSets: { uiDefinition: {}, values: [null] } });
    assert.ok(sets.some((x) => x.ruleId === 'props-root-shape' && /Entry 0 of "connectionParameterSets.values" must be an object, not null/.test(x.message)), JSON.stringify(sets));
  });
});
