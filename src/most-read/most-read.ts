import { createPeriodicTask, oneRunAtATime } from '../background-task.js';
import type { Clock } from '../clock.js';
import type { Writer } from '../storage/index.js';
import { recomputeIfDue, type RecomputeOutcome } from './most-read-service.js';
import { createViewCounter, type ViewCounter } from './view-counter.js';
import { addViews } from './view-store.js';

/** Views are written every 15 seconds: a minute's recomputation sees them, and a crash loses little. */
export const FLUSH_INTERVAL_MS = 15_000;
/** The most stories one flush window holds (memory stays bounded whatever crawlers do). */
export const MAX_STORIES_PER_FLUSH = 10_000;

/** What the most read feature needs from the app. */
export interface MostReadOptions {
  writer: Writer;
  clock: Clock;
  maxStories?: number;
  onError?: (error: unknown) => void;
}

/** This process's view counting and its share of the rankings' upkeep. */
export interface MostRead {
  /** Counts views (the page answers call it: served from cache or rendered). */
  readonly counter: ViewCounter;
  /** Writes the views counted so far to the database. */
  flush(): Promise<void>;
  /** Flushes, then recomputes the rankings if they are due and no other instance took them. */
  runDue(): Promise<RecomputeOutcome>;
  /** Runs runDue every FLUSH_INTERVAL_MS (or intervalMs). */
  start(intervalMs?: number): void;
  /** Stops the timer and writes what is left (graceful shutdown, before the database closes). */
  close(): Promise<void>;
}

/** Builds the counter and its flushing and recomputing task. */
export function createMostRead({ writer, clock, maxStories = MAX_STORIES_PER_FLUSH, onError }: MostReadOptions): MostRead {
  const counter = createViewCounter({ maxStories });
  // One flush at a time: a batch taken is written before the next one is taken. A batch that
  // could not be written (the database away for a moment) goes back, to be written with the next.
  const flush = oneRunAtATime(async () => {
    const batch = counter.takeBatch();
    try {
      await addViews(writer.db, batch, clock.now());
    } catch (error) {
      counter.restore(batch);
      throw error;
    }
  });
  const runInTurn = oneRunAtATime(async () => {
    await flush();
    return recomputeIfDue(writer, clock.now());
  });
  // close() waits for the run in progress: the database must not close under its transaction.
  let lastRun: Promise<unknown> = Promise.resolve();
  const runDue = () => {
    const run = runInTurn();
    lastRun = run.catch(() => undefined);
    return run;
  };
  const task = createPeriodicTask(runDue, onError);
  return {
    counter,
    flush,
    runDue,
    start: (intervalMs = FLUSH_INTERVAL_MS) => task.start(intervalMs),
    async close() {
      task.stop();
      await lastRun;
      await flush();
    },
  };
}
