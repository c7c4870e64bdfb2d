// The disk implementation of the engine's FileAccess, for the node hosts (the language server,
// which puts open editor buffers in front of it, and the CLI). It reads only REGULAR files inside
// its allowed roots (the connector folder, or also the workspace folders when the user allows it
// with `connectorStudio.validation.allowReadsOutsideConnector`), under a size cap, never through a
// symbolic link that leads out of the roots, and never opens FIFOs or devices. A refused read never
// tells whether a file outside the roots exists: the message is the same for a missing, a present
// and an unreadable outside file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../../shared/src/lifecycle/connectorFolder';
import { loadConnectorSources } from '../src/languageService/connectorSources';
import type { ConnectorSources } from '../src/languageService/validateConnector';
import { DEFAULT_MAX_READ_BYTES, type BytesResult, type FileAccess, type ReadRefusal, type ReadResult, type TextEncodingName } from '../src/languageService/fileAccess';

export interface FileAccessOptions {
  /** Allowed roots: the connector folder first, then (when the user allows it) workspace folders. */
  roots: string[];
  maxBytes?: number;
  /** Text of an open editor buffer for an absolute path (it wins over the disk). */
  buffers?: (absolutePath: string) => string | undefined;
  /** Names of open buffers directly in a folder (unsaved files count as present). */
  bufferNames?: (folder: string) => string[];
}

export function createFileAccess(options: FileAccessOptions): FileAccess {
  const roots = options.roots.map((r) => path.resolve(r));
  const maxDefault = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  const realRoots = roots.map((r) => realpathOr(r) ?? r);
  const insideLexically = (abs: string) => roots.some((r) => isInside(r, abs));
  const insideReal = (abs: string) => realRoots.some((r) => isInside(r, abs)) || roots.some((r) => isInside(r, abs));

  const refuse = (p: string, reason: ReadRefusal, message: string): ReadResult & BytesResult => ({ ok: false, path: p, reason, message });
  const outside = (p: string, shown: string) => refuse(p, 'outside', `"${shown}" is outside the connector folder: not read.`);

  return {
    roots,
    read(file, readOptions) {
      const abs = path.resolve(roots[0] ?? '.', file);
      const shown = file;
      if (!insideLexically(abs)) return outside(abs, shown);
      const buffered = options.buffers?.(abs);
      if (buffered !== undefined) return { ok: true, path: abs, text: buffered, encoding: 'utf-8', bytes: Buffer.byteLength(buffered), fromBuffer: true };
      const resolved = resolveInside(abs, roots, realRoots, insideReal);
      if (resolved === 'outside') return outside(abs, shown);
      if (resolved === 'missing') return refuse(abs, 'missing', `"${shown}" does not exist in the connector folder.`);
      const maxBytes = readOptions?.maxBytes ?? maxDefault;
      const raw = readRegular(resolved, maxBytes, false);
      if (!raw.ok) {
        if (raw.reason === 'too-large') return refuse(abs, 'too-large', `"${shown}" is ${raw.size} bytes, over the ${maxBytes}-byte read limit: not read.`);
        if (raw.reason === 'not-a-file') return refuse(abs, 'not-a-file', `"${shown}" is not a regular file (a folder, pipe or device): not read.`);
        if (raw.reason === 'missing') return refuse(abs, 'missing', `"${shown}" does not exist in the connector folder.`);
        return refuse(abs, 'unreadable', `"${shown}" cannot be read.`);
      }
      const { text, encoding } = decodeText(raw.data);
      return { ok: true, path: abs, text, encoding, bytes: raw.data.length, fromBuffer: false };
    },
    readBytes(file, maxBytes): BytesResult {
      const abs = path.resolve(roots[0] ?? '.', file);
      const shown = file;
      if (!insideLexically(abs)) return outside(abs, shown);
      const buffered = options.buffers?.(abs);
      if (buffered !== undefined) return { ok: true, path: abs, data: Buffer.from(buffered, 'utf8'), fromBuffer: true };
      const resolved = resolveInside(abs, roots, realRoots, insideReal);
      if (resolved === 'outside') return outside(abs, shown);
      if (resolved === 'missing') return refuse(abs, 'missing', `"${shown}" does not exist in the connector folder.`);
      const raw = readRegular(resolved, maxBytes, false);
      if (raw.ok) return { ok: true, path: abs, data: raw.data, fromBuffer: false };
      if (raw.reason === 'too-large') return refuse(abs, 'too-large', `"${shown}" is ${raw.size} bytes, over the ${maxBytes}-byte read limit: not read.`);
      if (raw.reason === 'not-a-file') return refuse(abs, 'not-a-file', `"${shown}" is not a regular file (a folder, pipe or device): not read.`);
      if (raw.reason === 'missing') return refuse(abs, 'missing', `"${shown}" does not exist in the connector folder.`);
      return refuse(abs, 'unreadable', `"${shown}" cannot be read.`);
    },
    head(file, bytes) {
      const abs = path.resolve(roots[0] ?? '.', file);
      if (!insideLexically(abs)) return '';
      const buffered = options.buffers?.(abs);
      if (buffered !== undefined) return buffered.slice(0, bytes);
      const resolved = resolveInside(abs, roots, realRoots, insideReal);
      if (resolved === 'outside' || resolved === 'missing') return '';
      const raw = readRegular(resolved, bytes, true);
      return raw.ok ? decodeText(raw.data).text : '';
    },
    list(folder) {
      const abs = path.resolve(roots[0] ?? '.', folder);
      if (!insideLexically(abs)) return [];
      const names = new Set<string>();
      const resolved = resolveInside(abs, roots, realRoots, insideReal);
      if (resolved !== 'outside' && resolved !== 'missing') {
        try {
          for (const n of fs.readdirSync(resolved)) names.add(n);
        } catch {
          /* not a folder or unreadable */
        }
      }
      for (const n of options.bufferNames?.(abs) ?? []) names.add(n);
      return [...names];
    },
  };
}

