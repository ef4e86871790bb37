import type { Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import type { TagKind } from '../taxonomy/index.js';
import { articlePath, type ArticleSummary, type ArticleView } from './article.js';
import { whereInListing, type ListingFilter } from './article-links.js';
import { fromArticlesWithSection, selectArticleListings, selectArticlesInFull, toArticleListing, toArticleRecord, toArticleSummary } from './article-row.js';

export type { ListingFilter } from './article-links.js';

/** Published stories, newest first. */
export async function listPublishedArticles(
  db: Kysely<Schema>,
  filter: ListingFilter,
  page: { limit: number; offset: number },
): Promise<ArticleSummary[]> {
  const rows = await whereInListing(selectArticleListings(db).where('articles.status', '=', 'published'), filter)
    .orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return rows.map((row) => toArticleSummary(toArticleListing(row)));
}

/** How many published stories a listing holds (to know its last page). */
export async function countPublishedArticles(db: Kysely<Schema>, filter: ListingFilter): Promise<number> {
  const row = await whereInListing(fromArticlesWithSection(db).where('articles.status', '=', 'published'), filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Stories by id with their status, in no particular order; only published ones unless asked for any status. */
export async function listArticleSummariesByIds(
  db: Kysely<Schema>,
  ids: number[],
  { isAnyStatus = false }: { isAnyStatus?: boolean } = {},
): Promise<(ArticleSummary & { status: string })[]> {
  if (ids.length === 0) return [];
  const stories = (await selectArticleListings(db).where('articles.id', 'in', ids).execute()).map(toArticleListing);
  return stories.filter((story) => isAnyStatus || story.status === 'published').map((story) => ({ ...toArticleSummary(story), status: story.status }));
}

/** A published story by the date and slug in its URL, with bylines, tags and corrections. */
export async function findPublishedArticle(db: Kysely<Schema>, urlDate: string, slug: string): Promise<ArticleView | undefined> {
  const row = await selectArticlesInFull(db)
    .where('articles.status', '=', 'published')
    .where('articles.url_date', '=', urlDate)
    .where('articles.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const story = toArticleRecord(row);
  const { id } = story;
  const [bylines, tags, corrections] = await Promise.all([
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['authors.name', 'authors.slug'])
      .where('article_authors.article_id', '=', id)
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.name', 'tags.slug', 'tags.kind'])
      .where('article_tags.article_id', '=', id)
      .orderBy('article_tags.position')
      .execute(),
    db.selectFrom('corrections').select(['text', 'published_at']).where('article_id', '=', id).orderBy('published_at').execute(),
  ]);
  return {
    ...toArticleSummary(story),
    uri: story.uri,
    dek: story.dek,
    bodyHtml: story.bodyHtml,
    updatedAt: story.updatedAt,
    canonicalUrl: story.canonicalUrl,
    source: story.source,
    language: story.language,
    wordCount: story.wordCount,
    heroMediaId: story.heroMediaId,
    bylines,
    tags: tags.map((tag) => ({ ...tag, kind: tag.kind as TagKind })),
    corrections: corrections.map((c) => ({ text: c.text, publishedAt: c.published_at })),
  };
}

/**
 * Where a former or non-canonical story URL now lives, if the story is published; never the asked
 * path itself. A story found there is not a move: it was published (or given its former slug back)
 * just after the caller looked for it at that address, and a redirect to itself would send readers
 * in a circle for as long as it was cached anywhere.
 */
export async function findCurrentArticlePath(db: Kysely<Schema>, urlDate: string, slug: string): Promise<string | undefined> {
  const moved = await db
    .selectFrom('slug_history')
    .innerJoin('articles', 'articles.id', 'slug_history.article_id')
    .select(['articles.url_date', 'articles.slug'])
    .where('slug_history.url_date', '=', urlDate)
    .where('slug_history.slug', '=', slug)
    .where('articles.status', '=', 'published')
    .executeTakeFirst();
  const current =
    moved ??
    (await db
      .selectFrom('articles')
      .select(['url_date', 'slug'])
      .where('slug', '=', slug)
      .where('status', '=', 'published')
      .executeTakeFirst());
  if (!current?.url_date) return undefined;
  const path = articlePath({ urlDate: current.url_date, slug: current.slug });
  return path === articlePath({ urlDate, slug }) ? undefined : path;
}

// Related stories are drawn from the newest stories under the story's first few tags (its
// leading topics), ranked by how many of those tags they share. Reading a bounded slice of each
// tag keeps the cost flat however large the archive or the tag grows.
const RELATED_TAGS = 3;
const RELATED_PER_TAG = 12;

/** Published stories that share the story's leading tags, most shared first, then newest. */
export async function listRelatedArticles(db: Kysely<Schema>, articleId: number, limit: number): Promise<ArticleSummary[]> {
  const tags = await db
    .selectFrom('article_tags')
    .select('tag_id')
    .where('article_id', '=', articleId)
    .orderBy('position')
    .limit(RELATED_TAGS)
    .execute();
  // One lookup per tag, all at once: on PostgreSQL each is a round trip, and a pool runs them side by side.
  const perTag = await Promise.all(
    tags.map(({ tag_id }) =>
      db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tag_id).where('article_id', '!=', articleId).orderBy('article_id', 'desc').limit(RELATED_PER_TAG).execute(),
    ),
  );
  const shared = new Map<number, number>();
  for (const { article_id } of perTag.flat()) shared.set(Number(article_id), (shared.get(Number(article_id)) ?? 0) + 1);
  if (shared.size === 0) return [];
  const ranked = [...shared].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([id]) => id).slice(0, limit + 4);
  // Looked up by primary key alone: with a status condition too, the planner may scan the
  // status index instead (every story is "published"), which costs milliseconds at 100,000 stories.
  const stories = (await selectArticleListings(db).where('articles.id', 'in', ranked).execute()).map(toArticleListing);
  const byId = new Map(stories.filter((story) => story.status === 'published').map((story) => [story.id, toArticleSummary(story)]));
  return ranked.flatMap((id) => byId.get(id) ?? []).slice(0, limit);
}
