import type { Kysely } from 'kysely';
import { createWriter, type Schema, type Writer } from '../storage/index.js';
import { appendChangeEvent } from './change-log.js';

/** The unit of work over this database's change log: each change's keys go to change_events; afterCommit drives the follower. */
export function createChangeWriter(db: Kysely<Schema>, afterCommit?: () => Promise<void>): Writer {
  return createWriter({ db, recordChange: appendChangeEvent, afterCommit });
}
