import { createWriter, type Database, type Transaction, type Writer, type WriterOptions } from '../storage/index.js';
import type { ChangeFollower } from './change-follower.js';

/** A change event just appended: its id and the keys it dirtied. */
export interface AppendedChange {
  id: number;
  keys: readonly string[];
}

/** What else the change writer does with each change. */
export interface ChangeWriterOptions {
  /**
   * Runs inside each change's transaction, right after its event is appended, with the event (its
   * id and keys): work that must commit with the change or not at all (the edge purge job,
   * `enqueueEdgePurges`).
   */
  onAppend?: (trx: Transaction, event: AppendedChange, now: Date) => Promise<void>;
  /** Runs inside each change's transaction with the story events it emitted (webhook deliveries, `src/webhooks/`). */
  onEvents?: WriterOptions['onEvents'];
}

/**
 * The unit of work over this database's change feed: each change's keys are appended with
 * `changeFeed.append` inside the writer's transaction (then `onAppend`, if given, in the same
 * transaction); after each commit the process's follower (if it has one) reads the log at once, so
 * the writer purges before it answers.
 */
export function createChangeWriter(
  database: Pick<Database, 'db' | 'dialect' | 'changeFeed' | 'searchIndex'>,
  follower?: Pick<ChangeFollower, 'catchUp'>,
  { onAppend, onEvents }: ChangeWriterOptions = {},
): Writer {
  const { db, dialect, changeFeed, searchIndex } = database;
  return createWriter({
    db,
    dialect,
    searchIndex,
    recordChange: async (trx, keys, now) => {
      const eventId = await changeFeed.append(trx, keys, now);
      if (eventId !== undefined && onAppend) await onAppend(trx, { id: eventId, keys }, now);
    },
    onEvents,
    afterCommit: follower && (() => follower.catchUp()),
  });
}
