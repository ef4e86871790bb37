export { PURGE_EVERYTHING } from './change-log.js';
export { createChangeFollower, followChangesFromNow, type ChangeFollower, type ChangeFollowerOptions, type FollowerProgress } from './change-follower.js';
export { createChangeWriter, type AppendedChange, type ChangeWriterOptions } from './change-writer.js';
export { createChangeEventPruner, CHANGE_EVENT_RETENTION_MS, type ChangeEventPruner } from './change-event-pruner.js';
export type { ChangeEvent } from '../storage/index.js';
