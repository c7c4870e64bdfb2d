// Minimal PNG writer and reader on node:zlib: the scaffolder writes a real 230x230 icon
// placeholder, and the readiness checks read an icon's size and background colour.
import * as zlib from 'node:zlib';
import { crc32 } from './crc32';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

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

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * An RGB PNG of `size` x `size` filled with `background`, with a centred `logoSize` square in
 * `foreground` (the certification guide's 230 px icon holding a 160 px logo).
 */
export function iconPlaceholderPng(background: Rgb, foreground: Rgb, size = 230, logoSize = 160): Buffer {
  const rowLen = 1 + size * 3;
  const raw = Buffer.alloc(rowLen * size);
  const lo = Math.floor((size - logoSize) / 2);
  const hi = lo + logoSize;
  for (let y = 0; y < size; y++) {
    raw[y * rowLen] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const inLogo = x >= lo && x < hi && y >= lo && y < hi;
      const c = inLogo ? foreground : background;
      raw.set(c, y * rowLen + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  /** RGBA of a pixel (only for 8-bit, non-interlaced images; otherwise undefined). */
  pixel?: (x: number, y: number) => [number, number, number, number];
}

export class PngError extends Error {}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Bit depths the PNG specification allows for each colour type. */
const BIT_DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

/**
 * Checks that bytes are a PNG without decoding the image: the signature, an IHDR chunk first
 * with a correct CRC and valid fields (size 1..2^31-1, a bit depth allowed for the colour type),
 * and an IEND chunk. Chunks are only walked (at most `maxChunks`). Throws PngError.
 */
export function readPngHeader(buf: Uint8Array, maxChunks = 10_000): PngHeader {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 8 || !b.subarray(0, 8).equals(SIGNATURE)) throw new PngError('not a PNG file (wrong signature)');
  if (b.length < 8 + 25 || b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') throw new PngError('the first chunk is not a 13-byte IHDR');
  if (crc32(b.subarray(12, 29)) !== b.readUInt32BE(29)) throw new PngError('the IHDR chunk has a wrong CRC (the file is damaged)');
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const bitDepth = b[24]!;
  const colorType = b[25]!;
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) throw new PngError(`invalid image size ${width} x ${height}`);
  if (!BIT_DEPTHS[colorType]?.includes(bitDepth)) throw new PngError(`invalid colour type ${colorType} with bit depth ${bitDepth}`);
  if (b[26] !== 0 || b[27] !== 0 || b[28] > 1) throw new PngError('invalid compression, filter or interlace method');
  let p = 33;
  for (let n = 0; n < maxChunks && p + 12 <= b.length; n++) {
    const len = b.readUInt32BE(p);
    if (b.toString('latin1', p + 4, p + 8) === 'IEND') return { width, height, bitDepth, colorType };
    p += 12 + len;
  }
  throw new PngError('the PNG has no IEND chunk (truncated)');
}

/** Reads a PNG's header and, for 8-bit non-interlaced images, its pixels. Throws PngError. */
export function decodePng(buf: Uint8Array): DecodedPng {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 33 || !b.subarray(0, 8).equals(SIGNATURE)) throw new PngError('not a PNG file (wrong signature)');
  let p = 8;
  let ihdr: Buffer | undefined;
  let palette: Buffer | undefined;
  let trns: Buffer | undefined;
  const idat: Buffer[] = [];
  while (p + 12 <= b.length) {
    const len = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    const data = b.subarray(p + 8, p + 8 + len);
    if (data.length !== len) throw new PngError(`truncated ${type} chunk`);
    if (type === 'IHDR') ihdr = data;
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  if (!ihdr || ihdr.length < 13) throw new PngError('PNG has no IHDR chunk');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8];
  const colorType = ihdr[9];
  const interlace = ihdr[12];
  const result: DecodedPng = { width, height, colorType, bitDepth };
  const channels = CHANNELS[colorType];
  if (bitDepth !== 8 || interlace !== 0 || !channels || !idat.length || width * height > 16_000_000) return result;
  let raw: Buffer;
  try {
    // Never more than the image needs: a small deflate stream can expand to gigabytes.
    raw = zlib.inflateSync(Buffer.concat(idat), { maxOutputLength: (width * channels + 1) * height + 1024 });
  } catch (e) {
    throw new PngError(`PNG image data does not inflate: ${e instanceof Error ? e.message : String(e)}`);
  }
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new PngError('PNG image data is shorter than its size says');
  const px = unfilter(raw, width, height, channels);
  result.pixel = (x, y) => {
    const o = y * stride + x * channels;
    switch (colorType) {
      case 0: return [px[o], px[o], px[o], 255];
      case 4: return [px[o], px[o], px[o], px[o + 1]];
      case 2: return [px[o], px[o + 1], px[o + 2], 255];
      case 6: return [px[o], px[o + 1], px[o + 2], px[o + 3]];
      default: {
        const i = px[o];
        const rgb = palette ? [palette[i * 3] ?? 0, palette[i * 3 + 1] ?? 0, palette[i * 3 + 2] ?? 0] : [0, 0, 0];
        return [rgb[0], rgb[1], rgb[2], trns && i < trns.length ? trns[i] : 255];
      }
    }
  };
  return result;
}

function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[dst + x - bpp] : 0;
      const up = y > 0 ? out[dst - stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[dst - stride + x - bpp] : 0;
      const v = raw[src + x];
      let r: number;
      switch (filter) {
        case 0: r = v; break;
        case 1: r = v + a; break;
        case 2: r = v + up; break;
        case 3: r = v + ((a + up) >> 1); break;
        case 4: {
          const pa = Math.abs(up - c), pb = Math.abs(a - c), pc = Math.abs(a + up - 2 * c);
          r = v + (pa <= pb && pa <= pc ? a : pb <= pc ? up : c);
          break;
        }
        default: throw new PngError(`unknown PNG filter type ${filter} on row ${y}`);
      }
      out[dst + x] = r & 0xff;
    }
  }
  return out;
}
