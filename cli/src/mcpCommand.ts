// `connector-studio mcp <folder> [--tool NAME --args JSON]`: connects to the connector's MCP server
// through its MCP operation the way the Test panel does (connection credentials, the connector's
// policy templates, our sender), lists tools and resources, checks Copilot Studio's constraints, and
// optionally calls a tool. Credentials come from environment variables only (never flags, which
// land in shell history). Exit 0 clean, 1 a constraint violation, a fault or a tool error, 2 usage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deriveConnectionModels } from '../../shared/src/connections/deriveModel';
import { definitionFileName, PROPERTIES_FILE } from '../../shared/src/lifecycle/connectorFolder';
import { AGENTIC_PROTOCOL_KEY, DEFAULT_MAX_MCP_TOOLS, findMcpOperations, inspectMcpServer, type McpConnection, type McpInspection } from '../../shared/src/mcp';
import type { PolicyTemplateInstance, SwaggerDocument } from '../../shared/src/request';
import { scrubSecretValues } from '../../shared/src/request/redact';
import { loadConnectorValue } from '../../shared/src/swagger/load';

export const MCP_ENV = {
  apiKey: 'CONNECTOR_STUDIO_API_KEY',
  token: 'CONNECTOR_STUDIO_ACCESS_TOKEN',
  user: 'CONNECTOR_STUDIO_USERNAME',
  password: 'CONNECTOR_STUDIO_PASSWORD',
  parameters: 'CONNECTOR_STUDIO_CONNECTION_PARAMETERS',
} as const;

export const MCP_USAGE = `Usage: connector-studio mcp <connector folder> [options]
  Connects to the connector's MCP server (the operation with ${AGENTIC_PROTOCOL_KEY}) through the
  connection and the connector's policy templates, lists tools and resources, and checks the tools
  against Copilot Studio's constraints (no $ref, single types, no anyOf/oneOf, tool count).
  --tool NAME               call this tool after the checks
  --args JSON               its arguments, a JSON object (no secrets here: flags land in shell history)
  --host URL                send to this host instead of the definition's (e.g. http://127.0.0.1:8080)
  --operation ID            the MCP operation when the connector has several
  --max-tools N             tools an agent takes (default ${DEFAULT_MAX_MCP_TOOLS})
  --timeout MS              time limit of initialize (default 10000; other requests 30000)
  --insecure                accept a self-signed certificate
  --format stylish|json|sarif   output (default stylish); json includes the redacted JSON-RPC exchange
  Credentials (environment variables only):
    ${MCP_ENV.apiKey}      API key, sent where the connector's securityDefinitions say
    ${MCP_ENV.token}  OAuth 2.0 access token, sent as "Authorization: Bearer <token>"
    ${MCP_ENV.user}, ${MCP_ENV.password}   basic authentication
    ${MCP_ENV.parameters}  JSON object of connection parameter values for policy templates
  Exit codes: 0 no violation, 1 a constraint violation, a named fault or a tool error, 2 bad usage.
`;

type Io = { stdout: (s: string) => void; stderr: (s: string) => void; env: NodeJS.ProcessEnv };
const defaultIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), env: process.env };
const MAX_FILE_BYTES = 16 * 1024 * 1024;

function readConnectorFile(file: string): unknown {
  try {
    if (fs.statSync(file).size > MAX_FILE_BYTES) return undefined;
    return loadConnectorValue(fs.readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
}

function connectionFromEnv(definition: unknown, properties: unknown, env: NodeJS.ProcessEnv): { connection?: McpConnection; problem?: string; secrets: string[] } {
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  const secrets: string[] = [];
  const key = env[MCP_ENV.apiKey];
  if (key) {
    const models = deriveConnectionModels(definition, properties).models;
    const placement = models.find((m) => m.apiKey)?.apiKey;
    if (!placement) return { problem: `${MCP_ENV.apiKey} is set but the connector declares no API key (securityDefinitions type apiKey).`, secrets };
    (placement.in === 'query' ? query : headers)[placement.name] = key;
    secrets.push(key);
  }
  const token = env[MCP_ENV.token];
  if (token) {
    headers.Authorization = `Bearer ${token}`;
    secrets.push(token);
  }
  const user = env[MCP_ENV.user];
  const password = env[MCP_ENV.password];
  if (user !== undefined || password !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${user ?? ''}:${password ?? ''}`, 'utf8').toString('base64')}`;
    secrets.push(headers.Authorization.slice(6));
    if (password) secrets.push(password);
  }
  let parameters: Record<string, string> = {};
  const raw = env[MCP_ENV.parameters];
  if (raw) {
    try {
      const v = JSON.parse(raw) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      parameters = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)]));
      secrets.push(...Object.values(parameters).filter((x) => x.length >= 4));
    } catch {
      return { problem: `${MCP_ENV.parameters} must be a JSON object of connection parameter values.`, secrets };
    }
  }
  const apiKeyName = Object.entries((properties as { properties?: { connectionParameters?: Record<string, { type?: string }> } })?.properties?.connectionParameters ?? {}).find(([, p]) => p?.type === 'securestring')?.[0];
  if (key && apiKeyName && parameters[apiKeyName] === undefined) parameters[apiKeyName] = key;
  if (!Object.keys(headers).length && !Object.keys(query).length && !Object.keys(parameters).length) return { secrets };
  return { connection: { decorations: { headers, query }, parameters, secretParameterNames: Object.keys(parameters) }, secrets };
}

