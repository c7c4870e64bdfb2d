// Pure helpers of the Connections view (client/src/connections): tree rows, prompt mapping,
// the Test target, folder keys and the OAuth redirect bridge.
import assert from 'node:assert/strict';
import type { ConnectionRecord } from '../../../shared/src/connections/connectionStore';
import { deriveConnectionModels } from '../../../shared/src/connections/deriveModel';
import type { ConnectionPrompt } from '../../../shared/src/connections/model';
import { folderKeyOf, folderLabel, folderPathOf } from '../../../client/src/connections/folderKeys';
import { loopbackTarget, loopbackUnreachable } from '../../../client/src/connections/oauthBridge';
import { applyAnswer, promptStep, promptsToAsk, validateAnswer } from '../../../client/src/connections/promptSteps';
import { findTestTarget } from '../../../client/src/connections/testTarget';
import { connectionRow, uniqueName } from '../../../client/src/connections/treeItems';

function record(partial: Partial<ConnectionRecord>): ConnectionRecord {
  return {
    id: 'id-1',
    name: 'Dev',
    connectorFolder: 'lists',
    kind: 'apiKey',
    parameterNames: ['api_key'],
    secretParameterNames: ['api_key'],
    status: 'ready',
    createdAt: 0,
    ...partial,
  };
}

function prompt(partial: Partial<ConnectionPrompt>): ConnectionPrompt {
  return { name: 'p', label: 'P', input: 'text', required: false, hidden: false, secret: false, ...partial };
}

describe('connections view: tree rows', () => {
  it('shows each status with its own icon and text', () => {
    const now = 1_000_000;
    const rows = {
      ready: connectionRow(record({}), 'ready', now),
      signedIn: connectionRow(record({ kind: 'oauth2AuthorizationCode', status: 'signedIn', expiresAt: now + 30 * 60_000 }), 'signedIn', now),
      expired: connectionRow(record({ kind: 'oauth2AuthorizationCode', status: 'signedIn', expiresAt: now - 1 }), 'expired', now),
      needsSignIn: connectionRow(record({ kind: 'oauth2ClientCredentials', status: 'needsSignIn' }), 'needsSignIn', now),
      error: connectionRow(record({ kind: 'oauth2AuthorizationCode', status: 'error', lastError: 'invalid_client' }), 'error', now),
    };
    assert.equal(new Set(Object.values(rows).map((r) => r.icon)).size, 5, 'five distinct icons');
    assert.match(rows.ready.description, /^ready · API key$/);
    assert.match(rows.signedIn.description, /^signed in · OAuth 2\.0 \(authorization code\)$/);
    assert.ok(rows.signedIn.tooltip.includes('Access token expires in 30 minutes'));
    assert.match(rows.expired.description, /^expired/);
    assert.match(rows.needsSignIn.description, /^needs sign-in · OAuth 2\.0 \(client credentials\)$/);
    assert.match(rows.error.description, /^error: invalid_client/);
    assert.equal(rows.error.color, 'list.errorForeground');
  });

  it('offers Sign In Again only on OAuth connections (contextValue)', () => {
    assert.equal(connectionRow(record({ kind: 'basic' }), 'ready', 0).contextValue, 'connection.plain');
    assert.equal(connectionRow(record({ kind: 'none' }), 'ready', 0).contextValue, 'connection.plain');
    assert.equal(connectionRow(record({ kind: 'oauth2ClientCredentials' }), 'signedIn', 0).contextValue, 'connection.oauth');
  });

  it('shows the last test outcome, a failure as a warning', () => {
    const ok = connectionRow(record({}), 'ready', 0, { ok: true, summary: '200 OK', at: 0 });
    assert.match(ok.description, /test passed \(200 OK\)$/);
    assert.equal(ok.icon, 'pass');
    const bad = connectionRow(record({}), 'ready', 0, { ok: false, summary: '401 Unauthorized', at: 0 });
    assert.match(bad.description, /test failed \(401 Unauthorized\)$/);
    assert.equal(bad.icon, 'warning');
  });

  it('never puts parameter values in a row, only their names', () => {
    const row = connectionRow(record({ parameterNames: ['api_key', 'host'] }), 'ready', 0);
    assert.ok(row.tooltip.some((l) => l.includes('api_key, host')));
  });

  it('makes unique default names', () => {
    assert.equal(uniqueName('lists API key', []), 'lists API key');
    assert.equal(uniqueName('lists API key', ['Lists API key', 'lists API key 2']), 'lists API key 3');
  });
});

