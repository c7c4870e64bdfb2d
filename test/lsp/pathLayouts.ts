// Folder layouts that LSP clients spell differently in file URIs, for the URI and parity tests:
// each makes a temporary folder whose path holds the characters (or is reached through a symlink).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface PathLayout {
  name: string;
  /** Folder name under the temp root (for `symlink`, the name of the link). */
  folder: string;
  symlink?: boolean;
}

export const LAYOUTS: readonly PathLayout[] = [
  { name: 'space', folder: 'my connectors' },
  { name: 'plus and parentheses', folder: 'c++ (v2)' },
  { name: 'at sign', folder: '@contoso' },
  { name: 'hash', folder: 'issue#15' },
  // A literal "%25" too: a server that decodes twice turns it into "%".
  { name: 'percent', folder: '100% %25 done' },
  { name: 'non-ASCII', folder: 'Café ü 日本' },
  { name: 'symlinked', folder: 'linked', symlink: true },
];

export interface LayoutRoot {
  /** The folder to work in, as a user reaches it (through the link for `symlink`). */
  dir: string;
  dispose(): void;
}

/** A new empty folder in the given layout, under a fresh temp dir (removed by dispose). */
export function makeLayoutRoot(layout: PathLayout, prefix = 'cs-layout-'): LayoutRoot {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let dir: string;
  if (layout.symlink) {
    const real = path.join(tmp, 'real target');
    fs.mkdirSync(real);
    dir = path.join(tmp, layout.folder);
    fs.symlinkSync(real, dir, 'dir');
    if (fs.realpathSync(dir) === dir) throw new Error(`could not create a symlinked folder at ${dir}`);
  } else {
    dir = path.join(tmp, layout.folder);
    fs.mkdirSync(dir);
  }
  return { dir, dispose: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}
