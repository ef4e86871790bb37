import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { slugify } from '../text/index.js';
import type { AuthorProfile } from './author-profile.js';
import type { Author, StoredTag, TagKind } from './taxonomy-store.js';

// Readers only ever learn of a topic or a person through a published story. A name typed into a
// draft creates its tag or author row at once; until a story carrying it is published, it must
// have no page, no feed and no sitemap line (that would breach the embargo).

/** True when at least one published story carries the tag in the outer query. */
export function tagHasPublishedStory(eb: ExpressionBuilder<Schema, 'tags'>) {
  return eb.exists(
    eb
      .selectFrom('article_tags')
      .innerJoin('articles', 'articles.id', 'article_tags.article_id')
      .select('article_tags.article_id')
      .whereRef('article_tags.tag_id', '=', 'tags.id')
      .where('articles.status', '=', 'published'),
  );
}

/** True when at least one published story carries the author's byline in the outer query. */
export function authorHasPublishedStory(eb: ExpressionBuilder<Schema, 'authors'>) {
  return eb.exists(
    eb
      .selectFrom('article_authors')
      .innerJoin('articles', 'articles.id', 'article_authors.article_id')
      .select('article_authors.article_id')
      .whereRef('article_authors.author_id', '=', 'authors.id')
      .where('articles.status', '=', 'published'),
  );
}

/** A tag by slug, if a published story carries it (what topic pages and feeds may show). */
export async function findPublicTagBySlug(db: Kysely<Schema>, slug: string): Promise<StoredTag | undefined> {
  const row = await db
    .selectFrom('tags')
    .select(['id', 'slug', 'name', 'kind'])
    .where('slug', '=', slug)
    .where(tagHasPublishedStory)
    .executeTakeFirst();
  return row && { ...row, id: Number(row.id), kind: row.kind as TagKind };
}

/** The slug of the ticker tag stories about an instrument carry: the tag "HALD" is "hald". */
export function tickerTagSlug(symbol: string): string {
  return slugify(symbol);
}

/**
 * An instrument's ticker tag, if a published story carries it: what its quote page and feed list.
 * Tag slugs are shared by every kind, so a topic that happens to have the slug is not it.
 */
export async function findPublicTickerTag(db: Kysely<Schema>, symbol: string): Promise<StoredTag | undefined> {
  const tag = await findPublicTagBySlug(db, tickerTagSlug(symbol));
  return tag?.kind === 'ticker' ? tag : undefined;
}

/** An author by slug, if a published story carries their byline (what author pages and feeds may show). */
export async function findPublicAuthorBySlug(db: Kysely<Schema>, slug: string): Promise<AuthorProfile | undefined> {
  const row = await db
    .selectFrom('authors')
    .select(['id', 'slug', 'name', 'bio', 'photo_media_id'])
    .where('slug', '=', slug)
    .where(authorHasPublishedStory)
    .executeTakeFirst();
  return row && { id: Number(row.id), slug: row.slug, name: row.name, bio: row.bio, photoMediaId: row.photo_media_id === null ? null : Number(row.photo_media_id) };
}

/** One page of the tags readers may see (a published story carries them), by slug after `afterSlug`, optionally of one kind. */
export async function listPublicTags(
  db: Kysely<Schema>,
  { afterSlug, kind, limit }: { afterSlug?: string; kind?: TagKind; limit: number },
): Promise<StoredTag[]> {
  let query = db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where(tagHasPublishedStory);
  if (afterSlug !== undefined) query = query.where('slug', '>', afterSlug);
  if (kind !== undefined) query = query.where('kind', '=', kind);
  const rows = await query.orderBy('slug').limit(limit).execute();
  return rows.map((row) => ({ ...row, id: Number(row.id), kind: row.kind as TagKind }));
}

/** One page of the authors readers may see (a published story carries their byline), by slug after `afterSlug`. */
export async function listPublicAuthors(db: Kysely<Schema>, { afterSlug, limit }: { afterSlug?: string; limit: number }): Promise<Author[]> {
  let query = db.selectFrom('authors').select(['id', 'slug', 'name', 'bio']).where(authorHasPublishedStory);
  if (afterSlug !== undefined) query = query.where('slug', '>', afterSlug);
  const rows = await query.orderBy('slug').limit(limit).execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}