describe('connections view: prompt mapping', () => {
  it('maps secure strings to a password box that is never pre-filled', () => {
    const step = promptStep(prompt({ name: 'api_key', label: 'API key', input: 'password', secret: true, required: true, tooltip: 'Your key' }), 0, 2, 'Dev');
    assert.equal(step.type, 'input');
    if (step.type !== 'input') return;
    assert.equal(step.password, true);
    assert.equal(step.value, '');
    assert.equal(step.prompt, 'Your key');
    assert.equal(step.title, 'Dev: API key (1/2)');
    assert.equal(validateAnswer(step, '  '), 'Dev: API key is required.');
    assert.equal(validateAnswer(step, 'k'), undefined);
  });

  it('maps allowedValues to a pick list with the default pre-selected', () => {
    const step = promptStep(
      prompt({ name: 'region', label: 'Region', input: 'pick', default: 'eu', options: [{ value: 'us', label: 'United States' }, { value: 'eu', label: 'eu' }] }),
      1,
      2,
      'Dev',
    );
    assert.equal(step.type, 'pick');
    if (step.type !== 'pick') return;
    assert.deepEqual(step.items.map((i) => [i.label, i.description, i.picked]), [['United States', 'us', false], ['eu', undefined, true]]);
    assert.match(step.title, /Region \(optional\) \(2\/2\)$/);
  });

  it('pre-fills text defaults and keeps an edited secret when the answer is empty', () => {
    const text = promptStep(prompt({ name: 'host', label: 'Host', default: 'api.example.com' }), 0, 1, 'Dev');
    assert.equal(text.type === 'input' && text.value, 'api.example.com');
    const edit = promptStep(prompt({ name: 'pw', label: 'Password', input: 'password', secret: true, required: true }), 0, 1, 'Dev', 'old-secret');
    assert.ok(edit.type === 'input' && edit.keepWhenEmpty && !edit.required && edit.value === '');
    const values: Record<string, string> = {};
    applyAnswer(values, edit, '', 'old-secret');
    assert.deepEqual(values, { pw: 'old-secret' });
    applyAnswer(values, edit, 'new-secret', 'old-secret');
    assert.deepEqual(values, { pw: 'new-secret' });
    applyAnswer(values, text, '');
    assert.deepEqual(values, { pw: 'new-secret' }, 'an empty optional answer is left out');
  });

  it('skips hidden prompts that have a default, asks hidden required ones without', () => {
    const model = {
      kind: 'none' as const,
      label: 'x',
      notes: [],
      prompts: [
        prompt({ name: 'a', hidden: true, default: 'x' }),
        prompt({ name: 'b', hidden: true, required: true }),
        prompt({ name: 'c' }),
      ],
    };
    assert.deepEqual(promptsToAsk(model).map((p) => p.name), ['b', 'c']);
  });

  it('asks an API-key connector for its key with a password box, from real model derivation', () => {
    const models = deriveConnectionModels(
      { securityDefinitions: { k: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
      { properties: { connectionParameters: { api_key: { type: 'securestring', uiDefinition: { displayName: 'Key', tooltip: 'Get it from the portal', constraints: { required: 'true' } } } } } },
    );
    const [only] = promptsToAsk(models.models[0]!);
    const step = promptStep(only!, 0, 1, 'Dev');
    assert.ok(step.type === 'input' && step.password && step.prompt === 'Get it from the portal' && step.required);
  });
});

describe('connections view: Test target', () => {
  const paths = {
    '/items/{id}': { get: { operationId: 'GetItem', parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }] } },
    '/items': { post: { operationId: 'AddItem' }, get: { operationId: 'ListItems', parameters: [{ $ref: '#/parameters/top' }] } },
  };
  const parameters = { top: { name: 'top', in: 'query', type: 'integer' } };

  it('uses x-ms-capabilities.testConnection with its parameter values', () => {
    const target = findTestTarget(
      { paths, parameters, 'x-ms-capabilities': { testConnection: { operationId: 'GetItem', parameters: { id: { value: '42' }, region: { parameter: 'region' } } } } },
      { region: 'eu' },
    );
    assert.deepEqual(target, { ref: 'GetItem', values: { id: '42', region: 'eu' }, label: 'GetItem (x-ms-capabilities.testConnection)', source: 'testConnection' });
  });

  it('otherwise picks the first GET without required parameters', () => {
    const target = findTestTarget({ paths, parameters });
    assert.deepEqual(target?.ref, { path: '/items', method: 'get' });
    assert.equal(target?.label, 'GET /items (ListItems)');
  });

  it('a required parameter with a default does not disqualify a GET; none at all gives undefined', () => {
    const withDefault = { paths: { '/a': { get: { parameters: [{ name: 'v', in: 'query', required: true, default: '1', type: 'string' }] } } } };
    assert.deepEqual(findTestTarget(withDefault)?.ref, { path: '/a', method: 'get' });
    assert.equal(findTestTarget({ paths: { '/a': { post: {} } } }), undefined);
    assert.equal(findTestTarget(undefined), undefined);
    assert.equal(findTestTarget({ paths: { '/a': { get: { parameters: [{ $ref: '#/nope' }] } } } }), undefined);
  });
});

