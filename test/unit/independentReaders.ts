// Readers that are NOT the project's own, to check what the project writes: Info-ZIP's `unzip`
// for zips, fast-png (a different package than the pngjs writer) for PNGs. A missing reader is a
// failure that names what to install, never a skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { decode } from 'fast-png';

function unzipTool(): string {
  const probe = spawnSync('unzip', ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('the system `unzip` (Info-ZIP) is missing: these tests check zips with it. Install it with `apt-get install unzip` (scripts/install-code-server.sh does).');
  }
  return 'unzip';
}

/** `unzip -t`: every entry's CRC is checked; throws with unzip's output when the archive is damaged. */
export function unzipTest(zipPath: string): void {
  execFileSync(unzipTool(), ['-t', '-qq', zipPath], { encoding: 'utf8' });
}

/** Entry names in archive order (`unzip -Z1`, zipinfo's names-only listing). */
export function unzipNames(zipPath: string): string[] {
  return execFileSync(unzipTool(), ['-Z1', zipPath], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** One entry's bytes (`unzip -p`). */
export function unzipEntry(zipPath: string, name: string): Buffer {
  return execFileSync(unzipTool(), ['-p', zipPath, name.replace(/[[\]*?]/g, '[$&]')], { maxBuffer: 64 * 1024 * 1024 });
}

/** A PNG decoded by fast-png: size, colour type and an RGBA reader per pixel. */
export function decodePngIndependently(buf: Uint8Array): { width: number; height: number; channels: number; depth: number; rgba: (x: number, y: number) => number[] } {
  const img = decode(buf);
  return {
    width: img.width,
    height: img.height,
    channels: img.channels,
    depth: img.depth,
    rgba: (x, y) => {
      const o = (y * img.width + x) * img.channels;
      const px = Array.from(img.data.slice(o, o + img.channels) as ArrayLike<number>);
      return img.channels === 3 ? [...px, 255] : img.channels === 4 ? px : [px[0], px[0], px[0], px[1] ?? 255];
    },
  };
}

/**
 * Names and bytes as Python's zipfile reads them (it honours the UTF-8 name flag, which Debian's
 * unzip 6.0 prints through a code-page conversion). A missing python3 is a failure.
 */
export function pythonZipEntries(zipPath: string): { name: string; data: Buffer }[] {
  const script = 'import sys, json, base64, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nbad = z.testzip()\nif bad: sys.exit("bad CRC in " + bad)\nprint(json.dumps([[i.filename, base64.b64encode(z.read(i)).decode()] for i in z.infolist()]))';
  const run = spawnSync('python3', ['-c', script, zipPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`python3 is missing (needed to read zips with its zipfile module): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`python3 zipfile could not read ${zipPath}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as [string, string][]).map(([name, b64]) => ({ name, data: Buffer.from(b64, 'base64') }));
}
