import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Schema, Writer } from '../../storage/index.js';
import { fetchFeed, type FeedFormat, type FetchFeedOptions } from '../feeds/index.js';
import { refreshTickerDetector } from '../../markets/instruments/index.js';
import { findSource, ingestItems, readFeedItems, isPolled, recordFetch, refreshSectionModel, schedulePoll, type FetchOutcomeKind, type IncomingItem, type IngestSource, type IngestSummary, type IngestTools } from '../pipeline/index.js';
import { nextPollAt } from './poll-timing.js';

/**
 * The largest feed a poll reads (the fetch library allows 5 MB). Parsing runs on the server's event
 * loop: at 5 MB one parse held it for up to ~140 ms on the 2-core machine, at 2 MB about 2/5 of that.
 * Real feeds are a few hundred KB; one at 2 MB is refused with its reason, never cut.
 */
export const POLL_MAX_BYTES = 2 * 1024 * 1024;

/** What a poll needs. */
export interface PollContext {
  db: Kysely<Schema>;
  writer: Writer;
  tools: IngestTools;
  clock: { now(): Date };
  timeZone: string;
  language: string;
  /** INGEST_ALLOW_PRIVATE: fetch from private, loopback and link-local addresses too. */
  allowPrivate: boolean;
  /** Tests reach their loopback server as a made-up public host. */
  resolve?: FetchFeedOptions['resolve'];
  isPublic?: FetchFeedOptions['isPublic'];
}

/** One poll's outcome, as the log and the CLI report it. */
export interface PollReport {
  sourceId: number;
  sourceName: string;
  outcome: FetchOutcomeKind;
  /** Why it was refused or failed, for the editor. */
  reason: string | null;
  summary: IngestSummary | null;
  /** Items left out: not readable as a story (no title nor text, a body too complex), or past the feed's item limit. */
  itemsSkipped: number;
  nextPollAt: string;
}

// A source's format setting, as the feed formats it allows (RSS covers 0.9x/2.0 and 1.0 RDF).
const ALLOWED_FORMATS: Record<string, readonly FeedFormat[]> = { rss: ['rss', 'rdf'], atom: ['atom'], json: ['json-feed'], ninjs: ['ninjs'] };

type Read = { kind: 'read'; items: IncomingItem[]; itemsSkipped: number; etag?: string; lastModified?: string } | { kind: 'not-modified' } | { kind: 'refused' | 'failed'; reason: string; retryAfterMs?: number };

async function readFeed(source: IngestSource, context: PollContext): Promise<Read> {
  const fetched = await fetchFeed(source.url, {
    etag: source.etag ?? undefined,
    lastModified: source.lastModified ?? undefined,
    allowPrivate: context.allowPrivate,
    maxBytes: POLL_MAX_BYTES,
    resolve: context.resolve,
    isPublic: context.isPublic,
    now: () => context.clock.now().getTime(),
  });
  if (fetched.kind !== 'fetched') return fetched;
  const feed = { body: fetched.body, contentType: fetched.contentType, url: fetched.finalUrl, maxBytes: POLL_MAX_BYTES };
  const read = await readFeedItems(feed, { sourceName: source.name, credit: source.credit, language: context.language }, context.tools.describer);
  if (read.kind === 'refused') return read;
  const allowed = source.format ? ALLOWED_FORMATS[source.format] : undefined;
  if (allowed && !allowed.includes(read.format)) {
    return { kind: 'refused', reason: `The source is set to ${source.format}, but ${fetched.finalUrl} is ${read.format}: change the source's format, or leave it to be detected.` };
  }
  return { kind: 'read', items: read.items, itemsSkipped: read.itemsSkipped, etag: fetched.etag, lastModified: fetched.lastModified };
}

/**
 * Polls one source: a conditional GET, parse, normalize, then ingest through the write path; the
 * outcome is recorded on the source (fetch log, validators, failures in a row) with its next poll
 * scheduled in the same transaction — the interval after a success, a backoff or the server's
 * Retry-After after a failure. A refusal or failure of the feed is an outcome, not an error; only
 * this side failing (the database away) throws. Undefined when the source is gone, disabled or
 * not a feed on the web.
 */
export async function pollSource(context: PollContext, sourceId: number): Promise<PollReport | undefined> {
  const source = await findSource(context.db, sourceId);
  if (!source || !isPolled(source)) return undefined;
  const startedAt = performance.now();
  let read = await readFeed(source, context);
  let summary: IngestSummary | null = null;
  if (read.kind === 'read') {
    const now = context.clock.now();
    // Trained off the request path, here in the worker, when the archive has grown.
    await refreshSectionModel(context.db, context.tools, now);
    await refreshTickerDetector(context.db, context.tools);
    try {
      summary = await ingestItems(context.writer, source, read.items, context.tools, { now, timeZone: context.timeZone });
    } catch (error) {
      // Copy the site refuses (AppError) is this poll's outcome; anything else is ours and thrown.
      if (!(error instanceof AppError)) throw error;
      read = { kind: 'refused', reason: error.message };
    }
  }
  const fetchedAt = context.clock.now();
  const isFailure = read.kind === 'refused' || read.kind === 'failed';
  const next = nextPollAt(fetchedAt, {
    pollSeconds: source.pollSeconds,
    isFailure,
    failures: source.consecutiveFailures + 1,
    retryAfterMs: isFailure && 'retryAfterMs' in read ? read.retryAfterMs : undefined,
  });
  const outcome: FetchOutcomeKind = read.kind === 'read' ? 'fetched' : read.kind;
  const reason = read.kind === 'refused' || read.kind === 'failed' ? read.reason : null;
  const itemsSkipped = read.kind === 'read' ? read.itemsSkipped + (summary?.skipped ?? 0) : 0;
  const recorded = await context.writer.run(fetchedAt, async ({ trx }) => {
    // Disabled or deleted while it was fetched: nothing to record, no next poll.
    const current = await trx.selectFrom('ingest_sources').select(['url', 'enabled']).where('id', '=', source.id).executeTakeFirst();
    if (!current || !isPolled({ url: current.url, isEnabled: Number(current.enabled) === 1 })) return false;
    await recordFetch(trx, source.id, {
      outcome,
      httpStatus: outcome === 'fetched' ? 200 : outcome === 'not-modified' ? 304 : null,
      itemsNew: summary ? summary.added + summary.published : 0,
      itemsUpdated: summary?.updated ?? 0,
      itemsDuplicate: summary?.duplicates ?? 0,
      error: reason,
      durationMs: performance.now() - startedAt,
      fetchedAt: fetchedAt.toISOString(),
      nextPollAt: next.toISOString(),
      ...(read.kind === 'read' ? { etag: read.etag ?? null, lastModified: read.lastModified ?? null } : {}),
    });
    await schedulePoll(trx, source.id, next, fetchedAt);
    return true;
  });
  if (!recorded) return undefined;
  return { sourceId: source.id, sourceName: source.name, outcome, reason, summary, itemsSkipped, nextPollAt: next.toISOString() };
}
