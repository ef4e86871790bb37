export { createScheduledPublisher, type ScheduledPublisher, type ScheduledPublisherOptions } from './scheduled-publisher.js';
export { createJobWorker, DEFAULT_LEASE_MS, type JobHandler, type JobWorker, type JobWorkerOptions, type RetryPolicy, retryWindowMs } from './job-worker.js';
export {
  createEdgePurgeWorker,
  EDGE_PURGE_COALESCED_JOB,
  EDGE_PURGE_JOB,
  EDGE_PURGE_RETRY,
  enqueueEdgePurge,
  enqueueEdgePurges,
  type CoalescedEdgePurges,
  type EdgePurgeReport,
  type EdgePurgeWorkerOptions,
} from './edge-purge.js';
