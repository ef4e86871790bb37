import { createPeriodicTask, oneRunAtATime } from '../background-task.js';
import type { ClaimedJob, JobQueue } from '../storage/index.js';

/** Runs one claimed job; throwing gives it back to run again later. */
export type JobHandler = (job: ClaimedJob) => Promise<void>;

/** Claims and runs due jobs. */
export interface JobWorker {
  /** Claims and runs every job due by the clock's now (`concurrency` at a time); returns the jobs it finished. */
  runDue(): Promise<ClaimedJob[]>;
  /** Runs at once (catching up on anything that fell due while no worker ran), then every intervalMs. */
  start(intervalMs?: number): void;
  /** Stops the timer; runDue() still works (tests drive it by hand). */
  stop(): void;
  /** Stops for good (shutting down): the timer ends, no further job is claimed, and it resolves once the job in progress has finished. */
  close(): Promise<void>;
}

/** How a worker tries a failing job again, and when it gives up. */
export interface RetryPolicy {
  /** How long a job waits after failing its nth attempt (attempts = n) before the next. */
  delayMs(attempts: number): number;
  /** The attempts a job gets: one failing its last is given up (kept with its error, never run again unless scheduled anew). */
  maxAttempts: number;
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
  /** How failing jobs are retried and when they are given up; default DEFAULT_RETRY. */
  retry?: RetryPolicy;
  /** Hears each failed attempt (the job is retried, or given up after its last). */
  onError?: (error: unknown, job?: ClaimedJob) => void;
  /** Hears each job given up: it failed its last attempt (or its workers kept dying mid-run) and will not run again. */
  onGivenUp?: (job: ClaimedJob, error: unknown) => void;
  /** How many jobs run at once (default 1): jobs that wait on others' servers run side by side, so one slow job holds one lane, not the queue. */
  concurrency?: number;
}

/** How long a claim holds by default: far longer than any job takes, short enough that a crash delays little. */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * By default a failed job waits longer each time, 1, 4, 9… minutes, at most an hour, and is given
 * up at its 30th failure: about a day after the first (retryWindowMs), long enough to outlast an
 * outage of the database or a bad deploy, short enough that a job that can never succeed stops.
 */
export const DEFAULT_RETRY: RetryPolicy = { delayMs: (attempts) => Math.min(attempts * attempts * 60_000, 60 * 60_000), maxAttempts: 30 };

/** How long a policy keeps a failing job: from its first failed attempt to its last, if each runs when due. */
export function retryWindowMs({ delayMs, maxAttempts }: RetryPolicy): number {
  let total = 0;
  for (let attempts = 1; attempts < maxAttempts; attempts++) total += delayMs(attempts);
  return total;
}

/**
 * Claims due jobs from the queue and runs their handlers. Claims carry a lease, so a worker
 * killed mid-job leaves it to another after the lease lapses; handlers re-check their state in
 * their own transaction, so a job taken over after a crash does its work once.
 */
export function createJobWorker({ queue, handlers, workerId, clock, leaseMs = DEFAULT_LEASE_MS, retry = DEFAULT_RETRY, onError, onGivenUp, concurrency = 1 }: JobWorkerOptions): JobWorker {
  const kinds = Object.keys(handlers);
  let claims = 0;
  let isClosed = false;

  // `noted`: the error to keep with the job; without one, the last error noted stays.
  async function giveUp(job: ClaimedJob, error: unknown, noted?: string): Promise<void> {
    if (await queue.fail(job, clock.now(), noted)) onGivenUp?.(job, error);
  }

  async function runJobs(): Promise<ClaimedJob[]> {
    const finished: ClaimedJob[] = [];
    const lanes = new Set<Promise<void>>();
    let failure: unknown;
    // A lane that claims a job opens the next, up to `concurrency`: an idle queue costs one claim
    // per run (and one pooled connection), a busy one fills every lane.
    const openLane = () => {
      if (lanes.size >= concurrency) return;
      const lane: Promise<void> = runLane(finished, openLane)
        .catch((error: unknown) => void (failure ??= error))
        .finally(() => lanes.delete(lane));
      lanes.add(lane);
    };
    openLane();
    // Settled together: close() waits for every lane, and a lane that failed (the queue away) is reported after.
    while (lanes.size > 0) await Promise.race(lanes);
    if (failure !== undefined) throw failure;
    return finished;
  }

  /** Claims and runs jobs one after another until none is due (or the worker closes). */
  async function runLane(finished: ClaimedJob[], openLane: () => void): Promise<void> {
    for (;;) {
      // Checked before every claim: a worker being closed finishes its job but takes no other.
      if (isClosed) return;
      claims += 1;
      const job = await queue.claim({ kinds, claimant: `${workerId}#${claims}`, now: clock.now(), leaseMs });
      if (!job) return;
      openLane();
      // Claimed past its last attempt: workers that ran it died before finishing (their leases
      // lapsed), or it failed that often before attempts were bounded. Not run again, so a job that
      // kills its process cannot keep killing processes; its last error noted stays.
      if (job.attempts > retry.maxAttempts) {
        await giveUp(job, new Error(`Claimed ${job.attempts} times, past its ${retry.maxAttempts} attempts: not run again.`));
        continue;
      }
      try {
        await handlers[job.kind]!(job);
        await queue.complete(job);
        finished.push(job);
      } catch (error) {
        onError?.(error, job);
        if (job.attempts >= retry.maxAttempts) await giveUp(job, error, messageOf(error));
        else await queue.release(job, new Date(clock.now().getTime() + retry.delayMs(job.attempts)), messageOf(error));
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