/** The line (0-based) of the operation's x-ms-agentic-protocol key in the definition text, for SARIF and stylish output. */
function protocolLine(text: string): number {
  const i = text.indexOf(AGENTIC_PROTOCOL_KEY);
  return i < 0 ? 0 : text.slice(0, i).split('\n').length - 1;
}

export async function mcpCommand(argv: string[], io: Io = defaultIo): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr(`connector-studio mcp: ${message}\n`);
    if (code === 2) io.stderr(`\n${MCP_USAGE}`);
    return code;
  };
  let values: { tool?: string; args?: string; host?: string; operation?: string; 'max-tools'?: string; timeout?: string; insecure?: boolean; format?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        tool: { type: 'string' },
        args: { type: 'string' },
        host: { type: 'string' },
        operation: { type: 'string' },
        'max-tools': { type: 'string' },
        timeout: { type: 'string' },
        insecure: { type: 'boolean' },
        format: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return fail(2, (e as Error).message);
  }
  if (values.help) {
    io.stdout(MCP_USAGE);
    return 0;
  }
  const format = values.format ?? 'stylish';
  if (!['stylish', 'json', 'sarif'].includes(format)) return fail(2, `unknown --format ${format}.`);
  if (positionals.length !== 1) return fail(2, positionals.length ? `expected one connector folder, got ${positionals.length}.` : 'missing the connector folder.');
  const maxTools = values['max-tools'] === undefined ? DEFAULT_MAX_MCP_TOOLS : Number(values['max-tools']);
  if (!Number.isInteger(maxTools) || maxTools < 1) return fail(2, '--max-tools must be a positive integer.');
  const timeout = values.timeout === undefined ? 10_000 : Number(values.timeout);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 600_000) return fail(2, '--timeout must be milliseconds between 100 and 600000.');
  let args: Record<string, unknown> = {};
  if (values.args !== undefined) {
    if (!values.tool) return fail(2, '--args needs --tool.');
    try {
      const v = JSON.parse(values.args) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      args = v as Record<string, unknown>;
    } catch {
      return fail(2, '--args must be a JSON object, e.g. --args \'{"query":"sample"}\'.');
    }
  }

  const folder = path.resolve(positionals[0]!);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) return fail(2, `${positionals[0]} is not a folder.`);
  const name = definitionFileName(fs.readdirSync(folder));
  if (!name) return fail(2, `no connector definition (apiDefinition.swagger.json) in ${positionals[0]}.`);
  const definitionPath = path.join(folder, name);
  const definitionText = fs.statSync(definitionPath).size <= MAX_FILE_BYTES ? fs.readFileSync(definitionPath, 'utf8') : '';
  const definition = readConnectorFile(definitionPath) as SwaggerDocument | undefined;
  if (!definition) return fail(2, `cannot read ${name} (not JSON/YAML, or over ${MAX_FILE_BYTES} bytes).`);
  const properties = readConnectorFile(path.join(folder, PROPERTIES_FILE));
  const operations = findMcpOperations(definition);
  const chosen = values.operation ? operations.filter((o) => o.operationId === values.operation) : operations;
  if (chosen.length === 0) return fail(2, values.operation ? `no MCP operation "${values.operation}" (operations with ${AGENTIC_PROTOCOL_KEY}: ${operations.map((o) => o.operationId).join(', ') || 'none'}).` : `no operation carries ${AGENTIC_PROTOCOL_KEY}; this is not an MCP connector.`);
  if (chosen.length > 1) return fail(2, `several MCP operations (${chosen.map((o) => o.operationId ?? `${o.method} ${o.path}`).join(', ')}); choose one with --operation.`);
  const op = chosen[0]!;
  const { connection, problem, secrets } = connectionFromEnv(definition, properties, io.env);
  if (problem) return fail(2, problem);
  const list = (properties as { properties?: { policyTemplateInstances?: unknown } } | undefined)?.properties?.policyTemplateInstances;
  const policies = Array.isArray(list) ? (list.filter((p) => p && typeof p === 'object' && typeof (p as { templateId?: unknown }).templateId === 'string') as PolicyTemplateInstance[]) : [];

  const result = await inspectMcpServer(
    {
      document: definition,
      operationRef: op.operationId ?? { path: op.path, method: op.method },
      hostOverride: values.host,
      policies,
      connection,
      allowSelfSigned: values.insecure === true,
      initializeTimeoutMs: timeout,
    },
    { maxTools, call: values.tool ? { tool: values.tool, args } : undefined },
  );
  const failed = result.violations.length > 0 || !!result.fault || (result.call !== undefined && !result.call.ok);
  const shownPath = path.relative(process.cwd(), definitionPath) || definitionPath;
  const line = protocolLine(definitionText);
  let out: string;
  if (format === 'json') out = JSON.stringify({ definition: shownPath, operation: op.operationId ?? `${op.method} ${op.path}`, ...result }, null, 2) + '\n';
  else if (format === 'sarif') out = JSON.stringify(toSarif(result, shownPath, line), null, 2) + '\n';
  else out = stylish(result, shownPath, line, op.operationId ?? `${op.method.toUpperCase()} ${op.path}`);
  // Last line of defence: whatever the server echoed, no credential reaches the output.
  io.stdout(scrubSecretValues(out, secrets));
  return failed ? 1 : 0;
}

