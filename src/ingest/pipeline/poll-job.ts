import type { Kysely } from 'kysely';
import { cancelJob, enqueueJob, ensureJob, type Schema } from '../../storage/index.js';

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
