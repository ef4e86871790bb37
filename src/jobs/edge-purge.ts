import type { Kysely } from 'kysely';
import type { EdgePurgeResult, EdgePurger } from '../cache/index.js';
import { PURGE_EVERYTHING, type AppendedChange } from '../changes/index.js';
import { enqueueJob, findChangeEvent, scheduleJobOnce, type ClaimedJob, type JobQueue, type Schema, type Transaction } from '../storage/index.js';
import { createJobWorker, type JobWorker, type RetryPolicy } from './job-worker.js';

/** The job that sends one committed change's surrogate keys to the edge cache; its key is the change event's id. */
export const EDGE_PURGE_JOB = 'edge.purge';

// Why a job per change, enqueued in the change's own transaction (the change writer's onAppend):
// - once per change, not once per instance: every instance follows the change log, but only the
//   worker whose claim wins sends the purge (the queue's claim is exclusive across processes);
// - never lost: the job commits with the change or not at all, survives restarts, and a worker
//   killed mid-purge leaves it to another once the lease lapses;
// - never in the writer's way: the writer only inserts a row; the request to the edge happens
//   after the commit, in a worker, and a failure there is retried by the queue (with backoff),
//   never reported to the person who published.
// The job names the change event rather than copying its keys: a job's key is short (the jobs
// table's unique key), a change's keys are not. If the event was pruned before the job ran (a
// day later, after an outage of the edge) its keys are unknown, so the whole edge is purged.

/** Enqueues, inside the change's transaction, the purge of its keys at the edge (the change writer's onAppend when EDGE_PURGE_URL is set). */
export async function enqueueEdgePurge(trx: Transaction, event: AppendedChange, now: Date): Promise<void> {
  await enqueueJob(trx, { kind: EDGE_PURGE_JOB, key: String(event.id), runAt: now }, now);
}

/**
 * The job that purges one surrogate key at the edge on behalf of many changes (its key is that
 * surrogate key): changes too frequent to purge one by one, such as quote batches.
 */
export const EDGE_PURGE_COALESCED_JOB = 'edge.purge.coalesced';

/** Changes whose edge purges are gathered into one, at most once per window. */
export interface CoalescedEdgePurges {
  /** Whether a dirtied key is one of them (a change all of whose keys match is coalesced). */
  matches: (key: string) => boolean;
  /** The surrogate key every page they dirty carries, purged in their stead. */
  purgeKey: string;
  windowMs: number;
}

/**
 * The change writer's onAppend with coalescing: a change whose keys all match (a quote batch) does
 * not get a job of its own; it schedules the one purge of `purgeKey`, a window after the first such
 * change since the last purge ran (scheduleJobOnce: while that purge waits, later changes add
 * nothing; one arriving while it runs schedules the next). So however fast quotes come, the edge
 * is purged of quote pages at most once per window, a window after a quote at the latest. Any
 * other change is purged on its own at once, as before.
 */
export function enqueueEdgePurges(coalesced: CoalescedEdgePurges): (trx: Transaction, event: AppendedChange, now: Date) => Promise<void> {
  return async (trx, event, now) => {
    if (event.keys.length === 0 || !event.keys.every(coalesced.matches)) return enqueueEdgePurge(trx, event, now);
    await scheduleJobOnce(trx, { kind: EDGE_PURGE_COALESCED_JOB, key: coalesced.purgeKey, runAt: new Date(now.getTime() + coalesced.windowMs) }, now);
  };
}

/** A purge sent: which change (null for a coalesced purge), its keys, and what the edge did. */
export interface EdgePurgeReport extends EdgePurgeResult {
  eventId: number | null;
  /** The keys asked for (["*"] when the change event had been pruned). */
  keys: string[];
}

/** What the edge purge worker needs. */
export interface EdgePurgeWorkerOptions {
  queue: JobQueue;
  /** Where change events are read from (by id). */
  db: Kysely<Schema>;
  purger: Pick<EdgePurger, 'purge'>;
  /** Names this worker (host and process) in claims. */
  workerId: string;
  clock: { now(): Date };
  leaseMs?: number;
  /** After a failed purge, how long other purges fail at once instead of trying an edge that just failed (they are retried later like it). */
  pauseAfterFailureMs?: number;
  /** Hears each purge sent (the server logs it). */
  onPurged?: (report: EdgePurgeReport) => void;
  onError?: (error: unknown) => void;
  /** Hears each purge given up after its last attempt (the server logs it). */
  onGivenUp?: (job: ClaimedJob, error: unknown) => void;
}

/**
 * A failed purge is tried again after 5 s, 20 s, 45 s… at most 10 minutes: the edge keeps a page
 * for its s-maxage (5 minutes for pages), so the job queue's default of minutes would leave stale
 * pages there for longer than they would live anyway. It is given up at its 15th failure, some 70
 * minutes after the first (retryWindowMs): by then the edge serves no copy the change dirtied (the
 * longest a page, feed or sitemap is kept there is its s-maxage plus stale-while-revalidate, 15
 * minutes), so a later purge would clear nothing stale.
 */
export const EDGE_PURGE_RETRY: RetryPolicy = { delayMs: (attempts) => Math.min(attempts * attempts * 5_000, 10 * 60_000), maxAttempts: 15 };

/**
 * Claims `edge.purge` jobs and sends each change's keys to the edge (createEdgePurger), and
 * `edge.purge.coalesced` jobs, each its one key. The server
 * runs it on a short timer and at once whenever its change follower hears of a commit (its own or
 * another process's), so a purge reaches the edge within moments of the commit. While the edge is
 * down, a run does not wait out a timeout per queued change: after one failure the others are
 * released at once for later.
 */
export function createEdgePurgeWorker({ queue, db, purger, workerId, clock, leaseMs, pauseAfterFailureMs = 5_000, onPurged, onError, onGivenUp }: EdgePurgeWorkerOptions): JobWorker {
  let pausedUntil = 0;
  async function send(eventId: number | null, keys: string[]): Promise<void> {
    if (clock.now().getTime() < pausedUntil) throw new Error('Not sent: a purge failed moments ago, so the edge cache is presumed down; tried again later.');
    try {
      const result = await purger.purge(keys);
      onPurged?.({ eventId, keys, ...result });
    } catch (error) {
      pausedUntil = clock.now().getTime() + pauseAfterFailureMs;
      throw error;
    }
  }
  return createJobWorker({
    queue,
    workerId,
    clock,
    leaseMs,
    retry: EDGE_PURGE_RETRY,
    onError: (error) => onError?.(error),
    onGivenUp,
    handlers: {
      [EDGE_PURGE_JOB]: async (job) => {
        const eventId = Number(job.key);
        await send(eventId, (await findChangeEvent(db, eventId))?.keys ?? [PURGE_EVERYTHING]);
      },
      [EDGE_PURGE_COALESCED_JOB]: (job) => send(null, [job.key]),
    },
  });
}
