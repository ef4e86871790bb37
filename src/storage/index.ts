export { openDatabase, type Database, type OpenOptions } from './database.js';
export { migrateToLatest } from './migrate.js';
export type { Dialect } from './migration-context.js';
export type * from './schema.js';
export { createWriter, lockUntilCommit, type ArticleEvent, type ArticleEventType, type Transaction, type Work, type Writer, type WriterOptions } from './unit-of-work.js';
export { findChangeEvent, type ChangeBacklog, type ChangeBatch, type ChangeEvent, type ChangeFeed } from './change-feed.js';
export { cancelJob, enqueueJob, ensureJob, scheduleJobOnce, type ClaimedJob, type ClaimOptions, type DueJobs, type FailedJobs, type JobQueue, type JobRequest } from './job-queue.js';
export type { AttemptLimit, AttemptLimits, AttemptReservation } from './attempt-limits.js';
export {
  SEARCH_MATCH_LIMIT,
  SEARCH_PHRASE_WINDOW,
  type SearchFilter,
  type SearchIndex,
  type SearchMatches,
  type SearchQuery,
  type SearchRequest,
  type SearchSort,
  type SearchTerm,
} from './search-index.js';
export type { RequestCount, RequestCounters } from './request-counters.js';
export { backupDatabase, describeBackup, describeRestore, restoreDatabase, type BackupOptions, type BackupReport } from './backup.js';
