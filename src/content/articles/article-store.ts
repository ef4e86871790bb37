import type { Kysely, Selectable } from 'kysely';
import type { ArticlesTable, Schema, Transaction } from '../../storage/index.js';
import { isPublic, type StoredArticle, type TagRef } from './article.js';
import { selectArticleListings, selectArticlesInFull, toArticleListing, toArticleRecord } from './article-row.js';
import { cacheKeysForChange, type PublicFootprint } from './public-footprint.js';
import { loadArticleLinks } from './article-links.js';

/** The columns of a story row that the write side maintains (the hero image is set on its own: setHeroImage). */
export type ArticleRow = Omit<Selectable<ArticlesTable>, 'id' | 'hero_media_id'>;

/** A stored story by its external uri, with bylines, tags and section. */
export async function findStoredArticleByUri(db: Kysely<Schema>, uri: string): Promise<StoredArticle | undefined> {
  const [article] = await loadStoredArticles(db, (query) => query.where('articles.uri', '=', uri));
  return article;
}

/** The id of the story with this uri, if one is stored (one indexed lookup, before taking its lock). */
export async function findArticleIdByUri(db: Kysely<Schema>, uri: string): Promise<number | undefined> {
  const row = await db.selectFrom('articles').select('id').where('uri', '=', uri).executeTakeFirst();
  return row === undefined ? undefined : Number(row.id);
}

/** Every stored story, oldest first, in pages (for export). */
export async function* iterateStoredArticles(db: Kysely<Schema>, pageSize = 500): AsyncGenerator<StoredArticle> {
  let afterId = 0;
  for (;;) {
    const page = await loadStoredArticles(db, (query) => query.where('articles.id', '>', afterId).orderBy('articles.id').limit(pageSize));
    if (page.length === 0) return;
    yield* page;
    afterId = page[page.length - 1]!.id;
  }
}

type ArticleQuery = ReturnType<typeof selectArticlesInFull>;

async function loadStoredArticles(db: Kysely<Schema>, refine: (query: ArticleQuery) => ArticleQuery): Promise<StoredArticle[]> {
  const stories = (await refine(selectArticlesInFull(db)).execute()).map(toArticleRecord);
  if (stories.length === 0) return [];
  const { bylines, tags } = await loadArticleLinks(db, stories.map((story) => story.id));
  // Keys in this order: revisions store the snapshot as JSON, and saveArticle compares versions by it.
  return stories.map((story) => ({
    id: story.id,
    uri: story.uri,
    slug: story.slug,
    urlDate: story.urlDate,
    status: story.status,
    title: story.title,
    dek: story.dek,
    excerpt: story.excerpt,
    teaser: story.teaser,
    bodyHtml: story.bodyHtml,
    sectionSlug: story.sectionSlug,
    sectionName: story.sectionName,
    bylines: (bylines.get(story.id) ?? []).map((byline) => byline.name),
    tags: (tags.get(story.id) ?? []).map(({ kind, name }): TagRef => ({ kind, name })),
    canonicalUrl: story.canonicalUrl,
    source: story.source,
    language: story.language,
    wordCount: story.wordCount,
    publishedAt: story.publishedAt,
    updatedAt: story.updatedAt,
    createdAt: story.createdAt,
    modifiedAt: story.modifiedAt,
    revision: story.revision,
  }));
}

/**
 * Inserts a story row under the first free slug of `slug`, `slug-2`, `slug-3`…: the unique index
 * decides (INSERT … ON CONFLICT (slug) DO NOTHING, then the next suffix), so two writers never get
 * one slug. Returns the id and the slug it got.
 */
export async function insertArticleWithFreeSlug(trx: Transaction, row: ArticleRow): Promise<{ id: number; slug: string }> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? row.slug : `${row.slug}-${n}`;
    const inserted = await trx
      .insertInto('articles')
      .values({ ...row, slug })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: Number(inserted.id), slug };
  }
}

