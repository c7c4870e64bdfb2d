// Which files make up a connector, found from any one of them. Pure: file access is injected
// so the language server (open documents first) and the CLI (disk) share it.
import * as path from 'node:path';
import { CONFIG_FILE, definitionFileName, DEFINITION_FILE, isDefinitionName, PROPERTIES_FILE, SCRIPT_FILE } from '../../../shared/src/lifecycle/connectorFolder';

// The file names and the definition discovery are declared once, in shared/src/lifecycle/connectorFolder.ts.
export { CONFIG_FILE, DEFINITION_FILE, isDefinitionName, PROPERTIES_FILE, SCRIPT_FILE };

export interface FolderReader {
  /** File names directly in a folder ([] when it cannot be read). */
  list(folder: string): string[];
}

const SWAGGER_DECLARATION = /(^|[{,\s])["']?swagger["']?\s*:\s*["']?2\.0["']?/m;

/** A JSON or YAML text that declares `swagger: "2.0"` (content, not name, decides). */
export function declaresSwagger2(text: string): boolean {
  return SWAGGER_DECLARATION.test(text.slice(0, 200_000));
}

export function isPropertiesName(fileName: string): boolean {
  return path.basename(fileName) === PROPERTIES_FILE;
}

export function isConnectorDefinition(fileName: string, text: string): boolean {
  if (!/\.(json|ya?ml)$/i.test(fileName)) return false;
  return path.basename(fileName) === DEFINITION_FILE || declaresSwagger2(text) || (isDefinitionName(fileName) && !/^\s*[{]?\s*["']?openapi["']?\s*:/.test(text));
}

export interface ConnectorPaths {
  folder: string;
  definition?: string;
  properties?: string;
  script?: string;
}

/** The connector a definition or properties file belongs to (its folder's other files). */
export function connectorPathsFor(filePath: string, reader: FolderReader): ConnectorPaths {
  const folder = path.dirname(filePath);
  const names = reader.list(folder);
  const has = (n: string) => names.includes(n);
  const base = path.basename(filePath);
  let definition: string | undefined;
  if (base !== PROPERTIES_FILE && base !== SCRIPT_FILE) definition = filePath;
  else {
    const name = definitionFileName(names);
    if (name) definition = path.join(folder, name);
  }
  return {
    folder,
    definition,
    properties: has(PROPERTIES_FILE) ? path.join(folder, PROPERTIES_FILE) : undefined,
    script: has(SCRIPT_FILE) ? path.join(folder, SCRIPT_FILE) : undefined,
  };
}
