import type { Kysely } from 'kysely';
import { createTaxonomyMemo, findStoredArticleByUri, saveArticle, type ArticleInput, type StoredArticle, type TaxonomyMemo } from '../../content/articles/index.js';
import { listSections } from '../../content/taxonomy/index.js';
import { slugify } from '../../content/text/index.js';
import { AppError } from '../../errors.js';
import type { Schema, Transaction, Work, Writer } from '../../storage/index.js';
import type { FilingResult, StoryDescription } from '../filing/index.js';
import { describeItem, type ItemCopy } from './describe-item.js';
import { isNewerVersion, itemGuid, itemVersionTime, storyUriFor, tagsWithSuggestions, type IncomingItem, type ItemSuggestions } from './incoming-item.js';
import { catchUpDuplicateIndex, resetDuplicateIndex, type IngestTools } from './ingest-tools.js';
import { findExactOriginals, findItemsByGuids, insertItems, moveItem, reviseItem, type NewItemRow } from './item-store.js';
import { countItemsTaken, type IngestSource } from './source-store.js';

/** What one ingest did with its items. */
export interface IngestSummary {
  /** New originals: waiting on the desk, or published (policy publish). */
  added: number;
  published: number;
  /** Revisions by their source applied in place (their stories too). */
  updated: number;
  /** Seen before at the same version. */
  unchanged: number;
  /** Exact or near duplicates, grouped under their original. */
  duplicates: number;
  /** Items with neither guid nor title: nothing to keep. */
  skipped: number;
}

/** Items per unit of work: one transaction per batch keeps a large drop from holding the write lock for long. */
export const INGEST_BATCH = 250;

/** Who ingests and how times map to story URLs. */
export interface IngestContext {
  now: Date;
  timeZone: string;
}

/**
 * Takes a source's items in through the one write path, in batches of 250 per unit of work. Per
 * item: the same guid again is a revision when its time is newer (the item and its story are
 * updated in place) and nothing otherwise; else its exact keys (normalised link, content hash)
 * or its near-duplicate in the window make it a duplicate of that original (an alternate source of
 * its story); else it is a new original, filed with suggestions and, by the source's policy,
 * left on the desk or published at once. Each batch holds the `ingest` lock (PostgreSQL: two
 * instances take turns; their index first reads what the other stored), and the unique
 * (source, guid) key backs it: one item, one row, one story. A batch looks its guids up once
 * before its transaction (to describe only new items there) and its items up in three queries in
 * it, and writes them in two, whatever its size, so the filing sets the pace, not round trips.
 */
export async function ingestItems(writer: Writer, source: IngestSource, items: readonly IncomingItem[], tools: IngestTools, context: IngestContext): Promise<IngestSummary> {
  const summary: IngestSummary = { added: 0, published: 0, updated: 0, unchanged: 0, duplicates: 0, skipped: 0 };
  const batches: IncomingItem[][] = [];
  for (let start = 0; start < items.length; start += INGEST_BATCH) batches.push(items.slice(start, start + INGEST_BATCH));
  // Described before the transaction (in slices, or in the describing threads): the write lock
  // (and SQLite's one connection) is held only for the look-ups and writes, and the event loop is
  // never held for a whole batch. With threads, the next batch is described while this one is
  // written (on the event loop that would only hold the transaction open longer).
  let describing: Promise<Map<IncomingItem, StoryDescription>> | undefined;
  for (const [n, batch] of batches.entries()) {
    const described = await (describing ?? describeNewItems(writer.db, source, batch, tools));
    describing = tools.describer && n + 1 < batches.length ? describeNewItems(writer.db, source, batches[n + 1]!, tools) : undefined;
    // Awaited at the next batch; a batch that fails first leaves it unawaited, which must not crash the process.
    describing?.catch(() => undefined);
    try {
      await writer.run(context.now, async (work) => {
        await work.lock('ingest');
        await catchUpDuplicateIndex(work.trx, tools, context.now);
        // The batch's stories read the site's sections, bylines and tags once, not once a story.
        const taxonomy = { ...createTaxonomyMemo(), sections: await listSections(work.trx) };
        const sectionSlugs = new Set(taxonomy.sections.map((section) => section.slug));
        const outcomes = await ingestBatch(work, source, batch, { tools, context, sectionSlugs, described, taxonomy });
        for (const outcome of outcomes) summary[outcome] += 1;
        await countItemsTaken(work.trx, source.id, outcomes.filter((o) => o === 'added' || o === 'published').length);
      });
    } catch (error) {
      // The batch rolled back: the index may hold items that were never stored, so it is read again.
      resetDuplicateIndex(tools);
      throw error;
    }
  }
  return summary;
}

