// Loads a connector's files from disk (the CLI's view; the server prefers open documents).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, connectorPathsFor } from './connectorFolder';
import { parseConfigFile, type ConfigProblem } from './config';
import type { ConnectorSources, SourceFile, ValidationConfig } from './validateConnector';

export const diskReader = {
  list(folder: string): string[] {
    try {
      return fs.readdirSync(folder);
    } catch {
      return [];
    }
  },
};

/** Reads a text file as UTF-8; returns undefined when it cannot be read. */
export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function source(file: string | undefined): SourceFile | undefined {
  if (!file) return undefined;
  const text = readText(file);
  return text === undefined ? undefined : { uri: file, text };
}

export function loadConnectorFromDisk(definitionPath: string, definitionText?: string): ConnectorSources {
  const paths = connectorPathsFor(definitionPath, diskReader);
  const files = diskReader.list(paths.folder);
  return {
    definition: definitionText !== undefined ? { uri: definitionPath, text: definitionText } : source(paths.definition),
    properties: source(paths.properties),
    script: source(paths.script),
    folderName: path.basename(paths.folder),
    folderFiles: files,
  };
}

/** The folder's `.connector-studio.json`, if any. */
export function loadFolderConfig(folder: string): { config: ValidationConfig; problems: ConfigProblem[] } {
  const text = readText(path.join(folder, CONFIG_FILE));
  return text === undefined ? { config: {}, problems: [] } : parseConfigFile(text);
}
