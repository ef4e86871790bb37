import { findStoredArticleByUri, saveArticle, type ArticleInput, type StoredArticle } from '../../content/articles/index.js';
import { listSections } from '../../content/taxonomy/index.js';
import { htmlToText, slugify } from '../../content/text/index.js';
import { AppError } from '../../errors.js';
import type { Transaction, Work, Writer } from '../../storage/index.js';
import { fileStory, type FilingResult } from '../filing/index.js';
import { isNewerVersion, itemGuid, itemVersionTime, storyUriFor, tagsWithSuggestions, type IncomingItem, type ItemSuggestions } from './incoming-item.js';
import { catchUpDuplicateIndex, resetDuplicateIndex, type IngestTools } from './ingest-tools.js';
import { findExactOriginal, findItemByGuid, insertItem, moveItem, reviseItem } from './item-store.js';
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
// What the first paragraph of a body reads as the lead when the item has no dek.
const LEAD_CHARS = 600;

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
 * (source, guid) key backs it: one item, one row, one story.
 */
export async function ingestItems(writer: Writer, source: IngestSource, items: readonly IncomingItem[], tools: IngestTools, context: IngestContext): Promise<IngestSummary> {
  const summary: IngestSummary = { added: 0, published: 0, updated: 0, unchanged: 0, duplicates: 0, skipped: 0 };
  for (let start = 0; start < items.length; start += INGEST_BATCH) {
    const batch = items.slice(start, start + INGEST_BATCH);
    try {
      await writer.run(context.now, async (work) => {
        await work.lock('ingest');
        await catchUpDuplicateIndex(work.trx, tools, context.now);
        const sectionSlugs = new Set((await listSections(work.trx)).map((section) => section.slug));
        const before = { ...summary };
        for (const item of batch) summary[await ingestOne(work, source, item, { tools, context, sectionSlugs })] += 1;
        await countItemsTaken(work.trx, source.id, summary.added + summary.published - before.added - before.published);
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
}

async function ingestOne(work: Work, source: IngestSource, item: IncomingItem, { tools, context, sectionSlugs }: BatchContext): Promise<Outcome> {
  const { trx } = work;
  const guid = itemGuid(item);
  if (!guid || !item.input.title.trim()) return 'skipped';
  const versionTime = itemVersionTime(item);
  const known = await findItemByGuid(trx, source.id, guid);
  if (known) {
    if (!isNewerVersion(known.versionTime, versionTime)) return 'unchanged';
    const filing = fileItem(item, tools);
    if (!(await reviseItem(trx, known.id, { ...keysOf(filing), item, suggestions: suggestionsOf(filing), versionTime: versionTime! }, context.now))) return 'unchanged';
    if (known.articleId !== null) await reviseStory(work, known.articleId, item, context);
    return 'updated';
  }

  const filing = fileItem(item, tools);
  const { urlKey, contentHash, signature } = keysOf(filing);
  const exactOriginal = await findExactOriginal(trx, urlKey, contentHash);
  const near = exactOriginal === undefined ? filing.nearDuplicate : undefined;
  const duplicateOfId = exactOriginal ?? (near ? Number(near.id) : null);
  const base = { sourceId: source.id, guid, urlKey, contentHash, signature, item, suggestions: suggestionsOf(filing), versionTime, receivedAt: context.now.toISOString() };
  if (duplicateOfId !== null) {
    const id = await insertItem(trx, { ...base, status: 'duplicate', duplicateOfId, duplicateScore: exactOriginal !== undefined ? 1 : near!.score });
    return id === undefined ? 'unchanged' : 'duplicates';
  }
  const id = await insertItem(trx, { ...base, status: 'incoming', duplicateOfId: null, duplicateScore: null });
  // Another ingest stored this guid first: its row stands, this one adds nothing.
  if (id === undefined) return 'unchanged';
  tools.filing.duplicates.add(String(id), Date.parse(item.provenance.publishedAt ?? '') || context.now.getTime(), signature);
  tools.heldThroughId = Math.max(tools.heldThroughId, id);
  if (source.policy !== 'publish') return 'added';
  const input = storyInputFor(source, item, guid, base.suggestions, 'published', sectionSlugs);
  let saved;
  try {
    saved = await saveArticle(work, input, { now: context.now, timeZone: context.timeZone, actor: `ingest:${source.name}`, note: `Published from ${source.name}` });
  } catch (error) {
    // Copy the site refuses (a body past its limits): it waits on the desk for an editor instead of stopping the batch.
    if (error instanceof AppError && error.kind === 'invalid') return 'added';
    throw error;
  }
  await moveItem(trx, id, 'incoming', { status: 'published', articleId: saved.id, userId: null, now: context.now });
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

function fileItem(item: IncomingItem, tools: IngestTools): FilingResult {
  const bodyText = htmlToText(item.input.bodyHtml);
  return fileStory(
    {
      headline: item.input.title,
      lead: item.input.dek || bodyText.slice(0, LEAD_CHARS),
      bodyText,
      publishedAt: Date.parse(item.provenance.publishedAt ?? item.input.publishedAt ?? '') || Date.now(),
      url: item.provenance.originalUrl,
    },
    tools.filing,
  );
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
