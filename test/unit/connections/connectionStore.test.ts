import assert from 'node:assert/strict';
import { ConnectionStore, STATE_KEY, type ConnectionRecord } from '../../../shared/src/connections/connectionStore';
import { deriveConnectionModels } from '../../../shared/src/connections/deriveModel';
import type { ConnectionModel } from '../../../shared/src/connections/model';
import { InMemorySecretStore, InMemoryStateStore } from '../../../shared/src/connections/stores';

const basicModel: ConnectionModel = deriveConnectionModels(
  { securityDefinitions: { b: { type: 'basic' } } },
  { properties: { connectionParameters: { username: { type: 'string' }, password: { type: 'securestring' } } } },
).models[0]!;
const oauthModel: ConnectionModel = deriveConnectionModels(
  {},
  { properties: { connectionParameters: { token: { type: 'oauthSetting', oAuthSettings: { identityProvider: 'oauth2', clientId: 'c' } } } } },
).models[0]!;

describe('connections: ConnectionStore', () => {
  let secrets: InMemorySecretStore;
  let state: InMemoryStateStore;
  let store: ConnectionStore;
  beforeEach(() => {
    secrets = new InMemorySecretStore();
    state = new InMemoryStateStore();
    store = new ConnectionStore(secrets, state);
  });

  it('keeps only the non-secret shape in state and the values in the SecretStore', async () => {
    const rec = await store.create({
      name: 'My basic',
      connectorFolder: 'connectors/contoso',
      model: basicModel,
      values: { username: 'alice-user', password: 'Pa55word-xyz' },
    });
    assert.equal(rec.kind, 'basic');
    assert.equal(rec.status, 'ready');
    assert.deepEqual(rec.parameterNames, ['password', 'username']);
    assert.deepEqual(rec.secretParameterNames, ['password']);
    const stored = state.get<ConnectionRecord[]>(STATE_KEY);
    assert.deepEqual(stored, [rec]);
    const dump = state.dump();
    assert.ok(!dump.includes('Pa55word-xyz') && !dump.includes('alice-user'), dump);
    assert.deepEqual(await store.getValues(rec.id), { username: 'alice-user', password: 'Pa55word-xyz' });
    assert.ok([...secrets.entries.values()].some((v) => v.includes('Pa55word-xyz')));
  });

  it('lists per connector folder, renames, edits and deletes (with its secrets)', async () => {
    const changes: number[] = [];
    store.onDidChange((all) => changes.push(all.length));
    const a = await store.create({ name: 'a', connectorFolder: 'f1', model: basicModel, values: { username: 'u', password: 'p1p1p1' } });
    const b = await store.create({ name: 'b', connectorFolder: 'f2', model: oauthModel, values: { 'token.clientId': 'c' } });
    assert.equal(b.kind, 'oauth2AuthorizationCode');
    assert.equal(b.status, 'needsSignIn');
    assert.equal(b.identityProvider, 'oauth2');
    assert.deepEqual(store.list('f1').map((r) => r.id), [a.id]);
    assert.equal((await store.rename(a.id, 'renamed')).name, 'renamed');
    assert.equal(store.get(a.id)?.name, 'renamed');
    await store.setTokens(b.id, { accessToken: 'at-abcdef', tokenType: 'Bearer', refreshToken: 'rt-abcdef', expiresAt: 123 });
    assert.equal(store.get(b.id)?.status, 'signedIn');
    assert.equal(store.get(b.id)?.expiresAt, 123);
    assert.ok(!state.dump().includes('at-abcdef'));
    const edited = await store.updateValues(b.id, oauthModel, { 'token.clientId': 'c2' });
    assert.equal(edited.status, 'needsSignIn', 'editing drops tokens');
    assert.equal(await store.getTokens(b.id), undefined);
    await store.delete(a.id);
    await store.delete(b.id);
    assert.deepEqual(store.list(), []);
    assert.equal(secrets.entries.size, 0);
    assert.deepEqual(changes, [1, 2, 2, 2, 2, 1, 0]);
  });

  it('serializes concurrent updates without losing records', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.create({ name: `c${i}`, connectorFolder: 'f', model: basicModel, values: {} })),
    );
    assert.equal(store.list().length, 10);
  });
});

describe('connections: redacted cURL arguments', () => {
  it('shows header names and schemes, never values', async () => {
    const { redactedCurlArguments } = await import('../../../shared/src/connections/curlHeaders');
    const text = redactedCurlArguments({ headers: { Authorization: 'Bearer tok-123456', 'X-Api-Key': 'k-123456' }, query: { code: 'q-123456' } });
    assert.equal(text, `-H 'Authorization: Bearer ***' -H 'X-Api-Key: ***' --url-query 'code=***'`);
  });
});
