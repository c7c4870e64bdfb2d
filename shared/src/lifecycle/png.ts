// PNG through pngjs: the scaffolder writes a real 230x230 icon placeholder, packaging checks that
// icon.png is a PNG, and the readiness checks read an icon's size and background colour.
import { PNG } from 'pngjs';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decoding budget: a small deflate stream can expand to gigabytes, so larger images are not decoded. */
export const MAX_DECODED_PIXELS = 16_000_000;
/** Inflated bytes an interlaced image may need at most (pngjs does not cap those). */
export const MAX_INFLATED_BYTES = 128 * 1024 * 1024;

export type Rgb = readonly [number, number, number];

export function hexToRgb(hex: string): Rgb | undefined {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!m) return undefined;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

export function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * An RGB PNG of `size` x `size` filled with `background`, with a centred `logoSize` square in
 * `foreground` (the certification guide's 230 px icon holding a 160 px logo).
 */
export function iconPlaceholderPng(background: Rgb, foreground: Rgb, size = 230, logoSize = 160): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 2, inputColorType: 2, inputHasAlpha: false, bitDepth: 8 });
  const lo = Math.floor((size - logoSize) / 2);
  const hi = lo + logoSize;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inLogo = x >= lo && x < hi && y >= lo && y < hi;
      png.data.set(inLogo ? foreground : background, (y * size + x) * 3);
    }
  }
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, bitDepth: 8, deflateLevel: 9 });
}

export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  /** RGBA (8 bits per channel) of a pixel; undefined when the image exceeds MAX_DECODED_PIXELS. */
  pixel?: (x: number, y: number) => [number, number, number, number];
}

export class PngError extends Error {}

export type PngHeader = Omit<DecodedPng, 'pixel'>;

/** The IHDR fields at their fixed offsets (signature, then the 13-byte IHDR chunk), to size the decode. */
function header(b: Buffer): PngHeader {
  if (b.length < 8 || !b.subarray(0, 8).equals(SIGNATURE)) throw new PngError('not a PNG file (wrong signature)');
  if (b.length < 33 || b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') throw new PngError('the first chunk is not a 13-byte IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bitDepth: b[24]!, colorType: b[25]! };
}

/**
 * Reads a PNG with pngjs (chunk CRCs checked, every colour type, bit depth and interlacing) and
 * gives its size and pixels. An image over MAX_DECODED_PIXELS is not decoded: only its header is
 * given, without `pixel`. Throws PngError for anything that is not a well-formed PNG.
 */
export function decodePng(buf: Uint8Array): DecodedPng {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const head = header(b);
  if (head.width === 0 || head.height === 0 || head.width > 0x7fffffff || head.height > 0x7fffffff) throw new PngError(`invalid image size ${head.width} x ${head.height}`);
  if (head.width * head.height > MAX_DECODED_PIXELS) return head;
  // pngjs caps the inflated data at the image's size, except for interlaced images: decode those
  // only when even a maximal deflate expansion (about 1032:1) of the whole file stays in budget.
  if (b[28] === 1 && b.length * 1032 > MAX_INFLATED_BYTES) return head;
  let png: PNG;
  try {
    png = PNG.sync.read(b, { checkCRC: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // pngjs words a file cut short as a stream still waiting for reads.
    throw new PngError(/read requests|finished stream/i.test(message) ? 'the file ends early (truncated PNG)' : message);
  }
  const data = png.data;
  const width = png.width;
  return {
    ...head,
    pixel: (x, y) => {
      const o = (y * width + x) * 4;
      return [data[o]!, data[o + 1]!, data[o + 2]!, data[o + 3]!];
    },
  };
}

/**
 * Checks that bytes are a PNG (the whole file decoded by pngjs, within MAX_DECODED_PIXELS) and
 * gives its header. Throws PngError.
 */
export function readPngHeader(buf: Uint8Array): PngHeader {
  const { width, height, bitDepth, colorType } = decodePng(buf);
  return { width, height, bitDepth, colorType };
}
