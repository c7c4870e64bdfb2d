/**
 * Connections remember their connector folder as a workspace-relative key ("." for the root,
 * "<workspace folder name>/<path>" in multi-root workspaces), so moving the workspace keeps them.
 * Pure: works on posix paths (vscode.Uri.path), no vscode import.
 */
import * as path from 'node:path';

export interface WorkspaceFolderLike {
  name: string;
  /** vscode.Uri.path of the folder (posix). */
  path: string;
}

function inside(parent: string, child: string): string | undefined {
  const rel = path.posix.relative(parent, child);
  if (rel.startsWith('..') || path.posix.isAbsolute(rel)) return undefined;
  return rel === '' ? '.' : rel;
}

export function folderKeyOf(folderPath: string, workspaceFolders: readonly WorkspaceFolderLike[]): string {
  // The innermost workspace folder wins when folders are nested.
  const owners = workspaceFolders
    .map((f) => ({ f, rel: inside(f.path, folderPath) }))
    .filter((o): o is { f: WorkspaceFolderLike; rel: string } => o.rel !== undefined)
    .sort((a, b) => b.f.path.length - a.f.path.length);
  const owner = owners[0];
  if (!owner) return folderPath;
  if (workspaceFolders.length === 1) return owner.rel;
  return owner.rel === '.' ? owner.f.name : `${owner.f.name}/${owner.rel}`;
}

/** The posix path of a key, or undefined when its workspace folder is not open. */
export function folderPathOf(key: string, workspaceFolders: readonly WorkspaceFolderLike[]): string | undefined {
  if (path.posix.isAbsolute(key)) return key;
  if (workspaceFolders.length === 1) {
    const only = workspaceFolders[0]!;
    return key === '.' ? only.path : path.posix.join(only.path, key);
  }
  const [name, ...rest] = key.split('/');
  const folder = workspaceFolders.find((f) => f.name === name);
  if (!folder) return undefined;
  return rest.length === 0 ? folder.path : path.posix.join(folder.path, ...rest);
}

/** Short label of a connector folder in the tree. */
export function folderLabel(key: string, workspaceFolders: readonly WorkspaceFolderLike[]): string {
  if (key === '.') return workspaceFolders[0]?.name ?? key;
  return path.posix.basename(key);
}
