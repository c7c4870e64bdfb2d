// The connector package's zip, written by fflate (deflate, CRC-32 and the zip records are the
// library's). Entries keep the given order and carry a fixed timestamp, so the same input gives
// the same bytes.
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** 1980-01-01 00:00 local time, the DOS epoch (fflate writes local time): reproducible archives. */
const DOS_EPOCH = () => new Date(1980, 0, 1, 0, 0, 0);

export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const files: Zippable = {};
  for (const e of entries) {
    const name = e.name.replace(/\\/g, '/');
    if (Object.prototype.hasOwnProperty.call(files, name)) throw new Error(`duplicate zip entry ${name}`);
    files[name] = [new Uint8Array(e.data.buffer, e.data.byteOffset, e.data.byteLength), { level: 9, mtime: DOS_EPOCH() }];
  }
  const zip = zipSync(files);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
