// Loads a connector's files through the one FileAccess reader the host gives (the CLI: the disk;
// the server: open buffers first). Nothing here opens a file by itself.
import * as path from 'node:path';
import { CONFIG_FILE, connectorPathsFor, type FolderReader } from './connectorFolder';
import { parseConfigFile, type ConfigProblem } from './config';
import type { FileAccess } from './fileAccess';
import type { ConnectorSources, SourceFile, UnreadFile, ValidationConfig } from './validateConnector';
import type { ConnectorFileKind } from '../rules/types';

/** Lists folders through a FileAccess (only folders inside its roots). */
export function folderReader(files: FileAccess): FolderReader {
  return { list: (folder) => files.list(folder) };
}

/**
 * Reads a file as text through a reader; undefined when it cannot be read. Refusals (outside
 * the folder, not a regular file, too large) go to `unread` when given.
 */
export function readSource(files: FileAccess, file: string | undefined, kind: ConnectorFileKind, unread?: UnreadFile[]): SourceFile | undefined {
  if (!file) return undefined;
  const r = files.read(file);
  if (r.ok) return { uri: file, text: r.text, ...(r.encoding !== 'utf-8' ? { encoding: r.encoding } : {}) };
  if (r.reason !== 'missing') unread?.push({ uri: file, kind, message: r.message });
  return undefined;
}

/** The connector's sources around a definition; `definitionText` (an open buffer) wins over the reader. */
export function loadConnectorSources(definitionPath: string, files: FileAccess, definitionText?: string): ConnectorSources {
  const paths = connectorPathsFor(definitionPath, folderReader(files));
  const unread: UnreadFile[] = [];
  return {
    definition: definitionText !== undefined ? { uri: definitionPath, text: definitionText } : readSource(files, paths.definition, 'definition', unread),
    properties: readSource(files, paths.properties, 'properties', unread),
    script: readSource(files, paths.script, 'script', unread),
    folderName: path.basename(paths.folder),
    folderFiles: files.list(paths.folder),
    files,
    unread,
  };
}

/** The folder's `.connector-studio.json`, if any (read through the folder's reader). */
export function loadFolderConfig(folder: string, files: FileAccess): { config: ValidationConfig; problems: ConfigProblem[] } {
  const r = files.read(path.join(folder, CONFIG_FILE), { maxBytes: 1024 * 1024 });
  if (!r.ok) return { config: {}, problems: r.reason === 'missing' ? [] : [{ message: r.message }] };
  return parseConfigFile(r.text);
}
