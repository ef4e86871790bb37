import { createJobWorker, type JobWorker } from '../../jobs/index.js';
import type { ClaimedJob, JobQueue } from '../../storage/index.js';
import { SOURCE_POLL_JOB } from '../pipeline/index.js';
import { pollSource, type PollContext, type PollReport } from './poll-source.js';

/** Polls one instance runs at once: a slow source holds one lane (up to the fetch's 30 s), not the others. */
export const POLL_CONCURRENCY = 4;

/** What the poll worker needs besides a poll's context. */
export interface PollWorkerOptions extends PollContext {
  queue: JobQueue;
  workerId: string;
  onPolled?: (report: PollReport) => void;
  onError?: (error: unknown) => void;
  onGivenUp?: (job: ClaimedJob, error: unknown) => void;
}

/**
 * Claims `ingest.poll` jobs (one per enabled feed source, keyed by its id) and polls each source.
 * The poll schedules the source's next one itself (moving its job, so completing this claim leaves
 * it), so the backoff of a failing feed is the poll's, not the queue's; the queue retries only a
 * poll that threw (the database away).
 */
export function createPollWorker({ queue, workerId, onPolled, onError, onGivenUp, ...context }: PollWorkerOptions): JobWorker {
  return createJobWorker({
    queue,
    workerId,
    clock: context.clock,
    concurrency: POLL_CONCURRENCY,
    onError: (error) => onError?.(error),
    onGivenUp,
    handlers: {
      [SOURCE_POLL_JOB]: async (job) => {
        const report = await pollSource(context, Number(job.key));
        if (report) onPolled?.(report);
      },
    },
  });
}
