import { assertBaseClean, runCases, type RuleCase } from './familyCases';

const IDS = ['path-starts-with-slash', 'path-characters', 'path-template-valid', 'path-variable-no-default', 'path-case-duplicate', 'duplicate-operation-path', 'partial-duplicate-operation-path'];
const getOp = (id: string, path = '{id}') => ({ operationId: id, summary: 's', description: 'd', parameters: path.includes('{') ? [{ name: path.slice(1, -1).split('=')[0], in: 'path', required: true, type: 'string', 'x-ms-url-encoding': 'single' }] : [], responses: { '200': { description: 'OK' } } });

const cases: RuleCase[] = [
  { id: 'path-starts-with-slash', title: 'a path without leading slash', mutate: (d) => void (d.paths['projects'] = { get: getOp('ListProjects', '') }), severity: 'error', line: '"projects"', message: /must start with "\/"; use "\/projects"/ },
  { id: 'path-characters', title: 'a query string in the path', mutate: (d) => void (d.paths['/projects?all=true'] = { get: getOp('ListProjects', '') }), severity: 'error', line: '"/projects?all=true"', message: /contains "\?"/ },
  { id: 'path-template-valid', title: 'an unclosed brace', mutate: (d) => void (d.paths['/projects/{id'] = { get: getOp('GetProject', '') }), severity: 'error', line: '"/projects/{id"', message: /never closed/ },
  { id: 'path-template-valid', title: 'a variable spanning segments', mutate: (d) => void (d.paths['/projects/{a/b}'] = { get: getOp('GetProject', '') }), severity: 'error', line: '"/projects/{a/b}"', message: /spans a "\/"/ },
  { id: 'path-variable-no-default', title: 'a variable with =default', mutate: (d) => void (d.paths['/projects/{id=1}'] = { get: getOp('GetProject', '{id=1}') }), severity: 'error', line: '"/projects/{id=1}"', message: /carries a default; write "\{id\}"/ },
  { id: 'path-case-duplicate', title: 'paths differing by case', mutate: (d) => void (d.paths['/Tasks'] = { get: getOp('ListTasks', '') }), severity: 'error', line: '"/Tasks"', message: /differs only by case from "\/tasks"/ },
  { id: 'duplicate-operation-path', title: 'same route with another variable name', mutate: (d) => void (d.paths['/tasks/{key}'] = { get: getOp('GetTask2', '{key}') }), severity: 'error', line: '"get"', message: /GET "\/tasks\/\{key\}" has the same route as "\/tasks\/\{taskId\}"/ },
  { id: 'partial-duplicate-operation-path', title: 'a static segment overlapping a variable', mutate: (d) => void (d.paths['/tasks/latest'] = { get: getOp('GetLatest', '') }), severity: 'warning', line: '"get"', message: /overlaps/ },
];

describe('rules: paths', () => {
  it('the base connector passes every paths rule', () => assertBaseClean(IDS));
  runCases(cases);
});
