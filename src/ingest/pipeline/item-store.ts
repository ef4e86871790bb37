import type { Kysely, Selectable } from 'kysely';
import type { IngestItemsTable, Schema, Transaction } from '../../storage/index.js';
import type { DuplicateSignature } from '../filing/index.js';
import type { IncomingItem, ItemStatus, ItemSuggestions } from './incoming-item.js';

/** An item as the desk and the pipeline read it. */
export interface StoredItem {
  id: number;
  sourceId: number;
  guid: string;
  status: ItemStatus;
  title: string;
  item: IncomingItem;
  originalUrl: string | null;
  suggestions: ItemSuggestions;
  duplicateOfId: number | null;
  duplicateScore: number | null;
  articleId: number | null;
  originalPublishedAt: string | null;
  originalUpdatedAt: string | null;
  receivedAt: string;
  revisedAt: string | null;
}

/** What is written when an item is first taken in. */
export interface NewItemRow {
  sourceId: number;
  guid: string;
  urlKey: string | null;
  contentHash: string;
  signature: DuplicateSignature;
  status: ItemStatus;
  item: IncomingItem;
  suggestions: ItemSuggestions;
  duplicateOfId: number | null;
  duplicateScore: number | null;
  versionTime: string | null;
  receivedAt: string;
}

/** The content columns a revision replaces. */
export interface ItemRevision {
  urlKey: string | null;
  contentHash: string;
  signature: DuplicateSignature;
  item: IncomingItem;
  suggestions: ItemSuggestions;
  versionTime: string;
}

function fromRow(row: Selectable<IngestItemsTable>): StoredItem {
  return {
    id: Number(row.id),
    sourceId: Number(row.source_id),
    guid: row.guid,
    status: row.status as ItemStatus,
    title: row.title,
    item: JSON.parse(row.input) as IncomingItem,
    originalUrl: row.original_url,
    suggestions: JSON.parse(row.suggestions) as ItemSuggestions,
    duplicateOfId: row.duplicate_of_id === null ? null : Number(row.duplicate_of_id),
    duplicateScore: row.duplicate_score === null ? null : Number(row.duplicate_score),
    articleId: row.article_id === null ? null : Number(row.article_id),
    originalPublishedAt: row.original_published_at,
    originalUpdatedAt: row.original_updated_at,
    receivedAt: row.received_at,
    revisedAt: row.revised_at,
  };
}

function contentColumns(row: Pick<NewItemRow, 'urlKey' | 'contentHash' | 'signature' | 'item' | 'suggestions'>) {
  return {
    url_key: row.urlKey,
    content_hash: row.contentHash,
    signature: JSON.stringify(row.signature),
    title: row.item.input.title.slice(0, 1000),
    // A body's seal holds only in the process that made it: the stored copy is sanitized (and its
    // text read) again when taken.
    input: JSON.stringify({ ...row.item, input: { ...row.item.input, bodySeal: undefined, bodyText: undefined } }),
    original_url: row.item.provenance.originalUrl?.slice(0, 2000) ?? null,
    suggestions: JSON.stringify(row.suggestions),
  };
}

/** The items a source already gave under these guids, by guid: id, version time, story. One query for a batch. */
export async function findItemsByGuids(trx: Kysely<Schema>, sourceId: number, guids: readonly string[]) {
  if (guids.length === 0) return new Map<string, { id: number; versionTime: string | null; articleId: number | null }>();
  const rows = await trx.selectFrom('ingest_items').select(['id', 'guid', 'original_updated_at', 'article_id']).where('source_id', '=', sourceId).where('guid', 'in', guids).execute();
  return new Map(rows.map((row) => [row.guid, { id: Number(row.id), versionTime: row.original_updated_at, articleId: row.article_id === null ? null : Number(row.article_id) }]));
}

/**
 * The originals (never themselves duplicates) of the first stored items with these content hashes
 * and normalised links: two maps, hash → id and link → id. Two queries for a batch.
 */
export async function findExactOriginals(trx: Transaction, contentHashes: readonly string[], urlKeys: readonly string[]) {
  const read = async (column: 'content_hash' | 'url_key', keys: readonly string[]) => {
    const found = new Map<string, number>();
    if (keys.length === 0) return found;
    const rows = await trx.selectFrom('ingest_items').select(['id', 'duplicate_of_id', column]).where(column, 'in', keys).orderBy('id').execute();
    for (const row of rows) {
      const key = row[column as 'content_hash'];
      if (key !== null && !found.has(key)) found.set(key, Number(row.duplicate_of_id ?? row.id));
    }
    return found;
  };
  return { byHash: await read('content_hash', contentHashes), byUrl: await read('url_key', urlKeys) };
}

/**
 * Inserts items, skipping any whose guid their source already has (another ingest stored it
 * first: the unique key decides); the ids of those inserted, by guid. One statement for a batch.
 */
