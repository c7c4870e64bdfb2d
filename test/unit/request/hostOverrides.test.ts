import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { buildRequest } from '../../../shared/src/request/buildRequest';
import { hostOverrideFor } from '../../../shared/src/request/hostOverrides';
import type { SwaggerDocument } from '../../../shared/src/request/types';

describe('request: hostOverrides setting', () => {
  it('finds the entry for the definition host, case-insensitively and trimmed', () => {
    const map = { 'other.example.com': 'http://127.0.0.1:1', 'API.Todo.Contoso.com': ' http://127.0.0.1:8080 ' };
    assert.equal(hostOverrideFor('api.todo.contoso.com', map), 'http://127.0.0.1:8080');
    assert.equal(hostOverrideFor(' API.TODO.CONTOSO.COM', map), 'http://127.0.0.1:8080');
    assert.equal(hostOverrideFor('todo.contoso.com', map), undefined);
  });

  it('ignores missing hosts, non-object settings and non-string or empty values', () => {
    assert.equal(hostOverrideFor(undefined, { a: 'b' }), undefined);
    assert.equal(hostOverrideFor('', { '': 'b' }), undefined);
    for (const bad of [undefined, null, 'api.x', 42, ['api.x', 'b']]) assert.equal(hostOverrideFor('api.x', bad), undefined);
    assert.equal(hostOverrideFor('api.x', { 'api.x': 42 }), undefined);
    assert.equal(hostOverrideFor('api.x', { 'api.x': '   ' }), undefined);
  });

  it('hostile settings: bounded entries and value length', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) many[`h${i}.example`] = 'x';
    many['api.x'] = 'http://127.0.0.1:1';
    const t0 = Date.now();
    assert.equal(hostOverrideFor('api.x', many), undefined, 'entries past the budget are not read');
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(hostOverrideFor('api.x', { 'api.x': `http://${'a'.repeat(5000)}` }), undefined);
  });

  it('the sample definition, with the override npm start writes, builds a request to the local API', () => {
    const file = path.resolve(__dirname, '../../../samples/contoso-todo/apiDefinition.swagger.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as SwaggerDocument;
    const override = hostOverrideFor(doc.host, { 'api.todo.contoso.com': 'http://127.0.0.1:45678' });
    const request = buildRequest(doc, 'ListTasks', { status: 'open' }, { hostOverride: override });
    assert.equal(`${request.baseUrl}${request.path}`, 'http://127.0.0.1:45678/v1/tasks');
    assert.equal(buildRequest(doc, 'ListTasks', {}).baseUrl, 'https://api.todo.contoso.com/v1');
  });
});
