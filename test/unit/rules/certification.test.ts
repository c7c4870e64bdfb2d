import * as assert from 'node:assert/strict';
import { baseDefinition, baseProperties, only, validate, type ConnectorInput } from '../ruleTestKit';
import { compareConnectors } from '../../../engine/src/compare';
import { isPlaceholder } from '../../../engine/src/rules/certificationArtifacts';

const cert = { profile: 'certification' as const };

/** A connector that is clean for the certification rules tested here. */
function certInput(): ConnectorInput & { definition: Record<string, any>; properties: Record<string, any> } {
  const definition = baseDefinition();
  definition.info.contact = { name: 'Contoso Support', url: 'https://contoso.com/support', email: 'support@contoso.com' };
  definition.host = 'api.fabrikam.com';
  for (const op of [definition.paths['/tasks/{taskId}'].get, definition.paths['/tasks'].post]) op['x-ms-visibility'] = 'important';
  return { definition, properties: baseProperties(), folderFiles: ['apiDefinition.swagger.json', 'apiProperties.json', 'readme.md', 'icon.png'] };
}

/** 0-based line of the first line containing `needle` in the serialized object. */
const lineOf = (obj: object, needle: string) => JSON.stringify(obj, null, 4).split('\n').findIndex((l) => l.includes(needle));

const FAMILY9 = /^(title-|info-english|description-(length|restricted|ends)|contact-required|host-production|operation-summary-length|summary-|strings-|operation-id-pascal|operation-visibility|readme-|icon-|oauth-redirect|no-secrets)/;

