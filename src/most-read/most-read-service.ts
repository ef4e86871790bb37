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
 * claims the schedule first). The claim is a transaction of its own; the rankings are then read
 * outside any transaction, one scope at a time (on SQLite a transaction would hold the one
 * connection, and every page render with it, for all of them); last, through the unit of work, the
 * changed rankings are stored and the pages whose ranking changed order are dirtied (`most-read`,
 * `most-read:SECTION`), so every instance and the edge purge them after the commit. A ranking whose
 * order stands only gets its view counts updated, and nothing is purged. Views older than the
 * retention are deleted in the same transaction. A process that dies between claim and store leaves
 * the rankings as they were until the next minute's claim.
 */
export async function recomputeIfDue(writer: Writer, now: Date): Promise<RecomputeOutcome> {
  // A read first: instances not due take no write lock (SQLite) and lock no row (PostgreSQL).
  const schedule = await writer.db.selectFrom('most_read_schedule').select('next_run_at').where('id', '=', 1).executeTakeFirst();
  if (!schedule || schedule.next_run_at > now.toISOString()) return { ran: false, changedKeys: [] };
  const isClaimed = await writer.run(now, ({ trx }) => claimRecompute(trx, now, new Date(now.getTime() + RECOMPUTE_INTERVAL_MS)));
  if (!isClaimed) return { ran: false, changedKeys: [] };

  const since = new Date(now.getTime() - RANKING_WINDOW_MS);
  const scopes = [{ id: WHOLE_SITE_SCOPE, key: mostReadKey() }, ...(await listSections(writer.db)).map((section) => ({ id: section.id, key: mostReadKey(section.slug) }))];
  const rankings: { id: number; key: string; ranking: RankedStory[] }[] = [];
  for (const scope of scopes) {
    rankings.push({ ...scope, ranking: await rankStories(writer.db, { since, sectionId: scope.id === WHOLE_SITE_SCOPE ? undefined : scope.id, limit: RANKING_LENGTH }) });
  }
  return writer.run(now, async ({ trx, dirty }) => {
    await pruneViews(trx, new Date(now.getTime() - VIEW_RETENTION_MS));
    const changedKeys: string[] = [];
    for (const { id, key, ranking } of rankings) {
      const stored = await readRanking(trx, id);
      if (isSameRanking(stored, ranking)) continue;
      await writeRanking(trx, id, ranking);
      if (!isSameOrder(stored, ranking)) changedKeys.push(key);
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
