import { createPeriodicTask } from '../background-task.js';
import type { ChangeFeed } from '../storage/index.js';

/** Change events are kept this long: far longer than any follower sleeps between wakeups. */
export const CHANGE_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Keeps the change log bounded. */
export interface ChangeEventPruner {
  /** Deletes events older than the retention by the clock's now (the newest always stays); returns how many went. */
  pruneNow(): Promise<number>;
  /** Prunes at once, then every intervalMs, until stopped. */
  start(intervalMs?: number): void;
  stop(): void;
}

/**
 * Prunes the change log on a timer. Every process may run it: the delete is idempotent, and a
 * follower that slept past the retention learns of the gap from the feed and purges everything.
 */
export function createChangeEventPruner({
  feed,
  clock,
  retentionMs = CHANGE_EVENT_RETENTION_MS,
  onError,
}: {
  feed: ChangeFeed;
  clock: { now(): Date };
  retentionMs?: number;
  onError?: (error: unknown) => void;
}): ChangeEventPruner {
  const pruneNow = () => feed.prune(new Date(clock.now().getTime() - retentionMs));
  const task = createPeriodicTask(pruneNow, onError);
  return { pruneNow, start: (intervalMs = 60 * 60 * 1000) => task.start(intervalMs), stop: task.stop };
}