describe('rules: certification', () => {
  it('the certification-clean connector has no family 9 findings', () => {
    const r = validate(certInput(), cert);
    assert.deepEqual(r.all.filter((d) => FAMILY9.test(d.ruleId)).map((d) => `${d.ruleId}: ${d.message}`), []);
  });

  it('family 9 style rules are off or at most warnings in the default profile', () => {
    const input = certInput();
    input.definition.info.title = 'The Contoso Tasks Management API Service.';
    input.properties.properties.iconBrandColor = '#007ee5';
    const r = validate(input);
    assert.deepEqual(r.all.filter((d) => FAMILY9.test(d.ruleId) && d.severity === 'error'), []);
    assert.equal(only(r.definition, 'title-max-length')[0]?.severity, 'warning');
    assert.deepEqual(only(r.all, 'icon-brand-color-forbidden'), []);
  });

  it('title-max-length: over 30 characters is a cert error on the title value', () => {
    const input = certInput();
    input.definition.info.title = 'Contoso Tasks and Projects Planner';
    const found = only(validate(input, cert).definition, 'title-max-length');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /34 characters/);
    assert.equal(found[0].range.start.line, lineOf(input.definition, '"title": "Contoso Tasks and Projects Planner"'));
  });

  it('title-restricted-words: API and Connector (Microsoft\'s list); a product name is info-wording advice', () => {
    for (const title of ['Contoso API', 'Contoso Connector']) {
      const input = certInput();
      input.definition.info.title = title;
      const found = only(validate(input, cert).definition, 'title-restricted-words');
      assert.equal(found.length, 1, title);
      assert.equal(found[0].severity, 'error');
    }
    const input = certInput();
    input.definition.info.title = 'RapidAPI Tasks';
    assert.deepEqual(only(validate(input, cert).definition, 'title-restricted-words'), []);
    input.definition.info.title = 'Contoso for Power BI';
    const r = validate(input, cert).definition;
    assert.deepEqual(only(r, 'title-restricted-words'), []);
    assert.equal(only(r, 'info-wording')[0]?.severity, 'info');
  });

  it('title-ends-alphanumeric: a trailing period is reported, a closing parenthesis is not', () => {
    const input = certInput();
    input.definition.info.title = 'Contoso Tasks.';
    assert.equal(only(validate(input, cert).definition, 'title-ends-alphanumeric').length, 1);
    input.definition.info.title = 'Contoso Tasks (Europe)';
    assert.deepEqual(only(validate(input, cert).definition, 'title-ends-alphanumeric'), []);
  });

  it('info-english: a non-Latin title is reported', () => {
    const input = certInput();
    input.definition.info.title = 'コントソ タスク';
    const found = only(validate(input, cert).definition, 'info-english');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
  });

  it('title-independent-publisher-suffix: inferred independent publisher without suffix (info)', () => {
    const input = certInput();
    input.properties.properties.iconBrandColor = '#da3b01';
    input.properties.properties.publisher = 'Jane Doe';
    const found = only(validate(input, cert).definition, 'title-independent-publisher-suffix');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'info');
    input.properties.properties.publisher = 'Contoso';
    assert.deepEqual(only(validate(input, cert).definition, 'title-independent-publisher-suffix'), []);
  });

  it('description-length: under 30 and over 500 characters', () => {
    for (const d of ['Too short.', 'x'.repeat(501)]) {
      const input = certInput();
      input.definition.info.description = d;
      const found = only(validate(input, cert).definition, 'description-length');
      assert.equal(found.length, 1);
      assert.equal(found[0].severity, 'error');
    }
  });

  it('description-restricted-words: Power Apps, Power Automate, Logic Apps; the word API is info-wording advice', () => {
    const input = certInput();
    input.definition.info.description = 'Manage tasks and projects of the Contoso service from PowerAutomate flows.';
    const found = only(validate(input, cert).definition, 'description-restricted-words');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /"PowerAutomate"/);
    input.definition.info.description = 'Use the Contoso API to manage tasks and projects from anywhere.';
    const r = validate(input, cert).definition;
    assert.deepEqual(only(r, 'description-restricted-words'), []);
    assert.match(only(r, 'info-wording')[0]?.message ?? '', /"API"/);
    assert.equal(only(r, 'info-wording')[0]?.severity, 'info');
  });

  it('contact-fields: a missing email is advice on info.contact, not contact-required', () => {
    const input = certInput();
    delete input.definition.info.contact.email;
    const r = validate(input, cert).definition;
    assert.deepEqual(only(r, 'contact-required'), []);
    const found = only(r, 'contact-fields');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /"email"/);
  });

  it('host-production: sandbox and example hosts', () => {
    for (const host of ['sandbox.fabrikam.com', 'api-dev.fabrikam.com', 'localhost:8080', 'api.example.com']) {
      const input = certInput();
      input.definition.host = host;
      assert.equal(only(validate(input, cert).definition, 'host-production').length, 1, host);
    }
  });

  it('operation-summary-length: more than 80 characters', () => {
    const input = certInput();
    input.definition.paths['/tasks'].post.summary = 'Create a task ' + 'with many words '.repeat(5);
    const found = only(validate(input, cert).definition, 'operation-summary-length');
    assert.equal(found.length, 1);
    // No Microsoft message shows it failing a connector: a warning (docs/rules.md, certification evidence).
    assert.equal(found[0].severity, 'warning');
  });

  it('summary-ends-alphanumeric: a summary ending with a period (a period is not a restricted character)', () => {
    const input = certInput();
    input.definition.paths['/tasks'].post.summary = 'Create a task.';
    const r = validate(input, cert).definition;
    assert.equal(only(r, 'summary-ends-alphanumeric').length, 1);
    assert.equal(only(r, 'summary-ends-alphanumeric')[0].range.start.line, lineOf(input.definition, '"summary": "Create a task."'));
    assert.deepEqual(only(r, 'summary-allowed-characters'), []);
  });

  it('summary-allowed-characters: / \\ < > * % & ? in an operation summary, not in x-ms-summary, hyphens allowed', () => {
    for (const ch of ['/', '\\', '<', '>', '*', '%', '&', '?']) {
      const input = certInput();
      input.definition.paths['/tasks'].post.summary = `Create a task ${ch} project`;
      const found = only(validate(input, cert).definition, 'summary-allowed-characters');
      assert.equal(found.length, 1, ch);
      assert.equal(found[0].severity, 'error');
    }
    const input = certInput();
    input.definition.paths['/tasks'].post.summary = 'Create an E-mail task, quickly';
    input.definition.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-summary'] = 'Task ID/Key';
    assert.deepEqual(only(validate(input, cert).definition, 'summary-allowed-characters'), []);
  });

  it('summary-restricted-words: a product name in an operation description', () => {
    const input = certInput();
    input.definition.paths['/tasks'].post.description = 'Creates a task for use in Power Apps.';
    assert.equal(only(validate(input, cert).definition, 'summary-restricted-words').length, 1);
  });

  it('summary-case: Title Case operation summary and lower-case x-ms-summary', () => {
    const input = certInput();
    input.definition.paths['/tasks'].post.summary = 'Create New Project Task';
    input.definition.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-summary'] = 'task ID';
    const found = only(validate(input, cert).definition, 'summary-case');
    assert.equal(found.length, 2);
    assert.equal(found[0].severity, 'info');
  });

  it('description-ends-with-punctuation: a sentence without a final period', () => {
    const input = certInput();
    input.definition.paths['/tasks'].post.description = 'Creates a new task';
    const found = only(validate(input, cert).definition, 'description-ends-with-punctuation');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
  });

  it('summary-description-differ: identical x-ms-summary and description', () => {
    const input = certInput();
    const p = input.definition.paths['/tasks/{taskId}'].get.parameters[0];
    p.description = 'Task ID';
    const found = only(validate(input, cert).definition, 'summary-description-differ');
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, lineOf(input.definition, '"description": "Task ID"'));
  });

  it('strings-english and strings-not-camel-case', () => {
    const input = certInput();
    input.definition.paths['/tasks'].post.description = 'Создаёт новую задачу.';
    input.definition.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-summary'] = 'taskIdentifier';
    const r = validate(input, cert).definition;
    assert.equal(only(r, 'strings-english').length, 1);
    assert.match(only(r, 'strings-not-camel-case')[0].message, /"Task Identifier"/);
  });

  it('operation-id-pascal-case: kebab and snake case are reported, _V2 suffix is not', () => {
    const input = certInput();
    input.definition.paths['/tasks'].post.operationId = 'create-task';
    input.definition.paths['/tasks/{taskId}'].get.operationId = 'GetTask_V2';
    const found = only(validate(input, cert).definition, 'operation-id-pascal-case');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /"CreateTask"/);
  });

  it('operation-visibility-declared: an operation without x-ms-visibility', () => {
    const input = certInput();
    delete input.definition.paths['/tasks'].post['x-ms-visibility'];
    assert.equal(only(validate(input, cert).definition, 'operation-visibility-declared').length, 1);
  });

  it('readme-present: a folder without readme.md', () => {
    const input = certInput();
    input.folderFiles = ['apiDefinition.swagger.json', 'apiProperties.json', 'icon.png'];
    const found = only(validate(input, cert).definition, 'readme-present');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    input.folderFiles = ['apiDefinition.swagger.json', 'apiProperties.json', 'icon.png', 'README.md'];
    assert.deepEqual(only(validate(input, cert).definition, 'readme-present'), []);
  });

  it('readme-present and icon-file: judged only in a connector folder (apiDefinition.swagger.json beside apiProperties.json)', () => {
    const input = certInput();
    input.folderFiles = ['apiDefinition.swagger.json', 'apiProperties.json'];
    const inFolder = validate(input, cert).definition;
    assert.equal(only(inFolder, 'readme-present').length, 1);
    assert.equal(only(inFolder, 'icon-file').length, 1);
    for (const files of [['apiDefinition.swagger.json'], ['orders.swagger.json', 'notes.txt'], []]) {
      input.folderFiles = files;
      const r = validate(input, cert).definition;
      assert.deepEqual(only(r, 'readme-present'), [], files.join(','));
      assert.deepEqual(only(r, 'icon-file'), [], files.join(','));
    }
  });

  it('icon-brand-color-forbidden: #007ee5 and #ffffff, reported in apiProperties.json', () => {
    for (const c of ['#007ee5', '#FFFFFF']) {
      const input = certInput();
      input.properties.properties.iconBrandColor = c;
      const found = only(validate(input, cert).properties, 'icon-brand-color-forbidden');
      assert.equal(found.length, 1, c);
      assert.equal(found[0].range.start.line, lineOf(input.properties, '"iconBrandColor"'));
    }
  });

  it('icon-brand-color-independent-publisher: an "(Independent Publisher)" title needs #da3b01', () => {
    const input = certInput();
    input.definition.info.title = 'Contoso (Independent Publisher)';
    input.folderFiles = ['apiDefinition.swagger.json', 'apiProperties.json', 'readme.md'];
    const found = only(validate(input, cert).properties, 'icon-brand-color-independent-publisher');
    assert.equal(found.length, 1);
    input.properties.properties.iconBrandColor = '#da3b01';
    const r = validate(input, cert);
    assert.deepEqual(only(r.properties, 'icon-brand-color-independent-publisher'), []);
    assert.deepEqual(only(r.definition, 'icon-file'), []);
  });

  it('icon-file: verified publishers ship icon.png, independent publishers do not', () => {
    const input = certInput();
    input.folderFiles = ['apiDefinition.swagger.json', 'apiProperties.json', 'readme.md'];
    assert.equal(only(validate(input, cert).definition, 'icon-file').length, 1);
    input.definition.info.title = 'Contoso (Independent Publisher)';
    input.properties.properties.iconBrandColor = '#da3b01';
    input.folderFiles.push('icon.png');
    assert.match(only(validate(input, cert).definition, 'icon-file')[0].message, /ship no icon\.png/);
  });

  it('oauth-redirect-allowlist: an OAuth security definition gets a reminder', () => {
    const input = certInput();
    input.definition.securityDefinitions = { oauth2_auth: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://login.fabrikam.com/authorize', tokenUrl: 'https://login.fabrikam.com/token', scopes: {} } };
    input.definition.security = [{ oauth2_auth: [] }];
    const found = only(validate(input, cert).definition, 'oauth-redirect-allowlist');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'info');
  });

  it('no-secrets-in-submission: live tokens in the definition, a real client secret in properties, a key in script.csx', () => {
    const input = certInput();
    input.definition.paths['/tasks/{taskId}'].get.parameters[0]['x-ms-test-value'] = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    input.properties.properties.connectionParameters.token = { type: 'oauthSetting', oAuthSettings: { identityProvider: 'oauth2', clientId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', clientSecret: 'Zx8~Qp2.vLm9RtY4', scopes: [] } };
    input.script = 'public class Script : ScriptBase { const string Key = "AKIA' + 'ABCDEFGHIJKLMNOP"; }';
    const r = validate(input, cert);
    assert.equal(only(r.definition, 'no-secrets-in-submission').length, 1);
    const props = only(r.properties, 'no-secrets-in-submission');
    assert.equal(props.length, 1);
    assert.match(props[0].message, /clientSecret/);
    assert.equal(only(r.script, 'no-secrets-in-submission').length, 1);
    assert.ok(isPlaceholder('[[DUMMY]]') && isPlaceholder('<<Enter your client ID>>') && isPlaceholder('') && !isPlaceholder('Zx8~Qp2.vLm9RtY4'));
  });

  it('odd input never throws', () => {
    for (const info of [null, 5, 'x', { title: 5, description: [], contact: 'x' }, { title: '', description: '' }]) {
      const input = certInput();
      input.definition.info = info;
      input.definition.host = 7;
      input.properties.properties.iconBrandColor = 5;
      input.properties.properties.connectionParameters = { a: { oAuthSettings: 'x' }, b: null };
      validate(input, cert);
    }
  });
});

