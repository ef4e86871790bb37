import type { Kysely, Selectable } from 'kysely';
import type { ArticlesTable, Schema, Transaction } from '../../storage/index.js';
import { isPublic, type ArticleStatus, type StoredArticle, type TagRef } from './article.js';
import { cacheKeysForChange, type PublicFootprint } from './public-footprint.js';
import { loadArticleLinks } from './article-links.js';

/** The columns of a story row that the write side maintains (the hero image is set on its own: setHeroImage). */
export type ArticleRow = Omit<Selectable<ArticlesTable>, 'id' | 'hero_media_id'>;

/** A stored story by its external uri, with bylines, tags and section. */
export async function findStoredArticleByUri(db: Kysely<Schema>, uri: string): Promise<StoredArticle | undefined> {
  const [article] = await loadStoredArticles(db, (query) => query.where('articles.uri', '=', uri));
  return article;
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

type ArticleQuery = ReturnType<typeof selectStoredArticles>;

function selectStoredArticles(db: Kysely<Schema>) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .selectAll('articles')
    .select(['sections.slug as section_slug', 'sections.name as section_name']);
}

async function loadStoredArticles(db: Kysely<Schema>, refine: (query: ArticleQuery) => ArticleQuery): Promise<StoredArticle[]> {
  const rows = await refine(selectStoredArticles(db)).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => Number(row.id));
  const { bylines, tags } = await loadArticleLinks(db, ids);
  return rows.map((row) => {
    const id = Number(row.id);
    return {
      id,
      uri: row.uri,
      slug: row.slug,
      urlDate: row.url_date,
      status: row.status as ArticleStatus,
      title: row.title,
      dek: row.dek,
      excerpt: row.excerpt,
      teaser: row.teaser,
      bodyHtml: row.body_html,
      sectionSlug: row.section_slug,
      sectionName: row.section_name,
      bylines: (bylines.get(id) ?? []).map((byline) => byline.name),
      tags: (tags.get(id) ?? []).map(({ kind, name }): TagRef => ({ kind, name })),
      canonicalUrl: row.canonical_url,
      source: row.source,
      language: row.language,
      wordCount: row.word_count,
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      createdAt: row.created_at,
      modifiedAt: row.modified_at,
      revision: row.revision,
    };
  });
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
  const story = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.status', 'sections.slug'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!story || !isPublic(story.status as ArticleStatus)) return null;
  const [authors, tags] = await Promise.all([
    db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select('authors.slug').where('article_authors.article_id', '=', articleId).execute(),
    db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('tags.slug').where('article_tags.article_id', '=', articleId).execute(),
  ]);
  return { id: articleId, sectionSlug: story.slug, authorSlugs: authors.map((a) => a.slug), tagSlugs: tags.map((t) => t.slug) };
}

/** Replaces a story's bylines and tags with the given ids, in order. */
export async function replaceArticleLinks(trx: Transaction, articleId: number, authorIds: number[], tagIds: number[]): Promise<void> {
  await trx.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
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