function realpathOr(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Follows `abs` component by component from the allowed root it is lexically under (taken at its
 * real path: a link above the roots, e.g. /tmp -> /private/tmp, is fine, and the components above
 * need no lstat each read: a 6-deep connector folder cost 7 lstats per file read): every symbolic
 * link on the way must lead inside the allowed roots. A dangling link or one that leads out gives
 * 'outside' (the same answer either way, so nothing is learnt about the outside); a missing plain
 * component gives 'missing'. Otherwise the real path.
 */
function resolveInside(abs: string, roots: readonly string[], realRoots: readonly string[], inside: (p: string) => boolean): string | 'outside' | 'missing' {
  const r = roots.findIndex((root) => isInside(root, abs));
  let cur: string;
  let rest: string;
  if (r >= 0) {
    cur = realRoots[r]!;
    rest = path.relative(roots[r]!, abs);
  } else {
    cur = path.parse(abs).root;
    rest = abs.slice(cur.length);
  }
  for (const part of rest.split(path.sep)) {
    if (!part) continue;
    const next = path.join(cur, part);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(next);
    } catch {
      return inside(next) ? 'missing' : 'outside';
    }
    if (st.isSymbolicLink()) {
      const real = realpathOr(next);
      if (real === undefined) return 'outside';
      cur = real;
    } else cur = next;
  }
  return inside(cur) ? cur : 'outside';
}

type RawRead = { ok: true; data: Buffer } | { ok: false; reason: 'missing' | 'not-a-file' | 'too-large' | 'unreadable'; size?: number };

/**
 * Reads a regular file under a byte cap. The type is checked before opening (lstat) and again on
 * the open descriptor (fstat), and the open is non-blocking, so a FIFO or device swapped in
 * between cannot hang or flood the reader. With `truncate`, reads only the first maxBytes.
 */
export function readRegular(file: string, maxBytes: number, truncate: boolean): RawRead {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
  if (!truncate && st.size > maxBytes) return { ok: false, reason: 'too-large', size: st.size };
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  try {
    const fst = fs.fstatSync(fd);
    if (!fst.isFile()) return { ok: false, reason: 'not-a-file' };
    if (!truncate && fst.size > maxBytes) return { ok: false, reason: 'too-large', size: fst.size };
    // One byte more than allowed tells a file that grew since fstat.
    const want = truncate ? Math.min(maxBytes, fst.size) : Math.min(fst.size, maxBytes) + 1;
    const buf = Buffer.allocUnsafe(Math.max(want, 1));
    let n = 0;
    while (n < want) {
      const got = fs.readSync(fd, buf, n, want - n, n);
      if (got <= 0) break;
      n += got;
    }
    if (!truncate && n > maxBytes) return { ok: false, reason: 'too-large', size: n };
    return { ok: true, data: buf.subarray(0, n) };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Decodes file bytes: UTF-16 (by its byte-order mark, or by the zero bytes every ASCII
 * character leaves in it) is decoded as such and named, so the caller can say "UTF-16: save as
 * UTF-8" once instead of reporting thousands of broken characters. Everything else is UTF-8
 * (a UTF-8 BOM is kept: the parser reports it).
 */
export function decodeText(data: Buffer): { text: string; encoding: TextEncodingName } {
  const utf16 = utf16Kind(data);
  if (utf16 === 'utf-16le') return { text: data.toString('utf16le').replace(/^\uFEFF/, ''), encoding: utf16 };
  if (utf16 === 'utf-16be') {
    const swapped = Buffer.from(data.subarray(0, data.length - (data.length % 2)));
    swapped.swap16();
    return { text: swapped.toString('utf16le').replace(/^\uFEFF/, ''), encoding: utf16 };
  }
  return { text: data.toString('utf8'), encoding: 'utf-8' };
}

function utf16Kind(data: Buffer): TextEncodingName | undefined {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  // No BOM: JSON and YAML are mostly ASCII, so UTF-16 puts a zero in every other byte.
  const n = Math.min(data.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (data[i] === 0) evenZeros++;
    if (data[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** A disk-only reader for a connector folder (the CLI's view), honouring the same rules. */
export function diskFileAccess(connectorFolder: string, extraRoots: string[] = [], maxBytes?: number): FileAccess {
  return createFileAccess({ roots: [connectorFolder, ...extraRoots], maxBytes });
}

/** Reads one text file from disk under the same rules, its own folder being the root. */
export function readTextFile(file: string): string | undefined {
  const abs = path.resolve(file);
  const r = diskFileAccess(path.dirname(abs)).read(abs);
  return r.ok ? r.text : undefined;
}

/** A connector's sources read from disk, the definition's folder being the root (the CLI's view). */
export function loadConnectorFromDisk(definitionPath: string, definitionText?: string): ConnectorSources {
  return loadConnectorSources(definitionPath, diskFileAccess(path.dirname(path.resolve(definitionPath))), definitionText);
}
