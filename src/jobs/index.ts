export { createScheduledPublisher, type ScheduledPublisher, type ScheduledPublisherOptions } from './scheduled-publisher.js';
export { createJobWorker, DEFAULT_LEASE_MS, type JobHandler, type JobWorker, type JobWorkerOptions } from './job-worker.js';
