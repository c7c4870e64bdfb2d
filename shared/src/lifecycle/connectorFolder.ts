// The connector's file names and which file of a folder is the definition (JSON first, then
// YAML). The one definition discovery: the server, the CLI, the packager and the client use it.
// No vscode import.
import * as path from 'node:path';

export const DEFINITION_FILE = 'apiDefinition.swagger.json';
export const PROPERTIES_FILE = 'apiProperties.json';
export const SCRIPT_FILE = 'script.csx';
export const CONFIG_FILE = '.connector-studio.json';

export const DEFINITION_CANDIDATES = [DEFINITION_FILE, 'apiDefinition.swagger.yaml', 'apiDefinition.swagger.yml'];

const DEFINITION_NAME = /(^apiDefinition\.(swagger\.(json|ya?ml)|ya?ml)$)|(\.swagger\.(json|ya?ml)$)/i;

/** A name a definition may have: apiDefinition.swagger.json/.yaml/.yml, apiDefinition.yaml, or any `*.swagger.(json|yaml|yml)`. */
/** True when `p` is `root` or below it (both absolute and normalized). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function isDefinitionName(fileName: string): boolean {
  return DEFINITION_NAME.test(path.basename(fileName));
}

/**
 * The definition's file name among a folder's `files`: a standard name first (JSON, then YAML),
 * else the one file with a definition name; undefined when there is none or several (ambiguous).
 */
export function definitionFileName(files: readonly string[]): string | undefined {
  const standard = DEFINITION_CANDIDATES.find((c) => files.includes(c));
  if (standard) return standard;
  const alt = files.filter(isDefinitionName);
  return alt.length === 1 ? alt[0] : undefined;
}

export function findDefinition(folder: string, files: readonly string[]): string | undefined {
  const name = definitionFileName(files);
  return name ? path.join(folder, name) : undefined;
}
