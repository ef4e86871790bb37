import { sql, type Kysely } from 'kysely';
import type { AttemptLimits, AttemptReservation } from './attempt-limits.js';
import type { Dialect } from './migration-context.js';
import type { Schema } from './schema.js';

/**
 * Attempt limits on either dialect: inside one write transaction, rows older than the longest
 * window go, then one INSERT … SELECT adds a row per key only when every key is below its limit,
 * and RETURNING tells whether it did. SQLite's transaction holds the write lock (BEGIN IMMEDIATE);
 * on PostgreSQL, READ COMMITTED would let two transactions count the same rows and both insert, so
 * each first takes an advisory lock per key (in key order, so two never wait on each other).
 */
export function createSqlAttemptLimits(db: Kysely<Schema>, dialect: Dialect): AttemptLimits {
  return {
    async reserve(limits, now) {
      if (limits.length === 0) return undefined;
      const at = now.toISOString();
      const since = (windowMs: number) => new Date(now.getTime() - windowMs).toISOString();
      const longest = Math.max(...limits.map((limit) => limit.windowMs));
      const reserved = await db.transaction().execute(async (trx) => {
        if (dialect === 'postgres') {
          for (const key of [...new Set(limits.map((limit) => limit.key))].sort()) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
        }
        await trx.deleteFrom('attempts').where('attempted_at', '<=', since(longest)).execute();
        const candidates = sql.join(limits.map((limit) => sql`SELECT CAST(${limit.key} AS text) AS key`), sql` UNION ALL `);
        const belowLimits = sql.join(
          limits.map((limit) => sql`(SELECT count(*) FROM attempts WHERE key = ${limit.key} AND attempted_at > ${since(limit.windowMs)}) < ${limit.max}`),
          sql` AND `,
        );
        const { rows } = await sql<{ id: number; key: string }>`
          INSERT INTO attempts (key, attempted_at)
          SELECT candidate.key, ${at} FROM (${candidates}) AS candidate WHERE ${belowLimits}
          RETURNING id, key`.execute(trx);
        return rows;
      });
      if (reserved.length === 0) return undefined;
      const reservation: AttemptReservation = {
        async cancel({ forget, clear }) {
          const ids = reserved.filter((row) => forget.includes(row.key)).map((row) => Number(row.id));
          await db.transaction().execute(async (trx) => {
            if (ids.length > 0) await trx.deleteFrom('attempts').where('id', 'in', ids).execute();
            if (clear.length > 0) await trx.deleteFrom('attempts').where('key', 'in', [...clear]).execute();
          });
        },
      };
      return reservation;
    },
  };
}
