import type { Kysely } from 'kysely';
import { publishDueStories } from '../content/index.js';
import { recordAudit } from '../newsroom/accounts/audit-log.js';
import type { Schema } from '../storage/index.js';

/** Publishes scheduled stories when their time comes. */
export interface ScheduledPublisher {
  /** Publishes every story due by the clock's now, then lets the app see the change; returns their ids. */
  runDue(): Promise<number[]>;
  /** Runs at once (catching up on anything due while the server was down), then every intervalMs. */
  start(intervalMs?: number): void;
  stop(): void;
}

/** What the publisher needs: the database, the injected clock, the site zone, and what to call after publishing. */
export interface ScheduledPublisherOptions {
  db: Kysely<Schema>;
  clock: { now(): Date };
  timeZone: string;
  /** Called after stories were published (the app's changes.catchUp(), so cached pages go at once). */
  onPublished: (ids: number[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

/**
 * The schedule lives in the database (articles.scheduled_for), so a restart loses nothing: the
 * first run on start publishes whatever fell due while the process was down.
 */
export function createScheduledPublisher({ db, clock, timeZone, onPublished, onError }: ScheduledPublisherOptions): ScheduledPublisher {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number[]> | undefined;

  async function publishNow(): Promise<number[]> {
    const ids = await publishDueStories(db, { now: clock.now(), timeZone, actor: { userId: null, name: 'Scheduler' }, audit: recordAudit });
    if (ids.length > 0) await onPublished(ids);
    return ids;
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