function stylish(r: McpInspection, file: string, line: number, operation: string): string {
  const lines: string[] = [`${file}:${line + 1}  MCP operation ${operation}`];
  if (r.server) lines.push(`  server ${r.server.name ?? '?'} ${r.server.version ?? ''} (protocol ${r.server.protocolVersion ?? '?'}; ${r.server.capabilities.join(', ') || 'no capabilities'})`.replace(/ +\(/, ' ('));
  if (r.fault) lines.push(`  error   ${r.fault.message}  mcp-fault-${r.fault.kind}`);
  if (r.tools.length) {
    lines.push('', `  ${r.tools.length} tool${r.tools.length === 1 ? '' : 's'}:`);
    for (const t of r.tools) {
      const bad = r.violations.filter((v) => v.tool === t.name);
      lines.push(`    ${bad.length ? '✗' : '✓'} ${t.name}${t.description ? ` — ${t.description.slice(0, 100)}` : ''}`);
      for (const v of bad) lines.push(`        ${v.pointer}  ${v.message}  ${v.rule}`);
    }
  }
  for (const v of r.violations.filter((x) => !x.tool)) lines.push(`  error   ${v.message}  ${v.rule}`);
  if (r.resources.length) lines.push('', `  ${r.resources.length} resource${r.resources.length === 1 ? '' : 's'}: ${r.resources.map((x) => x.uri).join(', ')}`);
  if (r.call) {
    lines.push('', `  call ${r.call.tool}: ${r.call.ok ? 'ok' : r.call.result?.isError ? 'tool error' : 'failed'}`);
    if (r.call.result) lines.push(...r.call.result.text.split('\n').slice(0, 50).map((l) => `    ${l}`));
    if (r.call.result?.structuredContent !== undefined) lines.push(`    structured: ${JSON.stringify(r.call.result.structuredContent).slice(0, 2000)}`);
    if (r.call.fault) lines.push(`    ${r.call.fault.message}`);
  }
  const errors = r.violations.length + (r.fault ? 1 : 0) + (r.call && !r.call.ok ? 1 : 0);
  lines.push('', `${errors ? `${errors} problem${errors === 1 ? '' : 's'}` : 'No problem'}: ${r.tools.length} tools checked, ${r.violations.length} constraint violation${r.violations.length === 1 ? '' : 's'} (${r.timeMs} ms)`, '');
  return lines.join('\n');
}

function toSarif(r: McpInspection, file: string, line: number): object {
  const results = [
    ...(r.fault ? [{ ruleId: `mcp-fault-${r.fault.kind}`, level: 'error', message: { text: r.fault.message }, logicalLocations: [] as object[] }] : []),
    ...r.violations.map((v) => ({ ruleId: v.rule, level: 'error', message: { text: v.message }, logicalLocations: v.tool ? [{ name: v.tool, fullyQualifiedName: `${v.tool}${v.pointer}`, kind: 'function' }] : [] })),
    ...(r.call && !r.call.ok ? [{ ruleId: 'mcp-tool-call-failed', level: 'error', message: { text: r.call.fault?.message ?? `Tool ${r.call.tool} returned an error: ${r.call.result?.text.slice(0, 500) ?? ''}` }, logicalLocations: [{ name: r.call.tool, kind: 'function' }] }] : []),
  ];
  const ids = [...new Set(results.map((x) => x.ruleId))].sort();
  const uri = path.isAbsolute(file) ? pathToFileURL(file).href : file.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'connector-studio mcp', informationUri: 'https://github.com/connector-studio/connector-studio', rules: ids.map((id) => ({ id, name: id, shortDescription: { text: id } })) } },
        results: results.map((x) => ({
          ...x,
          ruleIndex: ids.indexOf(x.ruleId),
          locations: [{ physicalLocation: { artifactLocation: path.isAbsolute(file) ? { uri } : { uri, uriBaseId: '%SRCROOT%' }, region: { startLine: line + 1 } }, logicalLocations: x.logicalLocations }],
          logicalLocations: undefined,
        })),
      },
    ],
  };
}
