// Feed sources polled as jobs: fetch, parse, normalize and ingest, with each outcome recorded and
// the next poll scheduled. The only file other modules import from this folder.
export { createPollWorker, POLL_CONCURRENCY, type PollWorkerOptions } from './poll-worker.js';
export { pollSource, POLL_MAX_BYTES, type PollContext, type PollReport } from './poll-source.js';
export { MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, nextPollAt } from './poll-timing.js';
export { describePoll, runPollCommand } from './poll-command.js';