/**
 * Overwrites a story row if it is still at the given revision (UPDATE … WHERE id = ? AND
 * revision = ?); false when another save got there first.
 */
export async function updateArticleAtRevision(trx: Transaction, id: number, revision: number, row: ArticleRow): Promise<boolean> {
  const result = await trx.updateTable('articles').set(row).where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The cache keys a change to a story dirties when it stays as public as it was (a correction, a new hero image). */
export async function cacheKeysOfStory(trx: Transaction, articleId: number): Promise<string[]> {
  const footprint = await loadPublicFootprint(trx, articleId);
  return cacheKeysForChange(footprint, footprint);
}

/** What readers see of a story that decides which pages show it (section, tags, authors); null unless it is published. */
export async function loadPublicFootprint(db: Kysely<Schema>, articleId: number): Promise<PublicFootprint | null> {
  const row = await selectArticleListings(db).where('articles.id', '=', articleId).executeTakeFirst();
  const story = row && toArticleListing(row);
  if (!story || !isPublic(story.status)) return null;
  const [authors, tags] = await Promise.all([
    db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select('authors.slug').where('article_authors.article_id', '=', articleId).execute(),
    db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('tags.slug').where('article_tags.article_id', '=', articleId).execute(),
  ]);
  return { id: articleId, sectionSlug: story.sectionSlug, authorSlugs: authors.map((a) => a.slug), tagSlugs: tags.map((t) => t.slug) };
}

/** Replaces a story's bylines and tags with the given ids, in order (a story just created has none to remove). */
export async function replaceArticleLinks(trx: Transaction, articleId: number, authorIds: number[], tagIds: number[], { isNew = false } = {}): Promise<void> {
  if (!isNew) {
    await trx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
    await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  }
  if (authorIds.length > 0) {
    await trx
      .insertInto('article_authors')
      .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })))
      .execute();
  }
  if (tagIds.length > 0) {
    await trx
      .insertInto('article_tags')
      .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
      .execute();
  }
}

/** Whether a slug is taken by a story other than the given one (a story's slug change; new stories insert with insertArticleWithFreeSlug). */
export async function isSlugTaken(trx: Transaction, slug: string, exceptArticleId: number | null): Promise<boolean> {
  let query = trx.selectFrom('articles').select('id').where('slug', '=', slug);
  if (exceptArticleId !== null) query = query.where('id', '!=', exceptArticleId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Remembers a former public path of a story so it can redirect. */
export async function recordFormerPath(trx: Transaction, articleId: number, urlDate: string, slug: string, now: Date): Promise<void> {
  await trx.deleteFrom('slug_history').where('url_date', '=', urlDate).where('slug', '=', slug).execute();
  await trx.insertInto('slug_history').values({ article_id: articleId, url_date: urlDate, slug, created_at: now.toISOString() }).execute();
}

/** Stores a full snapshot of a story as a revision. */
export async function insertRevision(
  trx: Kysely<Schema>,
  revision: { articleId: number; revision: number; snapshot: StoredArticle; note: string; createdBy: string; now: Date },
): Promise<void> {
  await trx
    .insertInto('revisions')
    .values({
      article_id: revision.articleId,
      revision: revision.revision,
      snapshot: JSON.stringify(revision.snapshot),
      note: revision.note,
      created_by: revision.createdBy,
      created_at: revision.now.toISOString(),
    })
    .execute();
}

/** How many revisions a story has. */
export async function countRevisions(db: Kysely<Schema>, articleId: number): Promise<number> {
  const row = await db.selectFrom('revisions').select((eb) => eb.fn.countAll().as('n')).where('article_id', '=', articleId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Moves a published story's updated time to now (a live story's new update is news: feeds and
 * structured data show the story as updated); a story not published is left alone. Whether it moved.
 */
export async function touchPublishedStory(trx: Transaction, articleId: number, now: Date): Promise<boolean> {
  const result = await trx.updateTable('articles').set({ updated_at: now.toISOString() }).where('id', '=', articleId).where('status', '=', 'published').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
