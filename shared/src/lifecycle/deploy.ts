// Deploy Connector: the command line for `pac connector create|update` or `paconn create|update`,
// derived from the folder's files and its settings.json (paconn's argument store). Credentials are
// never passed: both tools use their own sign-in (`pac auth create`, `paconn login`).
import { parseOrdered } from './convert';

export type DeployTool = 'pac' | 'paconn';
export type DeployMode = 'create' | 'update';

export interface DeploySettings {
  connectorId?: string;
  environment?: string;
  apiDefinition?: string;
  apiProperties?: string;
  icon?: string;
  script?: string;
  powerAppsUrl?: string;
  powerAppsApiVersion?: string;
  /** pac only: the solution to add the connector to. */
  solution?: string;
}

const STRING_KEYS: readonly (keyof DeploySettings)[] = ['connectorId', 'environment', 'apiDefinition', 'apiProperties', 'icon', 'script', 'powerAppsUrl', 'powerAppsApiVersion', 'solution'];

/** Reads settings.json; unknown keys and non-string values are ignored. Throws on invalid JSON. */
export function parseDeploySettings(text: string): DeploySettings {
  const v = parseOrdered(text);
  const out: DeploySettings = {};
  if (!(v instanceof Map)) return out;
  for (const k of STRING_KEYS) {
    const x = v.get(k);
    if (typeof x === 'string' && x.trim()) out[k] = x.trim();
  }
  return out;
}

export interface DeployRequest {
  tool: DeployTool;
  mode: DeployMode;
  /** File names present in the (packaged) folder. */
  files: readonly string[];
  settings: DeploySettings;
}

export interface DeployCommand {
  command: DeployTool;
  args: string[];
  /** Why the command cannot run as is (e.g. update without a connector id). */
  problems: string[];
}

/** Relative file arguments (the process runs with the folder as its working directory). */
export function buildDeployCommand(req: DeployRequest): DeployCommand {
  const s = req.settings;
  const problems: string[] = [];
  const has = (name: string | undefined): name is string => !!name && req.files.includes(name);
  const definition = s.apiDefinition && has(s.apiDefinition) ? s.apiDefinition : 'apiDefinition.swagger.json';
  const properties = s.apiProperties && has(s.apiProperties) ? s.apiProperties : 'apiProperties.json';
  const icon = s.icon && has(s.icon) ? s.icon : has('icon.png') ? 'icon.png' : undefined;
  const script = s.script && has(s.script) ? s.script : has('script.csx') ? 'script.csx' : undefined;
  if (!has(definition)) problems.push(`${definition} is missing (package a YAML definition first).`);
  if (!has(properties)) problems.push(`${properties} is missing.`);
  if (req.mode === 'update' && !s.connectorId) problems.push('Updating needs the connector id: add "connectorId" to settings.json (the create command prints it).');

  const args: string[] = [];
  if (req.tool === 'pac') {
    args.push('connector', req.mode);
    if (req.mode === 'update' && s.connectorId) args.push('--connector-id', s.connectorId);
    args.push('--api-definition-file', definition, '--api-properties-file', properties);
    if (icon) args.push('--icon-file', icon);
    if (script) args.push('--script-file', script);
    if (s.environment) args.push('--environment', s.environment);
    if (s.solution && req.mode === 'create') args.push('--solution-unique-name', s.solution);
  } else {
    args.push(req.mode, '--api-def', definition, '--api-prop', properties);
    if (icon) args.push('--icon', icon);
    if (script) args.push('--script', script);
    if (s.environment) args.push('--env', s.environment);
    if (req.mode === 'update' && s.connectorId) args.push('--cid', s.connectorId);
    if (s.powerAppsUrl) args.push('--pau', s.powerAppsUrl);
    if (s.powerAppsApiVersion) args.push('--pav', s.powerAppsApiVersion);
  }
  return { command: req.tool, args, problems };
}

/** What to tell a user who has neither tool on PATH. */
export const INSTALL_HELP = [
  'Neither `pac` (Power Platform CLI) nor `paconn` was found on PATH.',
  'Install one of them, sign in with it, then run Deploy Connector again:',
  '  • Power Platform CLI: `dotnet tool install --global Microsoft.PowerApps.CLI.Tool` (or the "Power Platform Tools" VS Code extension), then `pac auth create`.',
  '  • paconn: `pip install paconn` (Python 3.5+), then `paconn login`.',
  'Connector Studio never asks for or stores your Power Platform credentials: the tool signs in itself.',
].join('\n');

/** A display form of the command line (arguments with spaces quoted). */
export function commandLine(cmd: DeployCommand): string {
  return [cmd.command, ...cmd.args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
}
