import { publishDueStories } from '../content/index.js';
import { recordAudit } from '../newsroom/accounts/audit-log.js';
import type { Writer } from '../storage/index.js';

/** Publishes scheduled stories when their time comes. */
export interface ScheduledPublisher {
  /** Publishes every story due by the clock's now (each purges its pages as it commits); returns their ids. */
  runDue(): Promise<number[]>;
  /** Runs at once (catching up on anything due while the server was down), then every intervalMs. */
  start(intervalMs?: number): void;
  stop(): void;
}

/** What the publisher needs: the unit of work (which purges after each commit), the injected clock and the site zone. */
export interface ScheduledPublisherOptions {
  writer: Writer;
  clock: { now(): Date };
  timeZone: string;
  onError?: (error: unknown) => void;
}

/**
 * The schedule lives in the database (articles.scheduled_for), so a restart loses nothing: the
 * first run on start publishes whatever fell due while the process was down.
 */
export function createScheduledPublisher({ writer, clock, timeZone, onError }: ScheduledPublisherOptions): ScheduledPublisher {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number[]> | undefined;

  function publishNow(): Promise<number[]> {
    return publishDueStories(writer, { now: clock.now(), timeZone, actor: { userId: null, name: 'Scheduler' }, audit: recordAudit });
  }

  function runDue(): Promise<number[]> {
    // One run at a time: a tick that finds a run in progress waits for it, then runs again.
    const next = (running ?? Promise.resolve([])).then(publishNow, publishNow);
    running = next.finally(() => {
      if (running === next) running = undefined;
    });
    return next;
  }

  function tick() {
    runDue().catch((error: unknown) => onError?.(error));
  }

  return {
    runDue,
    start(intervalMs = 5000) {
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
