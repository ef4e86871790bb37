import type { Kysely } from 'kysely';
import { listArticleSummariesByIds, type ArticleSummary } from '../content/articles/index.js';
import { listSections } from '../content/taxonomy/index.js';
import type { Schema, Writer } from '../storage/index.js';
import { inRankingOrder, isSameOrder, isSameRanking, mostReadKey, RANKING_LENGTH, RANKING_WINDOW_MS, RECOMPUTE_INTERVAL_MS, VIEW_RETENTION_MS } from './ranking.js';
import { claimRecompute, pruneViews, rankStories, readRanking, writeRanking, type RankedStory } from './view-store.js';

/** What a recomputation did: whether this process ran it, and the keys of the pages whose ranking changed (purged). */
export interface RecomputeOutcome {
  ran: boolean;
  changedKeys: string[];
}

/** Scope 0 is the whole site's ranking; a section's is its id. */
export const WHOLE_SITE_SCOPE = 0;

/**
 * Recomputes the most read rankings if they are due (at most once a minute, by whichever instance
 * claims the schedule first), through the unit of work: the pages whose ranking changed order are
 * dirtied (`most-read`, `most-read:SECTION`) and purged after the commit by every instance and the
 * edge; rankings whose order stands only get their view counts updated, and nothing is purged.
 * Views older than the retention are deleted in the same run.
 */
export async function recomputeIfDue(writer: Writer, now: Date): Promise<RecomputeOutcome> {
  // A read first: instances not due take no write lock (SQLite) and lock no row (PostgreSQL).
  const schedule = await writer.db.selectFrom('most_read_schedule').select('next_run_at').where('id', '=', 1).executeTakeFirst();
  if (!schedule || schedule.next_run_at > now.toISOString()) return { ran: false, changedKeys: [] };
  return writer.run(now, async ({ trx, dirty }) => {
    if (!(await claimRecompute(trx, now, new Date(now.getTime() + RECOMPUTE_INTERVAL_MS)))) return { ran: false, changedKeys: [] };
    await pruneViews(trx, new Date(now.getTime() - VIEW_RETENTION_MS));
    const since = new Date(now.getTime() - RANKING_WINDOW_MS);
    const scopes = [{ id: WHOLE_SITE_SCOPE, key: mostReadKey() }, ...(await listSections(trx)).map((section) => ({ id: section.id, key: mostReadKey(section.slug) }))];
    const changedKeys: string[] = [];
    for (const scope of scopes) {
      const ranking = await rankStories(trx, { since, sectionId: scope.id === WHOLE_SITE_SCOPE ? undefined : scope.id, limit: RANKING_LENGTH });
      const stored = await readRanking(trx, scope.id);
      if (isSameRanking(stored, ranking)) continue;
      await writeRanking(trx, scope.id, ranking);
      if (!isSameOrder(stored, ranking)) changedKeys.push(scope.key);
    }
    dirty(changedKeys);
    return { ran: true, changedKeys };
  });
}

/** The stored ranking of the whole site or of one section (by id), its first `limit` entries; stories are not checked here (callers read only published ones). */
export async function readMostRead(db: Kysely<Schema>, { sectionId, limit }: { sectionId?: number; limit: number }): Promise<RankedStory[]> {
  return (await readRanking(db, sectionId ?? WHOLE_SITE_SCOPE)).slice(0, limit);
}

/** The most read published stories of the whole site or a section, in ranking order, at most `limit`: what the site's block shows. */
export async function listMostReadStories(db: Kysely<Schema>, { sectionId, limit }: { sectionId?: number; limit: number }): Promise<ArticleSummary[]> {
  const ranking = await readMostRead(db, { sectionId, limit: RANKING_LENGTH });
  const stories = await listArticleSummariesByIds(db, ranking.map((story) => story.articleId));
  return inRankingOrder(ranking, stories).slice(0, limit);
}