type Outcome = keyof IngestSummary;

interface BatchContext {
  tools: IngestTools;
  context: IngestContext;
  /** The site's sections: an item's own section is kept only when the site has it. */
  sectionSlugs: ReadonlySet<string>;
  /** Items described before the transaction (new when looked at); any other is described when filed. */
  described: ReadonlyMap<IncomingItem, StoryDescription>;
  /** What the batch's saves have looked up of the taxonomy. */
  taxonomy: TaxonomyMemo;
}

/** A new item's place in the batch: an original, or a duplicate of a stored item or of an original earlier in the batch. */
type Decision = { kind: 'original'; row: NewItemRow } | { kind: 'duplicate'; row: NewItemRow; of: { storedId: number } | { batchGuid: string }; score: number };

// The longest the event loop is held filing items before it lets others run.
const DESCRIBE_SLICE_MS = 20;

/**
 * Describes (keys, signature, suggestions: the filing that needs no index) the items of a batch
 * whose guids the source has not stored yet: in the describing threads when the tools have them,
 * else here, yielding to the event loop every 20 ms. Items seen before are left out: a poll that
 * brings nothing new costs one query.
 */
async function describeNewItems(db: Kysely<Schema>, source: IngestSource, batch: readonly IncomingItem[], tools: IngestTools): Promise<Map<IncomingItem, StoryDescription>> {
  const usable = batch.filter((item) => itemGuid(item) && item.input.title.trim());
  const known = await findItemsByGuids(db, source.id, [...new Set(usable.map(itemGuid))]);
  const fresh = usable.filter((item) => !known.has(itemGuid(item)));
  if (tools.describer && fresh.length > 0) {
    const descriptions = await tools.describer.describe(tools.settings, fresh.map(copyOf));
    return new Map(fresh.map((item, n) => [item, descriptions[n]!]));
  }
  const described = new Map<IncomingItem, StoryDescription>();
  let sliceStart = performance.now();
  for (const item of fresh) {
    sliceStart = await yieldAfterSlice(sliceStart);
    described.set(item, describeItem(copyOf(item), tools.filing));
  }
  return described;
}

/**
 * Lets the event loop run when the current slice has held it 20 ms; the next slice's start. On
 * SQLite every query of a transaction resolves at once, so without this a whole batch would run as
 * one block.
 */
async function yieldAfterSlice(sliceStart: number): Promise<number> {
  if (performance.now() - sliceStart <= DESCRIBE_SLICE_MS) return sliceStart;
  await new Promise((resolve) => setImmediate(resolve));
  return performance.now();
}

// Rows per insert statement: a statement runs in one go (SQLite in this thread).
const INSERT_SLICE = 50;

/** `insertItems` 50 rows at a time, letting the event loop run between statements. */
async function insertInSlices(trx: Transaction, rows: readonly NewItemRow[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let start = 0; start < rows.length; start += INSERT_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const [guid, id] of await insertItems(trx, rows.slice(start, start + INSERT_SLICE))) ids.set(guid, id);
  }
  return ids;
}

function copyOf(item: IncomingItem): ItemCopy {
  return { title: item.input.title, dek: item.input.dek, bodyHtml: item.input.bodyHtml, bodyText: item.input.bodyText, url: item.provenance.originalUrl };
}

