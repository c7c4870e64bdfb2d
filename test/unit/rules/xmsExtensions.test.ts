import * as assert from 'node:assert/strict';
import { CATALOGUE } from '../../../engine/src/rules/catalogue';
import { editDistance, suggestExtension } from '../../../engine/src/rules/xmsExtensionsMetadata';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';
import { assertBaseClean, runCases, type RuleCase } from './familyCases';

type D = Record<string, any>;
const getOp = (d: D) => d.paths['/tasks/{taskId}'].get;
const postOp = (d: D) => d.paths['/tasks'].post;
const taskParam = (d: D) => getOp(d).parameters[0];
const metadata = () => [
  { propertyName: 'Website', propertyValue: 'https://contoso.com' },
  { propertyName: 'Privacy policy', propertyValue: 'https://contoso.com/privacy' },
  { propertyName: 'Categories', propertyValue: 'Productivity;Collaboration' },
];
/** A webhook trigger on /hooks with notification content; tests break one part. */
const addWebhook = (d: D) => {
  d.paths['/hooks'] = {
    'x-ms-notification-content': { description: 'Event', schema: { type: 'object', properties: { id: { type: 'string' } } } },
    post: {
      operationId: 'OnTaskCreated', summary: 'When a task is created', description: 'Fires when a task is created.', 'x-ms-trigger': 'single',
      parameters: [{ name: 'body', in: 'body', required: true, 'x-ms-summary': 'Subscription', description: 'Subscription.', schema: { type: 'object', required: ['url'], properties: { url: { type: 'string', 'x-ms-notification-url': true, 'x-ms-visibility': 'internal', 'x-ms-summary': 'URL', description: 'Callback.' } } } }],
      responses: { '201': { description: 'Created' } },
    },
  };
  return d.paths['/hooks'];
};
const hookUrl = (d: D) => d.paths['/hooks'].post.parameters[0].schema.properties.url;

const IDS = CATALOGUE.filter((e) => e.family.startsWith('4.')).map((e) => e.id);

