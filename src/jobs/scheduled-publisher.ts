import { PUBLISH_STORY_JOB, publishScheduledStory, type StoryAuditWriter } from '../content/stories/index.js';
import type { ClaimedJob, JobQueue, Writer } from '../storage/index.js';
import { createPeriodicTask } from '../background-task.js';
import { createJobWorker } from './job-worker.js';

/** Publishes scheduled stories when their time comes. */
export interface ScheduledPublisher {
  /** Publishes every story due by the clock's now (each purges its pages as it commits); returns their ids. */
  runDue(): Promise<number[]>;
  /** Runs at once (catching up on anything due while the server was down), then every intervalMs. */
  start(intervalMs?: number): void;
  /** Stops the timer; runDue() still works (tests drive it by hand). */
  stop(): void;
  /** Stops for good (shutting down): no further story is claimed; resolves once the publish in progress has finished. */
  close(): Promise<void>;
}

/** What the publisher needs: the unit of work (which purges after each commit), the job queue, the audit log, the injected clock and the site zone. */
export interface ScheduledPublisherOptions {
  writer: Writer;
  queue: JobQueue;
  /** Names this process in job claims. */
  workerId: string;
  clock: { now(): Date };
  timeZone: string;
  /** Writes the audit row of each publish (the newsroom's `recordAudit`, passed in by the composition root: jobs import no newsroom code). */
  audit: StoryAuditWriter;
  /** How long a claim holds before another process may take the job over. */
  leaseMs?: number;
  onError?: (error: unknown) => void;
  /** Hears each publish given up after its last attempt (DEFAULT_RETRY: about a day of tries); the story stays scheduled, unpublished. */
  onGivenUp?: (job: ClaimedJob, error: unknown) => void;
}

/**
 * Scheduled publishing as the first job kind: scheduling a story enqueues its `story.publish` job
 * (in the story's transaction), and any process's worker claims it when due. Jobs are rows, so a
 * restart loses nothing, and a claim is a lease, so a process killed mid-publish is taken over.
 * The handler publishes through `publishScheduledStory` in the app's unit of work, which purges the
 * story's pages after its commit.
 */
export function createScheduledPublisher({ writer, queue, workerId, clock, timeZone, audit, leaseMs, onError, onGivenUp }: ScheduledPublisherOptions): ScheduledPublisher {
  let published: number[] = [];
  const worker = createJobWorker({
    queue,
    workerId,
    clock,
    leaseMs,
    onError: (error) => onError?.(error),
    onGivenUp,
    handlers: {
      [PUBLISH_STORY_JOB]: async (job) => {
        const id = Number(job.key);
        const context = { now: clock.now(), timeZone, actor: { userId: null, name: 'Scheduler' }, audit };
        if (await publishScheduledStory(writer, id, context)) published.push(id);
      },
    },
  });

  async function runDue(): Promise<number[]> {
    await worker.runDue();
    const ids = published;
    published = [];
    return ids;
  }

  const task = createPeriodicTask(runDue, onError);
  return {
    runDue,
    start: (intervalMs = 5000) => task.start(intervalMs),
    stop: task.stop,
    async close() {
      task.stop();
      await worker.close();
    },
  };
}
