import type { Kysely } from 'kysely';
import { createPeriodicTask, type PeriodicTask } from '../../background-task.js';
import type { Schema } from '../../storage/index.js';
import { deleteTicksBefore } from './quote-store.js';

/** How long ticks are kept: the 5-day chart reads a week at most; older days live on as daily bars. */
export const TICK_RETENTION_MS = 10 * 24 * 60 * 60 * 1000;
/** The most ticks one run deletes, so a run stays short however far behind it is (the next run carries on). */
export const TICK_PRUNE_LIMIT = 50_000;

/** Deletes ticks older than the retention now and then (every server runs it; deleting twice is harmless). */
export function createQuoteTickPruner({
  db,
  clock,
  retentionMs = TICK_RETENTION_MS,
  limit = TICK_PRUNE_LIMIT,
  onError,
}: {
  db: Kysely<Schema>;
  clock: { now(): Date };
  retentionMs?: number;
  limit?: number;
  onError?: (error: unknown) => void;
}): PeriodicTask & { pruneNow(): Promise<number> } {
  const pruneNow = () => deleteTicksBefore(db, new Date(clock.now().getTime() - retentionMs).toISOString(), limit);
  const task = createPeriodicTask(pruneNow, onError);
  return { pruneNow, start: task.start, stop: task.stop };
}
