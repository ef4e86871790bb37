import { sql, type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Schema } from '../../storage/index.js';
import { selectArticleListings, toArticleListing, type ArticleStatus } from '../articles/index.js';
import { isOwnedBy, type StoryListItem, type StoryOwner } from './story-store.js';

// The editorial desk's story queries: the filtered, sorted, keyset-paged story list, its counts per
// status, and the dashboard's columns built from the same filter.

/** What the desk's list may be narrowed to; every part optional except the words (empty: no text search). */
export interface DeskStoryFilter {
  status?: ArticleStatus;
  sectionSlug?: string;
  authorId?: number;
  /** Lower-case words without LIKE wildcards, each to be found in the headline, dek or teaser. */
  words: string[];
  /** Instants (ISO), from included, before excluded, on the sort's date (last saved for headline order). */
  from?: string;
  before?: string;
  /** Only this person's stories (read scope, or "mine"). */
  ownedBy?: StoryOwner;
}

/** The orders the desk offers: last saved and published newest first, scheduled soonest first, headline A–Z. */
export const DESK_SORTS = ['modified', 'published', 'scheduled', 'headline'] as const;

/** One of the desk's orders. */
export type DeskSort = (typeof DESK_SORTS)[number];

/** Where the next page starts: the last row's sort key and id. */
export interface DeskCursor {
  key: string;
  id: number;
}

/** A row of the desk's list, with the key a cursor after it needs. */
export type DeskStory = StoryListItem & { sortKey: string };

/**
 * Text search looks for the words in the headline, dek and teaser of this many of the most recently
 * created stories that pass the other filters: whatever is typed, its work is bounded. Bodies are left
 * out: reading them costs their length (up to ~450 KB each) on every search, and on SQLite that
 * work blocks the event loop.
 */
export const DESK_TEXT_WINDOW = 1_000;

type ArticlesBuilder = ExpressionBuilder<Schema, 'articles'>;
type ArticlesQuery = SelectQueryBuilder<Schema, 'articles' | 'sections', object> | SelectQueryBuilder<Schema, 'articles', object>;

// Nulls go last in every order: '' sorts before any time when newest first, '9999' after any when soonest first.
const SORT_KEYS: Record<DeskSort, { key: RawBuilder<string>; direction: 'asc' | 'desc' }> = {
  modified: { key: sql<string>`articles.modified_at`, direction: 'desc' },
  published: { key: sql<string>`coalesce(articles.published_at, '')`, direction: 'desc' },
  scheduled: { key: sql<string>`coalesce(articles.scheduled_for, '9999')`, direction: 'asc' },
  headline: { key: sql<string>`lower(articles.title)`, direction: 'asc' },
};

function dateColumn(sort: DeskSort) {
  if (sort === 'published') return 'articles.published_at' as const;
  if (sort === 'scheduled') return 'articles.scheduled_for' as const;
  return 'articles.modified_at' as const;
}

/** The filter's conditions except the text, on any query over articles. */
function whereFiltered<Q extends ArticlesQuery>(
  query: Q,
  filter: Omit<DeskStoryFilter, 'words'>,
  sort: DeskSort,
): Q {
  let q = query as unknown as SelectQueryBuilder<Schema, 'articles', object>;
  const { status, sectionSlug, authorId, from, before, ownedBy } = filter;
  if (status) q = q.where('articles.status', '=', status);
  if (sectionSlug) q = q.where('articles.section_id', 'in', (eb) => eb.selectFrom('sections').select('sections.id').where('sections.slug', '=', sectionSlug));
  if (authorId !== undefined) {
    q = q.where('articles.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_authors.article_id').where('article_authors.author_id', '=', authorId));
  }
  if (from) q = q.where(dateColumn(sort), '>=', from);
  if (before) q = q.where(dateColumn(sort), '<', before);
  if (ownedBy) q = q.where((eb: ArticlesBuilder) => isOwnedBy(eb, ownedBy));
  return q as unknown as Q;
}

/**
 * The text condition: every word somewhere in the story's text, among the window of recent stories.
 * The window (LIMIT) is its own query, so each story's text is lower-cased once, not once a word.
 */
function whereText<Q extends ArticlesQuery>(db: Kysely<Schema>, query: Q, filter: DeskStoryFilter, sort: DeskSort): Q {
  if (filter.words.length === 0) return whereFiltered(query, filter, sort);
  const text = sql<string>`lower(articles.title || ' ' || articles.dek || ' ' || articles.teaser)`;
  const window = whereFiltered(db.selectFrom('articles').select(['articles.id', text.as('search_text')]), filter, sort)
    // Newest created first, by the row id alone: ordering by a column stored after the body would read every body.
    .orderBy('articles.id', 'desc')
    .limit(DESK_TEXT_WINDOW);
  let matching = db.selectFrom(window.as('recent')).select('recent.id');
  for (const word of filter.words) matching = matching.where(sql<boolean>`recent.search_text like ${`%${word}%`}`);
  return (whereFiltered(query, filter, sort) as unknown as SelectQueryBuilder<Schema, 'articles', object>).where('articles.id', 'in', matching) as unknown as Q;
}

/** One page of the desk's list in the sort's order, starting after the cursor; asks for `limit` rows. */
export async function findDeskStories(
  db: Kysely<Schema>,
  filter: DeskStoryFilter,
  page: { sort: DeskSort; after?: DeskCursor; limit: number },
): Promise<DeskStory[]> {
  const { key, direction } = SORT_KEYS[page.sort];
  let query = whereText(db, selectArticleListings(db).select(key.as('sort_key')), filter, page.sort);
  const { after } = page;
  if (after) {
    const beyond = direction === 'desc' ? sql.raw('<') : sql.raw('>');
    query = query.where(sql<boolean>`(${key} ${beyond} ${after.key} or (${key} = ${after.key} and articles.id ${beyond} ${after.id}))`);
  }
  const rows = await query.orderBy(key, direction).orderBy('articles.id', direction).limit(page.limit).execute();
  return rows.map((row) => {
    const story = toArticleListing(row);
    return {
      id: story.id,
      title: story.title,
      status: story.status,
      sectionName: story.sectionName,
      modifiedAt: story.modifiedAt,
      scheduledFor: story.scheduledFor,
      publishedAt: story.publishedAt,
      revision: story.revision,
      sortKey: String(row.sort_key),
    };
  });
}

/** How many stories of each status pass the filter, its status aside (the list's status tabs). */
export function countDeskStoriesByStatus(db: Kysely<Schema>, filter: DeskStoryFilter, sort: DeskSort): Promise<Partial<Record<ArticleStatus, number>>> {
  return countByStatus(db, { ...filter, status: undefined }, sort);
}

/** How many stories pass the filter. */
export async function countDeskStories(db: Kysely<Schema>, filter: DeskStoryFilter, sort: DeskSort): Promise<number> {
  const counts = await countByStatus(db, filter, sort);
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

async function countByStatus(db: Kysely<Schema>, filter: DeskStoryFilter, sort: DeskSort): Promise<Partial<Record<ArticleStatus, number>>> {
  // Every story has a section: counting needs no join with sections.
  const rows = await whereText(db, db.selectFrom('articles'), filter, sort)
    .select(['articles.status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('articles.status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/** Authors the list can filter by, A to Z; bounded, as a drop-down is. */
export async function listBylineAuthors(db: Kysely<Schema>, limit = 300): Promise<{ id: number; name: string }[]> {
  const rows = await db.selectFrom('authors').select(['id', 'name']).orderBy('name').orderBy('id').limit(limit).execute();
  return rows.map((row) => ({ id: Number(row.id), name: row.name }));
}
