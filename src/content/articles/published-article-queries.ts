import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { loadHeroImages, toArticleImage, type ArticleImage } from '../media/index.js';
import type { Byline, Correction, Tag } from './article.js';
import { loadArticleLinks } from './article-links.js';
import { inIdOrder, listLinkedStoryIds, type LinkedListingFilter } from './linked-listing.js';
import { selectArticleListings, selectArticlesInFull, toArticleListing, toArticleRecord, type ArticleListing } from './article-row.js';

// Published stories as a client walks them (the Content API): newest first, in pages that start
// after a position (published time, id) instead of at an offset, so a page costs the same at the
// end of a 100,000-story archive as at its start, and stories published during the walk never
// shift the pages still to come.

/** Where a walk stands: the last story of the previous page. */
export interface ArticlePosition {
  publishedAt: string;
  id: number;
}

/** Narrows a walk to a section, a tag and a byline (by their public slugs) and to stories modified since a time. */
export interface ArticleWalkFilter {
  sectionSlug?: string;
  tagSlug?: string;
  authorSlug?: string;
  /** ISO time: only stories whose modified time is at or after it. */
  modifiedSince?: string;
}

/** A published story with its bylines, tags and hero image (what a list of stories carries; no body). */
export interface PublishedArticleListing {
  id: number;
  slug: string;
  urlDate: string;
  title: string;
  teaser: string;
  sectionSlug: string;
  sectionName: string;
  publishedAt: string;
  modifiedAt: string;
  bylines: Byline[];
  tags: Tag[];
  image: ArticleImage | null;
}

/** A published story in full: the listing plus its text, provenance, material-update time and corrections. */
export interface PublishedArticle extends PublishedArticleListing {
  uri: string;
  dek: string;
  bodyHtml: string;
  updatedAt: string | null;
  canonicalUrl: string | null;
  source: string;
  language: string;
  wordCount: number;
  corrections: Correction[];
}

function whereWalkFilter<O>(query: SelectQueryBuilder<Schema, 'articles' | 'sections', O>, { sectionSlug, modifiedSince }: ArticleWalkFilter) {
  let filtered = query.where('articles.status', '=', 'published');
  if (sectionSlug !== undefined) filtered = filtered.where('sections.slug', '=', sectionSlug);
  if (modifiedSince !== undefined) filtered = filtered.where('articles.modified_at', '>=', modifiedSince);
  return filtered;
}

/** A walk of a topic's or an author's stories, read from their link rows (linked-listing.ts), the slugs looked up in the same query. */
function linkedWalk({ sectionSlug, tagSlug, authorSlug, modifiedSince }: ArticleWalkFilter, after: ArticlePosition | undefined): LinkedListingFilter {
  const idOf = (table: 'tags' | 'authors' | 'sections', slug: string | undefined) => (slug === undefined ? undefined : sql<number>`(SELECT id FROM ${sql.table(table)} WHERE slug = ${slug})`);
  return { tagId: idOf('tags', tagSlug), authorId: idOf('authors', authorSlug), sectionId: idOf('sections', sectionSlug), modifiedSince, after };
}

/** One page of published stories, newest first, after a position (or from the newest); `limit` is the caller's bound. */
export async function listPublishedArticlesAfter(
  db: Kysely<Schema>,
  filter: ArticleWalkFilter,
  { after, limit }: { after?: ArticlePosition; limit: number },
): Promise<PublishedArticleListing[]> {
  if (filter.tagSlug !== undefined || filter.authorSlug !== undefined) {
    const ids = await listLinkedStoryIds(db, linkedWalk(filter, after), { limit });
    return ids.length === 0 ? [] : inIdOrder(ids, await listPublishedArticlesByIds(db, ids));
  }
  let query = whereWalkFilter(selectArticleListings(db), filter);
  if (after) {
    // (published_at, id) < (after): a row-value comparison both databases read from the index.
    query = query.where((eb) => eb(eb.refTuple('articles.published_at', 'articles.id'), '<', eb.tuple(after.publishedAt, after.id)));
  }
  const rows = await query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
  return withLinks(db, rows.map(toArticleListing));
}

/** The published ones of these stories as lists show them, in no particular order (search results and most read lists). */
export async function listPublishedArticlesByIds(db: Kysely<Schema>, ids: readonly number[]): Promise<PublishedArticleListing[]> {
  if (ids.length === 0) return [];
  // By primary key alone (the status is checked on the rows): with a status condition the planner may scan the status index instead.
  const rows = await selectArticleListings(db).where('articles.id', 'in', [...ids]).execute();
  return withLinks(db, rows.map(toArticleListing).filter((story) => story.status === 'published'));
}

/** A published story in full by id. */
export async function findPublishedArticleById(db: Kysely<Schema>, id: number): Promise<PublishedArticle | undefined> {
  return findOnePublished(selectArticlesInFull(db).where('articles.id', '=', id), db);
}

/** A published story in full by the date and slug of its current URL. */
export async function findPublishedArticleAt(db: Kysely<Schema>, urlDate: string, slug: string): Promise<PublishedArticle | undefined> {
  return findOnePublished(selectArticlesInFull(db).where('articles.url_date', '=', urlDate).where('articles.slug', '=', slug), db);
}

async function findOnePublished(query: ReturnType<typeof selectArticlesInFull>, db: Kysely<Schema>): Promise<PublishedArticle | undefined> {
  const row = await query.where('articles.status', '=', 'published').executeTakeFirst();
  if (!row) return undefined;
  const story = toArticleRecord(row);
  const [[listing], corrections] = await Promise.all([
    withLinks(db, [story]),
    db.selectFrom('corrections').select(['text', 'published_at']).where('article_id', '=', story.id).orderBy('published_at').execute(),
  ]);
  return {
    ...listing!,
    uri: story.uri,
    dek: story.dek,
    bodyHtml: story.bodyHtml,
    updatedAt: story.updatedAt,
    canonicalUrl: story.canonicalUrl,
    source: story.source,
    language: story.language,
    wordCount: story.wordCount,
    corrections: corrections.map((c) => ({ text: c.text, publishedAt: c.published_at })),
  };
}

/** Stories with their bylines, tags and hero images: three more queries however many stories. */
async function withLinks(db: Kysely<Schema>, stories: ArticleListing[]): Promise<PublishedArticleListing[]> {
  if (stories.length === 0) return [];
  const ids = stories.map((story) => story.id);
  const [{ bylines, tags }, heroImages] = await Promise.all([loadArticleLinks(db, ids), loadHeroImages(db, ids)]);
  return stories.map((story) => {
    const hero = heroImages.get(story.id);
    return {
      id: story.id,
      slug: story.slug,
      urlDate: story.urlDate ?? '',
      title: story.title,
      teaser: story.teaser,
      sectionSlug: story.sectionSlug,
      sectionName: story.sectionName,
      publishedAt: story.publishedAt ?? '',
      modifiedAt: story.modifiedAt,
      bylines: bylines.get(story.id) ?? [],
      tags: tags.get(story.id) ?? [],
      image: hero ? toArticleImage(hero) : null,
    };
  });
}
