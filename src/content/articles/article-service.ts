import { AppError } from '../../errors.js';
import type { Transaction, Work } from '../../storage/index.js';
import { findOrCreateAuthor, findOrCreateTag, listSections, type Author, type Section, type StoredTag } from '../taxonomy/index.js';
import { cleanText, countWords, deriveTeaser, htmlToText, slugify } from '../text/index.js';
import { isPublic, type ArticleInput, type StoredArticle } from './article.js';
import {
  cacheKeysOfStory,
  findArticleIdByUri,
  findStoredArticleByUri,
  insertArticleWithFreeSlug,
  insertRevision,
  isSlugTaken,
  loadPublicFootprint,
  recordFormerPath,
  replaceArticleLinks,
  updateArticleAtRevision,
  type ArticleRow,
} from './article-store.js';
import { cacheKeysForChange, type PublicFootprint } from './public-footprint.js';
import { formatDisplayTime } from './publication-time.js';
import { calendarDate, toStoredTime } from './publication-time.js';
import { isSealedBody } from './body-seal.js';
import { sanitizeBodyHtml } from './sanitize-body.js';

/** Who is saving, when, and how times map to URLs. */
export interface SaveContext {
  now: Date;
  timeZone: string;
  actor: string;
  note?: string;
  /**
   * People a byline name resolves to before any other author of that name (two newsroom accounts
   * may share a name, each with its own author): the story's current authors, the acting user's own.
   */
  knownAuthors?: readonly Author[];
  /**
   * The revision the change was based on (the editor's): the row is updated only while it is still
   * at that revision, else STORY_CONFLICT. Without it, the revision read in this transaction.
   */
  expectedRevision?: number;
  /** Sections, bylines and tags this unit of work has read already (see {@link createTaxonomyMemo}). */
  taxonomy?: TaxonomyMemo;
}

/**
 * The sections, bylines and tags a unit of work saving many stories (an ingest batch) has looked
 * up: each is read once in it instead of once a story. Made for one unit of work (its rows are as
 * that transaction sees them) that renames and removes none of them.
 */
export interface TaxonomyMemo {
  sections?: Section[];
  authors: Map<string, Author>;
  tags: Map<string, StoredTag>;
}

export function createTaxonomyMemo(): TaxonomyMemo {
  return { authors: new Map(), tags: new Map() };
}

