import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import type { TagKind } from '../taxonomy/index.js';
import { articlePath, type ArticleSummary, type ArticleView } from './article.js';
import { inListing, type ListingFilter } from './article-links.js';
import { countLinkedStories, inIdOrder, isLinkedListing, listLinkedStoryIds } from './linked-listing.js';
import { selectArticleListings, selectArticlesInFull, toArticleListing, toArticleRecord, toArticleSummary } from './article-row.js';

export type { ListingFilter } from './article-links.js';

/** Published stories, newest first. */
export async function listPublishedArticles(
  db: Kysely<Schema>,
  filter: ListingFilter,
  page: { limit: number; offset: number },
): Promise<ArticleSummary[]> {
  if (isLinkedListing(filter)) {
    const ids = await listLinkedStoryIds(db, filter, page);
    if (ids.length === 0) return [];
    // By primary key alone, the status checked on the rows: with a status condition the planner may walk the status index instead.
    const rows = (await selectArticleListings(db).where('articles.id', 'in', ids).execute()).map(toArticleListing);
    return inIdOrder(ids, rows.filter((story) => story.status === 'published')).map(toArticleSummary);
  }
  const rows = await selectArticleListings(db)
    .where('articles.status', '=', 'published')
    .where((eb) => inListing(eb, filter))
    .orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return rows.map((row) => toArticleSummary(toArticleListing(row)));
}

/**
 * How many published stories a listing holds (to know its last page), counting no further than
 * `upTo` when given: a count that stops early costs the same however large the listing.
 */
export async function countPublishedArticles(db: Kysely<Schema>, filter: ListingFilter, { upTo }: { upTo?: number } = {}): Promise<number> {
  if (isLinkedListing(filter)) return countLinkedStories(db, filter, { upTo });
  // Every story has a section: counting needs no join with sections, which would double the work.
  const listed = db.selectFrom('articles').select('articles.id').where('articles.status', '=', 'published').where((eb) => inListing(eb, filter));
  const row = await db
    .selectFrom((upTo === undefined ? listed : listed.limit(upTo)).as('listed'))
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
  // The story and what hangs on it are read side by side: on PostgreSQL each read is a round trip.
  const [row, links] = await Promise.all([
    selectArticlesInFull(db)
      .where('articles.status', '=', 'published')
      .where('articles.url_date', '=', urlDate)
      .where('articles.slug', '=', slug)
      .executeTakeFirst(),
    selectStoryLinks(urlDate, slug).execute(db),
  ]);
  if (!row) return undefined;
  const story = toArticleRecord(row);
  const tags = links.rows.filter((link) => link.part === 'tag');
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
    bylines: links.rows.filter((link) => link.part === 'byline').map(({ text, detail }) => ({ name: text, slug: detail })),
    tags: tags.map(({ text, detail, kind }) => ({ name: text, slug: detail, kind: kind as TagKind })),
    tagIds: tags.map((tag) => Number(tag.tag_id)),
    corrections: links.rows.filter((link) => link.part === 'correction').map(({ text, detail }) => ({ text, publishedAt: detail })),
  };
}

// A story page's links and its related stories are read with SQL written out, not built: they are
// unions of subqueries, which the query builder took longer to build (copying and freezing each node
// it adds) than the database took to run. Plain SQL that SQLite and PostgreSQL read the same way.

/** A row of selectStoryLinks: a byline (name, slug), a tag (name, slug, kind, id) or a correction (text, publication time). */
interface StoryLinkRow {
  part: 'byline' | 'tag' | 'correction';
  text: string;
  detail: string;
  kind: string | null;
  tag_id: number | null;
}

/**
 * A story's bylines, tags and corrections as the rows of one query (one round trip), each part in
 * its order: bylines and tags by position, corrections by time. The story is the one published at
 * a URL's date and slug, so this read need not wait for the story's row.
 */
function selectStoryLinks(urlDate: string, slug: string) {
  const story = sql<number>`(select id from articles where status = 'published' and url_date = ${urlDate} and slug = ${slug})`;
  return sql<StoryLinkRow>`
    select 'byline' as part, article_authors.position as position, authors.name as text, authors.slug as detail, null as kind, null as tag_id
      from article_authors inner join authors on authors.id = article_authors.author_id
      where article_authors.article_id = ${story}
    union all
    select 'tag', article_tags.position, tags.name, tags.slug, tags.kind, tags.id
      from article_tags inner join tags on tags.id = article_tags.tag_id
      where article_tags.article_id = ${story}
    union all
    select 'correction', 0, text, published_at, null, null from corrections where article_id = ${story}
    order by part, position, detail`;
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

/** Published stories that share the story's leading tags (its first few by position), most shared first, then newest. */
export async function listRelatedArticles(db: Kysely<Schema>, story: { id: number; tagIds: readonly number[] }, limit: number): Promise<ArticleSummary[]> {
  const leadingTagIds = story.tagIds.slice(0, RELATED_TAGS);
  if (leadingTagIds.length === 0) return [];
  // One query, so one round trip on PostgreSQL: a slice of the newest stories under each leading
  // tag (each in a subquery: SQLite orders and limits only a whole union), counted by how many
  // slices name each story; the best few are ranked before their status is known, the published
  // kept. The limits are in the SQL, not bound: SQLite plans a bound LIMIT for any value, which
  // makes this query half as fast again.
  const slices = leadingTagIds.map(
    (tagId) => sql`
      select article_id from (
        select article_id from article_tags where tag_id = ${tagId} and article_id != ${story.id}
          order by article_id desc limit ${sql.lit(RELATED_PER_TAG)}
      ) as slice`,
  );
  const ranked = sql<{ article_id: number; shared: number }>`(
    select article_id, count(*) as shared from (${sql.join(slices, sql` union all `)}) as candidates
      group by article_id order by shared desc, article_id desc limit ${sql.lit(limit + 4)}
  )`;
  // Their stories are looked up by primary key alone: with a status condition too, the planner may
  // scan the status index instead (every story is "published"), which costs milliseconds at 100,000 stories.
  const stories = await selectArticleListings(db)
    .innerJoin(ranked.as('ranked'), 'ranked.article_id', 'articles.id')
    .orderBy('ranked.shared', 'desc')
    .orderBy('articles.id', 'desc')
    .execute();
  return stories
    .map(toArticleListing)
    .filter((related) => related.status === 'published')
    .slice(0, limit)
    .map(toArticleSummary);
}
