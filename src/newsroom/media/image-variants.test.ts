import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../errors.js';
import { MAX_INPUT_PIXELS, processImage, sniffImageFormat } from './image-variants.js';

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3366cc' } });

describe('image type by content', () => {
  test('recognises JPEG, PNG, WebP and AVIF by their first bytes, whatever the name', async () => {
    expect(sniffImageFormat(await solid(8, 8).jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await solid(8, 8).png().toBuffer())).toBe('png');
    expect(sniffImageFormat(await solid(8, 8).webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await solid(8, 8).avif({ effort: 0 }).toBuffer())).toBe('avif');
    expect(sniffImageFormat(await solid(8, 8).gif().toBuffer())).toBeUndefined();
    expect(sniffImageFormat(Buffer.from('GIF89a or just text'))).toBeUndefined();
  });

  test('a file that starts like a JPEG but is not one is refused', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg at all')]);
    await expect(processImage(fake, 'fake.jpg')).rejects.toBeInstanceOf(AppError);
  });

  test('a small image is not enlarged: one width per format, its own', async () => {
    const image = await processImage(await solid(200, 100).png().toBuffer(), 'small.png');
    expect(image.variants.map((v) => `${v.format}:${v.width}x${v.height}`)).toEqual(['png:200x100', 'webp:200x100']);
  });

  test('EXIF orientation is applied: a portrait photo stored sideways comes out upright', async () => {
    const sideways = await solid(400, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const image = await processImage(sideways, 'portrait.jpg');
    expect([image.width, image.height]).toEqual([200, 400]);
    expect(image.variants.find((v) => v.format === 'jpeg')).toMatchObject({ width: 200, height: 400 });
  });

  test('from a file on disk: every width in both formats, heights rounded from the original proportions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fortune-sky-variants-'));
    try {
      const path = join(dir, 'upload');
      writeFileSync(path, await solid(3001, 1999).jpeg().toBuffer());
      const image = await processImage(path, 'odd.jpg');
      expect([image.format, image.width, image.height]).toEqual(['jpeg', 3001, 1999]);
      const expected = ['jpeg', 'webp'].flatMap((format) => [320, 640, 1024, 1600].map((w) => `${format}:${w}x${Math.round((w * 1999) / 3001)}`));
      expect(image.variants.map((v) => `${v.format}:${v.width}x${v.height}`)).toEqual(expected);
      for (const variant of image.variants) {
        const meta = await sharp(variant.data).metadata();
        expect(`${meta.format}:${meta.width}x${meta.height}`).toBe(`${variant.format}:${variant.width}x${variant.height}`);
        expect(meta.exif).toBeUndefined();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a transparent PNG keeps its alpha channel in PNG and WebP variants', async () => {
    const transparent = await sharp({ create: { width: 700, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const image = await processImage(transparent, 'clear.png');
    for (const variant of image.variants) expect((await sharp(variant.data).metadata()).hasAlpha, variant.format).toBe(true);
  });

  test(`more pixels than ${MAX_INPUT_PIXELS / 1_000_000} megapixels is refused before decoding, with the size in the message`, async () => {
    const bomb = await sharp({ create: { width: 8000, height: 5001, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    const refusal = await processImage(bomb, 'bomb.png').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'MEDIA_TOO_MANY_PIXELS', kind: 'invalid' });
    expect((refusal as AppError).message).toContain('8000 × 5001 pixels; the limit is 40 megapixels');
  });
});
