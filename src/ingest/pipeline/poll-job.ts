import type { Kysely } from 'kysely';
import { cancelJob, enqueueJob, ensureJob, type Schema } from '../../storage/index.js';

// How long a hold outside the job worker lasts at most: a poll is a 30 s fetch and its ingest; a
// process that dies holding it gives it back when it runs out.
const HOLD_MS = 5 * 60_000;

/** The job kind of a source's next poll, keyed by the source's id: one pending poll per source. */
export const SOURCE_POLL_JOB = 'ingest.poll';

/** Sets (or moves) a source's next poll, inside the caller's transaction. */
export async function schedulePoll(trx: Kysely<Schema>, sourceId: number, runAt: Date, now: Date): Promise<void> {
  await enqueueJob(trx, { kind: SOURCE_POLL_JOB, key: String(sourceId), runAt }, now);
}

/** Removes a source's next poll (disabled or deleted), inside the caller's transaction. */
export async function cancelPoll(trx: Kysely<Schema>, sourceId: number): Promise<void> {
  await cancelJob(trx, SOURCE_POLL_JOB, String(sourceId));
}

/**
 * Gives every enabled feed source without a pending poll one, due now (at start: a source whose job
 * was lost or given up polls again). Pending polls stay where they are, so every instance may run it.
 */
export async function ensurePolls(db: Kysely<Schema>, now: Date): Promise<number> {
  const sources = await db.selectFrom('ingest_sources').select('id').where('enabled', '=', 1).where('url', 'not like', 'file:%').execute();
  await db.transaction().execute(async (trx) => {
    for (const { id } of sources) await ensureJob(trx, { kind: SOURCE_POLL_JOB, key: String(id), runAt: now }, now);
  });
  return sources.length;
}

/** Whether a live lease holds the source's poll: a worker (or `sources poll`) is polling it now. */
export async function isPollRunning(db: Kysely<Schema>, sourceId: number, now: Date): Promise<boolean> {
  const job = await db.selectFrom('jobs').select('lease_until').where('kind', '=', SOURCE_POLL_JOB).where('key', '=', String(sourceId)).executeTakeFirst();
  return job?.lease_until != null && job.lease_until > now.toISOString();
}

/**
 * Takes the source's poll job for `holder` (a poll outside the job worker: `fortune-sky sources
 * poll`) unless a live lease holds it, so a worker never polls the source at the same time;
 * whether it was taken. The poll's own scheduling of the next one ends the hold; `releasePoll`
 * ends it when the poll did not get that far.
 */
export async function holdPoll(db: Kysely<Schema>, sourceId: number, holder: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await ensureJob(trx, { kind: SOURCE_POLL_JOB, key: String(sourceId), runAt: now }, now);
    const held = await trx
      .updateTable('jobs')
      .set({ claimed_by: holder, lease_until: new Date(now.getTime() + HOLD_MS).toISOString() })
      .where('kind', '=', SOURCE_POLL_JOB)
      .where('key', '=', String(sourceId))
      .where((free) => free.or([free('lease_until', 'is', null), free('lease_until', '<=', now.toISOString())]))
      .executeTakeFirst();
    return Number(held.numUpdatedRows) > 0;
  });
}

/** Ends `holder`'s hold on the source's poll job, if the poll has not moved the job already. */
export async function releasePoll(db: Kysely<Schema>, sourceId: number, holder: string): Promise<void> {
  await db.updateTable('jobs').set({ claimed_by: null, lease_until: null }).where('kind', '=', SOURCE_POLL_JOB).where('key', '=', String(sourceId)).where('claimed_by', '=', holder).execute();
}
