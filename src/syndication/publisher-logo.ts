import { deflateSync } from 'node:zlib';

/** The logo's side in pixels: Google wants at least 112 px, RSS channel images at most 144 px wide. */
export const LOGO_SIZE = 144;

/** Where the app serves the logo. */
export const LOGO_PATH = '/logo.png';

const SKY = [0x0b, 0x5c, 0x8a]; // the site's deep sky blue accent
const WHITE = [0xff, 0xff, 0xff];

/**
 * Draws the publisher logo as a PNG, without any image library: a sky-blue square with a white
 * ring and a dot (the "•" of the brand mark, a sun in the sky). Raster, as Google prefers for logos.
 */
export function drawPublisherLogo(size = LOGO_SIZE): Buffer {
  const rows: Buffer[] = [];
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0 (none), then RGB triples
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x - centre, y - centre) / size;
      const ring = Math.abs(distance - 0.3) < 0.045;
      const dot = distance < 0.11;
      (ring || dot ? WHITE : SKY).forEach((value, channel) => row.writeUInt8(value, 1 + x * 3 + channel));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
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
