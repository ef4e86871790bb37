import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Sharp } from 'sharp';
import { MEDIA_EXTENSIONS, MEDIA_MIME_TYPES, type MediaFormat } from '../../content/media/index.js';
import { AppError } from '../../errors.js';

/** Widths of the responsive variants; an image narrower than one is not enlarged. */
export const VARIANT_WIDTHS = [320, 640, 1024, 1600] as const;

/**
 * Largest image accepted, in pixels. Decoding costs memory in proportion to the pixels, whatever
 * the file's size: a 192 KB PNG can declare 60 megapixels (a decompression bomb). 40 megapixels
 * covers what fits in an upload of 15 MB; larger pictures are scaled down before uploading.
 */
export const MAX_INPUT_PIXELS = 40_000_000;

/** The image type its first bytes declare (JPEG, PNG, WebP or AVIF), whatever the file is called. */
export function sniffImageFormat(bytes: Uint8Array): MediaFormat | undefined {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  // ISO BMFF: a box "ftyp" whose major or compatible brands include avif/avis.
  if (bytes.length >= 16 && ascii(4, 8) === 'ftyp') {
    const boxSize = Math.min(bytes.length, Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0));
    const brands = ascii(8, Math.max(12, boxSize));
    if (/avi[fs]/.test(brands)) return 'avif';
  }
  return undefined;
}

/** An encoded variant, named by the hash of its bytes. */
export interface EncodedVariant {
  width: number;
  height: number;
  format: MediaFormat;
  fileKey: string;
  data: Buffer;
}

/** What processing an upload produced. */
export interface ProcessedImage {
  format: MediaFormat;
  mimeType: string;
  /** Upright dimensions (EXIF orientation applied). */
  width: number;
  height: number;
  variants: EncodedVariant[];
}

/** The file key of stored bytes: a folder from the hash's first two characters, then the hash. */
export function contentFileKey(data: Buffer, format: MediaFormat): string {
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 32);
  return `${hash.slice(0, 2)}/${hash}.${MEDIA_EXTENSIONS[format]}`;
}

function notAnImage(name: string): AppError {
  return new AppError(
    'MEDIA_NOT_AN_IMAGE',
    'invalid',
    `“${name}” is not a JPEG, PNG, WebP or AVIF image (its contents were checked, not its name). Choose an image file.`,
    { file: 'not an image' },
  );
}

/** Reads the first bytes of a file, enough for sniffImageFormat. */
async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function encode(pipeline: Sharp, format: MediaFormat): Sharp {
  if (format === 'jpeg') return pipeline.jpeg({ quality: 80, mozjpeg: true });
  if (format === 'png') return pipeline.png({ compressionLevel: 9 });
  return pipeline.webp({ quality: 78 });
}

// The image library takes about 30 MB of memory once loaded: a server that only serves readers
// never pays it; the first upload loads it.
let sharpModule: Promise<typeof import('sharp').default> | undefined;
function loadSharp(): Promise<typeof import('sharp').default> {
  sharpModule ??= import('sharp').then((module) => module.default);
  return sharpModule;
}

/**
 * Checks that the file (a path, or bytes) is an image (magic bytes, then sharp's reading of them
 * must agree) and encodes the responsive variants: each width in the original's format (AVIF and
 * transparent images fall back to PNG or JPEG, which every browser shows) and in WebP.
 *
 * The original is decoded once, into a base at the largest width needed; every variant is
 * resized from that base, one after another, so an upload costs one decode and a few megabytes
 * rather than eight decodes of the full picture at once. Heights are rounded from the original's
 * proportions, as the media store computes them, so width/height in pages match the files.
 *
 * AVIF is accepted but not produced: even at low effort, encoding four widths takes seconds of
 * CPU inside the upload request, for a format WebP already covers well.
 */
export async function processImage(source: Buffer | string, name: string): Promise<ProcessedImage> {
  const sharp = await loadSharp();
  const head = typeof source === 'string' ? await readHead(source) : source;
  const sniffed = sniffImageFormat(head);
  if (!sniffed) throw notAnImage(name);
  // metadata() reads the header only, so no pixel limit here: the check below names the size.
  const metadata = await sharp(source, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw notAnImage(name);
    });
  const agrees = sniffed === 'avif' ? metadata.format === 'heif' && metadata.compression === 'av1' : metadata.format === sniffed;
  if (!agrees || !metadata.width || !metadata.height) throw notAnImage(name);
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) {
    throw new AppError(
      'MEDIA_TOO_MANY_PIXELS',
      'invalid',
      `“${name}” is ${metadata.width} × ${metadata.height} pixels; the limit is ${MAX_INPUT_PIXELS / 1_000_000} megapixels. Scale it down first (2,000–4,000 pixels wide is plenty).`,
      { file: 'too many pixels' },
    );
  }
  const isTurned = (metadata.orientation ?? 1) >= 5;
  const width = isTurned ? metadata.height : metadata.width;
  const height = isTurned ? metadata.width : metadata.height;
  const heightAt = (w: number) => Math.max(1, Math.round((w * height) / width));
  const fallback: MediaFormat = sniffed === 'avif' ? (metadata.hasAlpha ? 'png' : 'jpeg') : sniffed;
  const formats: MediaFormat[] = fallback === 'webp' ? ['webp'] : [fallback, 'webp'];
  // Every standard width below the image's own, then the image's width itself up to the largest.
  const largest = Math.min(width, Math.max(...VARIANT_WIDTHS));
  const widths = [...VARIANT_WIDTHS.filter((w) => w < largest), largest];
  try {
    // rotate() applies the EXIF orientation; metadata (EXIF, GPS) is not copied into variants.
    const base = await sharp(source, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: largest, height: heightAt(largest), fit: 'fill' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: base.info.width, height: base.info.height, channels: base.info.channels };
    const variants: EncodedVariant[] = [];
    for (const format of formats) {
      for (const targetWidth of widths) {
        let pipeline = sharp(base.data, { raw });
        if (targetWidth !== largest) pipeline = pipeline.resize({ width: targetWidth, height: heightAt(targetWidth), fit: 'fill' });
        const { data, info } = await encode(pipeline, format).toBuffer({ resolveWithObject: true });
        variants.push({ width: info.width, height: info.height, format, fileKey: contentFileKey(data, format), data });
      }
    }
    return { format: sniffed, mimeType: MEDIA_MIME_TYPES[sniffed], width, height, variants };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('MEDIA_UNREADABLE', 'invalid', `“${name}” looks like an image but could not be read (it may be cut short or damaged). Export it again and retry.`, { file: 'damaged' });
  }
}
