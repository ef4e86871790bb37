export { appendChangeEvent, PURGE_EVERYTHING, readChangeEventsSince, latestChangeEventId, pruneChangeEvents, type ChangeEvent } from './change-log.js';
export { createChangeFollower, type ChangeFollower } from './change-follower.js';
export { createChangeWriter } from './change-writer.js';
