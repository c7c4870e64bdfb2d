// Where an import can go: the choices of the target picker, from facts the command gathered.
// Pure (paths are URI paths, always '/'-separated), so the naming and ordering are unit-tested.
import * as path from 'node:path';

export interface FolderFact {
  name: string;
  /** URI path of the workspace folder. */
  path: string;
}

export type TargetChoice =
  | { kind: 'folder'; path: string; label: string; description: string; merge: boolean }
  | { kind: 'newFolder'; label: string; description: string }
  | { kind: 'browse'; label: string; description: string };

const MERGE_NOTE = 're-import: merge into the connector there';

/** A folder name for a collection title: lower-case words joined by '-' ("Wise Cards" -> "wise-cards"). */
export function folderNameFor(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'imported-connector';
}

/**
 * Picker choices, best first: a subfolder named after the collection in the first workspace
 * folder (merging when it already holds a connector), the workspace folders themselves, the other
 * connector folders of the workspace (re-import), then "New folder..." and "Browse...".
 */
export function targetChoices(workspaceFolders: readonly FolderFact[], connectorFolders: readonly string[], title: string): TargetChoice[] {
  const connectors = new Set(connectorFolders.map(trimSlash));
  const choices: TargetChoice[] = [];
  const seen = new Set<string>();
  const add = (folderPath: string, label: string, description: string): void => {
    const key = trimSlash(folderPath);
    if (seen.has(key)) return;
    seen.add(key);
    const merge = connectors.has(key);
    choices.push({ kind: 'folder', path: key, label, description: merge ? MERGE_NOTE : description, merge });
  };
  const first = workspaceFolders[0];
  if (first) {
    const name = folderNameFor(title);
    const sub = path.posix.join(first.path, name);
    add(sub, `${connectors.has(trimSlash(sub)) ? '$(sync)' : '$(new-folder)'} ${name}`, `new folder in ${first.name}`);
  }
  for (const ws of workspaceFolders) add(ws.path, `$(root-folder) ${ws.name}`, 'the workspace folder');
  for (const folder of [...connectors].sort()) add(folder, `$(plug) ${relativeLabel(workspaceFolders, folder)}`, MERGE_NOTE);
  if (first) choices.push({ kind: 'newFolder', label: '$(new-folder) New folder...', description: `name a new folder in ${first.name}` });
  choices.push({ kind: 'browse', label: '$(folder-opened) Browse...', description: 'choose any folder' });
  return choices;
}

/** Why a typed folder name cannot be used (undefined: fine). Relative, inside the workspace folder. */
export function checkNewFolderName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Type a folder name.';
  if (path.posix.isAbsolute(trimmed) || /^[a-zA-Z]:/.test(trimmed) || trimmed.startsWith('\\')) return 'Type a folder name relative to the workspace folder.';
  const parts = trimmed.split(/[\\/]+/).filter(Boolean);
  if (parts.some((p) => p === '..' || p === '.')) return 'The folder must stay inside the workspace folder (no "." or "..").';
  if (/[<>:"|?*\u0000-\u001f]/.test(trimmed)) return 'A folder name cannot contain < > : " | ? * or control characters.';
  return undefined;
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

function relativeLabel(workspaceFolders: readonly FolderFact[], folder: string): string {
  for (const ws of workspaceFolders) {
    const rel = path.posix.relative(trimSlash(ws.path), folder);
    if (!rel.startsWith('..') && !path.posix.isAbsolute(rel)) return workspaceFolders.length > 1 ? `${ws.name}/${rel}` : rel || ws.name;
  }
  return folder;
}
