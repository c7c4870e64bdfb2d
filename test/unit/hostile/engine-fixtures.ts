// Hostile inputs for the engine/server tests, generated at test time in temporary folders (never
// committed as files): big definitions, UTF-16 text, FIFOs, symlinks out of the connector folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh temporary folder; the caller removes it (see removeTemp). */
export function tempDir(prefix = 'cs-hostile-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeTemp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A small valid definition (one operation), as an object to mutate. */
export function smallDefinition(): Record<string, any> {
  return {
    swagger: '2.0',
    info: { title: 'Hostile Test', description: 'A connector used by the hostile-input tests.', version: '1.0' },
    host: 'api.contoso.com',
    basePath: '/',
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: {
      '/items/{id}': {
        get: {
          operationId: 'GetItem',
          summary: 'Get an item',
          description: 'Returns one item.',
          parameters: [{ name: 'id', in: 'path', required: true, type: 'string', 'x-ms-summary': 'Item ID', description: 'The item.' }],
          responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Item' } } },
        },
      },
    },
    definitions: { Item: { type: 'object', properties: { id: { type: 'string', description: 'The id.', 'x-ms-summary': 'ID' } } } },
  };
}

export const SMALL_PROPERTIES = { properties: { iconBrandColor: '#123456', capabilities: [], connectionParameters: {}, publisher: 'Contoso', stackOwner: 'Contoso' } };

/**
 * A definition of about `megabytes` MB: many operations with inline schemas, like the 50 MB,
 * 35k-operation file of issue 17. Built as text (no giant object in memory).
 */
export function bigDefinitionText(megabytes: number): string {
  const head = JSON.stringify({ ...smallDefinition(), paths: undefined }).slice(0, -1);
  const parts: string[] = [head, ',"paths":{'];
  let size = head.length;
  const target = megabytes * 1024 * 1024;
  for (let i = 0; size < target; i++) {
    const op = {
      get: {
        operationId: `GetThing${i}`,
        summary: `Get thing ${i}`,
        description: `Returns thing number ${i} with all of its fields. `.repeat(16),
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string', 'x-ms-summary': 'Thing ID', description: 'The thing.' }],
        responses: {
          '200': {
            description: 'OK',
            schema: { type: 'object', properties: { id: { type: 'string', description: 'Id.' }, name: { type: 'string', description: 'Name.' }, tags: { type: 'array', items: { type: 'string' } }, size: { type: 'integer', format: 'int32' } } },
          },
        },
      },
    };
    const chunk = `${i ? ',' : ''}${JSON.stringify(`/things${i}/{id}`)}:${JSON.stringify(op)}`;
    parts.push(chunk);
    size += chunk.length;
  }
  parts.push('}}');
  return parts.join('');
}

/** Writes a connector folder (definition + properties) and returns the folder. */
/** `properties: null` writes no apiProperties.json. */
export function writeConnector(dir: string, definition: string | object, properties: string | object | null = SMALL_PROPERTIES): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'apiDefinition.swagger.json'), typeof definition === 'string' ? definition : JSON.stringify(definition, null, 4));
  if (properties !== null) fs.writeFileSync(path.join(dir, 'apiProperties.json'), typeof properties === 'string' ? properties : JSON.stringify(properties, null, 4));
  return dir;
}

/** UTF-16 bytes of a text, little or big endian, with or without a byte-order mark. */
export function utf16(text: string, endian: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}
