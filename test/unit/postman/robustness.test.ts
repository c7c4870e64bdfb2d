// Generated collections with odd names, URLs and bodies: the converter never throws, and every
// connector it produces has no error in the project validator or in swagger-parser.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { convertPostmanCollection } from '../../../engine/src/converters/postman';
import { projectErrors, swaggerParserValidate } from './postmanTestKit';

const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('ü', 'a b', ' ', 'connectionId', 'id', 'ID'));
const segment = fc.oneof(
  fc.constantFrom('users', 'Users', 'items', ':id', ':ID', '{{var}}', '{{baseUrl}}', 'a b', 'ü', '*', '%41', 'x{y', 'x}y', '', 'v1.2', ':connectionId'),
  fc.string({ maxLength: 6 }),
);
const name = fc.oneof(fc.constantFrom('Get user', 'Get user', '1. Start', '!!!', '', '(draft)', 'Über äpfel', 'A'.repeat(120)), fc.string({ maxLength: 20 }));
const host = fc.constantFrom('https://api.one.example.com', 'http://two.example.org:8080/base', '{{baseUrl}}', '{{unknown}}', 'localhost:3000', '');
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ mode: 'raw', raw: JSON.stringify(v), options: { raw: { language: 'json' } } })),
  fc.string({ maxLength: 30 }).map((raw) => ({ mode: 'raw', raw })),
  fc.array(fc.record({ key, value: fc.string({ maxLength: 8 }), type: fc.constantFrom('text', 'file') }), { maxLength: 3 }).map((formdata) => ({ mode: 'formdata', formdata })),
  fc.array(fc.record({ key, value: fc.string({ maxLength: 8 }) }), { maxLength: 3 }).map((urlencoded) => ({ mode: 'urlencoded', urlencoded })),
  fc.constant({ mode: 'graphql', graphql: { query: '{ a }' } }),
);
const response = fc.record({
  code: fc.constantFrom(200, 201, 204, 400, 404, 500, 999, undefined),
  header: fc.constant([{ key: 'Content-Type', value: 'application/json' }]),
  body: fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 10 })),
});
const request = fc.record({
  name,
  request: fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PURGE'),
    url: fc.tuple(host, fc.array(segment, { maxLength: 4 }), fc.array(fc.tuple(key, fc.string({ maxLength: 6 })), { maxLength: 3 })).map(
      ([h, segs, query]) => `${h}/${segs.join('/')}${query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`,
    ),
    header: fc.array(fc.record({ key: fc.constantFrom('X-A', 'x-a', 'Authorization', 'Content-Type', 'Accept', 'connectionId'), value: fc.string({ maxLength: 10 }) }), { maxLength: 3 }),
    body,
    auth: fc.option(fc.constantFrom({ type: 'noauth' }, { type: 'basic' }, { type: 'bearer' }, { type: 'apikey', apikey: [{ key: 'in', value: 'query' }, { key: 'key', value: 'k' }] }, { type: 'oauth2' }, { type: 'hawk' }), { nil: undefined }),
  }),
  response: fc.array(response, { maxLength: 3 }),
});
const auth = fc.option(fc.constantFrom({ type: 'noauth' }, { type: 'inherit' }, { type: 'basic', basic: { username: 'u' } }, { type: 'oauth2', oauth2: [{ key: 'authUrl', value: 'https://l.example.com/a' }, { key: 'scope', value: 'a b' }] }), { nil: undefined });
const folder = fc.record({ name, auth, event: fc.constant([{ listen: 'prerequest', script: { exec: ['x()'] } }]), item: fc.array(request, { minLength: 1, maxLength: 4 }) });
const collection = fc.record({
  info: fc.record({ name, schema: fc.constantFrom('https://schema.getpostman.com/json/collection/v2.1.0/collection.json', 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json') }),
  variable: fc.constant([{ key: 'baseUrl', value: 'https://api.base.example.com/v3' }, { key: 'var', value: 'x' }]),
  auth,
  item: fc.array(fc.oneof(request, folder), { minLength: 1, maxLength: 6 }),
});

describe('postman: robustness (property-based)', function () {
  this.timeout(120_000);

  it('never throws; every connector produced has no validator error', async () => {
    const failures: string[] = [];
    const samples: object[] = [];
    fc.assert(
      fc.property(collection, (c) => {
        const r = convertPostmanCollection(c);
        if (!r.ok) {
          assert.ok(r.error.message && r.error.where);
          return;
        }
        const errors = projectErrors(r);
        if (errors.length) failures.push(`${errors.join('\n')}\n${JSON.stringify(c)}`);
        if (samples.length < 25) samples.push(r.definition);
      }),
      { numRuns: Number(process.env.POSTMAN_FUZZ_RUNS ?? 60), seed: Number(process.env.POSTMAN_FUZZ_SEED ?? 42) },
    );
    assert.deepEqual(failures.slice(0, 1).map((f) => f.slice(0, 1500)), []);
    for (const d of samples) await swaggerParserValidate(d);
  });
});
