// Which file of a folder is the connector definition (JSON first, then YAML). No vscode import.
import * as path from 'node:path';

export const DEFINITION_CANDIDATES = ['apiDefinition.swagger.json', 'apiDefinition.swagger.yaml', 'apiDefinition.swagger.yml'];

export function findDefinition(folder: string, files: readonly string[]): string | undefined {
  const name = DEFINITION_CANDIDATES.find((c) => files.includes(c)) ?? files.find((f) => /\.swagger\.(json|ya?ml)$/i.test(f));
  return name ? path.join(folder, name) : undefined;
}
