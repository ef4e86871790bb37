import type { Kysely, Selectable } from 'kysely';
import type { MediaTable, MediaVariantsTable, Schema } from '../../storage/index.js';
import type { MediaFormat, MediaItem, MediaVariant } from './media.js';

/** A new image's row and variants, as the upload operation hands them over. */
export type NewMedia = Omit<MediaItem, 'id' | 'createdAt' | 'variants'> & { variants: Omit<MediaVariant, 'height'>[] };

/** Inserts an image and its variants inside the caller's transaction; returns its id. */
export async function insertMedia(trx: Kysely<Schema>, media: NewMedia, now: Date): Promise<number> {
  const { id } = await trx
    .insertInto('media')
    .values({
      file_key: media.fileKey,
      original_name: media.originalName,
      mime_type: media.mimeType,
      width: media.width,
      height: media.height,
      bytes: media.bytes,
      alt: media.alt,
      caption: media.caption,
      credit: media.credit,
      created_by_user_id: media.createdByUserId,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const mediaId = Number(id);
  if (media.variants.length > 0) {
    await trx
      .insertInto('media_variants')
      .values(media.variants.map((v) => ({ media_id: mediaId, width: v.width, format: v.format, file_key: v.fileKey, bytes: v.bytes })))
      .execute();
  }
  return mediaId;
}

async function withVariants(db: Kysely<Schema>, rows: Selectable<MediaTable>[]): Promise<MediaItem[]> {
  return rows.length === 0 ? [] : toMediaItems(rows, await selectVariants(db, rows.map((row) => Number(row.id))));
}

function selectVariants(db: Kysely<Schema>, mediaIds: number[]) {
  return db.selectFrom('media_variants').selectAll().where('media_id', 'in', mediaIds).orderBy('media_id').orderBy('width').execute();
}

function toMediaItems(rows: Selectable<MediaTable>[], variants: Selectable<MediaVariantsTable>[]): MediaItem[] {
  return rows.map((row) => {
    const id = Number(row.id);
    return {
      id,
      fileKey: row.file_key,
      originalName: row.original_name,
      mimeType: row.mime_type,
      width: row.width,
      height: row.height,
      bytes: row.bytes,
      alt: row.alt,
      caption: row.caption,
      credit: row.credit,
      createdByUserId: row.created_by_user_id === null ? null : Number(row.created_by_user_id),
      createdAt: row.created_at,
      variants: variants
        .filter((variant) => Number(variant.media_id) === id)
        .map((variant) => ({
          width: variant.width,
          // Heights follow from the original's proportions; sharp rounds the same way.
          height: Math.max(1, Math.round((variant.width * row.height) / row.width)),
          format: variant.format as MediaFormat,
          fileKey: variant.file_key,
          bytes: variant.bytes,
        })),
    };
  });
}

/** An image by id, with its variants. */
export async function findMedia(db: Kysely<Schema>, id: number): Promise<MediaItem | undefined> {
  // The image and its variants are read side by side (the id is known): on PostgreSQL each read is a round trip.
  const [row, variants] = await Promise.all([db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst(), selectVariants(db, [id])]);
  return row && toMediaItems([row], variants)[0];
}

/** Images, newest first; a query matches words in the alt text, caption, credit or file name. */
export async function searchMedia(db: Kysely<Schema>, options: { query?: string; limit: number; offset?: number }): Promise<MediaItem[]> {
  let select = db.selectFrom('media').selectAll();
  // Wildcards are dropped from the words rather than escaped: SQLite has no default LIKE escape.
  const words = (options.query ?? '').toLowerCase().replace(/[%_\\]/g, ' ').split(/\s+/).filter(Boolean).slice(0, 8);
  for (const word of words) {
    // lower() on both sides: LIKE is case-insensitive on SQLite but not on PostgreSQL.
    const pattern = `%${word}%`;
    select = select.where((eb) => eb.or((['alt', 'caption', 'credit', 'original_name'] as const).map((column) => eb(eb.fn('lower', [column]), 'like', pattern))));
  }
  const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).offset(options.offset ?? 0).execute();
  return withVariants(db, rows);
}

/** Hero images of stories by story id (stories without one are left out). */
export async function loadHeroImages(db: Kysely<Schema>, articleIds: number[]): Promise<Map<number, MediaItem>> {
  if (articleIds.length === 0) return new Map();
  const links = await db
    .selectFrom('articles')
    .select(['id', 'hero_media_id'])
    .where('id', 'in', articleIds)
    .where('hero_media_id', 'is not', null)
    .execute();
  if (links.length === 0) return new Map();
  const mediaIds = [...new Set(links.map((link) => Number(link.hero_media_id)))];
  const rows = await db.selectFrom('media').selectAll().where('id', 'in', mediaIds).execute();
  const items = new Map((await withVariants(db, rows)).map((item) => [item.id, item]));
  return new Map(links.flatMap((link) => {
    const item = items.get(Number(link.hero_media_id));
    return item ? [[Number(link.id), item] as const] : [];
  }));
}

/** A story's hero image, if it has one. */
export async function findHeroImage(db: Kysely<Schema>, articleId: number): Promise<MediaItem | undefined> {
  return (await loadHeroImages(db, [articleId])).get(articleId);
}

/** An image kept where it is (an imported post's featured image), with the words shown beside it. */
export interface RemoteImage {
  url: string;
  alt: string;
  caption: string;
  credit: string;
  width?: number;
  height?: number;
}

/**
 * The media id of a remote image, inside the caller's transaction: kept once per URL (the unique
 * index decides), so importing the same post again finds the row it made before.
 */
export async function keepRemoteImage(trx: Kysely<Schema>, image: RemoteImage, now: Date): Promise<number> {
  const extension = /\.([a-z0-9]{2,4})(?:[?#]|$)/i.exec(image.url)?.[1]?.toLowerCase() ?? '';
  const mimeType = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml' }[extension] ?? 'application/octet-stream';
  await trx
    .insertInto('media')
    .values({
      // No file here: nothing is served from /media/ for it, and it has no variants.
      file_key: '',
      original_name: image.url.slice(image.url.lastIndexOf('/') + 1).slice(0, 500) || 'image',
      mime_type: mimeType,
      width: image.width ?? 0,
      height: image.height ?? 0,
      bytes: 0,
      alt: image.alt,
      caption: image.caption,
      credit: image.credit,
      created_by_user_id: null,
      created_at: now.toISOString(),
      remote_url: image.url,
    })
    .onConflict((oc) => oc.column('remote_url').doNothing())
    .execute();
  const { id } = await trx.selectFrom('media').select('id').where('remote_url', '=', image.url).executeTakeFirstOrThrow();
  return Number(id);
}
