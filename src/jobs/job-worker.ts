import { createPeriodicTask, oneRunAtATime } from '../background-task.js';
import type { ClaimedJob, JobQueue } from '../storage/index.js';

/** Runs one claimed job; throwing gives it back to run again later. */
export type JobHandler = (job: ClaimedJob) => Promise<void>;

/** Claims and runs due jobs. */
export interface JobWorker {
  /** Claims and runs every job due by the clock's now, one after another; returns the jobs it finished. */
  runDue(): Promise<ClaimedJob[]>;
  /** Runs at once (catching up on anything that fell due while no worker ran), then every intervalMs. */
  start(intervalMs?: number): void;
  /** Stops the timer; runDue() still works (tests drive it by hand). */
  stop(): void;
  /** Stops for good (shutting down): the timer ends, no further job is claimed, and it resolves once the job in progress has finished. */
  close(): Promise<void>;
}

/** What a worker needs: the queue, a handler per job kind, its name, the clock and how long a claim holds. */
export interface JobWorkerOptions {
  queue: JobQueue;
  handlers: Record<string, JobHandler>;
  /** Names this worker (host and process) in claims. */
  workerId: string;
  clock: { now(): Date };
  /** A claim lapses after this long, and another worker takes the job over (the holder is presumed dead). */
  leaseMs?: number;
  /** How long a job that failed for the nth time (attempts) waits before it runs again; default 1, 4, 9… minutes, at most an hour. */
  retryDelayMs?: (attempts: number) => number;
  onError?: (error: unknown, job?: ClaimedJob) => void;
}

/** How long a claim holds by default: far longer than any job takes, short enough that a crash delays little. */
export const DEFAULT_LEASE_MS = 60_000;

// A failed job waits longer each time: 1, 4, 9… minutes, at most an hour.
const defaultRetryDelayMs = (attempts: number) => Math.min(attempts * attempts * 60_000, 60 * 60_000);

/**
 * Claims due jobs from the queue and runs their handlers. Claims carry a lease, so a worker
 * killed mid-job leaves it to another after the lease lapses; handlers re-check their state in
 * their own transaction, so a job taken over after a crash does its work once.
 */
export function createJobWorker({ queue, handlers, workerId, clock, leaseMs = DEFAULT_LEASE_MS, retryDelayMs = defaultRetryDelayMs, onError }: JobWorkerOptions): JobWorker {
  const kinds = Object.keys(handlers);
  let claims = 0;
  let isClosed = false;
  async function runJobs(): Promise<ClaimedJob[]> {
    const finished: ClaimedJob[] = [];
    for (;;) {
      // Checked before every claim: a worker being closed finishes its job but takes no other.
      if (isClosed) return finished;
      claims += 1;
      const job = await queue.claim({ kinds, claimant: `${workerId}#${claims}`, now: clock.now(), leaseMs });
      if (!job) return finished;
      try {
        await handlers[job.kind]!(job);
        await queue.complete(job);
        finished.push(job);
      } catch (error) {
        onError?.(error, job);
        await queue.release(job, new Date(clock.now().getTime() + retryDelayMs(job.attempts)), error instanceof Error ? error.message : String(error));
      }
    }
  }

  // One run at a time: a tick that finds a run in progress waits for it, then runs again.
  const runInTurn = oneRunAtATime(runJobs);
  // The last run asked for settles after every earlier one (they run in turn): close() waits for it.
  let lastRun: Promise<unknown> = Promise.resolve();
  const runDue = () => {
    const run = runInTurn();
    lastRun = run.catch(() => undefined);
    return run;
  };
  const task = createPeriodicTask(runDue, (error) => onError?.(error));
  return {
    runDue,
    start: (intervalMs = 5000) => task.start(intervalMs),
    stop: task.stop,
    async close() {
      isClosed = true;
      task.stop();
      await lastRun;
    },
  };
}
