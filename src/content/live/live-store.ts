import { sql, type Kysely, type Selectable } from 'kysely';
import type { Schema, Transaction } from '../../storage/index.js';
import type { CoverageState } from './live-rules.js';

/** A story's live coverage. */
export interface LiveCoverage {
  articleId: number;
  state: CoverageState;
  startedAt: string;
  endedAt: string | null;
  /** The seq of the latest change to its updates. */
  lastSeq: number;
}

/** One update of a live story. */
export interface LiveUpdate {
  id: number;
  articleId: number;
  /** The story's change counter when this update last changed: the stream's event id. */
  seq: number;
  postedAt: string;
  modifiedAt: string;
  authorUserId: number | null;
  authorName: string;
  bodyHtml: string;
  mediaId: number | null;
  quoteSymbol: string | null;
  isPinned: boolean;
  isDeleted: boolean;
}

/** The most updates a page shows and a stream sends at once (the newest; older ones stay in the database). */
export const MAX_UPDATES_SHOWN = 200;

type UpdateRow = Selectable<Schema['live_updates']>;

function toUpdate(row: UpdateRow): LiveUpdate {
  return {
    id: row.id,
    articleId: row.article_id,
    seq: row.seq,
    postedAt: row.posted_at,
    modifiedAt: row.modified_at,
    authorUserId: row.author_user_id,
    authorName: row.author_name,
    bodyHtml: row.body_html,
    mediaId: row.media_id,
    quoteSymbol: row.quote_symbol,
    isPinned: row.is_pinned === 1,
    isDeleted: row.is_deleted === 1,
  };
}

/** A story's coverage, or undefined if it has never been live. */
export async function findCoverage(db: Kysely<Schema>, articleId: number): Promise<LiveCoverage | undefined> {
  const row = await db.selectFrom('live_coverage').selectAll().where('article_id', '=', articleId).executeTakeFirst();
  return row && { articleId: row.article_id, state: row.state as CoverageState, startedAt: row.started_at, endedAt: row.ended_at, lastSeq: row.last_seq };
}

/** The story's updates not deleted, newest first (at most MAX_UPDATES_SHOWN). */
export async function listUpdates(db: Kysely<Schema>, articleId: number): Promise<LiveUpdate[]> {
  const rows = await db
    .selectFrom('live_updates')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('is_deleted', '=', 0)
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(MAX_UPDATES_SHOWN)
    .execute();
  return rows.map(toUpdate);
}

/** Updates changed after a seq (deleted ones included, so pages can drop them), oldest change first, at most MAX_UPDATES_SHOWN. */
export async function listUpdatesChangedAfter(db: Kysely<Schema>, articleId: number, afterSeq: number): Promise<LiveUpdate[]> {
  // The newest changes when more are missed than a page shows: a page that far behind reloads anyway.
  const rows = await db
    .selectFrom('live_updates')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'desc')
    .limit(MAX_UPDATES_SHOWN)
    .execute();
  return rows.reverse().map(toUpdate);
}

/** Starts (or restarts) a story's coverage; the change counter carries on from where it was. */
export async function startCoverageRow(trx: Transaction, articleId: number, now: Date): Promise<void> {
  await trx
    .insertInto('live_coverage')
    .values({ article_id: articleId, state: 'live', started_at: now.toISOString(), ended_at: null, last_seq: 0 })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ state: 'live', ended_at: null }))
    .execute();
}

/** Ends a story's coverage. */
export async function endCoverageRow(trx: Transaction, articleId: number, now: Date): Promise<void> {
  await trx.updateTable('live_coverage').set({ state: 'ended', ended_at: now.toISOString() }).where('article_id', '=', articleId).execute();
}

/** Takes the story's next seq (the caller holds the story's lock, so seqs follow commit order). */
export async function takeNextSeq(trx: Transaction, articleId: number): Promise<number> {
  const row = await trx
    .updateTable('live_coverage')
    .set({ last_seq: sql`last_seq + 1` })
    .where('article_id', '=', articleId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

/** What a new update holds. */
export interface NewUpdate {
  articleId: number;
  seq: number;
  at: Date;
  authorUserId: number | null;
  authorName: string;
  bodyHtml: string;
  mediaId: number | null;
  quoteSymbol: string | null;
  isPinned: boolean;
}

/** Inserts an update; returns its id. */
export async function insertUpdate(trx: Transaction, update: NewUpdate): Promise<number> {
  const row = await trx
    .insertInto('live_updates')
    .values({
      article_id: update.articleId,
      seq: update.seq,
      posted_at: update.at.toISOString(),
      modified_at: update.at.toISOString(),
      author_user_id: update.authorUserId,
      author_name: update.authorName,
      body_html: update.bodyHtml,
      media_id: update.mediaId,
      quote_symbol: update.quoteSymbol,
      is_pinned: update.isPinned ? 1 : 0,
      is_deleted: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes an update's content, pin or deletion at a new seq; whether the update (not deleted before) was there. */
export async function changeUpdate(
  trx: Transaction,
  target: { articleId: number; updateId: number; seq: number; at: Date },
  change: Partial<Pick<NewUpdate, 'bodyHtml' | 'mediaId' | 'quoteSymbol' | 'isPinned'>> & { isDeleted?: boolean },
): Promise<boolean> {
  const result = await trx
    .updateTable('live_updates')
    .set({
      seq: target.seq,
      modified_at: target.at.toISOString(),
      ...(change.bodyHtml !== undefined && { body_html: change.bodyHtml }),
      ...(change.mediaId !== undefined && { media_id: change.mediaId }),
      ...(change.quoteSymbol !== undefined && { quote_symbol: change.quoteSymbol }),
      ...(change.isPinned !== undefined && { is_pinned: change.isPinned ? 1 : 0 }),
      ...(change.isDeleted !== undefined && { is_deleted: change.isDeleted ? 1 : 0 }),
    })
    .where('article_id', '=', target.articleId)
    .where('id', '=', target.updateId)
    .where('is_deleted', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
