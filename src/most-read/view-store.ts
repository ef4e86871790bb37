import type { Kysely } from 'kysely';
import type { Schema, Transaction } from '../storage/index.js';
import type { ViewBatch } from './view-counter.js';

const HOUR_MS = 3_600_000;
// Rows per INSERT: 3 parameters a row stays far below SQLite's and PostgreSQL's parameter limits.
const ROWS_PER_STATEMENT = 500;

/** The start of the hour a time falls in, as stored (ISO, UTC). */
export function hourStart(time: Date): string {
  return new Date(Math.floor(time.getTime() / HOUR_MS) * HOUR_MS).toISOString();
}

/**
 * Adds a batch of views to the hour `now` falls in, in one transaction: an upsert that adds
 * (`views = views + excluded.views`), so instances flushing at the same moment add up — SQLite
 * holds its one write lock for the statement, PostgreSQL's ON CONFLICT DO UPDATE locks the row.
 */
export async function addViews(db: Kysely<Schema>, batch: ViewBatch, now: Date): Promise<void> {
  if (batch.size === 0) return;
  const hour = hourStart(now);
  const rows = [...batch].map(([article_id, views]) => ({ article_id, hour_start: hour, views }));
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      await trx
        .insertInto('story_views')
        .values(rows.slice(start, start + ROWS_PER_STATEMENT))
        .onConflict((conflict) => conflict.columns(['article_id', 'hour_start']).doUpdateSet((eb) => ({ views: eb('story_views.views', '+', eb.ref('excluded.views')) })))
        .execute();
    }
  });
}

/** Deletes the views of hours that began before `before`. */
export async function pruneViews(trx: Transaction, before: Date): Promise<void> {
  await trx.deleteFrom('story_views').where('hour_start', '<', hourStart(before)).execute();
}

/** A story's place in a ranking. */
export interface RankedStory {
  articleId: number;
  views: number;
}

/** The published stories most viewed since `since` (all sections, or one), most first; ties go to the newer id. */
export async function rankStories(db: Kysely<Schema>, { since, sectionId, limit }: { since: Date; sectionId?: number; limit: number }): Promise<RankedStory[]> {
  let query = db
    .selectFrom('story_views')
    .innerJoin('articles', 'articles.id', 'story_views.article_id')
    .select(['story_views.article_id', (eb) => eb.fn.sum<number | string>('story_views.views').as('total')])
    .where('story_views.hour_start', '>=', hourStart(since))
    .where('articles.status', '=', 'published');
  if (sectionId !== undefined) query = query.where('articles.section_id', '=', sectionId);
  const rows = await query.groupBy('story_views.article_id').orderBy('total', 'desc').orderBy('story_views.article_id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ articleId: row.article_id, views: Number(row.total) }));
}

/** The stored ranking of a scope (0: the whole site, else a section id), in order. */
export async function readRanking(db: Kysely<Schema>, scopeId: number): Promise<RankedStory[]> {
  const rows = await db.selectFrom('most_read_rankings').select(['article_id', 'views']).where('scope_id', '=', scopeId).orderBy('position').execute();
  return rows.map((row) => ({ articleId: row.article_id, views: row.views }));
}

/** Replaces the stored ranking of a scope. */
export async function writeRanking(trx: Transaction, scopeId: number, ranking: readonly RankedStory[]): Promise<void> {
  await trx.deleteFrom('most_read_rankings').where('scope_id', '=', scopeId).execute();
  if (ranking.length === 0) return;
  await trx
    .insertInto('most_read_rankings')
    .values(ranking.map((story, index) => ({ scope_id: scopeId, position: index + 1, article_id: story.articleId, views: story.views })))
    .execute();
}

/**
 * Claims the next recomputation: moves the schedule to `nextRunAt` if it was due by `now`. One
 * conditional UPDATE whose row count decides, so of the instances asking at once exactly one wins.
 */
export async function claimRecompute(trx: Transaction, now: Date, nextRunAt: Date): Promise<boolean> {
  const result = await trx
    .updateTable('most_read_schedule')
    .set({ next_run_at: nextRunAt.toISOString() })
    .where('id', '=', 1)
    .where('next_run_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
