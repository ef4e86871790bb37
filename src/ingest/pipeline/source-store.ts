import type { Kysely, Selectable } from 'kysely';
import type { IngestSourcesTable, Schema, Transaction } from '../../storage/index.js';
import type { IngestPolicy } from './incoming-item.js';

/** What a person sets on a source. */
export interface SourceSettings {
  name: string;
  url: string;
  /** rss · atom · json · ninjs, or null to detect. */
  format: string | null;
  pollSeconds: number;
  defaultSection: string | null;
  policy: IngestPolicy;
  credit: string;
  isEnabled: boolean;
}

/** A source of copy, as the pipeline and the newsroom see it: its settings and how its fetches went. */
export interface IngestSource extends SourceSettings {
  id: number;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  itemsTaken: number;
  nextPollAt: string | null;
  consecutiveFailures: number;
  /** The last fetch's validators, for the next conditional GET. */
  etag: string | null;
  lastModified: string | null;
}

function fromRow(row: Selectable<IngestSourcesTable>): IngestSource {
  return {
    id: Number(row.id),
    name: row.name,
    url: row.url,
    format: row.format,
    pollSeconds: Number(row.poll_seconds),
    defaultSection: row.default_section,
    policy: row.policy === 'publish' ? 'publish' : 'draft',
    credit: row.credit,
    isEnabled: Number(row.enabled) === 1,
    lastSuccessAt: row.last_success_at,
    lastErrorAt: row.last_error_at,
    lastError: row.last_error,
    itemsTaken: Number(row.items_taken),
    nextPollAt: row.next_poll_at,
    consecutiveFailures: Number(row.consecutive_failures),
    etag: row.etag,
    lastModified: row.last_modified,
  };
}

function toRow(settings: SourceSettings) {
  return {
    name: settings.name,
    url: settings.url,
    format: settings.format,
    poll_seconds: settings.pollSeconds,
    default_section: settings.defaultSection,
    policy: settings.policy,
    credit: settings.credit,
    enabled: settings.isEnabled ? 1 : 0,
  };
}

/** Every source, by name. */
export async function listSources(db: Kysely<Schema>): Promise<IngestSource[]> {
  return (await db.selectFrom('ingest_sources').selectAll().orderBy('name').execute()).map(fromRow);
}

