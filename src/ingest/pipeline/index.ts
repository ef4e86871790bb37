// The ingest pipeline: sources, items taken in (deduplicated and filed), the desk's take and spike,
// and the watched folder. The only file other modules import from this folder.
export { APPLY_SUGGESTION_CONFIDENCE, type IncomingImage, type IncomingItem, type IngestPolicy, type ItemProvenance, type ItemStatus, type ItemSuggestions } from './incoming-item.js';
export { ingestItems, INGEST_BATCH, storyInputFor, type IngestContext, type IngestSummary } from './ingest-items.js';
export { readFeedItems, type FeedOrigin, type FeedRead, type FeedText } from './read-feed-items.js';
export { createDescribePool, describePoolFor, type DescribePool } from './describe-pool.js';
export { catchUpDuplicateIndex, createIngestTools, DUPLICATE_WINDOW_MS, isRetrainingDue, refreshSectionModel, type IngestTools } from './ingest-tools.js';
export { findItem, findStoryProvenance, listDeskEntries, type DeskEntry, type DeskFilter, type StoredItem, type StoryProvenance } from './item-store.js';
export { spikeItem, takeItem, type DeskContext } from './desk-service.js';
export { FETCHES_KEPT, findSource, findSourceByName, listFetches, listSources, recordFetch, type FetchOutcomeKind, type IngestSource, type SourceFetch, type SourceSettings } from './source-store.js';
export { cancelPoll, ensurePolls, holdPoll, isPollRunning, releasePoll, schedulePoll, SOURCE_POLL_JOB } from './poll-job.js';
export { formatInterval, parseInterval, SOURCE_FORMATS } from './source-settings.js';
export { addSource, changeSource, isPolled, MAX_SOURCES, pollSoon, readSourceSettings, removeSource, type SourceChangeContext } from './source-service.js';
export { createWatchedFolder, FILES_PER_SCAN, MAX_DROP_BYTES, type DropReport, type WatchedFolder, type WatchedFolderOptions } from './watched-folder.js';
export { runSourcesCommand, SOURCES_USAGE, type SourcesCommandIo } from './source-command.js';
