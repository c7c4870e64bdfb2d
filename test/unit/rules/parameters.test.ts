import { assertBaseClean, runCases, type RuleCase } from './familyCases';

const IDS = ['parameter-basics', 'path-param-declared', 'path-param-in-template', 'path-param-required', 'parameters-unique', 'single-body-parameter', 'body-and-formdata', 'body-schema-required', 'parameter-keywords-by-location', 'formdata-name-ascii', 'parameter-description-required'];
const getParams = (d: Record<string, any>) => d.paths['/tasks/{taskId}'].get.parameters as Record<string, unknown>[];
const postParams = (d: Record<string, any>) => d.paths['/tasks'].post.parameters as Record<string, unknown>[];

const cases: RuleCase[] = [
  { id: 'parameter-basics', title: 'no "in"', mutate: (d) => void getParams(d).push({ name: 'q', type: 'string', description: 'x' }), severity: 'error', line: '{', message: /has no "in"/ },
  { id: 'parameter-basics', title: 'bad "in" value', mutate: (d) => void getParams(d).push({ name: 'q', in: 'cookie', type: 'string', description: 'x' }), severity: 'error', line: '"in": "cookie"', message: /"in": "cookie"; use one of/ },
  { id: 'parameter-basics', title: 'query parameter without type', mutate: (d) => void getParams(d).push({ name: 'q', in: 'query', description: 'x' }), severity: 'error', line: '{', message: /"q" \(in query\) has no "type"/ },
  { id: 'path-param-declared', title: 'template variable without parameter', mutate: (d) => void (getParams(d).length = 0), severity: 'error', line: '"parameters"', message: /path variable "\{taskId\}" has no matching parameter/ },
  { id: 'path-param-declared', title: 'declared at path-item level counts', mutate: (d) => { d.paths['/tasks/{taskId}'].parameters = getParams(d).splice(0); d.paths['/tasks/{taskId}'].parameters[0].name = 'other'; }, severity: 'error', line: '"parameters"', message: /"\{taskId\}"/ },
  { id: 'path-param-in-template', title: 'path parameter absent from the template', mutate: (d) => void postParams(d).push({ name: 'projectId', in: 'path', required: true, type: 'string', description: 'x' }), severity: 'error', line: '{', message: /Path parameter "projectId" is not in the path template "\/tasks"/ },
  { id: 'path-param-required', title: 'path parameter not required', mutate: (d) => void (getParams(d)[0].required = false), severity: 'error', line: '"required": false', message: /"taskId" must have "required": true/ },
  { id: 'path-param-required', title: 'required missing on a shared #/parameters definition is reported there', mutate: (d) => { d.parameters = { taskId: { ...getParams(d)[0] } }; delete d.parameters.taskId.required; getParams(d)[0] = { $ref: '#/parameters/taskId' }; }, severity: 'error', line: '"taskId": {', message: /"taskId" must have/ },
  { id: 'parameters-unique', title: 'the same parameter twice', mutate: (d) => void getParams(d).push({ ...getParams(d)[0] }), severity: 'error', line: '{', message: /"taskId" \(in path\) is listed twice/ },
  { id: 'single-body-parameter', title: 'two body parameters', mutate: (d) => void postParams(d).push({ name: 'extra', in: 'body', description: 'x', schema: { type: 'object' } }), severity: 'error', line: '{', message: /Second body parameter "extra"/ },
  { id: 'body-and-formdata', title: 'body mixed with formData', mutate: (d) => void postParams(d).push({ name: 'file', in: 'formData', type: 'file', description: 'x' }), severity: 'error', line: '{', message: /mixes a body parameter \("body"\) with formData parameter "file"/ },
  { id: 'body-schema-required', title: 'body without schema', mutate: (d) => void delete postParams(d)[0].schema, severity: 'error', line: '{', message: /no "schema"/ },
  { id: 'parameter-keywords-by-location', title: 'body with type', mutate: (d) => void (postParams(d)[0].type = 'object'), severity: 'error', line: '"type": "object"', message: /uses "type"/ },
  { id: 'parameter-keywords-by-location', title: 'query with schema', mutate: (d) => void getParams(d).push({ name: 'q', in: 'query', type: 'string', description: 'x', schema: { type: 'string' } }), severity: 'error', line: '"schema"', message: /only body parameters use "schema"/ },
  { id: 'formdata-name-ascii', title: 'non-ASCII formData name', mutate: (d) => { d.paths['/upload'] = { post: { operationId: 'Upload', summary: 'Upload', description: 'Upload.', consumes: ['multipart/form-data'], parameters: [{ name: 'fichier-é', in: 'formData', type: 'file', description: 'x' }], responses: { '200': { description: 'OK' } } } }; }, severity: 'error', line: 'fichier', message: /non-ASCII/ },
  { id: 'parameter-description-required', title: 'missing description is info by default', mutate: (d) => void delete getParams(d)[0].description, severity: 'info', line: '{', message: /^The 'description' property is required\. Parameter "taskId" of GET \/tasks\/\{taskId\} has no description/ },
  { id: 'parameter-description-required', title: 'missing description is an error in certification', mutate: (d) => void delete getParams(d)[0].description, severity: 'error', profile: 'certification', line: '{', message: /^The 'description' property is required\. Parameter "taskId"/ },
];

describe('rules: parameters', () => {
  it('the base connector passes every parameters rule (default and certification)', () => {
    assertBaseClean(IDS);
    assertBaseClean(IDS, 'certification');
  });
  runCases(cases);
});
