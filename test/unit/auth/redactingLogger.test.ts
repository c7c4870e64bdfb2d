import assert from 'node:assert/strict';
import { MemoryLogSink, RedactingLogger, SecretRegistry } from '../../../shared/src/log/redactingLogger';

describe('redacting logger', () => {
  let sink: MemoryLogSink;
  let registry: SecretRegistry;
  let logger: RedactingLogger;
  beforeEach(() => {
    sink = new MemoryLogSink();
    registry = new SecretRegistry();
    logger = new RedactingLogger(sink, registry);
  });

  it('replaces registered secret values, including URL-encoded forms', () => {
    logger.registerSecret('p@ss word/42');
    logger.info('value p@ss word/42 and', encodeURIComponent('p@ss word/42'));
    assert.equal(sink.lines[0], 'info: value *** and ***');
  });

  it('hides Bearer tokens and Authorization headers', () => {
    logger.info('GET /x Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig');
    logger.info('header authorization=Basic dXNlcjpwYXNz');
    logger.info('sent Bearer abcdefghijklmnop to api');
    const text = sink.text();
    assert.doesNotMatch(text, /eyJhbGci|dXNlcjpwYXNz|abcdefghijklmnop/);
    assert.match(text, /Authorization: Bearer \*\*\*/);
  });

  it('hides client_secret=, access_token, refresh_token and codes in form bodies, JSON and URLs', () => {
    logger.warn('body grant_type=client_credentials&client_secret=s3cr3t&scope=a');
    logger.warn('{"access_token":"at-123456","refresh_token": "rt-98765","token_type":"Bearer"}');
    logger.warn('redirect http://127.0.0.1:5000/callback?code=authcode-1&state=x');
    const text = sink.text();
    for (const secret of ['s3cr3t', 'at-123456', 'rt-98765', 'authcode-1']) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    assert.match(text, /grant_type=client_credentials/);
    assert.match(text, /"token_type":"Bearer"/);
  });

  it('redacts secrets inside logged objects and errors, and in child loggers', () => {
    registry.register('key-abcdef');
    const child = logger.child('oauth');
    child.error(new Error('failed with key-abcdef'), { header: 'key-abcdef' });
    assert.equal(sink.lines[0], 'error: [oauth] Error: failed with *** {"header":"***"}');
  });

  it('longest secret wins when one secret contains another', () => {
    registry.register('abcd');
    registry.register('abcdefgh');
    assert.equal(registry.redact('x abcdefgh y abcd'), 'x *** y ***');
  });

  it('ignores very short values so logs stay readable', () => {
    registry.register('a');
    assert.equal(registry.redact('a cat'), 'a cat');
  });
});
