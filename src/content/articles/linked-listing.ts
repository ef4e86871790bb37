import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../../storage/index.js';

// A topic's or an author's published stories, newest first, read from their link rows alone: each
// link row keeps its story's publication time while the story is published (`listed_at`, kept by
// the database; migration 016), under an index by topic or author and that time. A page is a
// stretch of that index whatever the listing's size or place in the archive; ordering the stories
// themselves walked the archive's publication index checking each story's links (a rare topic's
// first page, or any topic's fiftieth, took over 100 ms at 1,000,000 stories).

/** An id, or SQL that gives one (a look-up by slug). */
type IdValue = number | RawBuilder<number>;

/** A listing of a topic or an author (one of them at least), narrowed further if need be. */
export interface LinkedListingFilter {
  tagId?: IdValue;
  authorId?: IdValue;
  sectionId?: IdValue;
  excludeIds?: readonly number[];
  /** ISO time: only stories modified at or after it. */
  modifiedSince?: string;
  /** Only stories after this one in the order (a walk's position). */
  after?: { publishedAt: string; id: number };
}

/** Whether a filter names a topic or an author, whose listing is read from its link rows. */
export function isLinkedListing(filter: { tagId?: unknown; authorId?: unknown }): boolean {
  return filter.tagId !== undefined || filter.authorId !== undefined;
}

/** The ids of one page of a topic's or an author's published stories, newest first. */
export async function listLinkedStoryIds(db: Kysely<Schema>, filter: LinkedListingFilter, { limit, offset = 0 }: { limit: number; offset?: number }): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT l.article_id AS id ${linkedRows(filter)}
    ORDER BY l.listed_at DESC, l.article_id DESC
    LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows.map((row) => Number(row.id));
}

/** How many published stories a topic's or an author's listing holds, counting no further than `upTo` when given. */
export async function countLinkedStories(db: Kysely<Schema>, filter: LinkedListingFilter, { upTo }: { upTo?: number } = {}): Promise<number> {
  const within = upTo === undefined ? sql`` : sql`LIMIT ${upTo}`;
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (SELECT l.article_id ${linkedRows(filter)} ${within}) listed`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Rows in the order of their ids (a page read by id comes back in no particular order); ids without a row are left out. */
export function inIdOrder<T extends { id: number }>(ids: readonly number[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function linkedRows({ tagId, authorId, sectionId, excludeIds, modifiedSince, after }: LinkedListingFilter): RawBuilder<unknown> {
  const [table, owner, ownerId] = tagId !== undefined ? ['article_tags', 'tag_id', tagId] : ['article_authors', 'author_id', authorId];
  if (ownerId === undefined) throw new Error('A linked listing names a topic or an author.');
  const conditions = [sql`l.${sql.ref(owner)} = ${ownerId}`, sql`l.listed_at IS NOT NULL`];
  if (tagId !== undefined && authorId !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM article_authors byline WHERE byline.article_id = l.article_id AND byline.author_id = ${authorId})`);
  }
  const ofStory = [
    ...(sectionId !== undefined ? [sql`story.section_id = ${sectionId}`] : []),
    ...(modifiedSince !== undefined ? [sql`story.modified_at >= ${modifiedSince}`] : []),
  ];
  if (ofStory.length > 0) conditions.push(sql`EXISTS (SELECT 1 FROM articles story WHERE story.id = l.article_id AND ${sql.join(ofStory, sql` AND `)})`);
  if (excludeIds?.length) conditions.push(sql`l.article_id NOT IN (${sql.join([...excludeIds])})`);
  if (after) conditions.push(sql`(l.listed_at, l.article_id) < (${after.publishedAt}, ${after.id})`);
  return sql`FROM ${sql.table(table)} l WHERE ${sql.join(conditions, sql` AND `)}`;
}
