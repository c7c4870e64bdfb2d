/** Reads a connector folder's definition and properties for the connection model (node fs). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectorFiles } from './connectionManager';

async function readJson(path: string): Promise<unknown> {
  try {
    const text = await readFile(path, 'utf8');
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    // A missing or broken file yields an empty model rather than blocking the connection UI.
    return undefined;
  }
}

export async function loadConnectorFiles(connectorFolder: string): Promise<ConnectorFiles> {
  const [definition, apiProperties] = await Promise.all([
    readJson(join(connectorFolder, 'apiDefinition.swagger.json')),
    readJson(join(connectorFolder, 'apiProperties.json')),
  ]);
  return { definition, apiProperties };
}
