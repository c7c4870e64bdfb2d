// Input the converter refuses: a clear message saying what and where, never an exception.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertPostmanCollection, parseAndConvert, parseJsonText } from '../../../engine/src/converters/postman';
import { FIXTURES, fixture } from './postmanTestKit';

function error(r: ReturnType<typeof convertPostmanCollection>) {
  assert.ok(!r.ok, 'expected a failure');
  return r.error;
}

describe('postman: bad input', () => {
  it('v1 collections are refused with a hint to export v2.1', () => {
    const e = error(convertPostmanCollection(fixture('v1.postman_collection.json')));
    assert.match(e.message, /v1 is not supported/);
    assert.match(e.message, /v2\.1/);
    const bySchema = error(convertPostmanCollection({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json' }, item: [] }));
    assert.match(bySchema.message, /v1/);
  });

  it('non-collection JSON says what it is', () => {
    assert.match(error(convertPostmanCollection(fixture('hosts.postman_environment.json'))).message, /environment, not a collection/);
    assert.match(error(convertPostmanCollection({ swagger: '2.0', info: {}, paths: {} })).message, /OpenAPI document/);
    assert.match(error(convertPostmanCollection([1, 2])).message, /JSON object/);
    const noItems = error(convertPostmanCollection({ info: { name: 'x' } }));
    assert.match(noItems.message, /"item" array is missing/);
    assert.equal(noItems.where, 'collection > item');
    assert.match(error(convertPostmanCollection({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v3.0.0/collection.json' }, item: [] })).message, /Unsupported collection schema/);
  });

  it('a collection without requests is a failure, not an empty connector', () => {
    assert.match(error(convertPostmanCollection({ info: { name: 'x' }, item: [{ name: 'Empty folder', item: [] }] })).message, /no requests/);
  });

  it('broken JSON text reports line and column', () => {
    const text = '{\n  "info": { "name": "x" },\n  "item": [\n    { "name": "a" \n  ]\n}';
    const e = error(parseAndConvert(text));
    assert.match(e.message, /not valid JSON/);
    assert.match(e.where, /line 5, column 3/);
    const r = parseJsonText('{"a": 1,}');
    assert.ok(!r.ok);
    if (!r.ok) assert.deepEqual([r.line, r.column], [1, 9]);
  });

  it('broken environment JSON is reported as the environment\'s', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'mapping-v21.postman_collection.json'), 'utf8');
    const e = error(parseAndConvert(text, { environmentText: '{"values": [' }));
    assert.match(e.message, /environment is not valid JSON/);
    assert.match(e.where, /^environment line 1/);
    assert.match(error(convertPostmanCollection(fixture('mapping-v21.postman_collection.json'), { environment: { foo: 1 } })).message, /not a Postman environment/);
  });

  it('a UTF-8 byte order mark is accepted', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'mapping-v21.postman_collection.json'), 'utf8');
    assert.ok(parseAndConvert(`\ufeff${text}`).ok);
  });

  it('unsupported pieces are listed in the report with where, and conversion goes on', () => {
    const r = convertPostmanCollection(fixture('bodies-v21.postman_collection.json'));
    assert.ok(r.ok);
    const where = new Map(r.report.entries.map((e) => [e.code, e.where]));
    assert.equal(where.get('graphql-body'), 'Query graph');
    assert.equal(where.get('script-not-converted'), 'Create with variables');
    assert.equal(where.get('method-unsupported'), 'Copy');
    for (const e of r.report.entries) assert.ok(e.message.length > 10 && /^[a-z0-9-]+$/.test(e.code));
  });
});
