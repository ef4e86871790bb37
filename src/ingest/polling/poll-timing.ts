/** Longest wait after failures in a row (unless the source's own interval is longer). */
export const MAX_BACKOFF_MS = 6 * 3_600_000;
/** Longest Retry-After honoured: a server asking for more is asked again after a day. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
/** Shortest Retry-After honoured: "0" must not make a poll loop. */
const MIN_RETRY_AFTER_MS = 60_000;

/** What decides the next poll. */
export interface PollTiming {
  pollSeconds: number;
  isFailure: boolean;
  /** Failures in a row, this poll's included. */
  failures: number;
  retryAfterMs?: number;
}

/**
 * When to poll next: the source's interval after a success; after failures, the interval × 2^failures
 * (at most 6 hours, or the interval when that is longer); a Retry-After, when the server gave one,
 * from a minute to 24 hours, instead.
 */
export function nextPollAt(now: Date, { pollSeconds, isFailure, failures, retryAfterMs }: PollTiming): Date {
  const intervalMs = pollSeconds * 1000;
  if (!isFailure) return new Date(now.getTime() + intervalMs);
  if (retryAfterMs !== undefined) return new Date(now.getTime() + Math.min(Math.max(retryAfterMs, MIN_RETRY_AFTER_MS), MAX_RETRY_AFTER_MS));
  // 2^failures past 20 is past any cap; the bound keeps the number finite.
  const backoffMs = intervalMs * 2 ** Math.min(failures, 20);
  return new Date(now.getTime() + Math.min(backoffMs, Math.max(MAX_BACKOFF_MS, intervalMs)));
}