async function ingestBatch(work: Work, source: IngestSource, batch: readonly IncomingItem[], batchContext: BatchContext): Promise<Outcome[]> {
  const { trx } = work;
  const { tools, context } = batchContext;
  const outcomes: Outcome[] = [];
  const usable = batch.filter((item) => itemGuid(item) && item.input.title.trim());
  for (let n = usable.length; n < batch.length; n++) outcomes.push('skipped');
  const known = await findItemsByGuids(trx, source.id, [...new Set(usable.map(itemGuid))]);

  // Items seen before: revisions are applied one by one (rare); the rest are filed for the decisions below.
  const fresh: { item: IncomingItem; guid: string; filing: FilingResult }[] = [];
  const seenGuids = new Set<string>();
  let sliceStart = performance.now();
  for (const item of usable) {
    sliceStart = await yieldAfterSlice(sliceStart);
    const guid = itemGuid(item);
    const stored = known.get(guid);
    if (stored) {
      outcomes.push(await reviseIfNewer(work, stored, item, tools, context));
    } else if (seenGuids.has(guid)) {
      outcomes.push('unchanged');
    } else {
      seenGuids.add(guid);
      fresh.push({ item, guid, filing: fileItem(item, tools, context, batchContext.described.get(item)) });
    }
  }
  const exact = await findExactOriginals(
    trx,
    fresh.map((f) => f.filing.keys.contentHash),
    fresh.flatMap((f) => (f.filing.keys.url === undefined ? [] : [keysOf(f.filing).urlKey!])),
  );

  // Decided in order, so a copy later in the batch finds an original earlier in it (exactly, or
  // in the index, where batch originals wait under a provisional id until stored).
  const batchHashes = new Map<string, string>();
  const batchUrls = new Map<string, string>();
  const decisions: Decision[] = [];
  for (const { item, guid, filing } of fresh) {
    const keys = keysOf(filing);
    const row: NewItemRow = { sourceId: source.id, guid, ...keys, item, suggestions: suggestionsOf(filing), status: 'incoming', duplicateOfId: null, duplicateScore: null, versionTime: itemVersionTime(item), receivedAt: context.now.toISOString() };
    const storedOriginal = exact.byHash.get(keys.contentHash) ?? (keys.urlKey === null ? undefined : exact.byUrl.get(keys.urlKey));
    const batchOriginal = batchHashes.get(keys.contentHash) ?? (keys.urlKey === null ? undefined : batchUrls.get(keys.urlKey));
    const near = storedOriginal === undefined && batchOriginal === undefined ? filing.nearDuplicate : undefined;
    if (storedOriginal !== undefined) decisions.push({ kind: 'duplicate', row, of: { storedId: storedOriginal }, score: 1 });
    else if (batchOriginal !== undefined) decisions.push({ kind: 'duplicate', row, of: { batchGuid: batchOriginal }, score: 1 });
    else if (near) decisions.push({ kind: 'duplicate', row, of: near.id.startsWith(PENDING) ? { batchGuid: near.id.slice(PENDING.length) } : { storedId: Number(near.id) }, score: near.score });
    else {
      decisions.push({ kind: 'original', row });
      batchHashes.set(keys.contentHash, guid);
      if (keys.urlKey !== null) batchUrls.set(keys.urlKey, guid);
      tools.filing.duplicates.add(PENDING + guid, publishedTime(item, context), keys.signature);
    }
  }

  // Originals first, so their copies can point at them; an original another ingest stored first adds nothing here.
  const originals = decisions.filter((d) => d.kind === 'original');
  const originalIds = await insertInSlices(trx, originals.map((d) => d.row));
  for (const { row } of originals) {
    const id = originalIds.get(row.guid);
    if (id === undefined) {
      tools.filing.duplicates.remove(PENDING + row.guid);
    } else {
      tools.filing.duplicates.rename(PENDING + row.guid, String(id));
      tools.heldThroughId = Math.max(tools.heldThroughId, id);
    }
  }
  const copies = decisions.flatMap((d) => {
    if (d.kind !== 'duplicate') return [];
    const duplicateOfId = 'storedId' in d.of ? d.of.storedId : originalIds.get(d.of.batchGuid);
    return duplicateOfId === undefined ? [] : [{ ...d.row, status: 'duplicate' as const, duplicateOfId, duplicateScore: d.score }];
  });
  const copyIds = await insertInSlices(trx, copies);
  for (const decision of decisions) {
    const id = (decision.kind === 'original' ? originalIds : copyIds).get(decision.row.guid);
    if (id === undefined) outcomes.push('unchanged');
    else if (decision.kind === 'duplicate') outcomes.push('duplicates');
    else outcomes.push(source.policy === 'publish' ? await publishItem(work, source, id, decision.row, batchContext) : 'added');
  }
  return outcomes;
}

// Index ids of originals decided in this batch and not yet stored.
const PENDING = 'pending:';

function publishedTime(item: IncomingItem, context: IngestContext): number {
  return Date.parse(item.provenance.publishedAt ?? item.input.publishedAt ?? '') || context.now.getTime();
}

/** A stored item seen again: revised in place (its story too) when its source gives a newer time. */
async function reviseIfNewer(work: Work, stored: { id: number; versionTime: string | null; articleId: number | null }, item: IncomingItem, tools: IngestTools, context: IngestContext): Promise<Outcome> {
  const versionTime = itemVersionTime(item);
  if (!isNewerVersion(stored.versionTime, versionTime)) return 'unchanged';
  const filing = fileItem(item, tools, context);
  if (!(await reviseItem(work.trx, stored.id, { ...keysOf(filing), item, suggestions: suggestionsOf(filing), versionTime: versionTime! }, context.now))) return 'unchanged';
  if (stored.articleId !== null) await reviseStory(work, stored.articleId, item, context);
  return 'updated';
}