/** What a save did. */
export interface SaveResult {
  id: number;
  outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * Creates or updates the story with input.uri, inside the caller's unit of work: sanitizes the
 * body, derives teaser and word count, fixes the URL date at first publication, writes the row
 * only if it is still at the expected revision (else STORY_CONFLICT), records a revision, names
 * the cache keys from what the public saw before and sees after (a draft's save dirties nothing),
 * and has its search entry refreshed in the same transaction (only published stories are found).
 * Saving an identical version changes nothing.
 */
export async function saveArticle(work: Work, input: ArticleInput, context: SaveContext): Promise<SaveResult> {
  const { trx } = work;
  const { taxonomy } = context;
  const section = await resolveSection(trx, input.section, taxonomy);
  const existing = await loadForUpdate(work, input.uri);
  const candidate = prepareArticle(input, section, existing, context);
  // Names resolve to the stored people and tags first, so spelling variants don't count as changes.
  // One at a time: two names with one slug must find the row the first one created.
  const authors: Author[] = [];
  for (const name of candidate.bylines) {
    authors.push(knownAuthorNamed(context.knownAuthors, name) ?? (await remembered(taxonomy?.authors, name, () => findOrCreateAuthor(trx, name, context.now))));
  }
  const tags: StoredTag[] = [];
  for (const tag of candidate.tags) tags.push(await remembered(taxonomy?.tags, tag.name, () => findOrCreateTag(trx, tag.kind, tag.name)));
  const linkedAuthors = uniqueBy(authors, (a) => a.id);
  const linkedTags = uniqueBy(tags, (t) => t.id);
  candidate.bylines = linkedAuthors.map((author) => author.name);
  candidate.tags = linkedTags.map((tag) => ({ kind: tag.kind, name: tag.name }));
  const expectedRevision = context.expectedRevision ?? existing?.revision;
  if (existing && isSameVersion(existing, candidate)) {
    // Nothing is written, but a save based on an older revision still hears that someone else saved.
    if (expectedRevision !== existing.revision) throw storyConflict(existing, context.timeZone);
    return { id: existing.id, outcome: 'unchanged' };
  }

  const before = existing && isPublic(existing.status) ? await loadPublicFootprint(trx, existing.id) : null;
  let id: number;
  if (existing) {
    id = existing.id;
    // A slug change looks its new slug up holding a lock on it, so two stories moving to one slug
    // at once take it in turn (the unique index backs it).
    if (candidate.slug !== existing.slug) await work.lock(`slug:${candidate.slug}`);
    candidate.slug = await chooseFreeSlug(trx, candidate.slug, id);
    const row = toRow(candidate, section);
    // The row's revision decides, not what was read: a save that lost the race changes nothing.
    const isUpdated = await updateArticleAtRevision(trx, id, expectedRevision!, row);
    if (!isUpdated) throw storyConflict((await findStoredArticleByUri(trx, input.uri)) ?? existing, context.timeZone);
    if (existing.urlDate && (existing.slug !== candidate.slug || existing.urlDate !== candidate.urlDate)) {
      await recordFormerPath(trx, id, existing.urlDate, existing.slug, context.now);
    }
  } else {
    ({ id, slug: candidate.slug } = await insertArticleWithFreeSlug(trx, toRow(candidate, section)));
  }
  await replaceArticleLinks(trx, id, linkedAuthors.map((a) => a.id), linkedTags.map((t) => t.id), { isNew: !existing });
  await insertRevision(trx, {
    articleId: id,
    revision: candidate.revision,
    snapshot: { ...candidate, id },
    note: context.note ?? (existing ? 'Updated' : 'Created'),
    createdBy: context.actor,
    now: context.now,
  });
  const after: PublicFootprint | null = isPublic(candidate.status)
    ? { id, sectionSlug: section.slug, tagSlugs: linkedTags.map((t) => t.slug), authorSlugs: linkedAuthors.map((a) => a.slug) }
    : null;
  work.dirty(cacheKeysForChange(before, after));
  // Indexed as it now stands if published, taken out of the index if not, before the commit.
  work.reindex([id]);
  return { id, outcome: existing ? 'updated' : 'created' };
}

/**
 * The stored story with this uri, read holding its lock: `story:ID`, the one every newsroom step
 * and the scheduler take, or for a uri not stored yet `uri:…`. So two saves of one story from
 * different processes (two imports of one wire item, an import and the newsroom) take turns on
 * PostgreSQL as they do on SQLite: the second reads what the first committed, instead of failing
 * on the unique uri or on the revision the first one moved.
 */
async function loadForUpdate(work: Work, uri: string): Promise<StoredArticle | undefined> {
  const seenId = await findArticleIdByUri(work.trx, uri);
  await work.lock(seenId === undefined ? `uri:${uri}` : `story:${seenId}`);
  const current = await findStoredArticleByUri(work.trx, uri);
  if (seenId !== undefined || !current) return current;
  // Created by another process while this one waited: take its story lock too, then read it as it stands.
  await work.lock(`story:${current.id}`);
  return findStoredArticleByUri(work.trx, uri);
}

/** The answer to a save based on a revision that is no longer the story's latest. */
export function storyConflict(current: Pick<StoredArticle, 'revision' | 'modifiedAt'>, timeZone: string): AppError {
  const time = formatDisplayTime(current.modifiedAt, timeZone).slice(-5);
  return new AppError(
    'STORY_CONFLICT',
    'conflict',
    `Someone else saved this story at ${time}; your changes are kept below — reload to see theirs.`,
    { revision: String(current.revision), savedAt: current.modifiedAt },
  );
}

/**
 * Sets (or, with null, removes) a story's hero image inside the caller's unit of work; a public
 * story's pages (its page, the front page, listings and feeds) are dirtied, a draft's none.
 */
export async function setHeroImage(work: Work, articleId: number, mediaId: number | null): Promise<void> {
  const { trx } = work;
  if (mediaId !== null) {
    const media = await trx.selectFrom('media').select('id').where('id', '=', mediaId).executeTakeFirst();
    if (!media) throw new AppError('MEDIA_NOT_FOUND', 'invalid', `There is no image with id ${mediaId}; pick one from the media library.`, { heroMediaId: 'unknown' });
  }
  const article = await trx.selectFrom('articles').select(['id', 'hero_media_id']).where('id', '=', articleId).executeTakeFirst();
  if (!article) throw new AppError('ARTICLE_NOT_FOUND', 'not_found', `There is no story with id ${articleId}.`);
  if ((article.hero_media_id === null ? null : Number(article.hero_media_id)) === mediaId) return;
  await trx.updateTable('articles').set({ hero_media_id: mediaId }).where('id', '=', articleId).execute();
  work.dirty(await cacheKeysOfStory(trx, articleId));
}

async function remembered<T>(memo: Map<string, T> | undefined, name: string, find: () => Promise<T>): Promise<T> {
  const known = memo?.get(name);
  if (known) return known;
  const found = await find();
  memo?.set(name, found);
  return found;
}

async function resolveSection(trx: Transaction, wanted: string | null, taxonomy: TaxonomyMemo | undefined): Promise<Section> {
  const sections = taxonomy?.sections ?? (await listSections(trx));
  if (taxonomy) taxonomy.sections = sections;
  if (sections.length === 0) throw new AppError('NO_SECTIONS', 'unavailable', 'No sections exist yet: run the migrations first.');
  if (wanted === null) return sections[0]!;
  const key = slugify(wanted);
  const section = sections.find((s) => s.slug === key || slugify(s.name) === key);
  if (!section) {
    throw new AppError('SECTION_NOT_FOUND', 'invalid', `Unknown section "${wanted}". Known sections: ${sections.map((s) => s.name).join(', ')}.`, {
      section: wanted,
    });
  }
  return section;
}

function prepareArticle(input: ArticleInput, section: Section, existing: StoredArticle | undefined, context: SaveContext): StoredArticle {
  const title = cleanText(input.title).trim();
  if (!title) throw new AppError('TITLE_REQUIRED', 'invalid', 'A story needs a title.', { title: 'required' });
  const excerpt = cleanText(input.excerpt ?? '').trim() || null;
  // A step that keeps the stored body (a correction, publishing) reuses its sanitized form, word
  // count and teaser: sanitizing is idempotent, and redoing it on a large story holds the loop.
  const keptBody = existing && input.bodyHtml === existing.bodyHtml ? existing : undefined;
  // A body sealed by the sanitizer in this process (feed copy, sanitized when normalized) is not
  // sanitized twice, nor read again for its text.
  const isSealed = !keptBody && isSealedBody(input.bodyHtml, input.bodyText, input.bodySeal);
  const bodyHtml = keptBody ? keptBody.bodyHtml : isSealed ? input.bodyHtml : sanitizeBodyHtml(cleanText(input.bodyHtml));
  const bodyText = keptBody && (excerpt || !keptBody.excerpt) ? undefined : isSealed ? input.bodyText! : htmlToText(bodyHtml);
  const isPublished = input.status === 'published';
  // An input without a publication time (a ninjs item with no dates) keeps the stored one: importing
  // it again must not make a new version that moves the story to the top of every listing.
  const publishedAt = input.publishedAt ? toStoredTime(input.publishedAt) : (existing?.publishedAt ?? (isPublished ? context.now.toISOString() : null));
  const updatedAtInput = input.updatedAt ? toStoredTime(input.updatedAt) : null;
  const updatedAt = updatedAtInput && publishedAt && updatedAtInput > publishedAt ? updatedAtInput : null;
  // The URL's date is the first publication date in the site's time zone, fixed once set.
  const urlDate = existing?.urlDate ?? (isPublished && publishedAt ? calendarDate(publishedAt, context.timeZone) : null);
  const nowIso = context.now.toISOString();
  return {
    id: existing?.id ?? 0,
    uri: input.uri,
    slug: input.slug ? slugify(input.slug) || 'story' : (existing?.slug ?? (slugify(title) || 'story')),
    urlDate,
    status: input.status,
    title,
    dek: cleanText(input.dek).trim(),
    excerpt,
    teaser: excerpt ?? (bodyText === undefined ? keptBody!.teaser : deriveTeaser(bodyText)),
    bodyHtml,
    sectionSlug: section.slug,
    sectionName: section.name,
    bylines: unique(input.bylines.map((name) => cleanText(name).trim()).filter(Boolean)),
    tags: input.tags.map((tag) => ({ kind: tag.kind, name: cleanText(tag.name).trim() })).filter((tag) => tag.name),
    canonicalUrl: input.canonicalUrl,
    source: input.source,
    language: input.language,
    wordCount: bodyText === undefined ? keptBody!.wordCount : countWords(bodyText),
    publishedAt,
    updatedAt,
    createdAt: existing?.createdAt ?? nowIso,
    modifiedAt: nowIso,
    revision: (existing?.revision ?? 0) + 1,
  };
}

// The fields a new version can change; bookkeeping (ids, times of saving, revision) is left out.
function versionFingerprint(article: StoredArticle): string {
  const { id, createdAt, modifiedAt, revision, sectionName, teaser, wordCount, ...content } = article;
  return JSON.stringify(content);
}

function isSameVersion(existing: StoredArticle, candidate: StoredArticle): boolean {
  return versionFingerprint(existing) === versionFingerprint(candidate);
}

async function chooseFreeSlug(trx: Transaction, wanted: string, articleId: number): Promise<string> {
  let slug = wanted;
  for (let n = 2; await isSlugTaken(trx, slug, articleId); n++) slug = `${wanted}-${n}`;
  return slug;
}

function toRow(article: StoredArticle, section: Section): ArticleRow {
  return {
    uri: article.uri,
    slug: article.slug,
    url_date: article.urlDate,
    status: article.status,
    title: article.title,
    dek: article.dek,
    excerpt: article.excerpt,
    teaser: article.teaser,
    body_html: article.bodyHtml,
    section_id: section.id,
    language: article.language,
    canonical_url: article.canonicalUrl,
    source: article.source,
    word_count: article.wordCount,
    published_at: article.publishedAt,
    updated_at: article.updatedAt,
    created_at: article.createdAt,
    modified_at: article.modifiedAt,
    revision: article.revision,
  };
}

function knownAuthorNamed(known: readonly Author[] | undefined, name: string): Author | undefined {
  const slug = slugify(name);
  return known?.find((author) => slugify(author.name) === slug);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: T[], key: (value: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return values.filter((value) => !seen.has(key(value)) && seen.add(key(value)));
}