/** One source by id. */
export async function findSource(db: Kysely<Schema>, id: number): Promise<IngestSource | undefined> {
  const row = await db.selectFrom('ingest_sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** One source by its name. */
export async function findSourceByName(db: Kysely<Schema>, name: string): Promise<IngestSource | undefined> {
  const row = await db.selectFrom('ingest_sources').selectAll().where('name', '=', name).executeTakeFirst();
  return row && fromRow(row);
}

/** How many sources exist. */
export async function countSources(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('ingest_sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts a source unless one of that name exists (then undefined): the unique name decides, not a read before. */
export async function insertSource(db: Kysely<Schema>, settings: SourceSettings, now: Date): Promise<number | undefined> {
  const row = await db
    .insertInto('ingest_sources')
    .values({ ...toRow(settings), created_at: now.toISOString(), updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row && Number(row.id);
}

/** Changes a source's settings; false when it no longer exists. */
export async function updateSource(db: Kysely<Schema>, id: number, settings: SourceSettings, now: Date): Promise<boolean> {
  const result = await db.updateTable('ingest_sources').set({ ...toRow(settings), updated_at: now.toISOString() }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Deletes a source with its items and fetch log (stories made from its items stay); its name, or
 * undefined if gone. Other sources' copies of its items lose their original and stand alone on the desk.
 */
export async function deleteSource(db: Kysely<Schema>, id: number): Promise<string | undefined> {
  const itemsOfSource = db.selectFrom('ingest_items').select('id').where('source_id', '=', id);
  await db.updateTable('ingest_items').set({ status: 'incoming', duplicate_of_id: null, duplicate_score: null }).where('source_id', '<>', id).where('duplicate_of_id', 'in', itemsOfSource).execute();
  await db.deleteFrom('ingest_items').where('source_id', '=', id).execute();
  await db.deleteFrom('ingest_fetches').where('source_id', '=', id).execute();
  const row = await db.deleteFrom('ingest_sources').where('id', '=', id).returning('name').executeTakeFirst();
  return row?.name;
}

/** Adds to a source's count of items taken in. */
export async function countItemsTaken(db: Kysely<Schema>, id: number, added: number): Promise<void> {
  if (added > 0) await db.updateTable('ingest_sources').set((eb) => ({ items_taken: eb('items_taken', '+', added) })).where('id', '=', id).execute();
}

/** What a fetch came to: copy read, nothing new (304), refused by our rules, or not delivered by the other side. */
export type FetchOutcomeKind = 'fetched' | 'not-modified' | 'refused' | 'failed';

/** One fetch's outcome, as a source's page lists it. */
export interface SourceFetch {
  outcome: FetchOutcomeKind;
  httpStatus: number | null;
  itemsNew: number;
  itemsUpdated: number;
  itemsDuplicate: number;
  error: string | null;
  durationMs: number;
  fetchedAt: string;
}

/** A source's latest fetches, newest first. */
export async function listFetches(db: Kysely<Schema>, sourceId: number, limit: number): Promise<SourceFetch[]> {
  const rows = await db.selectFrom('ingest_fetches').selectAll().where('source_id', '=', sourceId).orderBy('fetched_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    outcome: row.outcome as FetchOutcomeKind,
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    itemsNew: Number(row.items_new),
    itemsUpdated: Number(row.items_updated),
    itemsDuplicate: Number(row.items_duplicate),
    error: row.error,
    durationMs: Number(row.duration_ms),
    fetchedAt: row.fetched_at,
  }));
}

/** Fetches kept per source: the log stays bounded however often a source is polled. */
export const FETCHES_KEPT = 100;

/**
 * Records a fetch's outcome and the source's state after it (last success or error, the failures
 * in a row, the validators for the next conditional GET, when to poll next), and drops the
 * source's fetches beyond the newest 100. Runs inside the caller's transaction.
 */
export async function recordFetch(
  trx: Transaction,
  sourceId: number,
  fetch: SourceFetch & { etag?: string | null; lastModified?: string | null; nextPollAt: string },
): Promise<void> {
  await trx
    .insertInto('ingest_fetches')
    .values({
      source_id: sourceId,
      outcome: fetch.outcome,
      http_status: fetch.httpStatus,
      items_new: fetch.itemsNew,
      items_updated: fetch.itemsUpdated,
      items_duplicate: fetch.itemsDuplicate,
      error: fetch.error?.slice(0, 500) ?? null,
      duration_ms: Math.round(fetch.durationMs),
      fetched_at: fetch.fetchedAt,
    })
    .execute();
  const isError = fetch.outcome === 'refused' || fetch.outcome === 'failed';
  await trx
    .updateTable('ingest_sources')
    .set((eb) => ({
      next_poll_at: fetch.nextPollAt,
      ...(isError
        ? { last_error_at: fetch.fetchedAt, last_error: fetch.error?.slice(0, 500) ?? 'failed', consecutive_failures: eb('consecutive_failures', '+', 1) }
        : { last_success_at: fetch.fetchedAt, consecutive_failures: 0, ...(fetch.etag !== undefined ? { etag: fetch.etag } : {}), ...(fetch.lastModified !== undefined ? { last_modified: fetch.lastModified } : {}) }),
    }))
    .where('id', '=', sourceId)
    .execute();
  const keptFrom = await trx.selectFrom('ingest_fetches').select('id').where('source_id', '=', sourceId).orderBy('id', 'desc').offset(FETCHES_KEPT).limit(1).executeTakeFirst();
  if (keptFrom) await trx.deleteFrom('ingest_fetches').where('source_id', '=', sourceId).where('id', '<=', Number(keptFrom.id)).execute();
}
