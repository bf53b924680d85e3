/**
 * Generates Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar_image.png: a 120x50 RGBA PNG
 * with a simple calendar glyph, encoded by hand with node:zlib (no image library needed).
 * Run: `npx tsx scripts/make-image.ts [output-path]`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/** The image size XSOAR requires (IM111). */
export const WIDTH = 120;
export const HEIGHT = 50;

type Rgba = readonly [number, number, number, number];
const BLUE: Rgba = [0, 114, 198, 255];
const DARK: Rgba = [0, 69, 120, 255];
const GREY: Rgba = [200, 206, 214, 255];
const PAPER: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** A mutable RGBA canvas. */
class Canvas {
  readonly pixels = new Uint8Array(WIDTH * HEIGHT * 4);

  rect(x0: number, y0: number, x1: number, y1: number, color: Rgba): void {
    for (let y = Math.max(0, y0); y < Math.min(HEIGHT, y1); y += 1) {
      for (let x = Math.max(0, x0); x < Math.min(WIDTH, x1); x += 1)
        this.pixels.set(color, (y * WIDTH + x) * 4);
    }
  }
}

/** Draws the glyph: a page with a blue header, two binding rings and a 4x3 grid of days. */
export function drawCalendar(): Uint8Array {
  const c = new Canvas();
  c.rect(0, 0, WIDTH, HEIGHT, CLEAR);
  const [left, top, right, bottom] = [38, 6, 82, 47];
  c.rect(left, top, right, bottom, DARK);
  c.rect(left + 2, top + 11, right - 2, bottom - 2, PAPER);
  c.rect(left + 2, top + 2, right - 2, top + 11, BLUE);
  for (const ringX of [left + 10, right - 13]) c.rect(ringX, top - 4, ringX + 3, top + 5, DARK);
  for (let row = 0; row < 3; row += 1) {
    for (let col = 0; col < 4; col += 1) {
      const x = left + 6 + col * 9;
      const y = top + 15 + row * 8;
      c.rect(x, y, x + 6, y + 5, row === 1 && col === 2 ? BLUE : GREY);
    }
  }
  return c.pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let v = n;
  for (let k = 0; k < 8; k += 1) v = v & 1 ? 0xedb88320 ^ (v >>> 1) : v >>> 1;
  return v >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, filter 0 on every row, maximum compression). */
export function encodePng(pixels: Uint8Array, width = WIDTH, height = HEIGHT): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y += 1) {
    raw.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** The integration image, ready to write. */
export function makeCalendarPng(): Buffer {
  return encodePng(drawCalendar());
}

if (require.main === module) {
  const target =
    process.argv[2] ??
    path.join(__dirname, '..', 'Integrations', 'MicrosoftGraphCalendar', 'MicrosoftGraphCalendar_image.png');
  const png = makeCalendarPng();
  fs.writeFileSync(target, png);
  console.log(`Wrote ${target} (${png.length} bytes, ${WIDTH}x${HEIGHT}).`);
}
