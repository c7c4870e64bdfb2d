// Issue 17, items 7 and 8: secret-looking samples in a definition are a certification finding (with
// redact.ts's names: one list), the redacting logger hides secrets holding " or \ whole, and
// "Copy as cURL Header" shows no word of a secret that contains spaces.
import * as assert from 'node:assert/strict';
import { redactedCurlArguments } from '../../../shared/src/connections/curlHeaders';
import { MemoryLogSink, RedactingLogger, SecretRegistry } from '../../../shared/src/log/redactingLogger';
import { isSecretName, SECRET_QUERY } from '../../../shared/src/request/secretNames';
import { baseDefinition, baseProperties, only, validate } from '../ruleTestKit';

const FUNCTION_KEY = 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghijABCDEF==';

function definitionWithSamples(samples: Record<string, string>): Record<string, any> {
  const def = baseDefinition();
  const op = def.paths['/tasks/{taskId}'].get;
  for (const [name, value] of Object.entries(samples)) {
    op.parameters.push({ name, in: 'query', required: false, type: 'string', 'x-ms-summary': 'Sample', description: 'A sample parameter.', 'x-example': value });
  }
  return def;
}

describe('hostile: secrets', () => {
  describe('certification: secret-looking x-example and default values', () => {
    it('names and positions a live-looking ?code=, ?sig= and header key sample in the certification profile', () => {
      const def = definitionWithSamples({ code: FUNCTION_KEY, sig: 'Xz8pR2mK9vL4nQ7wE1tY5uI3oP6aS0dF+gH=' });
      def.definitions.Task.properties.apiKey = { type: 'string', default: 'k3y-9f8e7d6c5b4a3210fedcba98' };
      const r = validate({ definition: def, properties: baseProperties() }, { profile: 'certification' });
      const found = only(r.definition, 'no-secrets-in-submission');
      const pointers = found.map((d) => (d as { pointer?: string }).pointer ?? '').join(' ') + ' ' + found.map((d) => d.message).join(' ');
      assert.equal(found.length, 3, found.map((d) => d.message).join('\n'));
      assert.match(pointers, /"code"/);
      assert.match(pointers, /"sig"/);
      assert.match(pointers, /"apiKey"/);
    });

    it('placeholders, short codes and ordinary names are not findings; the default profile is quiet', () => {
      const def = definitionWithSamples({ code: 'US', key: 'YOUR_API_KEY_HERE_123', token: '<token>', name: FUNCTION_KEY });
      const cert = validate({ definition: def, properties: baseProperties() }, { profile: 'certification' });
      assert.deepEqual(only(cert.definition, 'no-secrets-in-submission').map((d) => d.message), []);
      const live = validate({ definition: definitionWithSamples({ code: FUNCTION_KEY }), properties: baseProperties() });
      assert.deepEqual(only(live.definition, 'no-secrets-in-submission'), [], 'a certification-only finding');
    });

    it('uses the request redactor\'s names (one list): every secret query name of redact.ts is a secret name', () => {
      for (const name of SECRET_QUERY) assert.ok(isSecretName(name), name);
      for (const name of ['Ocp-Apim-Subscription-Key', 'X-Functions-Key', 'client_secret', 'refresh_token', 'X-Auth-Token', 'password']) assert.ok(isSecretName(name), name);
      for (const name of ['author', 'name', 'id', 'sv', 'se']) assert.ok(!isSecretName(name), name);
    });
  });

  describe('redacting logger', () => {
    for (const secret of ['pa"ss\\word-123', 'a\\b\\c\\d-secret', 'quote"in"the"middle']) {
      it(`hides ${JSON.stringify(secret)} whole, as text, as JSON and in a key=value pattern`, () => {
        const registry = new SecretRegistry();
        const sink = new MemoryLogSink();
        const log = new RedactingLogger(sink, registry);
        log.registerSecret(secret);
        log.info('raw', secret);
        log.info({ body: { password: secret } });
        log.info(JSON.stringify({ nested: JSON.stringify({ token: secret }) }));
        const text = sink.text();
        for (const piece of secret.split(/["\\]/).filter((p) => p.length >= 3)) assert.ok(!text.includes(piece), `part "${piece}" of the secret is visible:\n${text}`);
      });
    }

    it('the JSON field pattern hides an unregistered quoted secret with escaped quotes whole', () => {
      const sink = new MemoryLogSink();
      new RedactingLogger(sink, new SecretRegistry()).info('{"client_secret":"abc\\"def\\\\ghi","next":"visible"}');
      assert.ok(!/def|ghi/.test(sink.text()), sink.text());
      assert.match(sink.text(), /visible/);
    });
  });

  describe('Copy as cURL Header', () => {
    it('shows no word of a secret that contains spaces; keeps a real auth scheme word', () => {
      const text = redactedCurlArguments({ headers: { 'X-Api-Key': 'correct horse battery staple', Authorization: 'Bearer tok-123456', 'X-Other': 'Negotiate abc' }, query: {} });
      assert.ok(!/correct|horse|battery|staple/.test(text), text);
      assert.match(text, /Authorization: Bearer \*\*\*/);
      assert.ok(!/tok-123456|abc/.test(text), text);
    });
  });
});
