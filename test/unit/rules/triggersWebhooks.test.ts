import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';

/** Base connector plus a webhook trigger (with delete) and a polling trigger. */
function triggerDefinition(): Record<string, any> {
  const def = baseDefinition();
  def.paths['/hooks'] = {
    'x-ms-notification-content': { description: 'Task event', schema: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } } },
    post: {
      operationId: 'OnTaskCreated',
      summary: 'When a task is created',
      description: 'This operation triggers when a task is created.',
      'x-ms-trigger': 'single',
      parameters: [
        {
          name: 'body',
          in: 'body',
          required: true,
          schema: { type: 'object', required: ['callbackUrl'], properties: { callbackUrl: { type: 'string', 'x-ms-notification-url': true, 'x-ms-visibility': 'internal' } } },
        },
      ],
      responses: { '201': { description: 'Created', headers: { Location: { type: 'string', description: 'Subscription URL.' } } } },
    },
  };
  def.paths['/hooks/{hookId}'] = {
    delete: {
      operationId: 'DeleteHook',
      summary: 'Delete a subscription',
      description: 'Deletes a webhook subscription.',
      'x-ms-visibility': 'internal',
      parameters: [{ name: 'hookId', in: 'path', required: true, type: 'string', 'x-ms-summary': 'Hook ID', description: 'Subscription id.', 'x-ms-url-encoding': 'single' }],
      responses: { '204': { description: 'Deleted.' } },
    },
  };
  def.paths['/tasks/new'] = {
    get: {
      operationId: 'OnNewTasks',
      summary: 'When new tasks appear',
      description: 'This operation triggers when new tasks appear.',
      'x-ms-trigger': 'batch',
      parameters: [{ name: 'since', in: 'query', required: false, type: 'string', 'x-ms-visibility': 'internal', 'x-ms-trigger-value': { 'value-path': 'lastModified' }, 'x-ms-summary': 'Since', description: 'Watermark.' }],
      responses: { '200': { description: 'Tasks.', schema: { type: 'object', properties: { value: { type: 'array', items: { $ref: '#/definitions/Task' } } } } } },
    },
  };
  return def;
}

const hook = (def: Record<string, any>) => def.paths['/hooks'].post;
const ours = /^(trigger-|webhook-|polling-|fetch-subscribe)/;

describe('rules: triggers and webhooks', () => {
  it('well-formed webhook and polling triggers pass (certification profile too)', () => {
    const r = validate({ definition: triggerDefinition(), properties: baseProperties() }, { profile: 'certification' });
    assert.deepEqual(r.all.filter((d) => ours.test(d.ruleId)), []);
  });

  it('webhook-notification-url-property: a webhook without x-ms-notification-url is an error', () => {
    const def = triggerDefinition();
    delete hook(def).parameters[0].schema.properties.callbackUrl['x-ms-notification-url'];
    const found = only(validate({ definition: def }).definition, 'webhook-notification-url-property');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /OnTaskCreated.*x-ms-notification-url/);
  });

  it('webhook-delete-operation: a webhook with no DELETE is a warning', () => {
    const def = triggerDefinition();
    delete def.paths['/hooks/{hookId}'];
    const found = only(validate({ definition: def }).definition, 'webhook-delete-operation');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /DELETE \/hooks\/\{id\}/);
  });

  it('webhook-location-header: a registration without Location is a warning', () => {
    const def = triggerDefinition();
    hook(def).responses = { '200': { description: 'OK' } };
    assert.equal(only(validate({ definition: def }).definition, 'webhook-location-header').length, 1);
  });

  it('trigger-kind-matches-response: a batch trigger returning one object is a warning', () => {
    const def = triggerDefinition();
    def.paths['/tasks/new'].get.responses['200'].schema = { $ref: '#/definitions/Task' };
    const found = only(validate({ definition: def }).definition, 'trigger-kind-matches-response');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /"batch".*single object/);
    assert.match(JSON.stringify(def, null, 4).split('\n')[found[0].range.start.line], /"x-ms-trigger": "batch"/);
  });

  it('trigger-kind-matches-response: a single webhook whose payload is an array is a warning', () => {
    const def = triggerDefinition();
    def.paths['/hooks']['x-ms-notification-content'].schema = { type: 'array', items: { type: 'object' } };
    assert.match(only(validate({ definition: def }).definition, 'trigger-kind-matches-response')[0]?.message ?? '', /"single".*array/);
  });

  it('trigger-output-schema: a polling trigger without a response schema is a warning', () => {
    const def = triggerDefinition();
    delete def.paths['/tasks/new'].get.responses['200'].schema;
    assert.equal(only(validate({ definition: def }).definition, 'trigger-output-schema').length, 1);
  });

  it('polling-trigger-incremental: no x-ms-trigger-value and no pollingtrigger policy is a warning; the policy satisfies it', () => {
    const def = triggerDefinition();
    delete def.paths['/tasks/new'].get.parameters[0]['x-ms-trigger-value'];
    assert.equal(only(validate({ definition: def }).definition, 'polling-trigger-incremental').length, 1);
    const props = baseProperties();
    props.properties.policyTemplateInstances = [{ templateId: 'pollingtrigger', title: 'Poll', parameters: { 'x-ms-apimTemplate-operationName': ['OnNewTasks'] } }];
    assert.equal(only(validate({ definition: def, properties: props }).definition, 'polling-trigger-incremental').length, 0);
  });

  it('polling-trigger-method: a POST polling trigger is info', () => {
    const def = triggerDefinition();
    def.paths['/tasks/new'].post = def.paths['/tasks/new'].get;
    delete def.paths['/tasks/new'].get;
    const found = only(validate({ definition: def }).definition, 'polling-trigger-method');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'info');
  });

  it('trigger-summary-pattern: only in the certification profile', () => {
    const def = triggerDefinition();
    hook(def).summary = 'Task created';
    assert.equal(only(validate({ definition: def }).definition, 'trigger-summary-pattern').length, 0);
    assert.equal(only(validate({ definition: def }, { profile: 'certification' }).definition, 'trigger-summary-pattern').length, 1);
  });

  it('fetch-subscribe-same-params: differing types of a shared parameter are an error', () => {
    const def = triggerDefinition();
    hook(def).parameters.push({ name: 'project', in: 'query', type: 'string', 'x-ms-summary': 'Project', description: 'Project.' });
    const poll = def.paths['/tasks/new'].get;
    poll['x-ms-notification'] = { operationId: 'OnTaskCreated' };
    poll.parameters.push({ name: 'project', in: 'query', type: 'integer', 'x-ms-summary': 'Project', description: 'Project.' });
    const found = only(validate({ definition: def }).definition, 'fetch-subscribe-same-params');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
  });

  it('never throws on odd trigger values', () => {
    const def = triggerDefinition();
    def.paths['/hooks']['x-ms-notification-content'] = 'x';
    hook(def).responses = null;
    hook(def).parameters = [{ name: 'body', in: 'body', schema: { $ref: '#/definitions/Self' } }];
    def.definitions.Self = { type: 'object', properties: { me: { $ref: '#/definitions/Self' } } };
    def.paths['/tasks/new'].get['x-ms-notification'] = [];
    validate({ definition: def });
  });
});
