import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { crc32, drawPublisherLogo, drawPublisherLogoAsync, LOGO_SIZE } from './publisher-logo.js';

describe('drawPublisherLogo', () => {
  test('drawn in slices of rows (the event loop let go between them), it is the same picture as drawn at once', async () => {
    // 200 rows: six full slices of 32 and a part one.
    expect(await drawPublisherLogoAsync(200)).toEqual(drawPublisherLogo(200));
  });

  test('is a PNG of the announced size whose chunks carry correct checksums', () => {
    const png = drawPublisherLogo();
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks: { type: string; data: Buffer }[] = [];
    for (let offset = 8; offset < png.length; ) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('latin1', offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      expect(png.readUInt32BE(offset + 8 + length), type).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      chunks.push({ type, data });
      offset += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks[0]!.data.readUInt32BE(0)).toBe(LOGO_SIZE);
    expect(chunks[0]!.data.readUInt32BE(4)).toBe(LOGO_SIZE);
    expect(inflateSync(chunks[1]!.data).length).toBe(LOGO_SIZE * (1 + LOGO_SIZE * 3));
  });

  test('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
