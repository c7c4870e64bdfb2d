// Which files of a folder `validate` looks at: the names findConnectorFiles.ts reads (and sniffs for
// a Swagger declaration when the name does not say), and the folders it never enters. Light (no
// engine), so cli.ts can use it too (workerStart.ts).
import { CONFIG_FILE, PROPERTIES_FILE } from '../../shared/src/lifecycle/connectorFolder';

export const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

/** A JSON or YAML file other than apiProperties.json and our config: maybe a definition. */
export function isDefinitionCandidate(fileName: string): boolean {
  return /\.(json|ya?ml)$/i.test(fileName) && fileName !== PROPERTIES_FILE && fileName !== CONFIG_FILE;
}
