import type { Kysely } from 'kysely';

/**
 * The newsroom's story list, newest saved first (its default order), then by id for its keyset
 * pages. Without an index the list sorted every story, and on SQLite reading `modified_at` meant
 * reading past each story's body, which is stored before it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('articles_modified').on('articles').columns(['modified_at', 'id']).execute();
}