export async function insertItems(trx: Transaction, rows: readonly NewItemRow[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const inserted = await trx
    .insertInto('ingest_items')
    .values(
      rows.map((row) => ({
        source_id: row.sourceId,
        guid: row.guid,
        ...contentColumns(row),
        status: row.status,
        duplicate_of_id: row.duplicateOfId,
        duplicate_score: row.duplicateScore,
        article_id: null,
        original_published_at: row.item.provenance.publishedAt ?? row.item.input.publishedAt ?? null,
        original_updated_at: row.versionTime,
        received_at: row.receivedAt,
        revised_at: null,
        decided_by_user_id: null,
        decided_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['source_id', 'guid']).doNothing())
    .returning(['id', 'guid'])
    .execute();
  return new Map(inserted.map((row) => [row.guid, Number(row.id)]));
}

/** Applies a source's revision, only while the stored version is older: a stale or repeated revision changes nothing (false). */
export async function reviseItem(trx: Transaction, id: number, revision: ItemRevision, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('ingest_items')
    .set({ ...contentColumns(revision), original_updated_at: revision.versionTime, revised_at: now.toISOString() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('original_updated_at', 'is', null), eb('original_updated_at', '<', revision.versionTime)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Moves an item from one status to another, only if it is still in the first (a conditional UPDATE:
 * two editors taking one item at once, one wins); records the story and who decided.
 */
export async function moveItem(
  trx: Transaction,
  id: number,
  from: ItemStatus,
  to: { status: ItemStatus; articleId?: number; userId: number | null; now: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('ingest_items')
    .set({ status: to.status, ...(to.articleId === undefined ? {} : { article_id: to.articleId }), decided_by_user_id: to.userId, decided_at: to.now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** One item by id. */
export async function findItem(db: Kysely<Schema>, id: number): Promise<StoredItem | undefined> {
  const row = await db.selectFrom('ingest_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** Signatures of originals taken in after an id and since a time, oldest first, at most `limit`: what the near-duplicate index must hold. */
export async function listSignaturesAfter(db: Kysely<Schema>, afterId: number, since: string, limit: number) {
  const rows = await db
    .selectFrom('ingest_items')
    .select(['id', 'signature', 'original_published_at', 'received_at'])
    .where('id', '>', afterId)
    .where('received_at', '>=', since)
    .where('status', '<>', 'duplicate')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    publishedAt: Date.parse(row.original_published_at ?? row.received_at) || Date.parse(row.received_at),
    signature: JSON.parse(row.signature) as DuplicateSignature,
  }));
}

/** The highest item id, or 0. */
export async function maxItemId(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('ingest_items').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** What the desk lists: originals newest first (filtered by source and status), each with its duplicates. */
export interface DeskFilter {
  sourceId?: number;
  status?: ItemStatus;
  /** Items received before this id only (the next page). */
  beforeId?: number;
}

/** A desk row: an item and the duplicates grouped under it. */
export interface DeskEntry {
  item: StoredItem;
  sourceName: string;
  duplicates: { item: StoredItem; sourceName: string }[];
}

/** Desk listing: at most `limit` originals (or duplicates, when filtering by that status), each with at most 20 duplicates. */
export async function listDeskEntries(db: Kysely<Schema>, filter: DeskFilter, limit: number): Promise<DeskEntry[]> {
  let query = db.selectFrom('ingest_items').innerJoin('ingest_sources', 'ingest_sources.id', 'ingest_items.source_id').selectAll('ingest_items').select('ingest_sources.name as source_name');
  if (filter.status) query = query.where('ingest_items.status', '=', filter.status);
  else query = query.where('ingest_items.status', '<>', 'duplicate');
  if (filter.sourceId !== undefined) query = query.where('ingest_items.source_id', '=', filter.sourceId);
  if (filter.beforeId !== undefined) query = query.where('ingest_items.id', '<', filter.beforeId);
  const rows = await query.orderBy('ingest_items.id', 'desc').limit(limit).execute();
  const ids = rows.map((row) => Number(row.id));
  const duplicates =
    ids.length === 0 || filter.status === 'duplicate'
      ? []
      : await db
          .selectFrom('ingest_items')
          .innerJoin('ingest_sources', 'ingest_sources.id', 'ingest_items.source_id')
          .selectAll('ingest_items')
          .select('ingest_sources.name as source_name')
          .where('ingest_items.duplicate_of_id', 'in', ids)
          .orderBy('ingest_items.id')
          .limit(ids.length * 20)
          .execute();
  return rows.map((row) => ({
    item: fromRow(row),
    sourceName: row.source_name,
    duplicates: duplicates.filter((d) => Number(d.duplicate_of_id) === Number(row.id)).map((d) => ({ item: fromRow(d), sourceName: d.source_name })),
  }));
}

/** Where a story came from: the item it was made from and the other sources that told the same story. */
export interface StoryProvenance {
  sourceName: string;
  originalUrl: string | null;
  receivedAt: string;
  /** What filing suggested when the item came in, with confidences. */
  suggestions: ItemSuggestions;
  alternates: { sourceName: string; title: string; originalUrl: string | null; score: number | null }[];
}

/** The provenance of a story made from an item, or undefined for a story written in the newsroom. */
export async function findStoryProvenance(db: Kysely<Schema>, articleId: number): Promise<StoryProvenance | undefined> {
  const origin = await db
    .selectFrom('ingest_items')
    .innerJoin('ingest_sources', 'ingest_sources.id', 'ingest_items.source_id')
    .select(['ingest_items.id', 'ingest_items.original_url', 'ingest_items.received_at', 'ingest_items.suggestions', 'ingest_sources.name'])
    .where('ingest_items.article_id', '=', articleId)
    .orderBy('ingest_items.id')
    .limit(1)
    .executeTakeFirst();
  if (!origin) return undefined;
  const alternates = await db
    .selectFrom('ingest_items')
    .innerJoin('ingest_sources', 'ingest_sources.id', 'ingest_items.source_id')
    .select(['ingest_items.title', 'ingest_items.original_url', 'ingest_items.duplicate_score', 'ingest_sources.name'])
    .where('ingest_items.duplicate_of_id', '=', Number(origin.id))
    .orderBy('ingest_items.id')
    .limit(50)
    .execute();
  return {
    sourceName: origin.name,
    originalUrl: origin.original_url,
    receivedAt: origin.received_at,
    suggestions: JSON.parse(origin.suggestions) as ItemSuggestions,
    alternates: alternates.map((a) => ({ sourceName: a.name, title: a.title, originalUrl: a.original_url, score: a.duplicate_score === null ? null : Number(a.duplicate_score) })),
  };
}
