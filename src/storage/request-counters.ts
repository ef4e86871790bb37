/** How many requests a key has made in the current window, and when that window ends. */
export interface RequestCount {
  /** Requests counted in this window, the one just counted included. */
  hits: number;
  /** When the window ends and counting starts again from zero. */
  resetAt: Date;
}

/**
 * Requests counted per key in fixed windows, kept in the database so that every process counts the
 * same requests (a dialect port; the Content API's rate limits are its user). Windows are aligned
 * to multiples of their length since the epoch, so every process agrees on where one begins.
 * Counting is one atomic upsert (`INSERT … ON CONFLICT DO UPDATE … RETURNING`): concurrent requests
 * from any process each get their own count.
 */
export interface RequestCounters {
  /** Counts one request under `key` in the window of `windowMs` that holds `now`. */
  count(key: string, windowMs: number, now: Date): Promise<RequestCount>;
}
