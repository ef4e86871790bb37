import type { FollowerProgress } from '../changes/index.js';
import type { ChangeBacklog, ChangeFeed } from '../storage/index.js';

/** How long a follower may stay behind the change log before the instance stops taking traffic (it would serve pages a change dirtied). */
export const CHANGE_FEED_STUCK_AFTER_MS = 30_000;
/** How long /readyz waits for the database: a load balancer's probe gives up after a few seconds. */
export const DATABASE_TIMEOUT_MS = 2_000;

/** Where this process's change follower stands against the log (what /readyz shows and /metrics exports). */
export interface ChangeFeedStatus {
  /** The last change event this process has applied to its page cache. */
  position: number;
  /** Events committed after it: pages this process may still serve though a change dirtied them. */
  lagEvents: number;
  /** 0 while caught up; else how long it has been behind (since the first event it has not read was written, or its last read reached the end, whichever is later). */
  lastCaughtUpSecondsAgo: number;
}

/**
 * Where a follower stands. Behind, it was in effect caught up until the first event it has not
 * read was written: measuring from its last read alone would call a follower of an idle log
 * stuck the moment another process commits, before its wakeup (a fraction of a second) comes.
 */
export function changeFeedStatus(progress: FollowerProgress, backlog: ChangeBacklog, now: Date): ChangeFeedStatus {
  const lagEvents = Math.max(0, backlog.latestPosition - progress.position);
  if (lagEvents === 0) return { position: progress.position, lagEvents: 0, lastCaughtUpSecondsAgo: 0 };
  const since = Math.max(progress.caughtUpAt.getTime(), backlog.firstUnreadAt?.getTime() ?? 0);
  return { position: progress.position, lagEvents, lastCaughtUpSecondsAgo: Math.max(0, now.getTime() - since) / 1000 };
}

/** What /readyz answers: 200 with the body when ready, 503 with a reason when not. */
export type Readiness =
  | { isReady: true; body: { status: 'ready'; database: 'ok'; changeFeed: ChangeFeedStatus } }
  | { isReady: false; body: { status: 'unavailable'; reason: string; database: 'ok' | 'unreachable'; changeFeed?: ChangeFeedStatus }; error?: unknown };

/** Judges a follower's status: ready unless it is behind and has been for longer than the bound. */
export function judgeChangeFeed(status: ChangeFeedStatus, stuckAfterMs = CHANGE_FEED_STUCK_AFTER_MS): Readiness {
  const shown = { ...status, lastCaughtUpSecondsAgo: Math.round(status.lastCaughtUpSecondsAgo * 10) / 10 };
  if (status.lagEvents > 0 && status.lastCaughtUpSecondsAgo * 1000 > stuckAfterMs) {
    const reason =
      `The change feed is stuck: this instance is ${status.lagEvents} event${status.lagEvents === 1 ? '' : 's'} behind and has not caught up ` +
      `for ${Math.floor(status.lastCaughtUpSecondsAgo)} s (more than ${stuckAfterMs / 1000} s), so it may serve pages a change has dirtied.`;
    return { isReady: false, body: { status: 'unavailable', reason, database: 'ok', changeFeed: shown } };
  }
  return { isReady: true, body: { status: 'ready', database: 'ok', changeFeed: shown } };
}

/** What a readiness check reads. */
export interface ReadinessSources {
  feed: Pick<ChangeFeed, 'backlogAfter'>;
  follower: { progress(): FollowerProgress | undefined };
  now: () => Date;
  timeoutMs?: number;
  stuckAfterMs?: number;
}

/**
 * Whether this instance should take traffic: its database answers (the change log's end is read,
 * within a timeout: a pool waiting for a dead server would otherwise hold the probe) and its
 * change follower is not stuck behind the log.
 */
export async function checkReadiness({ feed, follower, now, timeoutMs = DATABASE_TIMEOUT_MS, stuckAfterMs }: ReadinessSources): Promise<Readiness> {
  const progress = follower.progress();
  if (!progress) {
    return { isReady: false, body: { status: 'unavailable', reason: 'The change feed has not been read yet: this instance is still starting.', database: 'ok' } };
  }
  let backlog: ChangeBacklog;
  try {
    backlog = await withTimeout(feed.backlogAfter(progress.position), timeoutMs);
  } catch (error) {
    const reason = error instanceof DatabaseTimeout ? `The database did not answer within ${timeoutMs / 1000} s.` : 'The database cannot be reached (the error is in the log).';
    return { isReady: false, body: { status: 'unavailable', reason, database: 'unreachable' }, error };
  }
  return judgeChangeFeed(changeFeedStatus(progress, backlog, now()), stuckAfterMs);
}

class DatabaseTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
