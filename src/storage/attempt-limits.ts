/** A key attempts are counted under, and how many it allows within a sliding window. */
export interface AttemptLimit {
  key: string;
  max: number;
  windowMs: number;
}

/** Attempts reserved under several keys at once. */
export interface AttemptReservation {
  /** Takes this reservation back under the `forget` keys, and clears every attempt under the `clear` keys. */
  cancel(keys: { forget: readonly string[]; clear: readonly string[] }): Promise<void>;
}

/**
 * Sliding-window attempt limits kept in the database, so every process counts the same attempts
 * (a dialect port; sign-in limits are its first user). A reservation counts under every key at
 * once, or under none when any key is full: one conditional insert inside a write transaction
 * (SQLite: the transaction holds the write lock; PostgreSQL: an advisory lock per key first), so
 * concurrent attempts cannot all pass the check.
 */
export interface AttemptLimits {
  /** Counts an attempt at `now` under every limit's key unless one is full; undefined when refused (and nothing counted). */
  reserve(limits: readonly AttemptLimit[], now: Date): Promise<AttemptReservation | undefined>;
}
