import type { RankedStory } from './view-store.js';

/** How many stories a ranking keeps (the API's largest `limit`). */
export const RANKING_LENGTH = 10;
/** How many the site's block shows. */
export const MOST_READ_SHOWN = 5;
/** The views a ranking counts: the last 24 hours (in whole hours: the current one and the 23 before). */
export const RANKING_WINDOW_MS = 23 * 3_600_000;
/** Views older than two days are deleted: nothing reads them. */
export const VIEW_RETENTION_MS = 48 * 3_600_000;
/** How often, at most, rankings are recomputed (by one instance). */
export const RECOMPUTE_INTERVAL_MS = 60_000;

/** The surrogate key of the pages that show a ranking: the front page's (`most-read`) or a section front's (`most-read:markets`). */
export function mostReadKey(sectionSlug?: string): string {
  return sectionSlug === undefined ? 'most-read' : `most-read:${sectionSlug}`;
}

/** Whether two rankings list the same stories in the same order: what the pages show (they show no view counts). */
export function isSameOrder(before: readonly RankedStory[], after: readonly RankedStory[]): boolean {
  return before.length === after.length && before.every((story, index) => story.articleId === after[index]!.articleId);
}

/** Whether two rankings are the same, view counts included (else the stored one is rewritten). */
export function isSameRanking(before: readonly RankedStory[], after: readonly RankedStory[]): boolean {
  return isSameOrder(before, after) && before.every((story, index) => story.views === after[index]!.views);
}

/** Puts stories in ranking order, leaving out those the ranking does not name (or that were not found: unpublished since). */
export function inRankingOrder<T extends { id: number }>(ranking: readonly RankedStory[], stories: readonly T[]): T[] {
  const byId = new Map(stories.map((story) => [story.id, story]));
  return ranking.flatMap((ranked) => byId.get(ranked.articleId) ?? []);
}
