import type { Kysely } from 'kysely';
import { appendChangeEvent } from '../changes/index.js';
import { AppError } from '../errors.js';
import type { Schema } from '../storage/index.js';
import type { ArticleInput, StoredArticle } from './article.js';
import { cleanText, countWords, deriveTeaser, htmlToText, slugify } from './article-text.js';
import {
  findStoredArticleByUri,
  insertArticle,
  insertRevision,
  isSlugTaken,
  listArticleAuthorSlugs,
  recordFormerPath,
  replaceArticleLinks,
  updateArticle,
  type ArticleRow,
} from './article-store.js';
import { calendarDate, toStoredTime } from './publication-time.js';
import { sanitizeBodyHtml } from './sanitize-body.js';
import { findOrCreateAuthor, findOrCreateTag, listSections, type Author, type Section, type StoredTag } from './taxonomy-store.js';

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
}

/** What a save did. */
export interface SaveResult {
  id: number;
  outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * Creates or updates the story with input.uri, inside the caller's transaction: sanitizes the
 * body, derives teaser and word count, fixes the URL date at first publication, records a
 * revision and a change event naming every cache key the change dirties. Saving an identical
 * version changes nothing.
 */
export async function saveArticle(trx: Kysely<Schema>, input: ArticleInput, context: SaveContext): Promise<SaveResult> {
  const section = await resolveSection(trx, input.section);
  const existing = await findStoredArticleByUri(trx, input.uri);
  const candidate = prepareArticle(input, section, existing, context);
  // Names resolve to the stored people and tags first, so spelling variants don't count as changes.
  // One at a time: two names with one slug must find the row the first one created.
  const authors: Author[] = [];
  for (const name of candidate.bylines) authors.push(knownAuthorNamed(context.knownAuthors, name) ?? (await findOrCreateAuthor(trx, name, context.now)));
  const tags: StoredTag[] = [];
  for (const tag of candidate.tags) tags.push(await findOrCreateTag(trx, tag.kind, tag.name));
  candidate.bylines = uniqueBy(authors, (a) => a.id).map((author) => author.name);
  candidate.tags = uniqueBy(tags, (t) => t.id).map((tag) => ({ kind: tag.kind, name: tag.name }));
  if (existing && isSameVersion(existing, candidate)) return { id: existing.id, outcome: 'unchanged' };

  candidate.slug = await chooseFreeSlug(trx, candidate.slug, existing?.id ?? null);
  const row = toRow(candidate, section);
  const id = existing ? existing.id : await insertArticle(trx, row);
  // Author pages are keyed by slug, and two authors of one name have different slugs: purge by the rows, before and after.
  const authorKeys = [...(existing ? await listArticleAuthorSlugs(trx, id) : []), ...authors.map((a) => a.slug)].map((slug) => `author:${slug}`);
  if (existing) {
    await updateArticle(trx, id, row);
    if (existing.urlDate && (existing.slug !== candidate.slug || existing.urlDate !== candidate.urlDate)) {
      await recordFormerPath(trx, id, existing.urlDate, existing.slug, context.now);
    }
  }
  await replaceArticleLinks(trx, id, uniqueBy(authors, (a) => a.id).map((a) => a.id), uniqueBy(tags, (t) => t.id).map((t) => t.id));
  await insertRevision(trx, {
    articleId: id,
    revision: candidate.revision,
    snapshot: { ...candidate, id },
    note: context.note ?? (existing ? 'Updated' : 'Created'),
    createdBy: context.actor,
    now: context.now,
  });
  const keys = cacheKeysFor({ ...candidate, id });
  if (existing) keys.push(...cacheKeysFor(existing));
  keys.push(...authorKeys);
  await appendChangeEvent(trx, unique(keys), context.now);
  return { id, outcome: existing ? 'updated' : 'created' };
}

/** The cache keys a story appears under: its page, the front page, its section, topics, authors, feeds and sitemaps. */
export function cacheKeysFor(article: Pick<StoredArticle, 'id' | 'sectionSlug' | 'tags' | 'bylines'>): string[] {
  return [
    `article:${article.id}`,
    'home',
    `section:${article.sectionSlug}`,
    ...article.tags.map((tag) => `topic:${slugify(tag.name)}`),
    ...article.bylines.map((name) => `author:${slugify(name)}`),
    'feeds',
    'sitemaps',
    // Pages that answered 404 may now exist.
    'missing',
  ];
}

async function resolveSection(trx: Kysely<Schema>, wanted: string | null): Promise<Section> {
  const sections = await listSections(trx);
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
  const bodyHtml = sanitizeBodyHtml(cleanText(input.bodyHtml));
  const bodyText = htmlToText(bodyHtml);
  const title = cleanText(input.title).trim();
  if (!title) throw new AppError('TITLE_REQUIRED', 'invalid', 'A story needs a title.', { title: 'required' });
  const excerpt = cleanText(input.excerpt ?? '').trim() || null;
  const isPublished = input.status === 'published';
  const publishedAt = input.publishedAt ? toStoredTime(input.publishedAt) : isPublished ? context.now.toISOString() : null;
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
    teaser: excerpt ?? deriveTeaser(bodyText),
    bodyHtml,
    sectionSlug: section.slug,
    sectionName: section.name,
    bylines: unique(input.bylines.map((name) => cleanText(name).trim()).filter(Boolean)),
    tags: input.tags.map((tag) => ({ kind: tag.kind, name: cleanText(tag.name).trim() })).filter((tag) => tag.name),
    canonicalUrl: input.canonicalUrl,
    source: input.source,
    language: input.language,
    wordCount: countWords(bodyText),
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

async function chooseFreeSlug(trx: Kysely<Schema>, wanted: string, articleId: number | null): Promise<string> {
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