describe('breaking changes (engine/src/compare, not in ALL_RULES)', () => {
  const compare = (a: unknown, b: unknown, pa?: unknown, pb?: unknown) => compareConnectors({ definition: a, properties: pa }, { definition: b, properties: pb }).findings;

  it('an identical definition has no findings', () => {
    assert.deepEqual(compare(baseDefinition(), baseDefinition()), []);
  });

  it('breaking-operation-removed: an operationId that disappeared', () => {
    const cur = baseDefinition();
    delete cur.paths['/tasks'];
    const found = compare(baseDefinition(), cur);
    assert.deepEqual(found.map((f) => f.ruleId), ['breaking-operation-removed']);
    assert.match(found[0].message, /"CreateTask"/);
  });

  it('method, new required parameter and type change: one finding of its own kind each', () => {
    const cur = baseDefinition();
    const op = cur.paths['/tasks/{taskId}'].get;
    op.parameters[0].type = 'integer';
    op.parameters.push({ name: 'tenant', in: 'query', required: true, type: 'string' });
    cur.paths['/tasks'].put = cur.paths['/tasks'].post;
    delete cur.paths['/tasks'].post;
    const found = compare(baseDefinition(), cur);
    assert.deepEqual(found.map((f) => f.ruleId).sort(), ['breaking-operation-method-changed', 'breaking-parameter-required-added', 'breaking-parameter-type-changed']);
    assert.match(found.find((f) => f.ruleId === 'breaking-parameter-type-changed')!.message, /string → integer/);
    assert.match(found.find((f) => f.ruleId === 'breaking-parameter-required-added')!.message, /"tenant"/);
    assert.match(found.find((f) => f.ruleId === 'breaking-operation-method-changed')!.message, /POST → PUT/);
    assert.equal(found.find((f) => f.ruleId === 'breaking-parameter-required-added')!.pointer, '/paths/~1tasks~1{taskId}/get/parameters/1');
  });

  it('an added optional parameter is not breaking', () => {
    const cur = baseDefinition();
    cur.paths['/tasks/{taskId}'].get.parameters.push({ name: 'expand', in: 'query', type: 'string' });
    assert.deepEqual(compare(baseDefinition(), cur), []);
  });

  it('client-secret-change-version: new secret, same info.version', () => {
    const props = (secret: string) => ({ properties: { connectionParameters: { token: { type: 'oauthSetting', oAuthSettings: { clientSecret: secret } } } } });
    const found = compare(baseDefinition(), baseDefinition(), props('a'), props('b'));
    assert.deepEqual(found.map((f) => f.ruleId), ['client-secret-change-version']);
    const bumped = baseDefinition();
    bumped.info.version = '1.1';
    assert.deepEqual(compare(baseDefinition(), bumped, props('a'), props('b')), []);
  });

  it('odd input never throws', () => {
    for (const v of [null, 5, 'x', [], { paths: 5 }, { paths: { '/a': { get: { operationId: 'A', parameters: [null, 5, { $ref: '#/x' }] } } } }]) {
      compare(v, baseDefinition());
      compare(baseDefinition(), v);
    }
  });
});
