import { oneRunAtATime, sharedNextRun } from '../background-task.js';
import type { ChangeFeed } from '../storage/index.js';
import { PURGE_EVERYTHING } from './change-log.js';

/** Where a follower stands in the change log (for /readyz and /metrics). */
export interface FollowerProgress {
  /** The id of the last change event delivered (the log's end when the follower started). */
  position: number;
  /** When a read last reached the end of the log (by the follower's clock). */
  caughtUpAt: Date;
}

/** Tails the change log and hands each batch of dirtied keys to a listener. */
export interface ChangeFollower {
  /** Reads every change committed since the last call and delivers its keys; safe to call any time. */
  catchUp(): Promise<void>;
  /**
   * Reads the change log before a request that asks for validation (`Cache-Control: no-cache`) is
   * answered from the page cache: resolves once a read that began after the call has delivered
   * everything committed before it. Reads are shared: however many requests ask at once, one read
   * runs and at most one waits to start after it (a flood of such requests costs two reads).
   */
  readBeforeServing(): Promise<void>;
  /** Follows commits from other processes until stopped. */
  start(intervalMs?: number): void;
  stop(): void;
  /** Its position and when it last reached the end of the log; undefined before its first read. */
  progress(): FollowerProgress | undefined;
}

/** What a follower needs besides the feed and the listener. */
export interface ChangeFollowerOptions {
  /** The clock that dates `caughtUpAt` (the app's); defaults to the system time. */
  now?: () => Date;
}

/**
 * Follows the change log from "now". Commits from other processes wake it through the feed's
 * watch; our own writes call catchUp() directly. A follower whose position was pruned away (it
 * slept past the retention) cannot know what it missed: it purges everything once, then carries on.
 */
export function createChangeFollower(feed: ChangeFeed, onKeys: (keys: string[]) => void, { now = () => new Date() }: ChangeFollowerOptions = {}): ChangeFollower {
  let lastId: number | undefined;
  let caughtUpAt: Date | undefined;
  let stopWatching: (() => void) | undefined;

  async function readNewEvents(): Promise<void> {
    if (lastId === undefined) {
      lastId = await feed.latestPosition();
      caughtUpAt = now();
      return;
    }
    for (;;) {
      const { events, hasGap } = await feed.readAfter(lastId);
      if (hasGap) onKeys([PURGE_EVERYTHING]);
      if (events.length === 0) {
        caughtUpAt = now();
        return;
      }
      lastId = events[events.length - 1]!.id;
      onKeys(events.flatMap((event) => event.keys));
    }
  }

  // Serialise: a second caller waits for the running read, then reads again.
  const catchUp = oneRunAtATime(readNewEvents);

  return {
    catchUp,
    readBeforeServing: sharedNextRun(catchUp),
    start(intervalMs = 200) {
      catchUp().catch(() => {
        // Read again at the next wakeup.
      });
      stopWatching ??= feed.watch(catchUp, intervalMs);
    },
    stop() {
      stopWatching?.();
      stopWatching = undefined;
    },
    progress: () => (lastId === undefined || caughtUpAt === undefined ? undefined : { position: lastId, caughtUpAt }),
  };
}

/** A follower placed at the end of the change log: it delivers only changes committed from now on. */
export async function followChangesFromNow(feed: ChangeFeed, onKeys: (keys: string[]) => void, options: ChangeFollowerOptions = {}): Promise<ChangeFollower> {
  const follower = createChangeFollower(feed, onKeys, options);
  await follower.catchUp();
  return follower;
}
