import { promisify } from 'node:util';
import { deflate, deflateSync } from 'node:zlib';

const deflateAsync = promisify(deflate);

/** The logo's side in pixels: Google wants at least 112 px, RSS channel images at most 144 px wide. */
export const LOGO_SIZE = 144;

/** Where the app serves the logo. */
export const LOGO_PATH = '/logo.png';

const SKY = [0x0b, 0x5c, 0x8a]; // the site's deep sky blue accent
const WHITE = [0xff, 0xff, 0xff];
// The design, as fractions of the side: a white ring (its radius and width) and a white dot.
const RING_RADIUS = 0.3;
const RING_WIDTH = 0.09;
const DOT_RADIUS = 0.11;

/** The logo as SVG (the favicon browsers scale): the same design the PNG is drawn from. */
export function publisherLogoSvg(): string {
  const hex = (rgb: number[]) => `#${rgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="${hex(SKY)}"/>` +
    `<circle cx="50" cy="50" r="${RING_RADIUS * 100}" fill="none" stroke="${hex(WHITE)}" stroke-width="${RING_WIDTH * 100}"/>` +
    `<circle cx="50" cy="50" r="${DOT_RADIUS * 100}" fill="${hex(WHITE)}"/></svg>`
  );
}

/**
 * Draws the publisher logo as a PNG, without any image library: a sky-blue square with a white
 * ring and a dot (the "•" of the brand mark, a sun in the sky). Raster, as Google prefers for logos.
 */
export function drawPublisherLogo(size = LOGO_SIZE): Buffer {
  return encodePng(size, deflateSync(logoScanlines(size), { level: 9 }));
}

/**
 * The logo at any size (the favicons, up to 512 px): drawn a slice of rows at a time, the event
 * loop let go between slices (512 px is a quarter of a million pixels), and compressed off it.
 */
export async function drawPublisherLogoAsync(size: number): Promise<Buffer> {
  const pixels = Buffer.alloc(size * scanlineStride(size));
  for (let y = 0; y < size; y += ROWS_PER_SLICE) {
    if (y > 0) await new Promise((resolve) => setImmediate(resolve));
    drawLogoRows(pixels, size, y, Math.min(size, y + ROWS_PER_SLICE));
  }
  return encodePng(size, await deflateAsync(pixels, { level: 9 }));
}

// Rows drawn between yields: 16,384 pixels at 512 px, a few milliseconds.
const ROWS_PER_SLICE = 32;

/** The logo's pixels as PNG scanlines, all at once (the 60 px logo). */
function logoScanlines(size: number): Buffer {
  const pixels = Buffer.alloc(size * scanlineStride(size));
  drawLogoRows(pixels, size, 0, size);
  return pixels;
}

// Filter byte 0 (none), then RGB triples.
function scanlineStride(size: number): number {
  return 1 + size * 3;
}

/**
 * Draws rows [from, to) of the logo's PNG scanlines. Edges are smoothed by each pixel's distance to
 * them (a pixel half inside is half white), so the one drawing serves every size from 16 px to 512 px.
 */
function drawLogoRows(pixels: Buffer, size: number, from: number, to: number): void {
  const stride = scanlineStride(size);
  const centre = size / 2;
  for (let y = from; y < to; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre); // from the pixel's centre, in pixels
      const outsideRing = Math.abs(distance - RING_RADIUS * size) - (RING_WIDTH * size) / 2;
      const outsideDot = distance - DOT_RADIUS * size;
      const white = Math.min(1, Math.max(0, 0.5 - Math.min(outsideRing, outsideDot)));
      for (let channel = 0; channel < 3; channel += 1) {
        const sky = SKY[channel]!;
        pixels[y * stride + 1 + x * 3 + channel] = Math.round(sky + (WHITE[channel]! - sky) * white);
      }
    }
  }
}

function encodePng(size: number, compressedScanlines: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', compressedScanlines),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks use it (ISO 3309). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
