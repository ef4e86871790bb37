import type { Clock } from '../../clock.js';

/** Uploads one user may start in a minute. */
export const MAX_UPLOADS_PER_MINUTE = 20;
const WINDOW_MS = 60 * 1000;

/**
 * Counts upload attempts per user in a sliding minute (in memory, one process on SQLite, like the
 * sign-in limit). A person choosing pictures stays well under it; a script looping uploads, each
 * costing a decode and eight encodes, is held back.
 */
export class UploadRateLimiter {
  private readonly attempts = new Map<number, number[]>();

  constructor(
    private readonly clock: Clock,
    readonly maxPerMinute = MAX_UPLOADS_PER_MINUTE,
  ) {}

  /**
   * Counts an attempt by the user and returns 0, or, when the user already has the most the
   * minute allows, counts nothing and returns the seconds until the oldest attempt leaves it.
   */
  take(userId: number): number {
    const now = this.clock.now().getTime();
    const recent = (this.attempts.get(userId) ?? []).filter((time) => time > now - WINDOW_MS);
    if (recent.length >= this.maxPerMinute) {
      this.attempts.set(userId, recent);
      return Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
    }
    recent.push(now);
    this.attempts.set(userId, recent);
    // Bounded by the number of accounts; still, drop users with nothing in the window now and then.
    if (this.attempts.size > 1000) this.sweep(now);
    return 0;
  }

  private sweep(now: number): void {
    for (const [userId, times] of this.attempts) if (times.every((time) => time <= now - WINDOW_MS)) this.attempts.delete(userId);
  }
}
