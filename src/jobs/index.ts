export { createScheduledPublisher, type ScheduledPublisher, type ScheduledPublisherOptions } from './scheduled-publisher.js';
export { createJobWorker, DEFAULT_LEASE_MS, type JobHandler, type JobWorker, type JobWorkerOptions } from './job-worker.js';
export { createEdgePurgeWorker, EDGE_PURGE_JOB, edgePurgeRetryDelayMs, enqueueEdgePurge, type EdgePurgeReport, type EdgePurgeWorkerOptions } from './edge-purge.js';
