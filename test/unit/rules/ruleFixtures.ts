// Fixture connectors shared by several rule test files.
import { baseDefinition, baseProperties } from '../ruleTestKit';

/** Base connector plus a list operation and a parameter whose values come from it. */
export function dynDefinition(): Record<string, any> {
  const def = baseDefinition();
  def.paths['/projects'] = {
    get: {
      operationId: 'ListProjects',
      summary: 'List projects',
      description: 'Lists the projects of a workspace.',
      'x-ms-visibility': 'internal',
      parameters: [{ name: 'workspace', in: 'query', required: true, type: 'string', 'x-ms-summary': 'Workspace', description: 'Workspace id.' }],
      responses: { '200': { description: 'Projects.', schema: { $ref: '#/definitions/ProjectList' } } },
    },
  };
  def.paths['/projects/{projectId}/schema'] = {
    get: {
      operationId: 'GetProjectSchema',
      summary: 'Get project schema',
      description: 'Gets the schema of a project.',
      'x-ms-visibility': 'internal',
      parameters: [{ name: 'projectId', in: 'path', required: true, type: 'string', 'x-ms-summary': 'Project', description: 'Project id.', 'x-ms-url-encoding': 'single' }],
      responses: { '200': { description: 'Schema.', schema: { type: 'object', properties: { schema: { type: 'object' } } } } },
    },
  };
  def.definitions.ProjectList = {
    type: 'object',
    properties: { value: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } }, count: { type: 'integer' } },
  };
  const post = def.paths['/tasks'].post;
  post.parameters.unshift(
    { name: 'workspace', in: 'query', required: true, type: 'string', 'x-ms-summary': 'Workspace', description: 'Workspace id.' },
    {
      name: 'project',
      in: 'query',
      required: true,
      type: 'string',
      'x-ms-summary': 'Project',
      description: 'Project of the task.',
      'x-ms-dynamic-values': { operationId: 'ListProjects', parameters: { workspace: { parameter: 'workspace' } }, 'value-collection': 'value', 'value-path': 'id', 'value-title': 'name' },
    },
  );
  return def;
}

/** Base connector secured with generic OAuth 2.0 in both files. */
export function oauthConnector(): { definition: Record<string, any>; properties: Record<string, any> } {
  const definition = baseDefinition();
  definition.securityDefinitions = {
    oauth2_auth: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://login.contoso.com/authorize', tokenUrl: 'https://login.contoso.com/token', scopes: { 'tasks.read': 'Read tasks' } },
  };
  definition.security = [{ oauth2_auth: ['tasks.read'] }];
  const properties = baseProperties();
  properties.properties.connectionParameters = {
    token: {
      type: 'oauthSetting',
      oAuthSettings: {
        identityProvider: 'oauth2',
        clientId: 'contoso-client-id',
        scopes: ['tasks.read'],
        redirectMode: 'Global',
        redirectUrl: 'https://global.consent.azure-apim.net/redirect',
        properties: { IsFirstParty: 'False' },
        customParameters: { authorizationUrl: { value: 'https://login.contoso.com/authorize' }, tokenUrl: { value: 'https://login.contoso.com/token' }, refreshUrl: { value: 'https://login.contoso.com/token' } },
      },
    },
  };
  return { definition, properties };
}
