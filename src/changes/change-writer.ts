import { createWriter, type Database, type Writer } from '../storage/index.js';
import type { ChangeFollower } from './change-follower.js';

/**
 * The unit of work over this database's change feed: each change's keys are appended with
 * `changeFeed.append` inside the writer's transaction; after each commit the process's follower
 * (if it has one) reads the log at once, so the writer purges before it answers.
 */
export function createChangeWriter(database: Pick<Database, 'db' | 'dialect' | 'changeFeed'>, follower?: Pick<ChangeFollower, 'catchUp'>): Writer {
  const { db, dialect, changeFeed } = database;
  return createWriter({ db, dialect, recordChange: (trx, keys, now) => changeFeed.append(trx, keys, now), afterCommit: follower && (() => follower.catchUp()) });
}
