import * as assert from 'node:assert/strict';
import { baseDefinition, only, validate } from '../ruleTestKit';
import { assertBaseClean, runCases, type RuleCase } from './familyCases';

const IDS = ['operation-id-required', 'operation-id-unique', 'operation-id-case-duplicate', 'operation-id-sanitized', 'operation-id-too-long', 'operation-summary-required', 'operation-description-required', 'path-item-empty', 'get-no-body', 'parameter-name-reserved'];

const cases: RuleCase[] = [
  { id: 'operation-id-required', title: 'missing operationId is reported on the method key', mutate: (d) => void delete d.paths['/tasks'].post.operationId, severity: 'error', line: '"post"', message: /POST \/tasks has no operationId/ },
  { id: 'operation-id-required', title: 'empty operationId is reported on the value', mutate: (d) => void (d.paths['/tasks'].post.operationId = ' '), severity: 'error', line: '"operationId": " "', message: /empty or non-string/ },
  { id: 'operation-id-unique', title: 'second use of an id is reported at its value', mutate: (d) => void (d.paths['/tasks'].post.operationId = 'GetTask'), severity: 'error', line: '"operationId": "GetTask"', message: /"GetTask" is already used by GET \/tasks\/\{taskId\}/ },
  { id: 'operation-id-case-duplicate', title: 'ids differing only by case are a warning', mutate: (d) => void (d.paths['/tasks'].post.operationId = 'gettask'), severity: 'warning', line: '"gettask"', message: /differs only by case from "GetTask"/ },
  { id: 'operation-id-sanitized', title: 'hyphens and dots in an id', mutate: (d) => void (d.paths['/tasks'].post.operationId = 'create-task.v2'), severity: 'warning', line: 'create-task.v2', message: /"create_task_v2"/ },
  { id: 'operation-id-too-long', title: 'an id over the limit', mutate: (d) => void (d.paths['/tasks'].post.operationId = 'A'.repeat(129)), severity: 'error', line: 'AAAA', message: /129 characters long; keep it at most 128/ },
  { id: 'operation-summary-required', title: 'missing summary is a warning by default', mutate: (d) => void delete d.paths['/tasks'].post.summary, severity: 'warning', line: '"post"', message: /has no summary/ },
  { id: 'operation-summary-required', title: 'empty summary is an error under certification', mutate: (d) => void (d.paths['/tasks'].post.summary = ''), severity: 'error', profile: 'certification', line: '"summary": ""', message: /empty summary/ },
  { id: 'operation-description-required', title: 'missing description', mutate: (d) => void delete d.paths['/tasks'].post.description, severity: 'warning', line: '"post"', message: /has no description/ },
  { id: 'path-item-empty', title: 'a path without verbs', mutate: (d) => void (d.paths['/empty'] = { parameters: [] }), severity: 'warning', line: '"/empty"', message: /"\/empty" defines no operation/ },
  { id: 'get-no-body', title: 'a GET with a body parameter', mutate: (d) => void d.paths['/tasks/{taskId}'].get.parameters.push({ name: 'filter', in: 'body', schema: { type: 'object' } }), severity: 'warning', line: '{', message: /GET \/tasks\/\{taskId\} has a body parameter "filter"/ },
  { id: 'get-no-body', title: 'a body parameter inherited from the path item (via $ref)', mutate: (d) => { d.parameters = { q: { name: 'q', in: 'formData', type: 'string' } }; d.paths['/tasks/{taskId}'].parameters = [{ $ref: '#/parameters/q' }]; }, severity: 'warning', line: '{', message: /formData parameter "q"/ },
  { id: 'parameter-name-reserved', title: 'a parameter named connectionId', mutate: (d) => void d.paths['/tasks/{taskId}'].get.parameters.push({ name: 'ConnectionId', in: 'query', type: 'string' }), severity: 'error', line: '"ConnectionId"', message: /"ConnectionId" is reserved/ },
];

describe('rules: operations', () => {
  it('the base connector passes every operations rule (default and certification)', () => {
    assertBaseClean(IDS);
    assertBaseClean(IDS, 'certification');
  });
  runCases(cases);
  it('operation-id-unique: three uses give two findings and no case warning', () => {
    const def = baseDefinition();
    def.paths['/tasks'].post.operationId = 'GetTask';
    def.paths['/tasks'].put = { ...def.paths['/tasks'].post };
    const r = validate({ definition: def });
    assert.equal(only(r.all, 'operation-id-unique').length, 2);
    assert.equal(only(r.all, 'operation-id-case-duplicate').length, 0);
  });
  it('never throws on odd shapes', () => {
    const def = baseDefinition();
    def.paths['/tasks'].post = { operationId: 5, parameters: 'x', responses: null };
    def.paths['/odd'] = 7;
    def.paths['/tasks/{taskId}'].parameters = [null, 1, { $ref: '#/parameters/nope' }];
    validate({ definition: def });
  });
});
