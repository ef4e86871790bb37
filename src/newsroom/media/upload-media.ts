import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findMedia, insertMedia, type MediaItem } from '../../content/media/index.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';
import { processImage } from './image-variants.js';
import type { MediaFileStore } from './media-files.js';
import type { OneAtATime } from './one-at-a-time.js';

/** Largest upload accepted, in bytes. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** AppError MEDIA_TOO_LARGE (answered 413): the file is past MAX_UPLOAD_BYTES. */
export function uploadTooLarge(): AppError {
  return new AppError(
    'MEDIA_TOO_LARGE',
    'invalid',
    `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Export a smaller version (2,000–4,000 pixels wide is plenty) and upload that.`,
    { file: 'too large' },
  );
}

/** The words entered with an upload. */
export const MediaDetailsSchema = z.object({
  alt: z.string().trim().min(1, 'Describe the image for readers who cannot see it.').max(500, 'Keep the alt text under 500 characters.'),
  caption: z.string().trim().max(1000, 'Keep the caption under 1,000 characters.').default(''),
  credit: z.string().trim().max(200, 'Keep the credit under 200 characters.').default(''),
});

/** Alt text, caption and credit as submitted. */
export type MediaDetails = z.infer<typeof MediaDetailsSchema>;

/** An uploaded file, as received into a temporary file. */
export interface UploadedFile {
  /** The name the browser gave it. */
  name: string;
  /** Where it was written while received. */
  path: string;
  bytes: number;
}

/** What an upload needs from the app. */
export interface UploadContext {
  db: Kysely<Schema>;
  files: MediaFileStore;
  now: Date;
  userId: number | null;
  /** Runs the image work; uploads that arrive together take turns (createOneAtATime). */
  imageWork: OneAtATime;
}

/**
 * Stores an uploaded image: check the words and the bytes, encode the variants (one upload at a
 * time), write the files
 * (temporary names, then renamed), then commit the row. If the row cannot be written, the files
 * this upload created are removed: no row without files, no files without a row.
 */
export async function uploadMedia(file: UploadedFile | undefined, fields: Record<string, unknown>, context: UploadContext): Promise<MediaItem> {
  const details = checkDetails(fields, file);
  const image = await context.imageWork.run(() => processImage(file!.path, file!.name));
  const created = await context.files.writeAll(image.variants);
  try {
    const largestFallback = image.variants.filter((v) => v.format === image.variants[0]!.format).pop()!;
    const id = await context.db.transaction().execute((trx) =>
      insertMedia(
        trx,
        {
          fileKey: largestFallback.fileKey,
          originalName: file!.name.slice(0, 500),
          mimeType: image.mimeType,
          width: image.width,
          height: image.height,
          bytes: file!.bytes,
          ...details,
          createdByUserId: context.userId,
          variants: image.variants.map(({ width, format, fileKey, data }) => ({ width, format, fileKey, bytes: data.length })),
        },
        context.now,
      ),
    );
    return (await findMedia(context.db, id))!;
  } catch (error) {
    await context.files.removeAll(created);
    throw error;
  }
}

// Field problems are reported together (alt text and file at once), so the form shows them all.
function checkDetails(fields: Record<string, unknown>, file: UploadedFile | undefined): MediaDetails {
  const parsed = MediaDetailsSchema.safeParse({
    alt: typeof fields.alt === 'string' ? fields.alt : '',
    caption: typeof fields.caption === 'string' ? fields.caption : '',
    credit: typeof fields.credit === 'string' ? fields.credit : '',
  });
  const details: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) details[String(issue.path[0])] ??= issue.message;
  if (!file || file.bytes === 0) details.file = 'Choose an image file to upload.';
  if (Object.keys(details).length > 0 || !parsed.success) {
    throw new AppError('MEDIA_INVALID', 'invalid', 'The image was not uploaded: correct the marked fields.', details);
  }
  return parsed.data;
}