const cases: RuleCase[] = [
  // x-ms-summary
  { id: 'x-ms-summary-shape', title: 'on an operation', mutate: (d) => void (getOp(d)['x-ms-summary'] = 'Get task'), severity: 'warning', line: '"x-ms-summary": "Get task"', message: /put the action name in "summary"/ },
  { id: 'x-ms-summary-shape', title: 'not a string', mutate: (d) => void (taskParam(d)['x-ms-summary'] = 3), severity: 'warning', line: '"x-ms-summary": 3', message: /must be a string/ },
  { id: 'x-ms-summary-required', title: 'parameter without display name is info', mutate: (d) => void delete taskParam(d)['x-ms-summary'], severity: 'info', line: '{', message: /^The 'x-ms-summary' property is required\. Parameter "taskId" of GET \/tasks\/\{taskId\} has no display name; add "x-ms-summary": "Task Id"/ },
  { id: 'x-ms-summary-required', title: 'visible parameter without display name is an error in certification', mutate: (d) => void delete taskParam(d)['x-ms-summary'], severity: 'error', profile: 'certification', line: '{', message: /^The 'x-ms-summary' property is required\./ },
  { id: 'x-ms-summary-property', title: 'request body property in certification (advice)', mutate: (d) => void delete d.definitions.Task.properties.title['x-ms-summary'], severity: 'info', profile: 'certification', line: '"title": {', message: /Property "title" of a request body/ },
  { id: 'x-ms-summary-length', title: 'over 80 characters', mutate: (d) => void (taskParam(d)['x-ms-summary'] = 'x'.repeat(81)), severity: 'warning', line: 'xxxx', message: /81 characters/ },
  // x-ms-visibility
  { id: 'x-ms-visibility-value', title: '"hidden" is not a value', mutate: (d) => void (taskParam(d)['x-ms-visibility'] = 'hidden'), severity: 'warning', line: '"x-ms-visibility": "hidden"', message: /"hidden" is not a recognized value/ },
  { id: 'internal-required-needs-default', title: '"Internal" counts as internal (the platform ignores case)', mutate: (d) => void (taskParam(d)['x-ms-visibility'] = 'Internal'), severity: 'warning', line: '"x-ms-visibility": "Internal"', message: /"taskId" is internal and required/ },
  { id: 'internal-required-needs-default', title: 'internal required parameter without default', mutate: (d) => void (taskParam(d)['x-ms-visibility'] = 'internal'), severity: 'warning', line: '"x-ms-visibility": "internal"', message: /"taskId" is internal and required but has no "default"/ },
  { id: 'internal-default-must-be-required', title: 'optional internal parameter with default', mutate: (d) => void getOp(d).parameters.push({ name: 'v', in: 'query', type: 'string', default: '2', 'x-ms-visibility': 'internal', 'x-ms-summary': 'V', description: 'Version.' }), severity: 'warning', line: '"x-ms-visibility": "internal"', message: /Add "required": true/ },
  // x-ms-api-annotation
  { id: 'api-annotation-shape', title: 'unknown key', mutate: (d) => void (getOp(d)['x-ms-api-annotation'] = { family: 'GetTask', revision: 1, owner: 'me' }), severity: 'warning', line: '"owner"', message: /does not allow "owner"/ },
  { id: 'api-annotation-shape', title: 'revision 0', mutate: (d) => void (getOp(d)['x-ms-api-annotation'] = { family: 'GetTask', revision: 0 }), severity: 'warning', line: '"revision": 0', message: /at least 1/ },
  { id: 'api-annotation-replacement', title: 'replacement on a live operation', mutate: (d) => void (getOp(d)['x-ms-api-annotation'] = { family: 'GetTask', revision: 1, replacement: { api: 'tasks', operationId: 'GetTask_V2' } }), severity: 'error', line: '"replacement"', message: /not marked "deprecated": true/ },
  { id: 'operation-family-duplicate-revision', title: 'two revision 1', mutate: (d) => { getOp(d)['x-ms-api-annotation'] = { family: 'Task', revision: 1 }; postOp(d)['x-ms-api-annotation'] = { family: 'Task', revision: 1 }; }, severity: 'error', line: '"revision": 1', message: /already has revision 1/ },
  { id: 'operation-family-active-limit', title: 'three active operations', mutate: (d) => { getOp(d)['x-ms-api-annotation'] = { family: 'T', revision: 1 }; postOp(d)['x-ms-api-annotation'] = { family: 'T', revision: 2 }; d.paths['/tasks'].put = { ...postOp(d), operationId: 'PutTask_V3', 'x-ms-api-annotation': { family: 'T', revision: 3 } }; }, severity: 'error', line: '"x-ms-api-annotation"', message: /3 operations that are not deprecated/ },
  { id: 'operation-family-production-limit', title: 'two active Production operations', mutate: (d) => { getOp(d)['x-ms-api-annotation'] = { family: 'T', revision: 1, status: 'Production' }; postOp(d).operationId = 'CreateTask_V2'; postOp(d)['x-ms-api-annotation'] = { family: 'T', revision: 2, status: 'Production' }; }, severity: 'warning', line: '"x-ms-api-annotation"', message: /several active Production/ },
  { id: 'operation-family-empty-revision', title: 'two without revision', mutate: (d) => { getOp(d)['x-ms-api-annotation'] = { family: 'T' }; postOp(d)['x-ms-api-annotation'] = { family: 'T' }; }, severity: 'error', line: '"x-ms-api-annotation"', message: /2 operations without a revision/ },
  { id: 'operation-revision-missing', title: 'family without revision', mutate: (d) => void (getOp(d)['x-ms-api-annotation'] = { family: 'T' }), severity: 'warning', line: '"x-ms-api-annotation"', message: /no revision/ },
  { id: 'operation-id-revision-suffix', title: 'revision 2 without _V2', mutate: (d) => void (getOp(d)['x-ms-api-annotation'] = { family: 'T', revision: 2 }), severity: 'warning', line: '"operationId": "GetTask"', message: /"GetTask_V2"/ },
  { id: 'operation-status-ahead-of-connector', title: 'Production operation in a Preview connector', mutate: (d) => { d.info['x-ms-api-annotation'] = { status: 'Preview' }; getOp(d)['x-ms-api-annotation'] = { status: 'Production' }; }, severity: 'error', line: '"status": "Production"', message: /cannot be ahead/ },
  { id: 'production-status-beta-service', title: 'Production on a beta host', mutate: (d) => { d.info['x-ms-api-annotation'] = { status: 'Production' }; d.basePath = '/beta'; }, severity: 'info', line: '"status": "Production"', message: /beta service/ },
  // x-ms-operation-context
  { id: 'operation-context-shape', title: 'missing simulate', mutate: (d) => void (getOp(d)['x-ms-operation-context'] = { operationId: 'CreateTask' }), severity: 'error', line: '"x-ms-operation-context"', message: /"simulate"/ },
  { id: 'operation-context-target', title: 'unknown operation', mutate: (d) => void (getOp(d)['x-ms-operation-context'] = { simulate: { operationId: 'Nope' } }), severity: 'error', line: '"operationId": "Nope"', message: /"Nope", which does not exist/ },
  // x-ms-capabilities
  { id: 'capabilities-shape', title: 'unknown root capability', mutate: (d) => void (d['x-ms-capabilities'] = { buttons: true }), severity: 'error', line: '"buttons"', message: /does not recognize "buttons"/ },
  { id: 'test-connection-target', title: 'unknown test operation', mutate: (d) => void (d['x-ms-capabilities'] = { testConnection: { operationId: 'Ping' } }), severity: 'error', line: '"operationId": "Ping"', message: /"Ping", which does not exist/ },
  { id: 'test-connection-get', title: 'POST with a required parameter', mutate: (d) => void (d['x-ms-capabilities'] = { testConnection: { operationId: 'CreateTask' } }), severity: 'warning', line: '"operationId": "CreateTask"', message: /is POST/, count: 2 },
  { id: 'file-picker-shape', title: 'open without operationId', mutate: (d) => void (d['x-ms-capabilities'] = { 'file-picker': { browse: { operationId: 'GetTask' } } }), severity: 'error', line: '"file-picker"', message: /needs "open"/ },
  { id: 'filter-functions-valid', title: 'duplicate and unknown functions', mutate: (d) => void (d.definitions.Task.properties.title['x-ms-capabilities'] = { filterFunctions: ['startswith', 'startswith'] }), severity: 'error', line: '"startswith"', message: /twice/ },
  // triggers
  { id: 'x-ms-trigger-kind', title: '"multi" is not a kind', mutate: (d) => void (addWebhook(d).post['x-ms-trigger'] = 'multi'), severity: 'error', line: '"x-ms-trigger": "multi"', message: /"multi" is not supported/ },
  { id: 'trigger-hint-trigger-only', title: 'hint on an action', mutate: (d) => void (getOp(d)['x-ms-trigger-hint'] = 'Create a task'), severity: 'warning', line: '"x-ms-trigger-hint"', message: /no x-ms-trigger/ },
  { id: 'trigger-metadata-shape', title: 'wrong mode', mutate: (d) => void (getOp(d)['x-ms-trigger-metadata'] = { kind: 'query', mode: 'push' }), severity: 'error', line: '"x-ms-trigger-metadata"', message: /mode "push"/ },
  { id: 'trigger-value-shape', title: 'empty object', mutate: (d) => void (taskParam(d)['x-ms-trigger-value'] = {}), severity: 'error', line: '"x-ms-trigger-value"', message: /value-collection/ },
  { id: 'notification-content-shape', title: 'on the operation instead of the path item', mutate: (d) => { const h = addWebhook(d); h.post['x-ms-notification-content'] = h['x-ms-notification-content']; delete h['x-ms-notification-content']; }, severity: 'warning', line: '"x-ms-notification-content"', message: /move it up one level/ },
  { id: 'notification-content-required', title: 'webhook without notification content', mutate: (d) => void delete addWebhook(d)['x-ms-notification-content'], severity: 'error', line: '"post"', message: /has no x-ms-notification-content/ },
  { id: 'notification-url-boolean', title: 'string "true"', mutate: (d) => { addWebhook(d); hookUrl(d)['x-ms-notification-url'] = 'true'; }, severity: 'error', line: '"x-ms-notification-url": "true"', message: /not the string "true"/ },
  { id: 'notification-url-position', title: 'in a response', mutate: (d) => void (getOp(d).responses['200'].headers = undefined, getOp(d).responses['200'] = { description: 'OK', schema: { type: 'object', properties: { cb: { type: 'string', 'x-ms-notification-url': true } } } }), severity: 'error', line: '"x-ms-notification-url": true', message: /not allowed in a response/ },
  { id: 'notification-url-internal', title: 'visible callback URL', mutate: (d) => { addWebhook(d); delete hookUrl(d)['x-ms-visibility']; }, severity: 'error', line: '"x-ms-notification-url": true', message: /is not hidden/ },
  { id: 'notification-url-required', title: 'callback URL not required', mutate: (d) => { addWebhook(d); d.paths['/hooks'].post.parameters[0].schema.required = []; }, severity: 'error', line: '"x-ms-notification-url": true', message: /not required: property "url"/ },
  { id: 'notification-url-string', title: 'callback URL without type', mutate: (d) => { addWebhook(d); delete hookUrl(d).type; }, severity: 'warning', line: '"x-ms-notification-url": true', message: /must have "type": "string"/ },
  { id: 'notification-target-webhook', title: 'names an action', mutate: (d) => { addWebhook(d); d.paths['/poll'] = { get: { operationId: 'Poll', summary: 'Poll', description: 'Poll.', 'x-ms-trigger': 'batch', 'x-ms-notification': { operationId: 'CreateTask' }, responses: { '200': { description: 'OK' } } } }; }, severity: 'error', line: '"operationId": "CreateTask"', message: /not a webhook operation/ },
  { id: 'notification-trigger-only', title: 'on an action', mutate: (d) => { addWebhook(d); getOp(d)['x-ms-notification'] = { operationId: 'OnTaskCreated' }; }, severity: 'error', line: '"x-ms-notification"', message: /trigger operations only/ },
  { id: 'notification-not-in-webhook', title: 'on the webhook itself', mutate: (d) => void (addWebhook(d).post['x-ms-notification'] = { operationId: 'OnTaskCreated' }), severity: 'error', line: '"x-ms-notification"', message: /cannot be used on the webhook operation/ },
  // url encoding
  { id: 'url-encoding-value', title: '"triple"', mutate: (d) => void (taskParam(d)['x-ms-url-encoding'] = 'triple'), severity: 'error', line: '"x-ms-url-encoding": "triple"', message: /"triple" is not supported/ },
  { id: 'url-encoding-query-unsupported', title: 'on a query parameter', mutate: (d) => void getOp(d).parameters.push({ name: 'q', in: 'query', type: 'string', 'x-ms-url-encoding': 'double', 'x-ms-summary': 'Q', description: 'Q.' }), severity: 'warning', line: '"x-ms-url-encoding": "double"', message: /no effect on query parameter "q"/ },
  { id: 'path-param-encoding', title: 'path parameter without encoding', mutate: (d) => void delete taskParam(d)['x-ms-url-encoding'], severity: 'warning', line: '{', message: /"taskId" has no x-ms-url-encoding/ },
  // enum values
  { id: 'enum-values-shape', title: 'missing displayName', mutate: (d) => { Object.assign(d.definitions.Task.properties.title, { enum: ['a'], 'x-ms-enum-values': [{ value: 'a' }] }); }, severity: 'error', line: '{', message: /lacks "displayName"/ },
  { id: 'enum-values-in-enum', title: 'value not in enum', mutate: (d) => { Object.assign(d.definitions.Task.properties.title, { enum: ['a'], 'x-ms-enum-values': [{ value: 'b', displayName: 'B' }] }); }, severity: 'error', line: '"value": "b"', message: /value "b" is not in the sibling enum/ },
  { id: 'enum-values-unique', title: 'value twice', mutate: (d) => { Object.assign(d.definitions.Task.properties.title, { enum: ['a'], 'x-ms-enum-values': [{ value: 'a', displayName: 'A' }, { value: 'a', displayName: 'A2' }] }); }, severity: 'error', line: '"value": "a"', message: /twice/ },
  // pageable
  { id: 'pageable-next-link-name', title: 'wrong nextLinkName', mutate: (d) => void (getOp(d)['x-ms-pageable'] = { nextLinkName: 'next' }), severity: 'error', line: '"nextLinkName": "next"', message: /not "next"/ },
  { id: 'pageable-next-link-in-response', title: 'no property and no policy', mutate: (d) => void (getOp(d)['x-ms-pageable'] = { nextLinkName: 'nextLink' }), severity: 'warning', line: '"x-ms-pageable"', message: /No "updatenextlink" policy/, count: 2 },
  // connector metadata
  { id: 'connector-metadata-shape', title: 'not an array', mutate: (d) => void (d['x-ms-connector-metadata'] = { Website: 'x' }), severity: 'error', line: '"x-ms-connector-metadata"', message: /must be an array/ },
  { id: 'connector-metadata-entries', title: 'misspelled Privacy policy (certification advice)', mutate: (d) => { d['x-ms-connector-metadata'] = metadata(); d['x-ms-connector-metadata'][1].propertyName = 'Privacy Policy'; }, severity: 'warning', profile: 'certification', line: '"Privacy Policy"', message: /spelled exactly "Privacy policy"/ },
  { id: 'connector-metadata-required', title: 'no Categories entry (certification)', mutate: (d) => { d['x-ms-connector-metadata'] = metadata().slice(0, 2); }, severity: 'error', profile: 'certification', line: '"x-ms-connector-metadata"', message: /^The connector metadata property 'Categories' is required\./ },
  { id: 'connector-metadata-urls', title: 'relative website (certification)', mutate: (d) => { d['x-ms-connector-metadata'] = metadata(); d['x-ms-connector-metadata'][0].propertyValue = 'contoso.com'; }, severity: 'warning', profile: 'certification', line: '"contoso.com"', message: /absolute URL/ },
  { id: 'connector-category-valid', title: 'unknown category (certification)', mutate: (d) => { d['x-ms-connector-metadata'] = metadata(); d['x-ms-connector-metadata'][2].propertyValue = 'Productivity;Tasks'; }, severity: 'warning', profile: 'certification', line: 'Productivity;Tasks', message: /"Tasks" is not allowed/ },
  { id: 'connector-category-count', title: 'three categories (certification)', mutate: (d) => { d['x-ms-connector-metadata'] = metadata(); d['x-ms-connector-metadata'][2].propertyValue = 'Productivity;Collaboration;Data'; }, severity: 'warning', profile: 'certification', line: 'Data', message: /3 categories/ },
  // docs, deployment version, test value, booleans, media kind, editor
  { id: 'docs-deployment-version-shape', title: 'non-numeric deployment version', mutate: (d) => void (d.info['x-ms-deployment-version'] = 'v1'), severity: 'warning', line: '"v1"', message: /dotted numeric/ },
  { id: 'test-value-no-secrets', title: 'a JWT as test value', mutate: (d) => void (taskParam(d)['x-ms-test-value'] = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc'), severity: 'warning', line: 'eyJ', message: /JSON Web Token/ },
  { id: 'test-value-no-secrets', title: 'wrong type', mutate: (d) => void (taskParam(d)['x-ms-test-value'] = 5), severity: 'warning', line: '"x-ms-test-value": 5', message: /declared type "string"/ },
  { id: 'boolean-extension-type', title: 'string "true"', mutate: (d) => void (getOp(d)['x-ms-no-generic-test'] = 'true'), severity: 'error', line: '"x-ms-no-generic-test"', message: /must be a boolean/ },
  { id: 'safe-operation-redundant', title: 'on a GET', mutate: (d) => void (getOp(d)['x-ms-safe-operation'] = true), severity: 'info', line: '"x-ms-safe-operation"', message: /redundant on GET/ },
  { id: 'media-kind-value', title: '"video"', mutate: (d) => void (d.definitions.Task.properties.title['x-ms-media-kind'] = 'video'), severity: 'error', line: '"video"', message: /"image" or "audio"/ },
  { id: 'editor-dictionary', title: 'on a string', mutate: (d) => void (d.definitions.Task.properties.title['x-ms-editor'] = 'dictionary'), severity: 'error', line: '"x-ms-editor"', message: /"type": "object"/ },
  { id: 'editor-options-shape', title: 'items not an array', mutate: (d) => void (d.definitions.Task.properties.title['x-ms-editor-options'] = { items: 'a' }), severity: 'info', line: '"x-ms-editor-options"', message: /"items"/ },
  // AI plugin
  { id: 'openai-data-shape', title: 'operationId mismatch', mutate: (d) => void (getOp(d)['x-ms-openai-data'] = { 'openai-enabled': true, operations: [{ operationId: 'Other' }] }), severity: 'info', line: '"operationId": "Other"', message: /must match/ },
  { id: 'openai-manifest-shape', title: 'bad e-mail', mutate: (d) => void (d['x-ms-openai-manifest'] = { humanName: 'T', modelDescription: 'M', contactEmail: 'nope', legalUrl: 'https://contoso.com' }), severity: 'info', line: '"nope"', message: /e-mail/ },
  // vocabulary
  { id: 'autorest-extension-ignored', title: 'x-ms-enum', mutate: (d) => void (d.definitions.Task.properties.title['x-ms-enum'] = { name: 'T' }), severity: 'info', line: '"x-ms-enum"', message: /AutoRest/ },
  { id: 'x-ms-unknown-extension', title: 'x-ms-sumamry typo gets a suggestion', mutate: (d) => { taskParam(d)['x-ms-sumamry'] = taskParam(d)['x-ms-summary']; delete taskParam(d)['x-ms-summary']; }, severity: 'warning', line: '"x-ms-sumamry"', message: /Unknown extension "x-ms-sumamry"; did you mean "x-ms-summary"\?/ },
  { id: 'x-ms-unknown-extension', title: 'wrong casing gets the exact name', mutate: (d) => void (getOp(d)['X-MS-Trigger-Hint'] = 'x'), severity: 'warning', line: '"X-MS-Trigger-Hint"', message: /did you mean "x-ms-trigger-hint"\?/ },
];

describe('rules: x-ms extensions', () => {
  it('the base connector passes every x-ms rule except the metadata reminder (default)', () => {
    assertBaseClean(IDS.filter((id) => id !== 'connector-metadata-required'));
  });
  it('the base connector with metadata passes every x-ms rule (certification)', () => {
    const def = baseDefinition();
    def['x-ms-connector-metadata'] = metadata();
    const r = validate({ definition: def, properties: baseProperties() }, { profile: 'certification' });
    for (const id of IDS) assert.deepEqual(only(r.all, id).map((x) => x.message), [], id);
  });
  it('a valid webhook trigger passes the notification rules', () => {
    const def = baseDefinition();
    addWebhook(def);
    const r = validate({ definition: def });
    for (const id of IDS.filter((x) => /notification|trigger/.test(x))) assert.deepEqual(only(r.all, id).map((x) => x.message), [], id);
  });
  runCases(cases);
  it('suggestions: known typos from accepted connectors', () => {
    assert.equal(suggestExtension('x-ms-visbility'), 'x-ms-visibility');
    assert.equal(suggestExtension('x-ms-summmary'), 'x-ms-summary');
    assert.equal(suggestExtension('x-ms-visibiltiy'), 'x-ms-visibility');
    assert.equal(suggestExtension('x-ms-api-annotations'), 'x-ms-api-annotation');
    assert.equal(suggestExtension('x-ms-enum-value'), 'x-ms-enum-values');
    assert.equal(suggestExtension('x-ms-navigationProperty'), undefined);
    assert.equal(editDistance('ab', 'ba'), 1);
  });
  it('never throws on odd shapes', () => {
    const def = baseDefinition();
    Object.assign(getOp(def), { 'x-ms-api-annotation': 'x', 'x-ms-pageable': [1], 'x-ms-operation-context': null, 'x-ms-capabilities': 3, 'x-ms-openai-data': [] });
    Object.assign(def, { 'x-ms-connector-metadata': [null, 1, { propertyName: 2 }], 'x-ms-capabilities': { testConnection: 'x', 'file-picker': [] } });
    taskParam(def)['x-ms-enum-values'] = [null, 'a'];
    validate({ definition: def });
  });
});
