import type { Database } from '../storage/index.js';
import { latestChangeEventId, readChangeEventsSince } from './change-log.js';

/** Tails the change log and hands each batch of dirtied keys to a listener. */
export interface ChangeFollower {
  /** Reads every change committed since the last call and delivers its keys; safe to call any time. */
  catchUp(): Promise<void>;
  /** Polls for commits from other processes until stopped. */
  start(intervalMs?: number): void;
  stop(): void;
}

/**
 * Follows the change log from "now". On SQLite, PRAGMA data_version moves when another
 * connection commits, so polling it is cheap; our own writes call catchUp() directly.
 */
export function createChangeFollower(database: Database, onKeys: (keys: string[]) => void): ChangeFollower {
  let lastId: number | undefined;
  let lastCommitCounter = database.readCommitCounter();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function readNewEvents(): Promise<void> {
    if (lastId === undefined) {
      lastId = await latestChangeEventId(database.db);
      return;
    }
    for (;;) {
      const events = await readChangeEventsSince(database.db, lastId);
      if (events.length === 0) return;
      lastId = events[events.length - 1]!.id;
      onKeys(events.flatMap((event) => event.keys));
    }
  }

  function catchUp(): Promise<void> {
    // Serialise: a second caller waits for the running read, then reads again.
    const next = (running ?? Promise.resolve()).then(readNewEvents);
    running = next.finally(() => {
      if (running === next) running = undefined;
    });
    return next;
  }

  return {
    catchUp,
    start(intervalMs = 200) {
      void catchUp();
      timer = setInterval(() => {
        const counter = database.readCommitCounter();
        if (counter === lastCommitCounter) return;
        lastCommitCounter = counter;
        catchUp().catch(() => {
          // Retried on the next tick: the counter is re-read then.
          lastCommitCounter = -1;
        });
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
