// Most read: page views counted in memory (no personal data), flushed in batches, ranked once a
// minute by one instance, and shown on the front page and section fronts. The only file other modules import.
export { createMostRead, FLUSH_INTERVAL_MS, MAX_STORIES_PER_FLUSH, type MostRead, type MostReadOptions } from './most-read.js';
export { listMostReadStories, readMostRead, recomputeIfDue, type RecomputeOutcome } from './most-read-service.js';
export { inRankingOrder, MOST_READ_SHOWN, mostReadKey, RANKING_LENGTH } from './ranking.js';
export { createViewCounter, storyIdOfPage, type ViewCounter, type ViewedPage, type ViewRequest } from './view-counter.js';
export type { RankedStory } from './view-store.js';
