import type { Kysely } from 'kysely';
import type { Schema, Work } from '../../storage/index.js';
import type { ArticleRow } from './article-store.js';
import { PURGE_EVERYTHING } from '../../changes/index.js';

/** A story row with its id and links, for bulk loading. */
export interface BulkArticle {
  id: number;
  row: ArticleRow;
  authorIds: number[];
  tagIds: number[];
}

// SQLite allows 32,766 bound parameters per statement; stay well under it.
const ROWS_PER_STATEMENT = 400;

/**
 * Inserts many new stories with their links in the caller's unit of work, skipping the per-story
 * checks of saveArticle: the synthetic data sets of benchmarks, up to millions of rows. Ids must be
 * unused. A bulk load is one event, not many editorial steps: it writes no revision per story
 * (each would double the rows for text nobody edits; every story is at revision 1 and stands as
 * loaded) and dirties every page at once.
 */
export async function insertArticlesInBulk({ trx, dirty, reindex, advanceIdSequence }: Work, articles: BulkArticle[]): Promise<void> {
  for (let start = 0; start < articles.length; start += ROWS_PER_STATEMENT) {
    const chunk = articles.slice(start, start + ROWS_PER_STATEMENT);
    await trx.insertInto('articles').values(chunk.map((a) => ({ id: a.id, ...a.row }))).execute();
    const bylines = chunk.flatMap((a) => a.authorIds.map((author_id, position) => ({ article_id: a.id, author_id, position })));
    const tags = chunk.flatMap((a) => a.tagIds.map((tag_id, position) => ({ article_id: a.id, tag_id, position })));
    if (bylines.length) await trx.insertInto('article_authors').values(bylines).execute();
    for (let t = 0; t < tags.length; t += ROWS_PER_STATEMENT * 2) {
      await trx.insertInto('article_tags').values(tags.slice(t, t + ROWS_PER_STATEMENT * 2)).execute();
    }
  }
  await advanceIdSequence('articles');
  // Published ones are found by search from the commit on, like any saved story.
  reindex(articles.map((a) => a.id));
  // So many pages change that naming them is pointless: every cached page goes.
  dirty([PURGE_EVERYTHING]);
}

/** The highest story id in use, or 0. */
export async function maxArticleId(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}
