/** Reads a connector folder's definition and properties for the connection model (node fs). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectorFiles } from './connectionManager';
import { DEFINITION_FILE, PROPERTIES_FILE } from '../lifecycle/connectorFolder';
import { loadConnectorValue } from '../swagger/load';

async function readJson(path: string): Promise<unknown> {
  try {
    // A missing file yields an empty model rather than blocking the connection UI.
    return loadConnectorValue(await readFile(path, 'utf8'), path);
  } catch {
    return undefined;
  }
}

export async function loadConnectorFiles(connectorFolder: string): Promise<ConnectorFiles> {
  const [definition, apiProperties] = await Promise.all([
    readJson(join(connectorFolder, DEFINITION_FILE)),
    readJson(join(connectorFolder, PROPERTIES_FILE)),
  ]);
  return { definition, apiProperties };
}
