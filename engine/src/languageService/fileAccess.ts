// The one interface through which the engine touches files: connector files, `$ref` targets,
// `.connector-studio.json`, folder listings, the icon and the package inputs. The engine never
// opens a file itself; its hosts implement this: the server with open editor buffers first and
// the disk inside the connector folder, the CLI with the disk (engine/node/diskFileAccess.ts).
// An implementation reads only REGULAR files inside its roots, under a size cap, never through a
// symbolic link that leads out of the roots; a refusal is a result, never an exception.

/** Default read cap: far above the platform's 1 MB definition limit, far below what hurts. */
export const DEFAULT_MAX_READ_BYTES = 64 * 1024 * 1024;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export type ReadRefusal = 'missing' | 'outside' | 'not-a-file' | 'too-large' | 'unreadable';

export type ReadResult =
  | { ok: true; path: string; text: string; encoding: TextEncodingName; bytes: number; fromBuffer: boolean }
  | { ok: false; path: string; reason: ReadRefusal; message: string };

export type BytesResult =
  | { ok: true; path: string; data: Uint8Array; fromBuffer: boolean }
  | { ok: false; path: string; reason: ReadRefusal; message: string };

export interface FileAccess {
  /** The folders reads may come from (the connector folder first). */
  readonly roots: readonly string[];
  /** Reads a text file; a relative path resolves against the first root. */
  read(file: string, options?: { maxBytes?: number }): ReadResult;
  /** The raw bytes of a file (an icon, a package input), refused over maxBytes. */
  readBytes(file: string, maxBytes: number): BytesResult;
  /** The first `bytes` bytes of a regular file inside the roots, decoded ('' when refused). */
  head(file: string, bytes: number): string;
  /** Names directly in a folder inside the roots ([] when outside or unreadable). */
  list(folder: string): string[];
}