/** Policy publish: the new original goes live at once as a story with the source's credit. */
async function publishItem(work: Work, source: IngestSource, id: number, row: NewItemRow, { context, sectionSlugs, taxonomy }: BatchContext): Promise<Outcome> {
  const input = storyInputFor(source, row.item, row.guid, row.suggestions, 'published', sectionSlugs);
  let saved;
  try {
    saved = await saveArticle(work, input, { now: context.now, timeZone: context.timeZone, actor: `ingest:${source.name}`, note: `Published from ${source.name}`, taxonomy });
  } catch (error) {
    // Copy the site refuses (a body past its limits): it waits on the desk for an editor instead of stopping the batch.
    if (error instanceof AppError && error.kind === 'invalid') return 'added';
    throw error;
  }
  await moveItem(work.trx, id, 'incoming', { status: 'published', articleId: saved.id, userId: null, now: context.now });
  if (saved.outcome === 'created') work.emit({ type: 'article.published', articleId: saved.id });
  return 'published';
}

/** The story input an item becomes: its copy, the source's credit, its link as canonical, and the suggested section, topics and tickers. */
export function storyInputFor(
  source: IngestSource,
  item: IncomingItem,
  guid: string,
  suggestions: ItemSuggestions,
  status: ArticleInput['status'],
  sectionSlugs: ReadonlySet<string>,
): ArticleInput {
  const ownSection = item.input.section && sectionSlugs.has(slugify(item.input.section)) ? item.input.section : null;
  return {
    ...item.input,
    uri: storyUriFor(source.id, item, guid),
    status,
    section: source.defaultSection ?? ownSection ?? suggestions.sections[0]?.value ?? null,
    tags: tagsWithSuggestions(item.input, suggestions),
    canonicalUrl: item.provenance.originalUrl ?? item.input.canonicalUrl ?? null,
    source: source.credit || source.name,
    publishedAt: status === 'published' ? (item.provenance.publishedAt ?? item.input.publishedAt ?? null) : null,
    updatedAt: status === 'published' ? (item.provenance.updatedAt ?? item.input.updatedAt ?? null) : null,
  };
}

/** Files an item: its description (made now unless given) and its near duplicate in the index as it stands. */
function fileItem(item: IncomingItem, tools: IngestTools, context: IngestContext, described?: StoryDescription): FilingResult {
  const description = described ?? describeItem(copyOf(item), tools.filing);
  return { ...description, nearDuplicate: tools.filing.duplicates.findNearDuplicate(description.signature, publishedTime(item, context)) };
}

function keysOf(filing: FilingResult) {
  return { urlKey: filing.keys.url?.slice(0, 2000) ?? null, contentHash: filing.keys.contentHash, signature: filing.signature };
}

function suggestionsOf(filing: FilingResult): ItemSuggestions {
  return { sections: filing.sections, topics: filing.topics.slice(0, 20), tickers: filing.tickers.slice(0, 20) };
}

/**
 * A source revised an item that is already a story: its copy (headline, dek, body, link, times)
 * replaces the story's, and everything the newsroom decided (status, section, tags, bylines) stays.
 */
async function reviseStory(work: Work, articleId: number, item: IncomingItem, context: IngestContext): Promise<void> {
  const story = await findStoryById(work.trx, articleId);
  if (!story) return;
  await saveArticle(
    work,
    {
      ...storedAsInput(story),
      title: item.input.title,
      dek: item.input.dek,
      bodyHtml: item.input.bodyHtml,
      bodySeal: item.input.bodySeal,
      bodyText: item.input.bodyText,
      canonicalUrl: item.provenance.originalUrl ?? story.canonicalUrl,
      updatedAt: story.status === 'published' ? (item.provenance.updatedAt ?? item.input.updatedAt ?? null) : story.updatedAt,
    },
    { now: context.now, timeZone: context.timeZone, actor: 'ingest', note: 'Revised by its source' },
  );
}

async function findStoryById(trx: Transaction, id: number): Promise<StoredArticle | undefined> {
  const row = await trx.selectFrom('articles').select('uri').where('id', '=', id).executeTakeFirst();
  return row && findStoredArticleByUri(trx, row.uri);
}

function storedAsInput(story: StoredArticle): ArticleInput {
  return {
    uri: story.uri,
    slug: story.slug,
    status: story.status,
    title: story.title,
    dek: story.dek,
    excerpt: story.excerpt,
    bodyHtml: story.bodyHtml,
    section: story.sectionSlug,
    bylines: story.bylines,
    tags: story.tags,
    canonicalUrl: story.canonicalUrl,
    source: story.source,
    language: story.language,
    publishedAt: story.publishedAt,
    updatedAt: story.updatedAt,
  };
}
