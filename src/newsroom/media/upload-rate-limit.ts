import type { Clock } from '../../clock.js';
import type { AttemptLimits } from '../../storage/index.js';

/** Uploads one user may start in a minute. */
export const MAX_UPLOADS_PER_MINUTE = 20;
const WINDOW_MS = 60 * 1000;

/** Counts upload attempts per user. */
export interface UploadRateLimit {
  readonly maxPerMinute: number;
  /** Counts an attempt by the user and says whether it may go on; a refused attempt is not counted. */
  take(userId: number): Promise<boolean>;
}

/**
 * Counts upload attempts per user in a sliding minute, in the database (the AttemptLimits port),
 * so the limit holds across every app instance, as the sign-in limits do. A person choosing
 * pictures stays well under it; a script looping uploads, each costing a decode and eight
 * encodes, is held back.
 */
export function createUploadRateLimit(limits: AttemptLimits, clock: Clock, maxPerMinute = MAX_UPLOADS_PER_MINUTE): UploadRateLimit {
  return {
    maxPerMinute,
    async take(userId) {
      return (await limits.reserve([{ key: `media-upload:${userId}`, max: maxPerMinute, windowMs: WINDOW_MS }], clock.now())) !== undefined;
    },
  };
}
