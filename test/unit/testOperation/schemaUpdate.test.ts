// "Update response schema from this response": where the schema goes and the edit that writes it.
import assert from 'node:assert/strict';
import { computeSchemaUpdate } from '../../../client/src/testOperation/schemaUpdate';
import { inferSchema } from '../../../shared/src/schema/inferSchema';
import type { SwaggerDocument } from '../../../shared/src/request';

const text = `{
    "swagger": "2.0",
    "paths": {
        "/a": { "get": { "operationId": "A", "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Thing" } } } } },
        "/b": { "get": { "operationId": "B", "responses": { "2XX": { "description": "OK", "schema": { "type": "string" } } } } },
        "/c": { "get": { "operationId": "C", "responses": { "default": { "description": "x" } } } }
    },
    "definitions": { "Thing": { "type": "string" } }
}
`;
const doc = JSON.parse(text) as SwaggerDocument;
const schema = inferSchema({ id: 1, name: 'n' });

describe('Test Operation schema update', () => {
  it('replaces the shared definition a response points at, keeping the rest of the text', () => {
    const u = computeSchemaUpdate(text, doc, 'A', 200, 'OK', schema);
    assert.equal(u.label, 'definitions/Thing');
    const next = JSON.parse(u.newText);
    assert.deepEqual(next.definitions.Thing, { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } });
    assert.deepEqual(next.paths, doc.paths);
    assert.ok(u.newText.startsWith('{\n    "swagger": "2.0",'));
    assert.equal(u.edits.length, 1);
  });

  it('replaces an inline schema of a matching 2XX response', () => {
    const u = computeSchemaUpdate(text, doc, 'B', 201, 'Created', schema);
    assert.equal(u.label, 'response 2XX of B');
    assert.deepEqual(JSON.parse(u.newText).paths['/b'].get.responses['2XX'].schema, schema);
  });

  it('adds the response when the status is not declared', () => {
    const u = computeSchemaUpdate(text, doc, 'C', 200, 'OK', schema);
    assert.equal(u.label, 'new response 200 of C');
    const responses = JSON.parse(u.newText).paths['/c'].get.responses;
    assert.deepEqual(responses['200'], { description: 'OK', schema });
    assert.ok(responses.default);
  });

  it('fails clearly when the operation is gone', () => {
    assert.throws(() => computeSchemaUpdate(text, doc, 'Z', 200, 'OK', schema), /no longer in the definition/);
  });
});
