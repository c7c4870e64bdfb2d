import * as assert from 'node:assert/strict';
import { baseDefinition, only, validate } from '../ruleTestKit';
import { assertBaseClean, runCases, type RuleCase } from './familyCases';

const IDS = ['operation-responses-required', 'operation-responses-empty', 'operation-success-response', 'response-code-valid', 'response-description-required', 'default-response-no-schema', 'operation-multiple-response-schemas', 'response-headers-unique', 'response-example-mime', 'response-schema-not-empty'];
const getResponses = (d: Record<string, any>) => d.paths['/tasks/{taskId}'].get.responses as Record<string, any>;

const cases: RuleCase[] = [
  { id: 'operation-responses-empty', title: 'empty responses (accepted by Microsoft: warning)', mutate: (d) => void (d.paths['/tasks/{taskId}'].get.responses = {}), severity: 'warning', line: '"responses"', message: /GET \/tasks\/\{taskId\} lists no response/ },
  { id: 'operation-responses-required', title: 'no responses member', mutate: (d) => void delete d.paths['/tasks/{taskId}'].get.responses, severity: 'error', line: '"get"', message: /has no "responses" object/ },
  { id: 'operation-success-response', title: 'only an error response', mutate: (d) => void (d.paths['/tasks/{taskId}'].get.responses = { '404': { description: 'Not found' } }), severity: 'warning', line: '"responses"', message: /no 2xx response \(only 404\)/ },
  { id: 'response-code-valid', title: 'a non-numeric code', mutate: (d) => void (getResponses(d)['ok'] = { description: 'OK' }), severity: 'error', line: '"ok"', message: /"ok" .* is not a three-digit HTTP status code/ },
  { id: 'response-description-required', title: 'a response without description', mutate: (d) => void delete getResponses(d)['200'].description, severity: 'error', line: '"200"', message: /Response "200" of GET .* has no description/ },
  { id: 'default-response-no-schema', title: 'default response with a schema', mutate: (d) => void (getResponses(d).default = { description: 'Error', schema: { type: 'object', properties: { m: { type: 'string' } } } }), severity: 'warning', line: '"schema"', message: /^The 'default' response should not have schema definition\. .*GET \/tasks\/\{taskId\}'s default response/ },
  { id: 'operation-multiple-response-schemas', title: 'two success schemas', mutate: (d) => void (getResponses(d)['202'] = { description: 'Accepted', schema: { $ref: '#/definitions/Task' } }), severity: 'warning', line: '"202"', message: /200, 202/ },
  { id: 'response-headers-unique', title: 'headers differing by case', mutate: (d) => void (getResponses(d)['200'].headers = { 'X-Total': { type: 'integer' }, 'x-total': { type: 'integer' } }), severity: 'error', line: '"x-total"', message: /"x-total" repeats "X-Total"/ },
  { id: 'response-example-mime', title: 'example for a type not produced', mutate: (d) => void (getResponses(d)['200'].examples = { 'text/xml': '<a/>' }), severity: 'error', line: '"text/xml"', message: /"text\/xml" is not produced/ },
  { id: 'response-schema-not-empty', title: 'empty object schema (certification)', mutate: (d) => void (getResponses(d)['200'].schema = { type: 'object' }), severity: 'warning', profile: 'certification', line: '"schema"', message: /empty schema/ },
];

describe('rules: responses', () => {
  it('the base connector passes every responses rule (default and certification)', () => {
    assertBaseClean(IDS);
    assertBaseClean(IDS, 'certification');
  });
  runCases(cases);
});


describe('rules: responses (shared responses)', () => {
  it('a shared response without description is reported once, at its definition', () => {
    const def = baseDefinition();
    def.responses = { NotFound: { schema: { type: 'string' } } };
    def.paths['/tasks/{taskId}'].get.responses['404'] = { $ref: '#/responses/NotFound' };
    def.paths['/tasks'].post.responses['404'] = { $ref: '#/responses/NotFound' };
    const found = only(validate({ definition: def }).definition, 'response-description-required');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /Shared response "NotFound"/);
    const line = JSON.stringify(def, null, 4).split('\n')[found[0].range.start.line];
    assert.ok(line.includes('"NotFound"'), line);
  });
});
