import type { Kysely } from 'kysely';
import { PURGE_EVERYTHING } from '../../changes/index.js';
import { AppError } from '../../errors.js';
import type { Schema, Work } from '../../storage/index.js';
import { collapseWhitespace } from '../text/index.js';
import type { Author } from './taxonomy-store.js';

/** Longest byline name kept (an account's name has the same bound). */
export const MAX_BYLINE_LENGTH = 200;
/** Longest biography kept: a few sentences on the author page, not an essay. */
export const MAX_BIO_LENGTH = 1000;

/** An author as their profile shows them: the byline, a biography and a photo (a media library image). */
export interface AuthorProfile extends Author {
  photoMediaId: number | null;
}

/** What a profile edit sets. */
export interface AuthorProfileInput {
  name: string;
  bio: string;
  photoMediaId: number | null;
}

/** Cleans a profile edit (runs of spaces and line breaks collapsed to one space) or throws PROFILE_INVALID with a message per field. */
export function checkAuthorProfile(input: AuthorProfileInput): AuthorProfileInput {
  const name = collapseWhitespace(input.name);
  const bio = collapseWhitespace(input.bio);
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'Enter the name your bylines show.';
  else if (name.length > MAX_BYLINE_LENGTH) errors.name = `Use a byline of at most ${MAX_BYLINE_LENGTH} characters.`;
  if (bio.length > MAX_BIO_LENGTH) errors.bio = `Use a biography of at most ${MAX_BIO_LENGTH} characters.`;
  if (Object.keys(errors).length > 0) throw new AppError('PROFILE_INVALID', 'invalid', `Check the highlighted fields: ${Object.values(errors).join(' ')}`, errors);
  return { name, bio, photoMediaId: input.photoMediaId };
}

/** The author with this id, with their profile. */
export async function findAuthorProfile(db: Kysely<Schema>, authorId: number): Promise<AuthorProfile | undefined> {
  const row = await db.selectFrom('authors').select(['id', 'slug', 'name', 'bio', 'photo_media_id']).where('id', '=', authorId).executeTakeFirst();
  return row && { id: Number(row.id), slug: row.slug, name: row.name, bio: row.bio, photoMediaId: row.photo_media_id === null ? null : Number(row.photo_media_id) };
}

/**
 * Sets an author's byline name, biography and photo inside the caller's unit of work; the slug,
 * and so the author page's address, stays. A new name shows on every story carrying the byline, in
 * feeds, structured data and search entries, so every page goes and those stories are reindexed;
 * a new bio or photo dirties only the author page and the lists that show authors. Returns false
 * when nothing changed (nothing is written or purged).
 */
export async function updateAuthorProfile({ trx, dirty, reindex, lock }: Work, authorId: number, input: AuthorProfileInput): Promise<boolean> {
  const profile = checkAuthorProfile(input);
  await lock(`author:${authorId}`);
  const before = await findAuthorProfile(trx, authorId);
  if (!before) throw new AppError('AUTHOR_NOT_FOUND', 'not_found', 'Your account has no byline to edit; ask an admin.');
  const isRenamed = before.name !== profile.name;
  if (!isRenamed && before.bio === profile.bio && before.photoMediaId === profile.photoMediaId) return false;
  await trx.updateTable('authors').set({ name: profile.name, bio: profile.bio, photo_media_id: profile.photoMediaId }).where('id', '=', authorId).execute();
  if (isRenamed) {
    dirty([PURGE_EVERYTHING]);
    const bylined = await trx.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId).execute();
    reindex(bylined.map((row) => Number(row.article_id)));
  } else {
    // 'feeds': the feeds and the Content API's lists, which show each author's bio.
    dirty([`author:${before.slug}`, 'feeds']);
  }
  return true;
}
