// The connector's file names and which file of a folder is the definition (JSON first, then
// YAML). The one definition discovery: the server, the CLI, the packager and the client use it.
// No vscode import.
import * as path from 'node:path';

export const DEFINITION_FILE = 'apiDefinition.swagger.json';
export const PROPERTIES_FILE = 'apiProperties.json';
export const SCRIPT_FILE = 'script.csx';
export const CONFIG_FILE = '.connector-studio.json';

export const DEFINITION_CANDIDATES = [DEFINITION_FILE, 'apiDefinition.swagger.yaml', 'apiDefinition.swagger.yml'];

/** The definition's file name among a folder's `files`: a standard name first, else a `*.swagger.(json|yaml|yml)` file. */
export function definitionFileName(files: readonly string[]): string | undefined {
  return DEFINITION_CANDIDATES.find((c) => files.includes(c)) ?? files.find((f) => /\.swagger\.(json|ya?ml)$/i.test(f));
}

export function findDefinition(folder: string, files: readonly string[]): string | undefined {
  const name = definitionFileName(files);
  return name ? path.join(folder, name) : undefined;
}
