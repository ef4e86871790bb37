import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { loadHeroImages, toArticleImage, type ArticleImage } from '../media/index.js';
import { authorHasPublishedStory, tagHasPublishedStory } from '../taxonomy/index.js';
import type { Byline, Tag } from './article.js';
import { inListing, loadArticleLinks, type ListingFilter } from './article-links.js';
import { inIdOrder, isLinkedListing, listLinkedStoryIds } from './linked-listing.js';
import { selectArticlesInFull, toArticleRecord, toArticleSummary } from './article-row.js';

/** Narrows a feed to one section, tag or author; empty for the whole site. */
export type FeedFilter = Omit<ListingFilter, 'excludeIds'>;

/** A published story with everything a feed item carries. */
export interface FeedArticle {
  id: number;
  uri: string;
  slug: string;
  urlDate: string;
  title: string;
  dek: string;
  teaser: string;
  bodyHtml: string;
  language: string;
  canonicalUrl: string | null;
  sectionSlug: string;
  sectionName: string;
  publishedAt: string;
  updatedAt: string | null;
  bylines: Byline[];
  tags: Tag[];
  image: ArticleImage | null;
}

/** The newest published stories with bylines and tags, newest first. */
export async function listFeedArticles(db: Kysely<Schema>, filter: FeedFilter, limit: number): Promise<FeedArticle[]> {
  const stories = await newestInFull(db, filter, limit);
  if (stories.length === 0) return [];
  const ids = stories.map((story) => story.id);
  const [{ bylines, tags }, heroImages] = await Promise.all([
    loadArticleLinks(db, ids),
    loadHeroImages(db, ids),
  ]);
  return stories.map((story) => ({
    ...toArticleSummary(story),
    uri: story.uri,
    dek: story.dek,
    bodyHtml: story.bodyHtml,
    language: story.language,
    canonicalUrl: story.canonicalUrl,
    updatedAt: story.updatedAt,
    bylines: bylines.get(story.id) ?? [],
    tags: tags.get(story.id) ?? [],
    image: heroImages.has(story.id) ? toArticleImage(heroImages.get(story.id)!) : null,
  }));
}

/** The newest published stories of a listing, every column. */
async function newestInFull(db: Kysely<Schema>, filter: FeedFilter, limit: number) {
  if (isLinkedListing(filter)) {
    const ids = await listLinkedStoryIds(db, filter, { limit });
    if (ids.length === 0) return [];
    // By primary key alone, the status checked on the rows: with a status condition the planner may walk the status index instead.
    const stories = (await selectArticlesInFull(db).where('articles.id', 'in', ids).execute()).map(toArticleRecord);
    return inIdOrder(ids, stories.filter((story) => story.status === 'published'));
  }
  const rows = await selectArticlesInFull(db).where('articles.status', '=', 'published').where((eb) => inListing(eb, filter)).orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
  return rows.map(toArticleRecord);
}

/** One month of published stories in a sitemap: how many, and when the latest of them last changed. */
export interface SitemapMonth {
  /** YYYY-MM of the URL date. */
  month: string;
  count: number;
  lastModified: string;
}

const lastChanged = sql<string>`max(coalesce(articles.updated_at, articles.published_at))`;

/** Months that have published stories, oldest first, by the date in their URLs. */
export async function listSitemapMonths(db: Kysely<Schema>): Promise<SitemapMonth[]> {
  const month = sql<string>`substr(articles.url_date, 1, 7)`;
  const rows = await db
    .selectFrom('articles')
    .select([month.as('month'), (eb) => eb.fn.countAll().as('count'), lastChanged.as('last_modified')])
    .where('articles.status', '=', 'published')
    .where('articles.url_date', 'is not', null)
    .groupBy(month)
    .orderBy(month)
    .execute();
  return rows.map((row) => ({ month: row.month, count: Number(row.count), lastModified: row.last_modified }));
}

/** A URL in a sitemap, and when what it shows last changed. */
export interface SitemapArticle {
  urlDate: string;
  slug: string;
  lastModified: string;
}

/** Published stories whose URL date falls in a month (YYYY-MM), oldest first, one page of them. */
export async function listSitemapArticles(db: Kysely<Schema>, month: string, page: { limit: number; offset: number }): Promise<SitemapArticle[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['url_date', 'slug', 'published_at', 'updated_at'])
    .where('status', '=', 'published')
    .where('url_date', '>=', `${month}-01`)
    .where('url_date', '<=', `${month}-31`)
    .orderBy('published_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({ urlDate: row.url_date ?? '', slug: row.slug, lastModified: row.updated_at ?? row.published_at ?? '' }));
}

/** A story for the Google News sitemap. */
export interface NewsSitemapArticle {
  urlDate: string;
  slug: string;
  title: string;
  language: string;
  publishedAt: string;
}

/** Stories first published at or after a time, newest first. */
export async function listRecentlyPublished(db: Kysely<Schema>, since: string, limit: number): Promise<NewsSitemapArticle[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['url_date', 'slug', 'title', 'language', 'published_at'])
    .where('status', '=', 'published')
    .where('published_at', '>=', since)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ urlDate: row.url_date ?? '', slug: row.slug, title: row.title, language: row.language, publishedAt: row.published_at ?? '' }));
}

/** A section, topic or author page that lists published stories. */
export interface ListingPageEntry {
  kind: 'section' | 'topic' | 'author';
  slug: string;
  /** When its newest story was published; known for sections, left out for topics and authors. */
  lastModified?: string;
}

/**
 * Sections with published stories (with the time of the newest), and the topics and authors that
 * have published stories. Topic and author times are left out: computing them means reading a story row per
 * tag link (hundreds of thousands at scale) and sitemaps make lastmod optional.
 */
export async function listListingPages(db: Kysely<Schema>): Promise<ListingPageEntry[]> {
  const [sections, topics, authors] = await Promise.all([
    db
      .selectFrom('sections')
      .select((eb) => [
        'sections.slug',
        eb
          .selectFrom('articles')
          .select((inner) => inner.fn.max('articles.published_at').as('newest'))
          .whereRef('articles.section_id', '=', 'sections.id')
          .where('articles.status', '=', 'published')
          .as('last_modified'),
      ])
      .orderBy('sections.position')
      .execute(),
    db
      .selectFrom('tags')
      .select('tags.slug')
      .where(tagHasPublishedStory)
      .orderBy('tags.slug')
      .execute(),
    db
      .selectFrom('authors')
      .select('authors.slug')
      .where(authorHasPublishedStory)
      .orderBy('authors.slug')
      .execute(),
  ]);
  return [
    ...sections.flatMap((row) => (row.last_modified ? [{ kind: 'section' as const, slug: row.slug, lastModified: row.last_modified }] : [])),
    ...topics.map((row) => ({ kind: 'topic' as const, slug: row.slug })),
    ...authors.map((row) => ({ kind: 'author' as const, slug: row.slug })),
  ];
}

/** The external uri of a published story by its id (for the API), if it is published. */
export async function findPublishedArticleUri(db: Kysely<Schema>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('articles').select('uri').where('id', '=', id).where('status', '=', 'published').executeTakeFirst();
  return row?.uri;
}
