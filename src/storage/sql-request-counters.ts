import type { Kysely } from 'kysely';
import type { RequestCounters } from './request-counters.js';
import type { Schema } from './schema.js';

/**
 * Request counters on either dialect: the same upsert runs on SQLite (one statement holds the write
 * lock) and PostgreSQL (ON CONFLICT DO UPDATE locks the row, so concurrent increments queue). When
 * this process first counts in a new window, the windows that ended before the previous one are
 * deleted: the table holds about two windows of callers, however many requests they make.
 */
export function createSqlRequestCounters(db: Kysely<Schema>): RequestCounters {
  let sweptBefore = '';
  return {
    async count(key, windowMs, now) {
      const start = Math.floor(now.getTime() / windowMs) * windowMs;
      const windowStart = new Date(start).toISOString();
      if (windowStart > sweptBefore) {
        sweptBefore = windowStart;
        await db.deleteFrom('request_counts').where('window_start', '<', new Date(start - windowMs).toISOString()).execute();
      }
      const row = await db
        .insertInto('request_counts')
        .values({ key, window_start: windowStart, hits: 1 })
        .onConflict((conflict) => conflict.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('request_counts.hits', '+', 1) })))
        .returning('hits')
        .executeTakeFirstOrThrow();
      return { hits: Number(row.hits), resetAt: new Date(start + windowMs) };
    },
  };
}
