import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../errors.js';
import { processImage, sniffImageFormat } from './image-variants.js';

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
});