describe('connections view: folder keys', () => {
  const single = [{ name: 'ws', path: '/home/me/ws' }];
  const multi = [...single, { name: 'other', path: '/srv/other' }];

  it('keys folders relative to the workspace and resolves them back', () => {
    assert.equal(folderKeyOf('/home/me/ws', single), '.');
    assert.equal(folderKeyOf('/home/me/ws/lists', single), 'lists');
    assert.equal(folderPathOf('.', single), '/home/me/ws');
    assert.equal(folderPathOf('lists', single), '/home/me/ws/lists');
    assert.equal(folderKeyOf('/elsewhere/c', single), '/elsewhere/c');
    assert.equal(folderLabel('.', single), 'ws');
    assert.equal(folderLabel('a/lists', single), 'lists');
  });

  it('prefixes the workspace folder name in multi-root workspaces', () => {
    assert.equal(folderKeyOf('/srv/other/c1', multi), 'other/c1');
    assert.equal(folderKeyOf('/srv/other', multi), 'other');
    assert.equal(folderPathOf('other/c1', multi), '/srv/other/c1');
    assert.equal(folderPathOf('gone/c1', multi), undefined);
  });
});

describe('connections view: OAuth redirect bridge', () => {
  it('hands the callback query to the loopback listener', () => {
    assert.equal(loopbackTarget('http://127.0.0.1:5123/callback', 'code=abc&state=xyz'), 'http://127.0.0.1:5123/callback?code=abc&state=xyz');
    assert.equal(loopbackTarget('http://127.0.0.1:5123/callback', '?error=access_denied&state=s'), 'http://127.0.0.1:5123/callback?error=access_denied&state=s');
  });

  it('bridges only where the browser cannot reach the extension host loopback', () => {
    assert.equal(loopbackUnreachable({ remoteName: undefined, isWebUi: false }), false);
    assert.equal(loopbackUnreachable({ remoteName: 'ssh-remote', isWebUi: false }), true);
    assert.equal(loopbackUnreachable({ remoteName: undefined, isWebUi: true }), true);
  });
});
