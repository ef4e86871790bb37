import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** A job to be run: which kind, about what, and when. */
export interface JobRequest {
  kind: string;
  key: string;
  runAt: Date;
}

/** A job claimed by a worker. */
export interface ClaimedJob {
  id: number;
  kind: string;
  key: string;
  runAt: string;
  /** The claim's identity: only it may complete or release the job. */
  claimedBy: string;
  leaseUntil: string;
  /** Claims so far, this one included. */
  attempts: number;
}

/** The jobs of one kind that are due (run_at reached) and not finished: what /metrics reports as queue depth and lag. */
export interface DueJobs {
  kind: string;
  /** How many are due, claimed ones (running, or held by a worker that died) included. */
  due: number;
  /** The run_at of the earliest due job: how long the queue has kept work waiting. */
  oldestRunAt: Date;
}

/** The jobs of one kind given up after their last attempt (kept with their error, never run again): what /metrics reports for operators. */
export interface FailedJobs {
  kind: string;
  failed: number;
}

/** How a worker claims. */
export interface ClaimOptions {
  kinds: readonly string[];
  /** Names this claim (worker and a claim number), so only it can finish the job. */
  claimant: string;
  now: Date;
  /** How long the claim holds; a worker that dies is taken over once it lapses. */
  leaseMs: number;
}

/**
 * Jobs as rows, run exactly once across processes (a dialect port). Writers schedule and cancel
 * jobs inside their own transaction (enqueueJob, cancelJob: the same SQL on every dialect); workers
 * claim a due job with one conditional UPDATE (SQLite: inside a write transaction; PostgreSQL:
 * FOR UPDATE SKIP LOCKED), run it, and complete it. A claim is a lease: a worker that crashes
 * leaves the job to be taken over when the lease lapses, so handlers must be safe to run again
 * after a crash (they re-check their own state in their transaction). A job that keeps failing is
 * given up (`fail`): kept with its error for operators, never claimed again unless enqueued anew.
 */
export interface JobQueue {
  /** Claims the earliest due job of the kinds that no live lease holds and that was not given up; undefined when none. */
  claim(options: ClaimOptions): Promise<ClaimedJob | undefined>;
  /** Removes a finished job, unless it was moved or taken over meanwhile; whether it was removed. */
  complete(job: ClaimedJob): Promise<boolean>;
  /** Frees a failed job to run again at retryAt, noting the error. */
  release(job: ClaimedJob, retryAt: Date, error: string): Promise<void>;
  /**
   * Gives a job up after its last attempt: marks it failed at `now`, noting the error if one is
   * given (else the last one noted stays), unless it was moved or taken over meanwhile (whether it
   * was marked). It stays as a row for operators and is never claimed again, unless enqueueJob
   * schedules its kind and key anew.
   */
  fail(job: ClaimedJob, now: Date, error?: string): Promise<boolean>;
  /** Per kind with any, the jobs due by `now` (claimed or not; given-up ones are not due) and the earliest one's run_at. */
  dueJobs(now: Date): Promise<DueJobs[]>;
  /** Per kind with any, how many jobs were given up. */
  failedJobs(): Promise<FailedJobs[]>;
}

/** Creates the job (kind, key) or moves it to a new time, inside the caller's transaction; a claim on it ends, and a job given up starts afresh. */
export async function enqueueJob(trx: Kysely<Schema>, job: JobRequest, now: Date): Promise<void> {
  await trx
    .insertInto('jobs')
    .values({ kind: job.kind, key: job.key, run_at: job.runAt.toISOString(), claimed_by: null, lease_until: null, last_error: null, failed_at: null, created_at: now.toISOString() })
    .onConflict((conflict) =>
      conflict.columns(['kind', 'key']).doUpdateSet({ run_at: job.runAt.toISOString(), claimed_by: null, lease_until: null, attempts: 0, last_error: null, failed_at: null }),
    )
    .execute();
}

/**
 * Creates the job (kind, key) unless it exists and may still run: a pending or claimed job stays
 * as it is, one given up starts afresh. For catching up at start (every instance may call it).
 */
export async function ensureJob(trx: Kysely<Schema>, job: JobRequest, now: Date): Promise<void> {
  await trx
    .insertInto('jobs')
    .values({ kind: job.kind, key: job.key, run_at: job.runAt.toISOString(), claimed_by: null, lease_until: null, last_error: null, failed_at: null, created_at: now.toISOString() })
    .onConflict((conflict) =>
      conflict
        .columns(['kind', 'key'])
        .doUpdateSet({ run_at: job.runAt.toISOString(), claimed_by: null, lease_until: null, attempts: 0, last_error: null, failed_at: null })
        .where('jobs.failed_at', 'is not', null),
    )
    .execute();
}

/**
 * Schedules the job (kind, key) at runAt unless it is already waiting to run, inside the caller's
 * transaction: a pending job keeps its time, so calls as fast as they come run it once per delay
 * rather than never (enqueueJob would push it back each time); a job already claimed (it may have
 * read its state before this transaction commits) or given up is scheduled afresh, and the running
 * claim, moved, cannot complete it. Two statements rather than one upsert: on PostgreSQL an upsert
 * locks the row it meets whether or not it updates it, so every caller would wait for the others'
 * commits; the insert that does nothing and the update that matches nothing lock nothing.
 */
export async function scheduleJobOnce(trx: Kysely<Schema>, job: JobRequest, now: Date): Promise<void> {
  const runAt = job.runAt.toISOString();
  await trx
    .insertInto('jobs')
    .values({ kind: job.kind, key: job.key, run_at: runAt, claimed_by: null, lease_until: null, last_error: null, failed_at: null, created_at: now.toISOString() })
    .onConflict((conflict) => conflict.columns(['kind', 'key']).doNothing())
    .execute();
  await trx
    .updateTable('jobs')
    .set({ run_at: runAt, claimed_by: null, lease_until: null, attempts: 0, last_error: null, failed_at: null })
    .where('kind', '=', job.kind)
    .where('key', '=', job.key)
    .where((eb) => eb.or([eb('claimed_by', 'is not', null), eb('failed_at', 'is not', null)]))
    .execute();
}

/** Removes the job (kind, key), if any, inside the caller's transaction. */
export async function cancelJob(trx: Kysely<Schema>, kind: string, key: string): Promise<void> {
  await trx.deleteFrom('jobs').where('kind', '=', kind).where('key', '=', key).execute();
}
