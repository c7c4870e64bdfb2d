// Helpers for rule tests: validate a small in-memory connector, or a mutated corpus connector.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateConnector, type ConnectorDiagnostic, type ValidationConfig } from '../../engine/src/languageService/validateConnector';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');
export const CORPUS_CONNECTORS = path.join(CORPUS, 'connectors');

/**
 * Checks that the shared corpus folder `dir` exists and is not empty, and returns it. A missing
 * corpus is a failure that names what is missing, never a skip: call it in a test or a hook.
 */
export function requireCorpus(dir: string = CORPUS_CONNECTORS): string {
  if (!fs.existsSync(dir)) throw new Error(`The shared corpus is missing: ${dir} does not exist. The tests need the read-only data folder ../shared (corpus/connectors, corpus/postman) beside the repository.`);
  if (fs.readdirSync(dir).length === 0) throw new Error(`The shared corpus folder ${dir} is empty.`);
  return dir;
}

export interface ConnectorInput {
  /** The definition as an object (serialized with 4 spaces) or raw text. */
  definition?: object | string;
  properties?: object | string;
  script?: string;
  /** Definition file name; .yaml/.yml makes it YAML (pass text then). */
  definitionName?: string;
  folderName?: string;
  folderFiles?: string[];
}

export interface Results {
  definition: ConnectorDiagnostic[];
  properties: ConnectorDiagnostic[];
  script: ConnectorDiagnostic[];
  all: ConnectorDiagnostic[];
}

const text = (v: object | string) => (typeof v === 'string' ? v : JSON.stringify(v, null, 4));

export function validate(input: ConnectorInput, config: ValidationConfig = {}): Results {
  const dir = '/virtual/' + (input.folderName ?? 'test-connector');
  const results = validateConnector(
    {
      definition: input.definition !== undefined ? { uri: `${dir}/${input.definitionName ?? 'apiDefinition.swagger.json'}`, text: text(input.definition) } : undefined,
      properties: input.properties !== undefined ? { uri: `${dir}/apiProperties.json`, text: text(input.properties) } : undefined,
      script: input.script !== undefined ? { uri: `${dir}/script.csx`, text: input.script } : undefined,
      folderName: input.folderName ?? 'test-connector',
      folderFiles: input.folderFiles ?? ['apiDefinition.swagger.json', 'apiProperties.json'],
    },
    config,
    undefined,
    (ids, e) => {
      throw new Error(`rule ${ids.join(',')} threw: ${e instanceof Error ? e.stack : String(e)}`);
    },
  );
  const pick = (kind: string) => results.find((r) => r.kind === kind)?.diagnostics ?? [];
  const r = { definition: pick('definition'), properties: pick('properties'), script: pick('script') };
  return { ...r, all: [...r.definition, ...r.properties, ...r.script] };
}

/** Diagnostics of one rule. */
export function only(diags: ConnectorDiagnostic[], ruleId: string): ConnectorDiagnostic[] {
  return diags.filter((d) => d.ruleId === ruleId);
}

/** A minimal valid connector that passes every default-profile rule; tests break one thing in it. */
export function baseDefinition(): Record<string, any> {
  return {
    swagger: '2.0',
    info: { title: 'Contoso Tasks', description: 'Manage tasks and projects in the Contoso task service.', version: '1.0' },
    host: 'api.contoso.com',
    basePath: '/v1',
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: {
      '/tasks/{taskId}': {
        get: {
          operationId: 'GetTask',
          summary: 'Get a task',
          description: 'Gets one task by its identifier.',
          parameters: [{ name: 'taskId', in: 'path', required: true, type: 'string', 'x-ms-summary': 'Task ID', description: 'The task identifier.', 'x-ms-url-encoding': 'single' }],
          responses: { '200': { description: 'The task.', schema: { $ref: '#/definitions/Task' } } },
        },
      },
      '/tasks': {
        post: {
          operationId: 'CreateTask',
          summary: 'Create a task',
          description: 'Creates a new task.',
          parameters: [{ name: 'body', in: 'body', required: true, 'x-ms-summary': 'Task', description: 'The task to create.', schema: { $ref: '#/definitions/Task' } }],
          responses: { '201': { description: 'Created.', schema: { $ref: '#/definitions/Task' } } },
        },
      },
    },
    definitions: {
      Task: {
        type: 'object',
        properties: {
          id: { type: 'string', 'x-ms-summary': 'ID', description: 'Task identifier.' },
          title: { type: 'string', 'x-ms-summary': 'Title', description: 'Task title.' },
        },
      },
    },
    securityDefinitions: { api_key: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
    security: [{ api_key: [] }],
  };
}

export function baseProperties(): Record<string, any> {
  return {
    properties: {
      connectionParameters: {
        api_key: { type: 'securestring', uiDefinition: { displayName: 'API Key', description: 'The API key for this api', tooltip: 'Provide your API key', constraints: { tabIndex: 2, clearText: false, required: 'true' } } },
      },
      iconBrandColor: '#0f6cbd',
      capabilities: [],
      publisher: 'Contoso',
      stackOwner: 'Contoso',
    },
  };
}

/**
 * Corpus connectors as paths relative to CORPUS_CONNECTORS, e.g. "certified-connectors/Asana".
 * Empty when the corpus is missing, so that test files still load: callers assert a non-empty list
 * (or call requireCorpus) in a hook or test, which then fails naming the folder.
 */
export function corpusConnectorNames(): string[] {
  if (!fs.existsSync(CORPUS_CONNECTORS)) return [];
  const out: string[] = [];
  const visit = (rel: string) => {
    const dir = path.join(CORPUS_CONNECTORS, rel);
    if (fs.existsSync(path.join(dir, 'apiDefinition.swagger.json'))) {
      out.push(rel);
      return;
    }
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) if (d.isDirectory()) visit(rel ? `${rel}/${d.name}` : d.name);
  };
  visit('');
  return out.sort();
}

export function readCorpusConnector(name: string): { definition: string; properties?: string } {
  const dir = path.join(CORPUS_CONNECTORS, name);
  const props = path.join(dir, 'apiProperties.json');
  return { definition: fs.readFileSync(path.join(dir, 'apiDefinition.swagger.json'), 'utf8'), properties: fs.existsSync(props) ? fs.readFileSync(props, 'utf8') : undefined };
}

/**
 * Seeds one defect into a parsed corpus connector and validates the result.
 * `mutate` edits the parsed objects in place and returns false when the connector lacks what
 * the defect needs (then the caller tries another connector).
 */
export function seedDefect(name: string, mutate: (def: any, props: any) => boolean | void, config: ValidationConfig = {}): Results | undefined {
  const raw = readCorpusConnector(name);
  let def: any;
  let props: any;
  try {
    def = JSON.parse(raw.definition.replace(/^\uFEFF/, ''));
    props = raw.properties ? JSON.parse(raw.properties.replace(/^\uFEFF/, '')) : undefined;
  } catch {
    return undefined;
  }
  if (mutate(def, props) === false) return undefined;
  return validate({ definition: def, properties: props, folderName: path.basename(name) }, config);
}
