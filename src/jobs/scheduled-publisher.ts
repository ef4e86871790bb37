import type { Kysely } from 'kysely';
import { PUBLISH_STORY_JOB, publishScheduledStory } from '../content/index.js';
import { recordAudit } from '../newsroom/accounts/audit-log.js';
import type { JobQueue, Schema } from '../storage/index.js';
import { createJobWorker } from './job-worker.js';

/** Publishes scheduled stories when their time comes. */
export interface ScheduledPublisher {
  /** Publishes every story due by the clock's now, then lets the app see the change; returns their ids. */
  runDue(): Promise<number[]>;
  /** Runs at once (catching up on anything due while the server was down), then every intervalMs. */
  start(intervalMs?: number): void;
  stop(): void;
}

/** What the publisher needs: the database and its job queue, the injected clock, the site zone, and what to call after publishing. */
export interface ScheduledPublisherOptions {
  db: Kysely<Schema>;
  queue: JobQueue;
  /** Names this process in job claims. */
  workerId: string;
  clock: { now(): Date };
  timeZone: string;
  /** How long a claim holds before another process may take the job over. */
  leaseMs?: number;
  /** Called after stories were published (the app's changes.catchUp(), so cached pages go at once). */
  onPublished: (ids: number[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

/**
 * Scheduled publishing as the first job kind: scheduling a story enqueues its `story.publish` job
 * (in the story's transaction), and any process's worker claims it when due. Jobs are rows, so a
 * restart loses nothing, and a claim is a lease, so a process killed mid-publish is taken over.
 */
export function createScheduledPublisher({ db, queue, workerId, clock, timeZone, leaseMs, onPublished, onError }: ScheduledPublisherOptions): ScheduledPublisher {
  let published: number[] = [];
  const worker = createJobWorker({
    queue,
    workerId,
    clock,
    leaseMs,
    onError: (error) => onError?.(error),
    handlers: {
      [PUBLISH_STORY_JOB]: async (job) => {
        const id = Number(job.key);
        const context = { now: clock.now(), timeZone, actor: { userId: null, name: 'Scheduler' }, audit: recordAudit };
        if (await publishScheduledStory(db, id, context)) published.push(id);
      },
    },
  });

  async function runDue(): Promise<number[]> {
    await worker.runDue();
    const ids = published;
    published = [];
    if (ids.length > 0) await onPublished(ids);
    return ids;
  }

  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    runDue().catch((error: unknown) => onError?.(error));
  };
  return {
    runDue,
    start(intervalMs = 5000) {
      tick();
      timer ??= setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
