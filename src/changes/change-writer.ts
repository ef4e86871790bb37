import { createWriter, type Database, type Writer } from '../storage/index.js';

/**
 * The unit of work over this database's change feed: each change's keys are appended with
 * `changeFeed.append` inside the writer's transaction; afterCommit drives the follower.
 */
export function createChangeWriter(database: Pick<Database, 'db' | 'changeFeed'>, afterCommit?: () => Promise<void>): Writer {
  const { db, changeFeed } = database;
  return createWriter({ db, recordChange: (trx, keys, now) => changeFeed.append(trx, keys, now), afterCommit });
}
