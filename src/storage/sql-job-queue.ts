import type { Kysely } from 'kysely';
import type { ClaimedJob, DueJobs, FailedJobs, JobQueue } from './job-queue.js';
import type { Dialect } from './migration-context.js';
import type { Schema } from './schema.js';

// The longest error text kept with a job.
const MAX_ERROR_LENGTH = 2000;

/**
 * The job queue as rows, on either dialect: a claim is one UPDATE … WHERE id = (the earliest due,
 * unleased job) RETURNING. On SQLite its transaction holds the write lock (BEGIN IMMEDIATE); on
 * PostgreSQL the inner select takes the row FOR UPDATE SKIP LOCKED, so a second worker passes over
 * a job being claimed and takes the next. Either way two workers never hold the same job at once.
 */
export function createSqlJobQueue(db: Kysely<Schema>, dialect: Dialect): JobQueue {
  return {
    async claim({ kinds, claimant, now, leaseMs }) {
      if (kinds.length === 0) return undefined;
      const at = now.toISOString();
      const selectJobs = () => db.selectFrom('jobs');
      // Due, of these kinds, not given up, and held by no live lease (failed_at IS NULL: the jobs_due index holds only these).
      const dueJobs = (query: ReturnType<typeof selectJobs>) =>
        query
          .where('kind', 'in', [...kinds])
          .where('failed_at', 'is', null)
          .where('run_at', '<=', at)
          .where((free) => free.or([free('lease_until', 'is', null), free('lease_until', '<=', at)]));
      // Most ticks find nothing due: a plain read answers them without taking the write lock.
      if (!(await dueJobs(selectJobs()).select('id').limit(1).executeTakeFirst())) return undefined;
      const row = await db.transaction().execute((trx) =>
        trx
          .updateTable('jobs')
          .set((eb) => ({ claimed_by: claimant, lease_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1) }))
          .where('id', '=', (eb) =>
            dueJobs(eb.selectFrom('jobs'))
              .select('id')
              .orderBy('run_at')
              .orderBy('id')
              .limit(1)
              .$if(dialect === 'postgres', (query) => query.forUpdate().skipLocked()),
          )
          .returning(['id', 'kind', 'key', 'run_at', 'claimed_by', 'lease_until', 'attempts'])
          .executeTakeFirst(),
      );
      if (!row) return undefined;
      return { id: Number(row.id), kind: row.kind, key: row.key, runAt: row.run_at, claimedBy: row.claimed_by!, leaseUntil: row.lease_until!, attempts: Number(row.attempts) };
    },
    async complete(job) {
      const result = await db.transaction().execute((trx) => trx.deleteFrom('jobs').where('id', '=', job.id).where('claimed_by', '=', job.claimedBy).executeTakeFirst());
      return Number(result.numDeletedRows) === 1;
    },
    async release(job: ClaimedJob, retryAt, error) {
      await db
        .transaction()
        .execute((trx) =>
          trx
            .updateTable('jobs')
            .set({ run_at: retryAt.toISOString(), claimed_by: null, lease_until: null, last_error: error.slice(0, MAX_ERROR_LENGTH) })
            .where('id', '=', job.id)
            .where('claimed_by', '=', job.claimedBy)
            .execute(),
        );
    },
    async fail(job, now, error) {
      const result = await db
        .transaction()
        .execute((trx) =>
          trx
            .updateTable('jobs')
            .set({ failed_at: now.toISOString(), claimed_by: null, lease_until: null, ...(error === undefined ? {} : { last_error: error.slice(0, MAX_ERROR_LENGTH) }) })
            .where('id', '=', job.id)
            .where('claimed_by', '=', job.claimedBy)
            .executeTakeFirst(),
        );
      return Number(result.numUpdatedRows) === 1;
    },
    async dueJobs(now): Promise<DueJobs[]> {
      // run_at is ISO 8601 UTC text on both dialects, so min() is the earliest time.
      const rows = await db
        .selectFrom('jobs')
        .select((eb) => ['kind', eb.fn.countAll().as('due'), eb.fn.min('run_at').as('oldest_run_at')])
        .where('failed_at', 'is', null)
        .where('run_at', '<=', now.toISOString())
        .groupBy('kind')
        .orderBy('kind')
        .execute();
      return rows.map((row) => ({ kind: row.kind, due: Number(row.due), oldestRunAt: new Date(row.oldest_run_at) }));
    },
    async failedJobs(): Promise<FailedJobs[]> {
      const rows = await db
        .selectFrom('jobs')
        .select((eb) => ['kind', eb.fn.countAll().as('failed')])
        .where('failed_at', 'is not', null)
        .groupBy('kind')
        .orderBy('kind')
        .execute();
      return rows.map((row) => ({ kind: row.kind, failed: Number(row.failed) }));
    },
  };
}
